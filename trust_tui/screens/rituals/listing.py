"""The list of rituals, and home's gentle lines about them.

`RitualsScreen` lists them (and says gently when a weekly meeting is due, or
one was left under way: continue it, or end it here).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from trust_tui.domain import rituals
from trust_tui.domain.flow import Item, Ritual
from trust_tui.models import Agreement, FollowThrough, MiniGoal, RitualRun, Win
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.rituals.notes import NOT_LINKED
from trust_tui.screens.rituals.run import RitualRunScreen
from trust_tui.store.rituals import RITUAL_NAMES, unfinished
from trust_tui.vault import Vault
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.keys import keyed


def due_rituals(vault: Vault, today: date) -> list[str]:
    """Home's gentle lines: a ritual left under way, and when a weekly meeting is due."""
    lines = []
    run = unfinished(vault)
    if run is not None:
        lines.append(f"{under_way(run)}: still open (r)")
    line = rituals.weekly_due(vault.all(RitualRun), today)
    return lines + ([line] if line else [])


def started_words(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar'."""
    return f"{RITUAL_NAMES.get(run.ritual, run.ritual)} from {run.started_at.astimezone():%a %d %b}"


def under_way(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar, left at step 3 of 6'."""
    keys = [s.step for s in run.steps]
    at = keys.index(run.at_step) + 1 if run.at_step in keys else 1
    return f"{started_words(run)}, left at step {at} of {len(keys)}"


class RitualsScreen(AreaScreen):
    CSS_PATH = sheet("rituals")

    BINDINGS = keyed("rituals", [
        Binding("c", "go_on", "Continue"),
        Binding("x", "end_unfinished", "End it"),
        Binding("w", "start('weekly')", "Weekly meeting"),
        Binding("s", "start('setback')", "Setback"),
        Binding("a", "start('safety')", "Safety check, alone"),
        Binding("escape", "app.go_home", "Home"),
    ])

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="rituals-body"):
            yield Static("Rituals", classes="section-title")
            yield Static("Small, regular habits that keep repair going. Each one can be "
                         "stopped, paused with a break, or have steps left out.",
                         classes="lead")
            yield Static("", id="rituals-unfinished")
            yield OptionList(id="rituals-list")
            yield Static("", id="rituals-due")
            yield Static("", id="rituals-recent", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        items = [("weekly", "w", rituals.weekly()), ("setback", "s", rituals.setback()),
                 ("safety", "a", rituals.SAFETY_CHECK)]
        options = [Option(Content.assemble((f"{key}  {r.title}", "bold"),
                                           f"   (about {r.minutes} min)\n   ",
                                           (r.description, "dim")), id=kind)
                   for kind, key, r in items]
        self.query_one("#rituals-list", OptionList).add_options(options)
        self.query_one("#rituals-list", OptionList).focus()
        self.reload()

    def reload(self) -> None:
        due = rituals.weekly_due(self.vault.all(RitualRun), self.today())
        self.query_one("#rituals-due", Static).update(Content(due or ""))
        runs = sorted((r for r in self.vault.all(RitualRun)), key=lambda r: r.started_at,
                      reverse=True)[:3]
        names = {"weekly": "Weekly meeting", "setback": "Talked through a setback"}
        lines = [f"{names.get(r.ritual, r.ritual)}: {r.started_at.astimezone():%a %d %b}"
                 + (" (under way)" if r.in_progress else "") for r in runs]
        recent = ("Recently: " + "; ".join(lines)) if lines else ""
        self.query_one("#rituals-recent", Static).update(Content(recent))
        run = unfinished(self.vault)
        line = self.query_one("#rituals-unfinished", Static)
        line.display = run is not None
        if run is not None:
            line.update(Content.assemble(
                (f"{under_way(run)}.", "bold"),
                " c continues it where you left off; x ends it here (all you wrote is kept)."))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("go_on", "end_unfinished"):
            return unfinished(self.vault) is not None
        return True

    def action_go_on(self) -> None:
        run = unfinished(self.vault)
        if run is not None:
            self.app.push_screen(RitualRunScreen(self.build(run.ritual), resume=run))

    def action_end_unfinished(self) -> None:
        run = unfinished(self.vault)
        if run is None:
            return

        def answered(end: bool | None) -> None:
            if end:
                self.app.push_screen(RitualRunScreen(self.build(run.ritual), resume=run,
                                                     end_now=True))

        what = started_words(run)
        self.app.push_screen(ConfirmModal(
            f"End the {what[0].lower()}{what[1:]} here?",
            "End it here", "Keep it for later",
            detail="What you wrote is kept; the steps not reached are noted as left out."),
            answered)

    @on(OptionList.OptionSelected, "#rituals-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_start(event.option.id or "")

    def action_start(self, kind: str) -> None:
        if kind == "safety":
            self.trust_app.action_solo_safety()  # a screen of the safety area
            return
        if kind in (rituals.WEEKLY, rituals.SETBACK):
            self.app.push_screen(RitualRunScreen(self.build(kind)))

    def build(self, kind: str) -> Ritual:
        """The ritual with what it looks at today (agreements due, wins, expectations)."""
        vault, today = self.vault, self.today()
        if kind == rituals.WEEKLY:
            agreements = vault.all(Agreement)
            return rituals.weekly(
                went_well=rituals.went_well_items(agreements, vault.all(FollowThrough),
                                                  vault.all(Win), vault.all(MiniGoal), today),
                due=rituals.due_items(agreements, today))
        links = rituals.expectation_items(vault.all(Agreement))
        return rituals.setback([Item(NOT_LINKED, "Not about one of your expectations"),
                                *links])
