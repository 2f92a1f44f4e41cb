"""The forms of the agreements screens: add or change, log follow-through, review or
check back, raise it now, and export. Each is a typed modal that returns what was
typed (or None); the screen applies the rules and saves.

Also the words that differ between expectations and boundaries (`KindWords`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from trust_tui.domain import agreements as rules
from trust_tui.models import Agreement, AgreementKind, AgreementStatus, RaisedConcern
from trust_tui.screens.base import sheet
from trust_tui.widgets.limits import LimitedInput, LimitedTextArea, limit_of
from trust_tui.widgets.typed import typed
from trust_tui.screens.drafts import KEPT, KeepsWords

EXPORT_NAME = "our-agreements.md"
WORDING_LIMIT = limit_of(Agreement, "wording")
NOTE_LIMIT = 1000  # a note on a follow-through or a review: a line or two


# --- what differs between the two kinds -----------------------------------------------

@dataclass(frozen=True)
class KindWords:
    kind: AgreementKind
    title: str
    lead: str
    noun: str
    a_noun: str  # "an expectation" / "a boundary"
    who_label: str  # "Asked for by" / "Whose boundary"
    who_question: str
    wording_question: str
    example: str
    review: str  # the noun: "review" / "check-back"
    review_verb: str  # "Review" / "Check back"
    categories: tuple[str, ...]
    empty: str


EXPECTATION_WORDS = KindWords(
    kind=AgreementKind.EXPECTATION,
    title="Expectations",
    lead="What each of you needs to feel safe, in concrete words.",
    noun="expectation",
    a_noun="an expectation",
    who_label="Asked for by",
    who_question="Who is asking for it?",
    wording_question="What would help you feel safe? Say who does what, and when.",
    example="For example: Text me if you will be home after 7.",
    review="review",
    review_verb="Review",
    categories=rules.EXPECTATION_CATEGORIES,
    empty="Nothing written down yet. Press a to add the first expectation.",
)

BOUNDARY_WORDS = KindWords(
    kind=AgreementKind.BOUNDARY,
    title="Boundaries",
    lead="What each of you needs room for, asked rather than assumed.",
    noun="boundary",
    a_noun="a boundary",
    who_label="Whose boundary",
    who_question="Whose boundary is it?",
    wording_question="What is the boundary? Be specific about what it covers.",
    example="For example: My journal app is mine; ask me before reading it.",
    review="check-back",
    review_verb="Check back",
    categories=rules.BOUNDARY_CATEGORIES,
    empty="Nothing written down yet. Press a to add the first boundary.",
)

# --- forms ------------------------------------------------------------------------------------

Partners = Sequence[tuple[str, str]]  # (id, name), left partner first


def _partner_options(partners: Partners) -> list[tuple[Content, str]]:
    # Names are typed by the couple: Content, never markup (a Select parses a str).
    return [(typed(name), pid) for pid, name in partners]


class FormBase(KeepsWords, ModalScreen):
    CSS_PATH = sheet("agreements")

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def on_mount(self) -> None:
        # After the form's own on_mount: words a lock interrupted come back.
        if self.start_keeping():
            self.say(KEPT)

    def say(self, message: str) -> None:
        self.query_one("#form-message", Static).update(Content(message))

    def buttons(self, save_label: str = "Save") -> ComposeResult:
        # Docked under the scrolling fields: always in view, even at 80x24.
        with Vertical(classes="form-foot"):
            yield Static("", id="form-message", classes="form-message")
            with Horizontal(classes="form-buttons"):
                yield Button(save_label, id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close_unsaved(None)  # typed words are kept as this form's draft

    def action_save(self) -> None:
        raise NotImplementedError

    def value_of(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)


@dataclass(frozen=True)
class AgreementInput:
    wording: str
    asked_by: str
    category: str
    review_every_days: int
    changed_by: str


class AgreementForm(FormBase):
    """Add or change one expectation or boundary. A vague word gets a hint, never a block."""

    def __init__(self, words: KindWords, partners: Partners, me: str,
                 agreement: Agreement | None = None) -> None:
        super().__init__(classes="agreement-form")
        self.words = words
        self.partners = partners
        self.me = me
        self.agreement = agreement
        self.draft_key = f"{words.kind.value}:{agreement.id if agreement else 'new'}"

    def compose(self) -> ComposeResult:
        a = self.agreement
        title = f"A new {self.words.noun}" if a is None else f"Change this {self.words.noun}"
        with Vertical(classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static(title, classes="form-title")
                yield Label(self.words.wording_question, classes="form-lead", markup=False)
                yield LimitedTextArea(a.wording if a else "", id="wording", soft_wrap=True,
                                      show_line_numbers=False, tab_behavior="focus",
                                      placeholder=self.words.example,
                                      limit=WORDING_LIMIT, noun=self.words.a_noun)
                yield Static("", id="vague-hint", classes="hint")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label(self.words.who_question, markup=False)
                        yield Select(_partner_options(self.partners), allow_blank=False,
                                     value=a.asked_by if a else self.me, id="asked-by")
                    with Vertical():
                        yield Label("What is it about?")
                        known = a is not None and a.category in self.words.categories
                        category = a.category if known else "other"
                        yield Select([(c, c) for c in self.words.categories], allow_blank=False,
                                     value=category, id="category")
                    with Vertical():
                        yield Label(f"{self.words.review_verb} after (days)")
                        yield Input(str(a.review_every_days if a else rules.DEFAULT_REVIEW_DAYS),
                                    id="review-days", type="integer", max_length=2,
                                    validators=[Integer(minimum=rules.MIN_REVIEW_DAYS,
                                                        maximum=rules.MAX_REVIEW_DAYS)])
                if a is not None:
                    yield Label("Who is making this change?")
                    yield Select(_partner_options(self.partners), allow_blank=False,
                                 value=self.me, id="changed-by")
                    if a.status != AgreementStatus.DRAFT:
                        yield Static("New words go back to a draft, so you both agree on them "
                                     "again. The earlier words stay in its history.",
                                     classes="hint")
            yield from self.buttons()

    def on_mount(self) -> None:
        self._update_hint()
        self.query_one("#wording", TextArea).focus()

    @on(TextArea.Changed, "#wording")
    def _update_hint(self) -> None:
        hint = rules.vague_hint(self.query_one("#wording", TextArea).text)
        self.query_one("#vague-hint", Static).update(
            Content("Hint: " + hint) if hint else Content(""))

    def action_save(self) -> None:
        wording = self.query_one("#wording", TextArea).text
        if not wording.strip():
            self.say("Write it in a few words first.")
            self.query_one("#wording", TextArea).focus()
            return
        if not self.query_one("#wording", LimitedTextArea).fits():
            return  # told why; every word stays in the box
        days = self.query_one("#review-days", Input)
        if not days.value or not days.is_valid:
            self.say(f"{self.words.review_verb} after {rules.MIN_REVIEW_DAYS} to "
                     f"{rules.MAX_REVIEW_DAYS} days.")
            days.focus()
            return
        asked_by = self.value_of("#asked-by")
        changed_by = self.value_of("#changed-by") if self.agreement else asked_by
        self.dismiss(AgreementInput(wording, asked_by, self.value_of("#category"),
                                    int(days.value), changed_by))


@dataclass(frozen=True)
class FollowThroughInput:
    kept: bool
    by: str
    on: date
    note: str


def day_choices(today: date, days: int = 7) -> list[tuple[str, str]]:
    choices = [("Today", today.isoformat()),
               ("Yesterday", (today - timedelta(days=1)).isoformat())]
    for back in range(2, days):
        day = today - timedelta(days=back)
        choices.append((f"{day.strftime('%A')} {rules.short_date(day)}", day.isoformat()))
    return choices


class FollowThroughForm(FormBase):
    """Log one kept or missed, dated, by whom, with a note if wanted."""

    def __init__(self, agreement: Agreement, kept: bool, partners: Partners, me: str,
                 today: date) -> None:
        super().__init__(classes="agreement-form")
        self.agreement = agreement
        self.kept = kept
        self.partners = partners
        self.me = me
        self.today = today
        self.draft_key = f"follow-through:{agreement.id}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static("Log follow-through", classes="form-title")
                yield Static(typed(self.agreement.wording), classes="form-quote")
                yield Static("Kept or missed, honestly: a missed one is part of the record, "
                             "not a mark against anyone.", classes="hint")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("How did it go?")
                        yield Select([("Kept", "kept"), ("Missed", "missed")], allow_blank=False,
                                     value="kept" if self.kept else "missed", id="kept")
                    with Vertical():
                        yield Label("Who is logging it?")
                        yield Select(_partner_options(self.partners), allow_blank=False,
                                     value=self.me, id="by")
                    with Vertical():
                        yield Label("When?")
                        yield Select(day_choices(self.today), allow_blank=False,
                                     value=self.today.isoformat(), id="on")
                yield LimitedInput(id="note", limit=NOTE_LIMIT, noun="a note",
                                   placeholder="A note, if you like")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def restore_fields(self, fields: dict[str, str]) -> None:
        # Kept or missed is the key just pressed (k or m), never an earlier draft's.
        super().restore_fields({k: v for k, v in fields.items() if k != "kept"})

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if not self.query_one("#note", LimitedInput).fits():
            return
        self.dismiss(FollowThroughInput(
            kept=self.value_of("#kept") == "kept", by=self.value_of("#by"),
            on=date.fromisoformat(self.value_of("#on")),
            note=self.query_one("#note", Input).value))


@dataclass(frozen=True)
class ReviewInput:
    working: dict[str, bool]
    outcome: str
    note: str
    new_wording: str | None
    by: str


OUTCOMES = [("Keep it as it is", "keep"),
            ("Adjust the words (you both agree again)", "adjust"),
            ("Retire it", "retire")]


class ReviewForm(FormBase):
    """A review (check-back): is it working, for each of you; then keep, adjust or retire."""

    def __init__(self, words: KindWords, agreement: Agreement, partners: Partners, me: str,
                 concerns: Sequence[RaisedConcern] = (),
                 names: dict[str, str] | None = None, so_far: str = "") -> None:
        super().__init__(classes="agreement-form")
        self.words = words
        self.agreement = agreement
        self.so_far = so_far  # plain numbers since the last review
        self.partners = partners
        self.me = me
        self.concerns = concerns
        self.names = names or {}
        self.draft_key = f"review:{agreement.id}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static(f"{self.words.review_verb}: how is it going?", classes="form-title")
                yield Static(typed(self.agreement.wording), classes="form-quote")
                if self.so_far:
                    yield Static(self.so_far, id="so-far", classes="hint", markup=False)
                if self.concerns:
                    lines = [f"- {self.names.get(c.by, 'someone')}: {c.text}"
                             for c in self.concerns]
                    yield Static(typed("Raised since last time (marked talked through when you "
                                       "save):\n" + "\n".join(lines)), classes="hint")
                with Horizontal(classes="form-row"):
                    for index, (pid, name) in enumerate(self.partners):
                        with Vertical():
                            yield Label(typed(f"Is it working for {name}?"))
                            yield Select([("Yes, it is working", "yes"), ("Not yet", "no")],
                                         prompt="Choose", id=f"working-{index}")
                yield Label("What next?")
                yield Select(OUTCOMES, allow_blank=False, value="keep", id="outcome")
                yield Label("The new words", id="new-wording-label")
                yield LimitedTextArea(self.agreement.wording, id="new-wording", soft_wrap=True,
                                      show_line_numbers=False, tab_behavior="focus",
                                      limit=WORDING_LIMIT, noun=self.words.a_noun)
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Written down by")
                        yield Select(_partner_options(self.partners), allow_blank=False,
                                     value=self.me, id="by")
                    with Vertical(classes="wide"):
                        yield Label("A note, if you like")
                        yield LimitedInput(id="note", limit=NOTE_LIMIT, noun="a note")
            yield from self.buttons()

    def on_mount(self) -> None:
        self._show_wording()
        self.query_one("#working-0", Select).focus()

    @on(Select.Changed, "#outcome")
    def _show_wording(self) -> None:
        adjusting = self.value_of("#outcome") == "adjust"
        self.query_one("#new-wording", TextArea).display = adjusting
        self.query_one("#new-wording-label", Label).display = adjusting

    def action_save(self) -> None:
        working: dict[str, bool] = {}
        for index, (pid, name) in enumerate(self.partners):
            answer = self.value_of(f"#working-{index}")
            if not answer:
                self.say(f"First, {name}: is it working for you?")
                self.query_one(f"#working-{index}", Select).focus()
                return
            working[pid] = answer == "yes"
        outcome = self.value_of("#outcome")
        new_wording = None
        if outcome == "adjust":
            new_wording = self.query_one("#new-wording", TextArea).text
            if not new_wording.strip():
                self.say("Write the new words first (or choose keep or retire).")
                return
            if rules.same_words(new_wording, self.agreement.wording):
                # Unchanged words would send it back to a draft for nothing.
                self.say("These are the words you already agreed on, so nothing has "
                         "changed yet. Change them here, or choose keep.")
                self.query_one("#new-wording", TextArea).focus()
                return
            if not self.query_one("#new-wording", LimitedTextArea).fits():
                return
        if not self.query_one("#note", LimitedInput).fits():
            return
        self.dismiss(ReviewInput(working, outcome, self.query_one("#note", Input).value,
                                 new_wording, self.value_of("#by")))


@dataclass(frozen=True)
class ConcernInput:
    by: str
    text: str
    agreement_id: str | None


class ConcernForm(FormBase):
    """"Raise it now": a few words, saved with time and author for the next check-back."""

    def __init__(self, partners: Partners, me: str, boundaries: Sequence[Agreement],
                 selected: str | None) -> None:
        super().__init__(classes="agreement-form")
        self.partners = partners
        self.me = me
        self.boundaries = boundaries
        self.selected = selected
        self.draft_key = "concern"

    def compose(self) -> ComposeResult:
        about: list[tuple[Content, str]] = [(Content("Not one on the list"), "")]
        about += [(typed(rules.short_text(b.wording, 50)), b.id) for b in self.boundaries]
        with Vertical(classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static("Raise it now", classes="form-title")
                yield Static("Something starting to bother you? Say it now, in a few words. "
                             "It is kept with the time and who raised it, and comes up at the "
                             "next check-back.", classes="hint")
                yield LimitedInput(id="concern-text", placeholder="What is bothering you",
                                   limit=limit_of(RaisedConcern, "text"), noun="a concern")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Who is raising it?")
                        yield Select(_partner_options(self.partners), allow_blank=False,
                                     value=self.me, id="by")
                    with Vertical(classes="wide"):
                        yield Label("About which boundary?")
                        known = {b.id for b in self.boundaries}
                        yield Select(about, allow_blank=False, id="about",
                                     value=self.selected if self.selected in known else "")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#concern-text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#concern-text", Input).value
        if not text.strip():
            self.say("A few words are enough.")
            return
        if not self.query_one("#concern-text", LimitedInput).fits():
            return
        self.dismiss(ConcernInput(self.value_of("#by"), text.strip(),
                                  self.value_of("#about") or None))


class ExportForm(FormBase):
    """Ask where the agreements go before anything is written in the clear."""

    def __init__(self, suggested: Path) -> None:
        super().__init__(classes="agreement-form")
        self.suggested = suggested
        self.warned_about: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static("Export our agreements", classes="form-title")
                yield Static("This writes your agreed expectations and boundaries to a Markdown "
                             "file. The file is not encrypted, so keep it somewhere private. "
                             "Where should it go?", classes="hint")
                yield Input(str(self.suggested), id="export-path")
            yield from self.buttons("Export")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.say("Type where the file should go.")
            return
        path = Path(raw).expanduser()
        try:
            if path.is_dir():
                path = path / EXPORT_NAME
            there = path.exists()
        except (OSError, ValueError) as error:  # a name too long, a NUL pasted in
            reason = getattr(error, "strerror", None) or "not a usable place for a file"
            self.say(f"That place cannot take a file ({reason}). Nothing was written; "
                     "try a shorter path.")
            return
        if there and path != self.warned_about:
            self.warned_about = path
            self.say("There is already a file there. Press Export again to replace it.")
            return
        self.dismiss(path)
