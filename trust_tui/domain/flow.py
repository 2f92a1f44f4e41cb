"""The one flow engine behind every ritual (weekly meeting, setback, safety check).

A ritual is data: its steps, each with prompts, who speaks, whether it uses the
floor, whether it may be skipped and what it may save (rituals.py holds the
three). `Flow` walks one ritual: the current step, notes per step, answers
(calm or not, an answer picked), skipped steps, and breaks that pause it and
resume exactly where it stopped. Skipping is always fine and simply recorded.

Pure: time comes from a `Clock`; the result is a `RitualRun` the screen saves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from trust_tui.domain.clock import Clock
from trust_tui.models import BreakTaken, RitualNote, RitualRun, RitualStepResult, new_id

Who = Literal["each", "together", "one"]
# What a step's notes may become when the couple chooses (the screen does the saving).
Saves = Literal["thanks", "goal", "agreement", "setback", "review"]

BOTH_CALM = "both_calm"  # a gate: the step waits until both say they are calm


@dataclass(frozen=True)
class Item:
    """One thing a step looks at, one at a time (an agreement due, a win)."""

    key: str
    text: str  # may hold what a partner typed: show it as data, never markup


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    guidance: str
    prompts: tuple[str, ...] = ()
    who: Who = "each"  # each in turn, both together, or the one doing it alone
    uses_floor: bool = False  # speaker/listener turns with the floor passing
    skippable: bool = True
    saves: tuple[Saves, ...] = ()
    items: tuple[Item, ...] = ()
    empty: str = ""  # what to say when a step with items has none
    gate: str | None = None
    choices: tuple[str, ...] = ()  # answers to pick from (the safety check)
    danger: tuple[str, ...] = ()  # which of those answers signal danger
    check: str | None = None  # "apology": notes go through the apology helper


@dataclass(frozen=True)
class Ritual:
    key: str  # stored in RitualRun.ritual
    title: str
    description: str
    minutes: int  # about how long it takes
    steps: tuple[Step, ...]
    private: bool = False  # one partner alone; nothing of it is shared

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)


class NotNow(Exception):
    """This cannot happen at this point of the ritual (on a break, ended, a gate)."""


@dataclass
class Flow:
    ritual: Ritual
    clock: Clock
    partners: tuple[str, ...]
    run_id: str = field(default_factory=new_id)
    index: int = field(default=0, init=False)
    prompt_index: int = field(default=0, init=False)
    item_index: int = field(default=0, init=False)
    breaks: list[BreakTaken] = field(default_factory=list, init=False)
    chosen: dict[str, str] = field(default_factory=dict, init=False)  # step -> answer
    ended: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if not self.ritual.steps:
            raise ValueError("A ritual needs at least one step.")
        self.started_at = self.clock.now()
        self.ended_at: datetime | None = None
        self._complete = False
        self._results = {s.key: RitualStepResult(step=s.key) for s in self.ritual.steps}
        self._visited: set[str] = set()
        # Active time: banked + (now - running_since); a break stops it.
        self._banked = 0.0
        self._running_since: float | None = self.clock.monotonic()
        self._step_started = 0.0
        # (called by, called at, planned seconds)
        self._break: tuple[str | None, datetime, float] | None = None
        self._break_mono = 0.0
        self._enter()

    @classmethod
    def resumed(cls, ritual: Ritual, clock: Clock, partners: tuple[str, ...],
                run: RitualRun) -> "Flow":
        """Carry on a ritual saved part-way (`run.in_progress`): the same run, its
        notes, answers, skipped steps, breaks and time, on the step it was on."""
        flow = cls(ritual, clock, partners, run_id=run.id)
        flow.started_at = run.started_at
        for saved in run.steps:
            if saved.step in flow._results:
                flow._results[saved.step] = saved.model_copy(deep=True)
        flow.breaks = list(run.breaks)
        keys = [s.key for s in ritual.steps]
        flow.index = keys.index(run.at_step) if run.at_step in keys else 0
        flow._enter()
        return flow

    def progress(self) -> RitualRun:
        """The run so far, to save while it is under way (see `resumed`)."""
        step = self.step
        run = self.summary()
        if step is not None and not self.ended:
            for result in run.steps:  # the time on this step so far counts too
                if result.step == step.key:
                    result.seconds = round(result.seconds + self.step_seconds(), 3)
        return run.model_copy(update={
            "in_progress": not self.done, "at_step": step.key if step else None})

    # --- where we are -----------------------------------------------------------

    @property
    def step(self) -> Step | None:
        """The current step (None once past the last one)."""
        if self.index >= len(self.ritual.steps):
            return None
        return self.ritual.steps[self.index]

    @property
    def done(self) -> bool:
        return self.ended or self.step is None

    @property
    def position(self) -> str:
        """`Step 2 of 5` (the count people see)."""
        total = len(self.ritual.steps)
        return f"Step {min(self.index + 1, total)} of {total}"

    def result(self, step_key: str) -> RitualStepResult:
        return self._results[step_key]

    @property
    def notes(self) -> list[RitualNote]:
        step = self._current()
        return self._results[step.key].notes

    @property
    def prompt(self) -> str | None:
        step = self.step
        if step is None or not step.prompts:
            return None
        return step.prompts[self.prompt_index % len(step.prompts)]

    def next_prompt(self) -> str | None:
        self._open()
        self.prompt_index += 1
        return self.prompt

    @property
    def item(self) -> Item | None:
        step = self.step
        if step is None or not step.items:
            return None
        return step.items[min(self.item_index, len(step.items) - 1)]

    @property
    def item_position(self) -> str:
        step = self._current()
        if not step.items:
            return ""
        return f"{self.item_index + 1} of {len(step.items)}"

    def next_item(self) -> bool:
        """Move to the next item; False (and stay) when this was the last one."""
        step = self._open()
        if self.item_index + 1 >= len(step.items):
            return False
        self.item_index += 1
        return True

    def previous_item(self) -> bool:
        self._open()
        if self.item_index == 0:
            return False
        self.item_index -= 1
        return True

    # --- what people say ------------------------------------------------------

    def add_note(self, text: str, by: str | None = None, item: str | None = None) -> RitualNote:
        """A note on the current step (about the current item unless told)."""
        step = self._open()
        text = text.strip()
        if not text:
            raise ValueError("A note needs some words.")
        if by is not None and by not in self.partners:
            raise KeyError(by)
        if item is None and self.item is not None:
            item = self.item.key
        note = RitualNote(by=by, text=text, item=item)
        self._results[step.key].notes.append(note)
        return note

    def remove_note(self, note: RitualNote) -> None:
        step = self._open()
        notes = self._results[step.key].notes
        for i, existing in enumerate(notes):
            if existing is note:
                del notes[i]
                return

    def answer(self, partner_id: str, yes: bool) -> None:
        """A partner's yes/no on this step (for a calm gate: "I am calm enough")."""
        step = self._open()
        if partner_id not in self.partners:
            raise KeyError(partner_id)
        self._results[step.key].answers[partner_id] = yes

    def choose(self, choice: str) -> None:
        """Pick one of the step's answers (the safety check's questions)."""
        step = self._open()
        if choice not in step.choices:
            raise ValueError(f"Not one of the answers: {choice!r}")
        self.chosen[step.key] = choice

    @property
    def waiting_for(self) -> list[str]:
        """Partners the gate still waits for (not yet said yes)."""
        step = self.step
        if step is None or step.gate != BOTH_CALM:
            return []
        answers = self._results[step.key].answers
        return [p for p in self.partners if not answers.get(p)]

    @property
    def can_go_on(self) -> bool:
        return not self.done and not self.on_break and not self.waiting_for

    # --- moving ---------------------------------------------------------------

    def next(self) -> Step | None:
        """This step is done: on to the next (None when the ritual is complete)."""
        step = self._open()
        if self.waiting_for:
            raise NotNow("This step waits until both of you say you are calm enough.")
        self._leave(step)
        self._results[step.key].skipped = False
        self.index += 1
        self._enter()
        return self.step

    def skip(self) -> Step | None:
        """Leave this step out; it is recorded as skipped, which is fine."""
        step = self._open()
        if not step.skippable:
            raise NotNow("This step is needed for the rest.")
        self._leave(step)
        self._results[step.key].skipped = True
        self.index += 1
        self._enter()
        return self.step

    def back(self) -> Step:
        """Return to the previous step (it is no longer marked skipped)."""
        step = self._open()
        if self.index == 0:
            raise NotNow("This is the first step.")
        self._leave(step)
        self.index -= 1
        self._results[self.ritual.steps[self.index].key].skipped = False
        self._enter()
        return self._current()

    def _enter(self) -> None:
        self.prompt_index = 0
        self.item_index = 0
        self._step_started = self.active_seconds()
        if self.step is not None:
            self._visited.add(self.step.key)

    def _leave(self, step: Step) -> None:
        spent = self.active_seconds() - self._step_started
        self._results[step.key].seconds = round(self._results[step.key].seconds + spent, 3)

    def _current(self) -> Step:
        step = self.step
        if step is None:
            raise NotNow("The ritual is complete.")
        return step

    def _open(self) -> Step:
        if self.ended:
            raise NotNow("The ritual has ended.")
        if self.on_break:
            raise NotNow("You are on a break.")
        return self._current()

    # --- time and breaks --------------------------------------------------------

    def active_seconds(self) -> float:
        """Time spent in the ritual itself; breaks are left out."""
        running = 0.0
        if self._running_since is not None:
            running = self.clock.monotonic() - self._running_since
        return self._banked + max(0.0, running)

    def step_seconds(self) -> float:
        return self.active_seconds() - self._step_started

    @property
    def on_break(self) -> bool:
        return self._break is not None

    def take_break(self, called_by: str | None = None, planned_seconds: float = 20 * 60) -> None:
        """Pause here; `end_break` resumes on this very step, prompt and item.

        `called_by` may be unknown yet (the break screen asks who called it).
        """
        if self.ended:
            raise NotNow("The ritual has ended.")
        if self.on_break:
            return
        if called_by is not None and called_by not in self.partners:
            raise KeyError(called_by)
        if self._running_since is not None:
            self._banked += max(0.0, self.clock.monotonic() - self._running_since)
        self._running_since = None
        self._break_mono = self.clock.monotonic()
        self._break = (called_by, self.clock.now(), planned_seconds)

    def end_break(self, taken: BreakTaken | None = None) -> BreakTaken | None:
        """Back from a break. `taken` is the break clock's record when there is one.

        Without it, the break is recorded from this engine's own clock; a break
        nobody actually started (no caller, no record) leaves no trace. A calm
        gate asks again: how someone felt before a break is not how they feel after.
        """
        if self._break is None:
            raise NotNow("There is no break to come back from.")
        called_by, called_at, planned = self._break
        record = taken
        if record is None and called_by is not None:
            spent = self.clock.monotonic() - self._break_mono
            record = BreakTaken(called_by=called_by, called_at=called_at,
                                planned_seconds=planned, actual_seconds=round(spent, 3),
                                ended_early=spent < planned)
        if record is not None:
            self.breaks.append(record)
        self._break = None
        self._running_since = self.clock.monotonic()
        step = self.step
        if record is not None and step is not None and step.gate == BOTH_CALM:
            self._results[step.key].answers.clear()
        return record

    # --- the summary -------------------------------------------------------------

    def finish(self) -> RitualRun:
        """End the ritual (at any point). Steps not reached are recorded as skipped."""
        if self.on_break:
            self.end_break()
        if not self.ended:
            step = self.step
            if step is not None:
                self._leave(step)
            complete = step is None
            for later in self.ritual.steps[self.index:]:
                result = self._results[later.key]
                # The step they end on counts as taken when something was said in it
                # (a note kept there is not "left out").
                said = later is step and bool(result.notes or result.answers)
                result.skipped = not said
            self.ended = True
            self.ended_at = self.clock.now()
            self._complete = complete
        return self.summary()

    def summary(self) -> RitualRun:
        return RitualRun(
            id=self.run_id,
            created_at=self.started_at,
            ritual=self.ritual.key,
            started_at=self.started_at,
            ended_at=self.ended_at,
            steps=[r.model_copy(deep=True) for r in self._results.values()],
            breaks=list(self.breaks),
            finished=self.ended and self._complete,
        )

    def skipped(self) -> list[str]:
        return [k for k, r in self._results.items() if r.skipped]

    def notes_for(self, saves: Saves) -> Iterable[tuple[Step, RitualNote]]:
        """Every note on a step that may save this kind of record."""
        for step in self.ritual.steps:
            if saves in step.saves:
                for note in self._results[step.key].notes:
                    yield step, note
