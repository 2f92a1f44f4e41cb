"""Past talks, inside Talk together (`y` on the start form, or "Past talks" in the
palette there).

Newest first, a page at a time: each talk's topic and subject, when, whether it
ended or is still under way, the turns and minutes each of you spoke, the
feelings named, the lines said back, the breaks, how safe each of you felt
afterwards and the next steps. A next step can start the next talk: `n` (or tab)
goes to the next steps, enter on one closes this screen with it, and the start
form opens an open talk about it. Everything the couple typed is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trust_tui.domain.agreements_md import long_date
from trust_tui.domain.talk_history import (
    PastTalk,
    count_text,
    minutes_text,
    newest_first,
    past_talk,
)
from trust_tui.models import TalkSession
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.limits import shortened
from trust_tui.widgets.option_lists import replace_options
from trust_tui.widgets.paged_list import EMPTY, PagedList
from trust_tui.widgets.typed import typed

PAGE = 50
NO_TALKS = "No talks yet. Each talk you have is kept here, newest first."


def when(talk: PastTalk) -> str:
    local = talk.started_at.astimezone()
    return f"{long_date(local)}, {local:%H:%M}"


def list_line(talk: PastTalk) -> Content:
    """One talk in the list: when, what about, and whether it is still under way."""
    head = typed(talk.title + (f": {shortened(' '.join(talk.subject.split()), 40)}"
                               if talk.subject else ""))
    state = " (still under way)" if talk.under_way else ""
    return Content.assemble((when(talk) + state, "dim"), "\n", head)


def talk_detail(talk: PastTalk, names: Mapping[str, str]) -> Content:
    """Everything the talk produced, as lines; the couple's words exactly as typed."""
    def who(pid: str | None) -> str:
        return names.get(pid or "", "someone")

    length = minutes_text(talk.seconds_long) if talk.seconds_long is not None else None
    state = "still under way" if length is None else f"ended, {length} in all"
    ritual = " (part of a ritual)" if talk.in_ritual else ""
    lines: list[Content] = [Content.assemble((talk.title, "bold"), ritual),
                            typed(f"{when(talk)}: {state}.")]
    if talk.subject:
        lines.append(Content.assemble("About: ", typed(talk.subject)))
    if talk.naming_id is not None:
        lines.append(typed(f"{who(talk.naming_id)} named what happened."))
    lines.append(Content(""))
    for part in talk.partners:
        line = (f"{who(part.partner_id)}: {count_text(part.turns, 'turn')}, "
                f"{minutes_text(part.spoken_seconds)} speaking.")
        if part.feelings:
            line += " Feelings named: " + ", ".join(part.feelings) + "."
        lines.append(typed(line))
    if talk.said_back:
        lines += [Content(""), Content("Said back:")]
        for said in talk.said_back:
            heard = "confirmed" if said.confirmed else "not confirmed"
            lines.append(Content.assemble(
                typed(f"{who(said.listener_id)}, of {who(said.speaker_id)}'s turn "),
                (f"({heard})", "dim"), ": ", typed(said.text)))
    if talk.repairs:
        lines += [Content(""), Content("Repair words reached for:")]
        lines += [typed(f"{who(by)}: {phrase}") for by, phrase in talk.repairs]
    lines.append(Content(""))
    lines.append(typed(
        f"{count_text(talk.breaks, 'break')}, {minutes_text(talk.break_seconds)} in all."
        if talk.breaks else "No breaks."))
    ratings = [f"{who(p.partner_id)} {p.rating} of 10" if p.rating is not None
               else f"{who(p.partner_id)} not given" for p in talk.partners]
    lines.append(typed("How safe afterwards (1 to 10): " + ", ".join(ratings) + "."))
    lines.append(Content(""))
    lines.append(Content("Next steps: n, then enter on one to talk about it next."
                         if talk.next_steps else "No next steps noted."))
    return Content("\n").join(lines)


