"""The wins wall: small wins, thank-yous, mini-goals and setbacks (step 8).

The wall is one OptionList of cards (it draws only the lines on screen), paged
a hundred cards at a time, so ten years of wins scroll without thousands of
widgets. Everything a partner typed is shown as data (`Content(text)`), never
as markup. Nothing here is deleted: a setback stays on the record beside the
wins, which is where it belongs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import permutations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Integer, Length
from textual.widgets import Button, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from trust_tui.domain.wins import (
    SETBACK_NOTE,
    Card,
    day_label,
    goal_progress,
    group_by_week,
    cards_from,
    log_progress,
    progress_bar,
    progress_words,
    reached_card_text,
    setback_framing,
    target_words,
    week_label,
    week_summary,
    local_day,
)
from trust_tui.models import MiniGoal, Setback, Win
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.drafts import KEPT, KeepsWords
from trust_tui.vault import Vault
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed

PAGE = 100  # cards added to the wall per "show older"
MORE = "more"

CARD_LABELS = {
    "win": "★ Win",
    "thanks": "♥ Thank you",
    "goal_reached": "✦ Goal reached",
    "setback": "○ Setback, noted",
}



# --- forms ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CardDraft:
    kind: str  # "win", "thanks" or "setback"
    text: str
    by: str
    to: str | None = None


FORM_WORDS = {
    "win": ("A small win",
            "What felt a little easier or better? Small things count.",
            "Who noticed it?"),
    "thanks": ("A thank-you",
               "What would you like to thank them for?",
               "From and to"),
    "setback": ("A setback, noted",
                "What happened? Plain words are enough. " + SETBACK_NOTE,
                "Who is noting it?"),
}


CARD_NOUNS = {"win": "a win", "thanks": "a thank-you", "setback": "a setback note"}


class CardForm(KeepsWords, ModalScreen[CardDraft | None]):
    """Write one card: a win, a thank-you or a setback."""

    CSS_PATH = sheet("wins")

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, kind: str, partners: list[tuple[str, str]], me: str,
                 text: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.partners = partners  # (id, name)
        self.me = me
        self.start_text = text
        self.draft_key = f"card:{kind}"  # words a lock interrupted come back next time

    def on_mount(self) -> None:
        if self.start_keeping(typed_already=bool(self.start_text)):
            self.query_one("#form-message", Static).update(KEPT)

    def compose(self) -> ComposeResult:
        title, prompt, who = FORM_WORDS[self.kind]
        with Vertical(classes="wins-form"):
            yield Static(title, classes="form-title")
            yield Static(prompt, classes="form-lead")
            limit = limit_of(Setback if self.kind == "setback" else Win, "text")
            yield LimitedInput(self.start_text, id="card-text", limit=limit,
                               noun=CARD_NOUNS[self.kind], placeholder="In your own words",
                               validators=[Length(minimum=1, failure_description="empty")])
            yield Static(who, classes="form-lead")
            yield Select(self._who_options(), allow_blank=False, id="card-who")
            yield Static("", id="form-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def _who_options(self) -> list[tuple[Content, str]]:
        # Names are typed by the couple: Content, never markup (a Select parses a str).
        names = dict(self.partners)
        if self.kind == "thanks":
            pairs = sorted(permutations(names, 2), key=lambda p: p[0] != self.me)
            return [(typed(f"From {names[a]} to {names[b]}"), f"{a}>{b}") for a, b in pairs]
        ordered = sorted(names, key=lambda pid: pid != self.me)
        return [(typed(names[pid]), pid) for pid in ordered]

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = self.query_one("#card-text", Input).value.strip()
        if not text:
            self.query_one("#form-message", Static).update("A few words are enough.")
            self.query_one("#card-text", Input).focus()
            return
        if not self.query_one("#card-text", LimitedInput).fits():
            return  # told why; every word stays in the box
        who = str(self.query_one("#card-who", Select).value)
        by, _, to = who.partition(">")
        self.dismiss(CardDraft(self.kind, text, by, to or None))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close_unsaved(None)  # typed words are kept as this form's draft


@dataclass(frozen=True)
class GoalDraft:
    text: str
    owner: str | None
    target: int
    unit: str


class GoalForm(KeepsWords, ModalScreen[GoalDraft | None]):
    """A mini-goal in words, whose it is, and a target."""

    CSS_PATH = sheet("wins")

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, partners: list[tuple[str, str]], draft: GoalDraft | None = None) -> None:
        super().__init__()
        self.partners = partners
        self.draft = draft  # shown again after a save that did not go through
        self.draft_key = "goal"  # words a lock interrupted come back next time

    def on_mount(self) -> None:
        if self.start_keeping(typed_already=self.draft is not None):
            self.query_one("#form-message", Static).update(KEPT)

    def compose(self) -> ComposeResult:
        with Vertical(classes="wins-form"):
            yield Static("A mini-goal", classes="form-title")
            yield Static("A small goal in your words, e.g. honest about small things",
                        classes="form-lead")
            draft = self.draft or GoalDraft("", None, 7, "days_in_a_row")
            yield LimitedInput(draft.text, id="goal-text", placeholder="The goal",
                               limit=limit_of(MiniGoal, "text"), noun="a mini-goal")
            with Horizontal(classes="form-row"):
                owners = [(typed(name), pid) for pid, name in self.partners]
                yield Select([("Both of you", ""), *owners],
                             allow_blank=False, id="goal-owner", value=draft.owner or "")
                yield Input(str(draft.target), id="goal-target", type="integer", max_length=3,
                            validators=[Integer(minimum=1, maximum=365)])
                yield Select([("days in a row", "days_in_a_row"), ("times", "times")],
                             allow_blank=False, id="goal-unit", value=draft.unit)
            yield Static("", id="form-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        message = self.query_one("#form-message", Static)
        text = self.query_one("#goal-text", Input).value.strip()
        target = self.query_one("#goal-target", Input)
        if not text:
            message.update("Say the goal in a few words.")
            self.query_one("#goal-text", Input).focus()
            return
        if not self.query_one("#goal-text", LimitedInput).fits():
            return
        if not target.is_valid or not target.value:
            message.update("The target is a number from 1 to 365.")
            target.focus()
            return
        owner = str(self.query_one("#goal-owner", Select).value) or None
        unit = str(self.query_one("#goal-unit", Select).value)
        self.dismiss(GoalDraft(text, owner, int(target.value), unit))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close_unsaved(None)  # typed words are kept as this form's draft


# --- the celebration ------------------------------------------------------------------------

SPARKS = "·✧✦★✦✧"
FRAMES = 18
FRAME_SECONDS = 0.08


def sparkle_row(frame: int, width: int) -> str:
    """A row of sparks spreading out from the middle as the frames go by."""
    reach = min(frame * 2, width // 2)
    middle = width // 2
    row = [" "] * width
    for offset in range(0, reach + 1, 3):
        spark = SPARKS[(frame + offset) % len(SPARKS)]
        for x in (middle - offset, middle + offset):
            if 0 <= x < width:
                row[x] = spark
    return "".join(row)


class Celebration(ModalScreen[None]):
    """A short burst of sparks for a reached goal; any key goes back to the wall."""

    CSS_PATH = sheet("wins")

    def __init__(self, goal_text: str, target: str) -> None:
        super().__init__()
        self.goal_text = goal_text
        self.target = target
        self.frame = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="celebration"):
            yield Static("", id="sparks-top", classes="sparks")
            yield Static("You reached a goal!", id="celebration-title")
            yield Static(typed(self.goal_text), id="celebration-goal")
            yield Static(f"{self.target}. Worth celebrating together.",
                         id="celebration-target")
            yield Static("", id="sparks-bottom", classes="sparks")
            yield Static("", id="celebration-hint")

    def on_mount(self) -> None:
        if self.app.animation_level == "none":
            self.frame = FRAMES
            self._draw()
        else:
            self._draw()
            self._timer = self.set_interval(FRAME_SECONDS, self._next_frame)

    def _next_frame(self) -> None:
        self.frame += 1
        self._draw()
        if self.frame >= FRAMES:
            self._timer.stop()

    def _draw(self) -> None:
        width = 44
        self.query_one("#sparks-top", Static).update(sparkle_row(self.frame, width))
        self.query_one("#sparks-bottom", Static).update(sparkle_row(self.frame + 3, width))
        if self.frame >= FRAMES:
            self.query_one("#celebration-hint", Static).update(
                "It is on the wall now. Press any key.")

    def on_key(self, event) -> None:
        event.stop()
        self.dismiss(None)


# --- the wall ---------------------------------------------------------------------------------

class WinsScreen(AreaScreen):
    CSS_PATH = sheet("wins")

    BINDINGS = [
        Binding("a", "add_card('win')", "Win"),
        Binding("t", "add_card('thanks')", "Thank you"),
        Binding("g", "add_goal", "New goal"),
        Binding("l", "log_goal", "Log goal"),
        Binding("s", "add_card('setback')", "Setback"),
        Binding("escape", "app.go_home", "Home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown_cards = PAGE

    def compose(self) -> ComposeResult:
        yield Static("Wins wall: small wins, thank-yous and mini-goals. All voluntary.",
                     id="wins-title")
        with Horizontal(id="wins-body"):
            with Vertical(id="wins-goals"):
                yield Static("Mini-goals", classes="section-title")
                yield OptionList(id="goal-list")
                yield Static("", id="goal-hint", classes="hint")
            with Vertical(id="wins-wall"):
                yield OptionList(id="wall")
                yield Static("", id="wall-note", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#wall", OptionList).focus()

    def today(self) -> date:
        return local_day(self.clock.now())

    def who(self, partner_id: str | None) -> str:
        return self.vault.name_of(partner_id)

    # --- drawing ----------------------------------------------------------------------

    def reload(self) -> None:
        wins = self.vault.all(Win)
        setbacks = self.vault.all(Setback)
        self._draw_wall(wins, setbacks)
        self._draw_goals(self.vault.all(MiniGoal))
        self.query_one("#wall-note", Static).update(setback_framing(len(setbacks), len(wins)))

    def _draw_wall(self, wins: list[Win], setbacks: list[Setback]) -> None:
        wall = self.query_one("#wall", OptionList)
        keep = wall.highlighted_option.id if wall.highlighted_option else None
        today = self.today()
        options: list[Option | None] = []
        left = self.shown_cards
        weeks = group_by_week(cards_from(wins, setbacks))
        total = sum(len(week.cards) for week in weeks)
        for week in weeks:
            if left <= 0:
                break
            heading = Content.assemble((week_label(week.week, today), "bold"),
                                       f"  ({week_summary(week)})")
            options.append(Option(heading, id=f"week-{week.week}", disabled=True))
            for card in week.cards[:left]:
                options.append(Option(self._card_prompt(card), id=card.record_id))
                options.append(None)  # a thin rule between cards
            left -= len(week.cards)
        if total == 0:
            options.append(Option(Content(
                "Nothing here yet. When something feels a little easier, press a to "
                "note it, or t to say thank you."), id="empty", disabled=True))
        elif total > self.shown_cards:
            older = total - self.shown_cards
            options.append(Option(Content.assemble(
                ("Show older cards", "bold"), f"  ({older} more; press enter)"), id=MORE))
        wall.set_options(options)
        if keep is not None:
            try:
                wall.highlighted = wall.get_option_index(keep)
            except OptionDoesNotExist:  # that card or goal is gone now
                pass

    def _card_prompt(self, card: Card) -> Content:
        if card.kind == "thanks":
            who = f"from {self.who(card.by)} to {self.who(card.to)}"
        elif card.kind == "setback":
            who = f"noted by {self.who(card.by)}"
        elif card.kind == "goal_reached":
            who = ""
        else:
            who = f"noticed by {self.who(card.by)}"
        head = Content.assemble((CARD_LABELS[card.kind], "bold"), " · ", day_label(card.day))
        if who:
            head = Content.assemble(head, " · ", Content(who))
        return Content.assemble(head, "\n", typed(card.text))

    def _draw_goals(self, goals: list[MiniGoal]) -> None:
        listing = self.query_one("#goal-list", OptionList)
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        today = self.today()
        # Goals still going first, then reached ones; each newest first.
        goals = sorted(goals, key=lambda g: (g.created_at, g.id), reverse=True)
        goals.sort(key=lambda g: g.reached_at is not None)
        options: list[Option | None] = []
        for goal in goals:
            p = goal_progress(goal, today)
            reached_on = local_day(goal.reached_at) if goal.reached_at else None
            status = progress_words(p, reached_on)
            if p.counted_today and not p.reached:
                status += " · logged today"
            options.append(Option(Content.assemble(
                typed(goal.text), "\n", ("For " + self.who(goal.owner), "dim"), "\n",
                progress_bar(p), "\n", status), id=goal.id))
            options.append(None)
        if not options:
            options.append(Option(Content("No mini-goals yet. Press g to set one."),
                                  id="no-goals", disabled=True))
        listing.set_options(options)
        if keep is not None:
            try:
                listing.highlighted = listing.get_option_index(keep)
            except OptionDoesNotExist:  # that card or goal is gone now
                pass
        if listing.highlighted is None and goals:
            listing.highlighted = 0
        self.query_one("#goal-hint", Static).update(
            "l  log today's progress on the highlighted goal" if goals else "")

    @on(OptionList.OptionSelected, "#wall")
    def show_more(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            wall = event.option_list
            index = event.option_index
            self.shown_cards += PAGE
            self.reload()
            # Carry on reading where "more" was: the first older card.
            while index < wall.option_count and wall.get_option_at_index(index).disabled:
                index += 1
            if index < wall.option_count:
                wall.highlighted = index

    @on(OptionList.OptionSelected, "#goal-list")
    def log_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_log_goal()

    # --- adding ------------------------------------------------------------------------------

    def _partners(self) -> list[tuple[str, str]]:
        return [(p.id, p.name) for p in self.vault.partners]

    def action_add_card(self, kind: str, text: str = "") -> None:
        partners = self._partners()
        if kind == "thanks" and len(partners) < 2:
            self.notify("A thank-you goes from one of you to the other; it needs both "
                        "names in the vault.", markup=False)
            return
        form = CardForm(kind, partners, self.vault.me.id, text)
        self.app.push_screen(form, callback=self._save_card)

    def _save_card(self, draft: CardDraft | None) -> None:
        if draft is None:
            return
        now = self.clock.now()
        if draft.kind == "setback":
            record = Setback(text=draft.text, noted_by=draft.by, created_at=now)
            message = "Noted. It is part of the way, not the end of it."
        else:
            record = Win(kind=draft.kind, text=draft.text, noticed_by=draft.by,
                         to=draft.to, created_at=now)
            message = "On the wall." if draft.kind == "win" else "Thank-you on the wall."

        def failed(_error: Exception) -> None:
            # Keep their words: open the form again with the text they wrote.
            self.action_add_card(draft.kind, draft.text)

        self.shown_cards = max(self.shown_cards, PAGE)
        self.trust_app.save(lambda vault: vault.add(record), done=lambda _: self._saved_card(),
                            failed=failed, saved_message=message)

    def _saved_card(self) -> None:
        self.reload()
        wall = self.query_one("#wall", OptionList)
        # The newest card is just under the first week's heading.
        if wall.option_count > 1:
            wall.highlighted = 1
            wall.scroll_to_highlight()

    def action_add_goal(self, draft: GoalDraft | None = None) -> None:
        self.app.push_screen(GoalForm(self._partners(), draft), callback=self._save_goal)

    def _save_goal(self, draft: GoalDraft | None) -> None:
        if draft is None:
            return
        goal = MiniGoal(text=draft.text, owner=draft.owner, target=draft.target,
                        unit=draft.unit, created_at=self.clock.now())

        def done(_result: object) -> None:
            self.reload()
            listing = self.query_one("#goal-list", OptionList)
            listing.highlighted = listing.get_option_index(goal.id)
            listing.focus()

        self.trust_app.save(lambda vault: vault.add(goal), done=done,
                            failed=lambda _error: self.action_add_goal(draft),
                            saved_message="Goal set. Log progress with l.")

    # --- logging progress ---------------------------------------------------------------

    def action_log_goal(self) -> None:
        listing = self.query_one("#goal-list", OptionList)
        option = listing.highlighted_option
        if option is None or option.disabled or option.id is None:
            self.notify("Set a mini-goal first with g.", markup=False)
            return
        goal = self.vault.get(MiniGoal, option.id)
        if goal is None:
            return
        today, now = self.today(), self.clock.now()
        if not log_progress(goal, today).counted:
            self.notify("Today is already counted for this goal.", markup=False)
            return
        self.trust_app.save(lambda vault: log_goal(vault, goal.id, today, now),
                            done=self._logged, saved_message=None)

    def _logged(self, result: tuple[MiniGoal, bool]) -> None:
        goal, reached_now = result
        self.reload()
        if reached_now:
            self.app.push_screen(Celebration(goal.text, target_words(goal)))
        else:
            p = goal_progress(goal, self.today())
            self.notify(f"Logged: {progress_words(p)}.", markup=False, timeout=3)


def log_goal(vault: Vault, goal_id: str, today: date, now) -> tuple[MiniGoal, bool]:
    """One log of progress, read and written under the vault's lock (the other
    partner may log from another terminal); a first reach adds a card."""
    reached: list[bool] = []

    def change(goal: MiniGoal) -> None:
        logged = log_progress(goal, today)
        goal.progress = logged.progress
        if logged.reached_now:
            goal.reached_at = now
        reached.append(logged.reached_now)

    goal = vault.update(MiniGoal, goal_id, change)
    if reached[-1]:
        whose = "a goal for both of you" if goal.owner is None else \
            f"{vault.name_of(goal.owner)}'s goal"
        vault.add(Win(kind="goal_reached", text=f"{reached_card_text(goal)}, {whose}",
                      noticed_by=vault.me.id, goal_id=goal.id, created_at=now))
    return goal, reached[-1]


def due_lines(vault: Vault, today: date) -> list[str]:
    """Home's gentle reminder: goals under way whose today is not logged yet."""
    lines = []
    for goal in vault.all(MiniGoal):
        p = goal_progress(goal, today)
        if not p.reached and not p.counted_today and goal.progress:
            lines.append(f"Mini-goal: {goal.text}, {progress_words(p)} (w)")
    return lines[:2]
