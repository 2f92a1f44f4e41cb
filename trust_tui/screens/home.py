"""Home: both names, the eight steps and where each lives, and what is due."""

from __future__ import annotations

from itertools import zip_longest

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trust_tui.domain.steps import STEPS
from trust_tui.screens.areas import AREAS
from trust_tui.screens.base import AreaScreen
from trust_tui.texts import SAFETY_NOTE
from trust_tui.widgets.footer import KeyFooter
from trust_tui.widgets.keys import keyed, shown_key


class HomeBody(Horizontal):
    """Home's two columns. Too narrow for both (the list of keys open at 80
    columns), the steps step aside rather than wrap a few letters a line."""

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 64, "-narrow")


class HomeScreen(AreaScreen):
    BINDINGS = keyed("home", [
        ("c", "app.check_in", "Check-in"),
        ("h", "app.honesty", "Honesty log"),
        # Listed beside "Today" with the area keys; the footer keeps room for f2.
        Binding("question_mark", "safety_note", "Safety note", show=False),
        Binding("s", "app.settings", "Settings", show=False),
        # Named in the "Today" line about a sync service's other copy, when there is one.
        Binding("m", "app.bring_in_copy", "Other copy", show=False),
        # The area keys are listed beside "Today"; out of the footer they leave it
        # room for the keys that have no other place (the break among them).
        # Each with an id ("home.journal"), so a keymap can move it too.
        *(Binding(area.key, f"app.open_area('{area.mode}')", area.title, show=False,
                  id=f"home.{area.mode}") for area in AREAS),
    ])

    def compose(self) -> ComposeResult:
        yield Static("", id="home-names")
        with HomeBody(id="home-body"):
            with VerticalScroll(id="home-steps"):
                yield Static("The eight steps", classes="section-title")
                yield Static("", id="steps-list")
            with Vertical(id="home-side"):
                yield Static("Today", classes="section-title")
                # What is due scrolls; every key below it stays in sight, even at 80x24.
                with VerticalScroll(id="due-scroll"):
                    yield Static("", id="due-list")
                # In words, not only a scrollbar: a short window hides some of the list.
                yield Static("", id="due-more")
                yield Static("", id="home-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.watch(self.query_one("#due-scroll"), "scroll_y", lambda _y: self._say_if_more(),
                   init=False)

    def reload(self) -> None:
        names = [p.name for p in self.vault.partners]
        # Generation 1 is the vault as setup wrote it: nothing saved since.
        greeting = "  -  welcome back" if self.vault.generation > 1 else "  -  welcome"
        self.query_one("#home-names", Static).update(
            Content.assemble((" & ".join(names), "bold"), greeting))
        self.query_one("#steps-list", Static).update(self._steps_content())
        self.query_one("#due-list", Static).update(self._due_content())
        self.call_after_refresh(self._say_if_more)
        self.query_one("#home-keys", Static).update(Content(self._keys_text()))

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_if_more)

    def _say_if_more(self) -> None:
        scroll = self.query_one("#due-scroll", VerticalScroll)
        hidden = scroll.max_scroll_y - scroll.scroll_y
        more = self.query_one("#due-more", Static)
        more.update(f"▼ {hidden} more line{'s' if hidden != 1 else ''} below: scroll "
                    "to see them" if hidden > 0 else "")
        more.display = hidden > 0

    def _key(self, binding: str, usual: str) -> str:
        """The key to name for this binding id, as the couple's keymap has it."""
        return shown_key(getattr(self.app, "keymap_loaded", {}), binding, usual)

    def _keys_text(self) -> str:
        """Two columns (the areas, then the rest): at 80x24 "Today" keeps room to show."""
        areas = [f"{self._key(f'home.{area.mode}', area.key)}  {area.title}"
                 for area in AREAS]
        others = [f"{self._key(binding, usual)}  {what}" for binding, usual, what in (
            ("home.check_in", "c", "Daily check-in"), ("home.honesty", "h", "Honesty log"),
            ("app.take_break", "f2", "Take a break"), ("app.lock", "ctrl+l", "Lock now"),
            ("home.settings", "s", "Settings"), ("home.safety_note", "?", "Safety note"),
            ("app.quit", "ctrl+q", "Quit"))]
        width = max(map(len, areas)) + 2
        return "\n".join(left.ljust(width) + right
                         for left, right in zip_longest(areas, others, fillvalue="")).rstrip()

    def _steps_content(self) -> Content:
        lines = []
        for number, title, hint in STEPS:
            places = [f"{a.title} ({self._key(f'home.{a.mode}', a.key)})" for a in AREAS
                      if number in a.steps]
            where = ", ".join(places) if places else "talk it through together"
            lines.append(Content.assemble(
                (f"{number}. {title}", "bold"), f"\n   {hint}\n   ", ("Where: ", "dim"), where))
        return Content("\n").join(lines)

    def _due_content(self) -> Content:
        today = self.today()
        lines: list[str] = []
        for area in AREAS:
            try:
                lines += self.trust_app.due_lines(area.mode, today)
            except Exception as error:  # one area's hiccup must not hide home
                self.log.error(f"due lines for {area.mode}: {error!r}")
        lines += self.trust_app.sync_copy_lines()
        if not lines:
            lines = ["Nothing is due today. Any small step counts."]
        left_out = sum(self.vault.unreadable.values())  # as the areas read them so far
        if left_out:
            lines.append(f"{left_out} record{'s' if left_out != 1 else ''} could not be read "
                         "and left out; `trust-tui check` lists them.")
        return Content("\n").join(Content("- " + line) for line in lines)

    def action_safety_note(self) -> None:
        self.notify(SAFETY_NOTE, title="Safety note", timeout=20, markup=False)
