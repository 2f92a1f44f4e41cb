"""One word for a feeling: picked from the shared list or typed, with an
optional 1-10 intensity. Used by the talk, check-ins and the journal.

Posts `FeelingPicker.Changed(feeling, intensity)` whenever either changes.

`seated=True` (the talk's floor, where two people share one keyboard): the list
never takes the focus; the partner moves through it with their own keys (`move`)
and the highlighted word is the one chosen. The word and strength boxes are seat
boxes (widgets/seat_box.py): they open only with the partner's own key (`open_own_word`),
Tab goes from the word to how strong, and Enter or Esc gives every key back.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import Number
from textual.widgets import Input, Label, OptionList, Static

from trust_tui.models import FEELINGS
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.seat_box import SeatBox

MAX_WORD = 30


class FeelingPicker(Vertical):
    DEFAULT_CSS = """
    FeelingPicker {
        height: auto;
        & > OptionList {
            height: auto;
            max-height: 6;
        }
        & > Input {
            margin: 0;
        }
        & > .intensity-row {
            height: auto;
            /* The box first, so a narrow pane never pushes it out of sight; the
               words wrap beside it. */
            & > Input { width: 6; }
            & > Label { width: 1fr; color: $text-muted; }
        }
    }
    """

    class Changed(Message):
        """The feeling word or its intensity changed (either may be None)."""

        def __init__(self, picker: "FeelingPicker", feeling: str | None,
                     intensity: int | None) -> None:
            super().__init__()
            self.picker = picker
            self.feeling = feeling
            self.intensity = intensity

        @property
        def control(self) -> "FeelingPicker":
            return self.picker

    def __init__(self, *, feelings: tuple[str, ...] = FEELINGS, with_intensity: bool = True,
                 seated: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._feelings = feelings
        self._with_intensity = with_intensity
        self._seated = seated
        self._picked: str | None = None
        self._typed = ""
        self._intensity: int | None = None

    def compose(self) -> ComposeResult:
        options = OptionList(*self._feelings, classes="feeling-list")
        if self._seated:
            options.can_focus = False  # the partner's own keys move it (`move`)
        yield options
        own = dict(placeholder="or your own word", limit=MAX_WORD, refuse=True,
                   noun="a feeling word", compact=True, classes="own-word")
        if self._seated:
            yield SeatBox(enter="Tab how strong, Enter keeps it", **own)  # type: ignore[arg-type]
        else:
            yield LimitedInput(**own)  # type: ignore[arg-type]
        if self._with_intensity:
            with Horizontal(classes="intensity-row"):
                strength = dict(placeholder="1-10", type="integer", compact=True,
                                validators=[Number(1, 10)], valid_empty=True,
                                classes="intensity")
                if self._seated:
                    yield SeatBox(limit=2, refuse=True, noun="how strong",  # type: ignore[arg-type]
                                  **strength)
                else:
                    yield Input(max_length=2, **strength)  # type: ignore[arg-type]
                yield Label(" how strong (optional)")

    def on_mount(self) -> None:
        boxes = list(self.query(SeatBox).results(SeatBox))
        if len(boxes) == 2:
            boxes[0].then = boxes[1]  # Tab: from the word to how strong

    # --- reading and setting -------------------------------------------------

    @property
    def feeling(self) -> str | None:
        typed = self._typed.strip()
        return typed or self._picked

    @property
    def intensity(self) -> int | None:
        return self._intensity

    def clear(self) -> None:
        self._picked, self._typed, self._intensity = None, "", None
        self.query_one(".own-word", Input).value = ""
        for box in self.query(".intensity").results(Input):
            box.value = ""
        self.query_one(OptionList).highlighted = None

    def prefill(self, feeling: str | None) -> None:
        """Show a feeling chosen before: picked in the list, or typed as their own word."""
        if not feeling:
            return
        if feeling in self._feelings:
            options = self.query_one(OptionList)
            options.highlighted = self._feelings.index(feeling)
            options.action_select()
        else:
            self.query_one(".own-word", Input).value = feeling

    def focus_list(self) -> None:
        self.query_one(OptionList).focus()

    # --- seated: moved and opened by one partner's own keys ------------------------

    def seat(self, owner_id: str | None, name: str) -> None:
        """Whose picker it is (its boxes open for them)."""
        for box in self.query(SeatBox).results(SeatBox):
            box.seat(owner_id, name)

    def says_on(self, line: Static) -> None:
        """Where the boxes say whose they are while open."""
        for box in self.query(SeatBox).results(SeatBox):
            box.says = line

    def close_boxes(self) -> None:
        for box in self.query(SeatBox).results(SeatBox):
            if box.is_open:
                box.close()

    def open_own_word(self) -> None:
        self.query_one(".own-word", SeatBox).open()

    def move(self, delta: int) -> None:
        """Highlight the word above (-1) or below (+1); the highlighted word is chosen."""
        options = self.query_one(OptionList)
        count = options.option_count
        if not count:
            return
        now = options.highlighted
        if now is None:
            index = 0 if delta > 0 else count - 1
        else:
            index = max(0, min(count - 1, now + delta))
        options.highlighted = index
        self._picked = str(options.get_option_at_index(index).prompt)
        self._changed()

    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.feeling, self.intensity))

    @on(OptionList.OptionSelected)
    def _picked_word(self, event: OptionList.OptionSelected) -> None:
        # Only a chosen word counts (enter or click): moving past one is not choosing it.
        event.stop()
        self._picked = str(event.option.prompt)
        self._changed()

    @on(Input.Changed, ".own-word")
    def _typed_word(self, event: Input.Changed) -> None:
        event.stop()
        self._typed = event.value
        self._changed()

    @on(Input.Changed, ".intensity")
    def _typed_intensity(self, event: Input.Changed) -> None:
        event.stop()
        valid = event.validation_result is None or event.validation_result.is_valid
        value = event.value.strip()
        self._intensity = int(value) if value and valid else None
        self._changed()

    @on(Input.Submitted)
    def _keep_submits_inside(self, event: Input.Submitted) -> None:
        # Enter in the word box only confirms the word; it must not start a turn.
        event.stop()


def prefill_feeling(picker: FeelingPicker, feeling: str | None) -> None:
    """Show a feeling chosen before (see `FeelingPicker.prefill`)."""
    picker.prefill(feeling)


def chosen_words(feeling: str | None) -> Content:
    """The feeling picked so far, in words (the list's highlight alone is not enough):
    the line under a picker, class `chosen-feeling`."""
    if not feeling:
        return Content("Feeling: none chosen yet (optional)")
    return Content.assemble("Feeling: ", (feeling, "bold"))
