"""`WinsScreen`: the goals on the left, the wall on the right; a, t and s write a
card, g sets a goal, l logs today's step. Every write goes through store.wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static

from trust_tui.domain.partners import me_first
from trust_tui.domain.wins import (
    Card,
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
from trust_tui.store import undo as store_undo
from trust_tui.store import wins as store_wins
from trust_tui.store.undo import Change, Undo, Undone
from trust_tui.store.wins import CardKind
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.keys import keyed

SAVED_WORDS = {
    "win": "On the wall.",
    "thanks": "Thank-you on the wall.",
    "setback": "Noted. It is part of the way, not the end of it.",
}
LOG_HINT = "l  log today's step (L  yesterday's)"
CHANGE_HINT = "e  change · x  take off · ctrl+z  undo"


class WinsScreen(AreaScreen):
    CSS_PATH = sheet("wins")

    BINDINGS = keyed("wins", [
        Binding("a", "add_card('win')", "Win"),
        Binding("t", "add_card('thanks')", "Thank you"),
        Binding("g", "add_goal", "New goal"),
        Binding("l", "log_goal", "Log goal"),
        Binding("L", "log_goal(True)", "Log yesterday", show=False),
        Binding("s", "add_card('setback')", "Setback"),
        Binding("e", "change", "Change", show=False),
        Binding("x,delete", "take_off", "Take off", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("escape", "app.go_home", "Home"),
    ])

    def __init__(self) -> None:
        super().__init__()
        self._wins_undo: tuple[str, Undo] | None = None  # this window's last change

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
        self.query_one("#goal-hint", Static).update(
            f"{LOG_HINT}\n{CHANGE_HINT}" if goals else CHANGE_HINT)
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

    def _saved_card(self, card: Win | Setback) -> None:
        self._wins_undo = ("adding the card", store_wins.added(card))
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
        self._wins_undo = ("setting the goal", store_wins.added(goal))
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

    # --- changing, taking off, undo ---------------------------------------------------------

    def _chosen_card(self) -> Card | None:
        wall = self.query_one(CardWall)
        index = wall.highlighted
        option = wall.get_option_at_index(index) if index is not None else None
        if option is None or option.id is None:
            return None
        # The option's id is its record's: look up that one record, not the whole wall.
        win, setback = self.vault.get(Win, option.id), self.vault.get(Setback, option.id)
        cards = cards_from([win] if win else [], [setback] if setback else [])
        return cards[0] if cards else None

    def _chosen_goal(self) -> MiniGoal | None:
        goal_id = self.query_one(GoalList).goal_id
        return self.vault.get(MiniGoal, goal_id) if goal_id else None

    def action_change(self) -> None:
        """e: change the highlighted goal (goals focused) or card (the wall)."""
        if self.query_one(GoalList).has_focus:
            goal = self._chosen_goal()
            if goal is None:
                self.notify("Highlight a goal first.", markup=False)
                return
            draft = GoalDraft(goal.text, goal.owner, goal.target, goal.unit)
            self.app.push_screen(GoalForm(self.partners(), draft, editing=goal.id),
                                 callback=lambda d: self._change_goal(goal.id, d))
            return
        card = self._chosen_card()
        if card is None:
            self.notify("Highlight a card first.", markup=False)
            return
        if card.kind == "goal_reached":
            self.notify("A reached goal's card is written by the app; x takes it off.",
                        markup=False)
            return
        draft = CardDraft(card.kind, card.text, card.by or "", card.to)
        self.app.push_screen(CardForm(card.kind, self.partners(), draft, editing=card.record_id),
                             callback=lambda d: self._change_card(card.record_id, d))

    def _change_card(self, record_id: str, draft: CardDraft | None) -> None:
        if draft is not None:
            self._apply(store_wins.change_card, draft.kind, record_id, draft.text, draft.by,
                        draft.to, label="changing the card", said="Changed. ctrl+z undoes it.")

    def _change_goal(self, goal_id: str, draft: GoalDraft | None) -> None:
        if draft is not None:
            self._apply(store_wins.change_goal, goal_id, draft.text, owner=draft.owner,
                        target=draft.target, unit=draft.unit, label="changing the goal",
                        said="Goal changed. ctrl+z undoes it.")

    def action_take_off(self) -> None:
        """x: take the highlighted card (or goal) off, after asking."""
        goal = self._chosen_goal() if self.query_one(GoalList).has_focus else None
        card = None if goal is not None else self._chosen_card()
        if goal is None and card is None:
            self.notify("Highlight a card or a goal first.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if goal is not None:
                self._apply(store_wins.remove_goal, goal.id, label="taking the goal off",
                            said="The goal is off the list. ctrl+z puts it back.")
            elif card is not None:
                self._apply(store_wins.remove_card, card.kind, card.record_id,
                            label="taking the card off",
                            said="The card is off the wall. ctrl+z puts it back.")

        what = "this goal" if goal is not None else "this card"
        self.app.push_screen(ConfirmModal(
            f"Take {what} off?", "Take it off", "Keep it",
            detail="Nothing is lost for good: ctrl+z here puts it back."), answered)

    def _apply(self, use_case: Callable[..., Change], *args: object, label: str, said: str,
               **kwargs: object) -> None:
        def done(change: Change) -> None:
            self.reload()
            if change.problem:
                self.notify(change.problem, markup=False)
                return
            self._wins_undo = (label, change.undo)
            self.notify(said, markup=False, timeout=4)

        self.store(use_case, *args, done=done, saved_message=None, **kwargs)

    def action_undo(self) -> None:
        if self._wins_undo is None:
            self.notify("Nothing to undo here yet.", markup=False)
            return
        label, step = self._wins_undo

        def done(undone: Undone) -> None:
            self._wins_undo = None
            self.reload()
            if undone.left:
                self.notify(f"Undone: {label}, except what was changed in another window "
                            "since; that is left as it is.", markup=False)
            else:
                self.notify(f"Undone: {label}.", markup=False)

        self.store(store_undo.undo, step, done=done, saved_message=None)