class TalkHistory(AreaScreen):
    """Past talks; dismissed with a next step to start from (or None)."""

    CSS_PATH = sheet("talk_history")

    BINDINGS = keyed("talk.history", [
        Binding("n", "next_steps", "Talk about a next step"),
        Binding("escape", "back", "Back"),
    ])

    def __init__(self) -> None:
        super().__init__()
        self._talk_past: dict[str, PastTalk] = {}
        self._talk_names: dict[str, str] = {}
        self._talk_shown: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("Past talks, newest first", id="history-title")
        with Horizontal(id="history-body"):
            yield PagedList(page=PAGE, older="Show older talks", id="history-list")
            with VerticalScroll(id="history-detail"):
                yield Static("", id="history-text")
                yield OptionList(id="history-steps")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.listing.focus()

    @property
    def listing(self) -> PagedList:
        return self.query_one("#history-list", PagedList)

    @property
    def steps(self) -> OptionList:
        return self.query_one("#history-steps", OptionList)

    def reload(self) -> None:
        vault = self.vault
        couple = [p.id for p in vault.partners]
        self._talk_names = {p.id: p.name for p in vault.partners}
        talks = newest_first(vault.all(TalkSession))
        shown = [past_talk(t, couple) for t in talks[: self.listing.shown]]
        self._talk_past = {t.id: t for t in shown}
        self.listing.show([Option(list_line(t), id=t.id) for t in shown], total=len(talks),
                          empty=NO_TALKS)
        self._show(self.listing.highlighted_option, force=True)

    @on(PagedList.MoreWanted)
    def _more(self) -> None:
        self.reload()

    @on(OptionList.OptionHighlighted, "#history-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option)

    def _show(self, option: Option | None, *, force: bool = False) -> None:
        talk = self._talk_past.get(option.id or "") if option is not None else None
        key = talk.id if talk is not None else None
        if key == self._talk_shown and not force:
            return
        self._talk_shown = key
        text = self.query_one("#history-text", Static)
        if talk is None:
            text.update(Content(NO_TALKS if option is None or option.id == EMPTY else ""))
            self.steps.set_options([])
        else:
            text.update(talk_detail(talk, self._talk_names))
            replace_options(self.steps, [Option(Content.assemble("- ", typed(step)),
                                                id=str(number))
                                         for number, step in enumerate(talk.next_steps)],
                            first=False)
        self.steps.display = bool(self.steps.option_count)

    @property
    def talk_shown(self) -> PastTalk | None:
        return self._talk_past.get(self._talk_shown or "")

    def action_next_steps(self) -> None:
        if self.steps.option_count:
            self.steps.focus()
            if self.steps.highlighted is None:
                self.steps.highlighted = 0
        else:
            self.notify("This talk has no next steps noted.", markup=False)

    @on(OptionList.OptionSelected, "#history-steps")
    def _start_from(self, event: OptionList.OptionSelected) -> None:
        talk = self.talk_shown
        if talk is not None and event.option.id is not None:
            self.dismiss(talk.next_steps[int(event.option.id)])

    def action_back(self) -> None:
        if self.focused is not None and self.focused is not self.listing:
            self.listing.focus()
        else:
            self.dismiss(None)


class PastTalks(Provider):
    """"Past talks" in the command palette, on the talk screen."""

    TITLE = "Past talks"
    HELP = "Your talks, newest first, and their next steps (y)"

    def _open_now(self) -> bool:
        """Only from the start of a talk (not in the middle of one)."""
        return self.screen.check_action("history", ()) is True

    async def discover(self) -> Hits:
        if self._open_now():
            yield DiscoveryHit(self.TITLE, self._open, help=self.HELP)

    async def search(self, query: str) -> Hits:
        if not self._open_now():
            return
        matcher = self.matcher(query)
        score = matcher.match(self.TITLE)
        if score > 0:
            yield Hit(score, matcher.highlight(self.TITLE), self._open, help=self.HELP)

    async def _open(self) -> None:
        await self.screen.run_action("history")
