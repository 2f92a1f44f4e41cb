"""`WinsScreen`: the goals on the left, the wall on the right; a, t and s write a
card, g sets a goal, l logs today's step. Every write goes through store.wins."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static

from trust_tui.domain.partners import me_first
from trust_tui.domain.wins import (
    cards_from,
    goal_progress,
    log_progress,
    not_counted_words,
    progress_words,
    setback_framing,
    target_words,
)
from trust_tui.models import MiniGoal, Partner, Setback, Win
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.wins.celebration import Celebration
from trust_tui.screens.wins.forms import CardDraft, CardForm, GoalDraft, GoalForm
from trust_tui.screens.wins.goals import GoalList
from trust_tui.screens.wins.wall import CardWall
from trust_tui.store import wins as store_wins
from trust_tui.store.wins import CardKind

SAVED_WORDS = {
    "win": "On the wall.",
    "thanks": "Thank-you on the wall.",
    "setback": "Noted. It is part of the way, not the end of it.",
}
LOG_HINT = "l  log today's progress on the highlighted goal"


class WinsScreen(AreaScreen):
    CSS_PATH = sheet("wins")

    BINDINGS = [
        Binding("a", "add_card('win')", "Win"),
        Binding("t", "add_card('thanks')", "Thank you"),
        Binding("g", "add_goal", "New goal"),
        Binding("l", "log_goal", "Log goal"),
        Binding("L", "log_goal(True)", "Log yesterday", show=False),
        Binding("s", "add_card('setback')", "Setback"),
        Binding("escape", "app.go_home", "Home"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Wins wall: small wins, thank-yous and mini-goals. All voluntary.",
                     id="wins-title")
        with Horizontal(id="wins-body"):
            with Vertical(id="wins-goals"):
                yield Static("Mini-goals", classes="section-title")
                yield GoalList(id="goal-list")
                yield Static("", id="goal-hint", classes="hint")
            with Vertical(id="wins-wall"):
                yield CardWall(id="wall")
                yield Static("", id="wall-note", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(CardWall).focus()

    def who(self, partner_id: str | None) -> str:
        return self.vault.name_of(partner_id)

    def partners(self) -> list[Partner]:
        return me_first(self.vault.partners, self.vault.me.id)

    # --- drawing ----------------------------------------------------------------------

    def reload(self, keep_goal: str | None = None) -> None:
        wins, setbacks = self.vault.all(Win), self.vault.all(Setback)
        today = self.today()
        self.query_one(CardWall).show_cards(cards_from(wins, setbacks), today, self.who)
        goals = self.vault.all(MiniGoal)
        self.query_one(GoalList).show(goals, today, self.who, keep_goal)
        self.query_one("#goal-hint", Static).update(LOG_HINT if goals else "")
        self.query_one("#wall-note", Static).update(setback_framing(len(setbacks), len(wins)))

    @on(OptionList.OptionSelected, "#goal-list")
    def _log_selected(self) -> None:
        self.action_log_goal()

    # --- adding ------------------------------------------------------------------------

    def action_add_card(self, kind: CardKind, draft: CardDraft | None = None) -> None:
        partners = self.partners()
        if kind == "thanks" and len(partners) < 2:
            self.notify("A thank-you goes from one of you to the other; it needs both "
                        "names in the vault.", markup=False)
            return
        self.app.push_screen(CardForm(kind, partners, draft), callback=self._save_card)

    def _save_card(self, draft: CardDraft | None) -> None:
        if draft is None:
            return
        self.store(store_wins.add_card, draft.kind, draft.text, draft.by, to=draft.to,
                   at=self.clock.now(), done=self._saved_card,
                   # Keep their words: the form opens again with what they wrote.
                   failed=lambda _error: self.action_add_card(draft.kind, draft),
                   saved_message=SAVED_WORDS[draft.kind])

    def _saved_card(self, _card: Win | Setback) -> None:
        self.reload()
        self.query_one(CardWall).show_newest()

    def action_add_goal(self, draft: GoalDraft | None = None) -> None:
        self.app.push_screen(GoalForm(self.partners(), draft), callback=self._save_goal)

    def _save_goal(self, draft: GoalDraft | None) -> None:
        if draft is None:
            return
        self.store(store_wins.set_goal, draft.text, owner=draft.owner, target=draft.target,
                   unit=draft.unit, at=self.clock.now(), done=self._saved_goal,
                   failed=lambda _error: self.action_add_goal(draft),
                   saved_message="Goal set. Log progress with l.")

    def _saved_goal(self, goal: MiniGoal) -> None:
        self.reload(keep_goal=goal.id)
        self.query_one(GoalList).focus()

    # --- logging progress ---------------------------------------------------------------

    def action_log_goal(self, yesterday: bool = False) -> None:
        """Today's step on the highlighted goal (L: yesterday's, when it was forgotten)."""
        goal_id = self.query_one(GoalList).goal_id
        goal = self.vault.get(MiniGoal, goal_id) if goal_id else None
        if goal is None:
            self.notify("Set a mini-goal first with g.", markup=False)
            return
        today = self.today()
        day = today - timedelta(days=1) if yesterday else today
        day_word = "Yesterday" if yesterday else "Today"
        checked = log_progress(goal, today, day)
        if not checked.counted:
            self.reload()  # it may have been logged in another window since the last redraw
            self.notify(not_counted_words(checked.why, day_word), markup=False)
            return
        self.store(store_wins.log_step, goal.id, today, self.clock.now(), day,
                   done=lambda logged: self._logged(logged, day_word), saved_message=None)

    def _logged(self, logged: store_wins.StepLogged, day_word: str = "Today") -> None:
        self.reload()
        goal = logged.goal
        if not logged.counted:  # the other window logged it first
            self.notify(not_counted_words(logged.why, day_word), markup=False)
        elif logged.reached_now:
            self.app.push_screen(Celebration(goal.text, target_words(goal)))
        else:
            p = goal_progress(goal, self.today())
            self.notify(f"Logged: {progress_words(p)}.", markup=False, timeout=3)
