"""The daily check-in (steps 2 and 4): each partner's feeling word and how safe
they feel today, 1 to 10, stored dated. They answer in turn, each number hidden
until both have one; a word alone is fine and either of them can skip; a second
check-in on the same day replaces that partner's first one.

A `FormModal[list[Answer]]`: `ask_check_in(app)` opens it and saves what it
returns (`store.checkins.save_today`). What is filled in and not saved is kept
per partner as the form's draft for that day (escape, a lock, a quit).
`due_checkin` gives home its gentle line while a check-in is still open today.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Input, Label, OptionList, Static

from trust_tui.domain.clock import local_day
from trust_tui.domain.partners import me_first
from trust_tui.models import Partner
from trust_tui.screens.base import ask_then_save, sheet
from trust_tui.store import bind, checkins
from trust_tui.store.checkins import Answer
from trust_tui.store.checkins import due as due_checkin
from trust_tui.widgets.feeling_picker import FeelingPicker, chosen_words
from trust_tui.widgets.form_modal import FormModal, form_keys

if TYPE_CHECKING:
    from trust_tui.widgets.shell import Shell

__all__ = ["CheckInModal", "ask_check_in", "due_checkin"]


class CheckInModal(FormModal[list[Answer]]):
    """Both partners side by side: a feeling word and a 1-10 for today.

    `answers`: what a save could not keep, back in the fields."""

    CSS_PATH = sheet("journal")

    CANCEL_LABEL = "Not now"
    BINDINGS = form_keys(cancel=CANCEL_LABEL)

    def __init__(self, answers: list[Answer] | None = None, **kwargs: Any) -> None:
        super().__init__(typed_already=answers is not None, **kwargs)
        self._checkin_answers = answers
        self._feelings: dict[int, str | None] = {}  # chosen since it opened, by place
        self._saved_feelings: dict[int, str | None] = {}  # from a check-in saved today
        # Put back on opening (a saved answer, then a kept draft: maybe both), in
        # order: the picker says each like a pick, which must not move on.
        self._checkin_put_back: dict[int, list[str]] = {}

    def today(self) -> date:
        return local_day(self.app.clock.now())  # type: ignore[attr-defined]

    _answering: list[Partner] | None = None

    def partners(self) -> list[Partner]:
        """Who answers here: both, or, sitting apart (app_seats.py), only this app's
        partner (the other answers in their own window; a save here never writes
        their answer). Fixed as the form opens: the other window locking or opening
        meanwhile changes neither the boxes nor whose answers a save writes."""
        if self._answering is None:
            both = self._both()
            me = self.seated()
            self._answering = both if me is None else [p for p in both if p.id == me]
        return self._answering

    def _both(self) -> list[Partner]:
        vault = self.app.vault  # type: ignore[attr-defined]
        return me_first(vault.partners, vault.me.id)

    def _lead(self) -> Content:
        both, here = self._both(), self.partners()
        if len(here) < len(both):
            elsewhere = [p for p in both if p not in here]
            return Content.assemble(
                "One word for how you feel, and how safe you feel today: 1 is not safe "
                "at all, 10 is completely safe. ", Content(elsewhere[0].name),
                " answers in their own window. A word alone is fine, and you can skip.")
        first, second = (p.name for p in both[:2])
        return Content.assemble(
            "One word for how you feel, and how safe you feel today: 1 is not safe "
            "at all, 10 is completely safe. ", Content(first), " first, then ",
            Content(second), " (Enter moves on): each number stays hidden until you "
            "have both answered. A word alone is fine, and either of you can skip.")

    def compose_form(self) -> ComposeResult:
        with Vertical(id="checkin-box", classes="form-box"):
            yield Static("Daily check-in", classes="form-title")
            yield Static(self._lead(), classes="form-lead")
            with Horizontal(id="checkin-partners"):
                for index, partner in enumerate(self.partners()):
                    with Vertical(classes="checkin-partner"):
                        yield Static(Content(partner.name), classes="checkin-name")
                        yield FeelingPicker(with_intensity=False, id=f"feel-{index}")
                        yield Static(chosen_words(None), id=f"chosen-{index}",
                                     classes="chosen-feeling")
                        with Horizontal(classes="safety-row"):
                            yield Label("Safe today, 1 to 10: ")
                            # Hidden while typed: the other answers without seeing it.
                            yield Input(type="integer", max_length=2, compact=True,
                                        placeholder="-", password=True,
                                        validators=[Integer(1, 10)], valid_empty=True,
                                        id=f"safe-{index}", classes="safety")
            yield Static("", id="checkin-reveal")
            yield from self.form_foot("Save", self.CANCEL_LABEL, compact=True)

    def on_mount(self) -> None:
        # Runs before FormModal's on_mount, which puts back words kept today.
        done = checkins.todays(self.app.vault, self.today())  # type: ignore[attr-defined]
        again = {a.partner_id: a for a in self._checkin_answers or []}
        for index, partner in enumerate(self.partners()):
            earlier = done.get(partner.id)
            if earlier is not None:
                self._saved_feelings[index] = earlier.feeling
            answer = again.get(partner.id) or earlier
            if answer is not None:
                self._put_back(index, answer.feeling)
                self.query_one(f"#safe-{index}", Input).value = str(answer.safety)
        self.query_one("#feel-0", FeelingPicker).focus_list()
        self.draft_key = f"checkin:{self.today().isoformat()}"  # a draft is for its day

    def _put_back(self, index: int, feeling: str | None) -> None:
        if feeling:
            self._checkin_put_back.setdefault(index, []).append(feeling)
        self.query_one(f"#feel-{index}", FeelingPicker).prefill(feeling)

    @on(FeelingPicker.Changed)
    def _feeling_changed(self, event: FeelingPicker.Changed) -> None:
        index = (event.picker.id or "feel-0").removeprefix("feel-")
        self.query_one(f"#chosen-{index}", Static).update(chosen_words(event.feeling))
        self._feelings[int(index)] = event.feeling
        put_back = self._checkin_put_back.get(int(index))
        if put_back and put_back[0] == event.feeling:
            put_back.pop(0)
            return
        focused = self.focused
        if isinstance(focused, OptionList) and focused in event.picker.walk_children():
            # A word chosen from the list (enter or a click): on to the number, so the
            # digit typed next lands in it instead of nowhere.
            self.query_one(f"#safe-{index}", Input).focus()

    # Kept by partner, not by place: the one who unlocks sits first, and that may change.
    def words_to_keep(self) -> dict[str, str]:
        kept = {}
        for index, partner in enumerate(self.partners()):
            kept[f"safe:{partner.id}"] = self._form_live.get(f"safe-{index}", "")
            kept[f"feeling:{partner.id}"] = self._feelings.get(index) or ""
        return kept

    def typed_something(self) -> bool:
        return super().typed_something() or any(
            feeling and feeling != self._saved_feelings.get(index)
            for index, feeling in self._feelings.items())

    def restore_fields(self, fields: Mapping[str, str]) -> None:
        for index, partner in enumerate(self.partners()):
            feeling = fields.get(f"feeling:{partner.id}")
            if feeling:
                self._put_back(index, feeling)
            safety = fields.get(f"safe:{partner.id}")
            if safety:
                super().restore_fields({f"safe-{index}": safety})

    @on(Input.Submitted, ".safety")
    def _submitted(self, event: Input.Submitted) -> None:
        """In turn: Enter after the first partner's number moves to the second; after
        the last one it saves."""
        event.stop()
        index = int((event.input.id or "safe-0").removeprefix("safe-"))
        if index + 1 < len(self.partners()):
            self.query_one(f"#feel-{index + 1}", FeelingPicker).focus_list()
        else:
            self.action_save()

    @on(Input.Changed, ".safety")
    def _number_changed(self) -> None:
        """Once both have a number, both are shown; until then neither is."""
        boxes = [self.query_one(f"#safe-{index}", Input)
                 for index in range(len(self.partners()))]
        both = len(boxes) > 1 and all(box.value.strip() and box.is_valid for box in boxes)
        reveal = self.query_one("#checkin-reveal", Static)
        if not both:
            reveal.update("")
            return
        reveal.update(Content.assemble("You have both answered: ", Content(" · ").join(
            Content.assemble(Content(p.name), f" {box.value.strip()}")
            for p, box in zip(self.partners(), boxes))))

    def collect(self) -> list[Answer] | None:
        answers: list[Answer] = []
        for index, partner in enumerate(self.partners()):
            feeling = self.query_one(f"#feel-{index}", FeelingPicker).feeling
            box = self.query_one(f"#safe-{index}", Input)
            number = box.value.strip()
            if not number and not feeling:
                continue  # this partner skips today
            if number and not box.is_valid:
                self.say(Content.assemble(
                    "How safe does ", Content(partner.name),
                    " feel today? A number from 1 to 10, or leave it empty."))
                box.focus()
                return None
            answers.append(Answer(partner.id, feeling, int(number) if number else None))
        if not answers:
            self.say("Nothing to save yet. Fill in either of you, or press escape.")
            return None
        return answers


def thanks(app: Shell, answers: list[Answer]) -> str:
    """Thank whoever answered, by name: "both" when one of you skipped today would
    read as if the other had been counted as missing."""
    answered = {a.partner_id for a in answers}
    names = [p.name for p in app.vault.partners if p.id in answered]
    words = "Thank you both." if len(names) > 1 else f"Thank you, {names[0]}."
    return f"Check-in saved. {words}"


def ask_check_in(app: Shell) -> None:
    """Open today's check-in and save what it returns (`store.checkins.save_today`)."""
    ask_then_save(app, CheckInModal,
                  lambda answers: bind(checkins.save_today, answers,
                                       local_day(app.clock.now()), app.clock.now()),
                  lambda answers: thanks(app, answers))
