"""One ritual, step by step (pushed over the rituals list).

The flow engine (domain/flow.py) drives it; `StepView` shows each step. A step
that uses the floor opens the floor step (`RitualTalkScreen`, the shared floor
view) and comes back here. f2 (or b) is a break from anywhere: the ritual waits
on the very step, prompt and item, and the break is kept in the summary.

Keys on a step: s / l write a note (left / right partner; the box opens only with
its partner's key, says whose it is, and Enter adds the note and gives every key
back, Esc closes it keeping the words; the note is filed under whoever opened it),
f / j "I'm calm enough" (left / right), a another prompt, [ ] previous/next item,
1-9 mark a note (a thank-you for the wins wall, a commitment as a mini-goal or a
draft expectation), o a review's outcome, t take the floor, n next step,
x skip, p previous step, e end here. Nothing is a score: skipping is recorded
and fine. The run is saved as it goes, so a lock or crash loses at most a step.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Footer, Input, Static

from trust_tui.domain.flow import Flow, NotNow, Ritual, Step
from trust_tui.models import RitualMark, RitualRun, TalkSession
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.rituals.ending import Ending, ending, summary_lines
from trust_tui.screens.rituals.floor_step import RitualTalkScreen
from trust_tui.screens.rituals.notes import (
    NOT_LINKED,
    TOGETHER,
    next_mark,
    next_outcome,
    typed_notes,
)
from trust_tui.screens.rituals.run_breaks import RitualBreaks
from trust_tui.screens.rituals.run_shared import SharedRitual
from trust_tui.screens.rituals.step_view import StepView
from trust_tui.store import StoreCall, bind, talks
from trust_tui.store import rituals as store
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.seat_box import SeatBox


class RitualRunScreen(SharedRitual, RitualBreaks, AreaScreen):
    """A ritual in progress (pushed over the rituals list)."""

    CSS_PATH = sheet("rituals")

    BINDINGS = keyed("ritual", [
        Binding("s", "note('left')", "Note (left)", show=False),
        Binding("l", "note('right')", "Note (right)", show=False),
        Binding("f", "calm('left')", show=False),
        Binding("j", "calm('right')", show=False),
        # Short words: a floor step's keys and the break all fit 80 columns.
        Binding("n", "next_step", "Next"),
        Binding("x", "skip_step", "Skip"),
        Binding("p", "previous_step", "Back"),
        Binding("a", "another_prompt", "New prompt"),
        Binding("right_square_bracket", "item(1)", "Next item", show=False,
                id="ritual.next_item"),
        Binding("left_square_bracket", "item(-1)", "Previous item", show=False,
                id="ritual.previous_item"),
        Binding("o", "outcome", "Outcome", show=False),
        Binding("t", "take_floor", "Take the floor"),
        Binding("b", "app.take_break", "Break"),
        Binding("e", "stop", "End"),
        # Leaves a note box, else the same as e; kept out of the footer for room.
        Binding("escape", "leave", "Leave box / end", show=False),
        *[Binding(str(n), f"mark({n})", show=False) for n in range(1, 10)],
    ])

    def __init__(self, ritual: Ritual, *, resume: RitualRun | None = None,
                 end_now: bool = False) -> None:
        super().__init__()
        self.ritual = ritual
        self.resume = resume  # a run saved part-way, to carry on (or end, with end_now)
        self.end_now = end_now
        self.flow: Flow | None = None
        self.sides: tuple[str, str] = ("", "")
        self.marks: dict[tuple[str, int], str] = {}  # (step, note index) -> what it becomes
        self.outcomes: dict[str, str] = {}  # agreement id -> keep / adjust / retire
        self.linked: str | None = None  # the expectation a setback concerns
        self.talk_ids: list[str] = []
        self.saved: RitualRun | None = None
        self.saved_lines: list[str] = []
        self._ritual_unsaved: Ending | None = None  # the end, while not on disk yet
        self._ritual_saving = False
        self._ritual_break = []  # a break's moves on a step (not the floor's)
        self.floors_left: set[str] = set()

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="run", id="run-stages"):
            yield StepView(id="run")
            with VerticalScroll(id="run-done"):
                yield Static("", id="done-title", classes="section-title")
                yield Static("", id="done-text")
                yield Static("escape: back to the rituals", classes="hint")
        yield Footer(compact=True)  # every key of a floor step fits 80 columns

    @property
    def step_view(self) -> StepView:
        return self.query_one(StepView)

    def on_mount(self) -> None:
        people = [p.id for p in self.vault.partners[:2]]
        if len(people) < 2:
            people = (people * 2)[:2]
        self.sides = (people[0], people[1])
        partners = tuple(dict.fromkeys(self.sides))
        run = self.resume
        if run is None:
            self.flow = Flow(self.ritual, self.clock, partners)
        else:
            self.flow = Flow.resumed(self.ritual, self.clock, partners, run)
            self.ritual_from(run)
        self.step_view.seat(self.sides, self.vault.name_of)
        self.trust_app.current_talk = self
        self.refresh_view()
        if self.end_now:
            self._finish()
        elif run is not None:
            self.call_after_refresh(self._continue_floor)
        elif self.seated_here() is not None:
            self._keep_progress()  # seated apart: the other app can take it up at once

    def _continue_floor(self) -> None:
        """Continued mid-floor: the floor step's talk goes on at its very turn; a
        break under way on a step goes on with its time."""
        if self.open_break() is not None:
            self.trust_app.action_take_break()  # the calm screen carries it on (current_talk)
            return
        flow, step = self.flow, self.step
        if flow is None or step is None or not step.uses_floor or not self.running:
            return
        session = talks.under_way(self.vault, ritual_id=flow.run_id)
        if session is not None and session.id not in self.floors_left:
            self.app.push_screen(RitualTalkScreen(self, step, session.first_speaker_id,
                                                  session=session), self._floor_done)

    def on_unmount(self) -> None:
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None

    # --- saving as it goes (a lock or crash loses at most a step) ----------------------------

    def _progress(self, *, typed: bool = False) -> RitualRun | None:
        """The run so far; with `typed`, the words still in the note boxes join it."""
        flow = self.flow
        if (flow is None or flow.done or self.saved is not None
                or self._ritual_unsaved is not None):
            return None
        run = flow.progress().model_copy(deep=True)
        step = flow.step
        if typed and step is not None:  # a break keeps the step: its notes count too
            result = next(r for r in run.steps if r.step == step.key)
            item = flow.item.key if flow.item is not None else None
            for box in self.query(".notes-col Input").results(Input):
                side = (box.id or "").removeprefix("note-")
                result.notes.extend(typed_notes(box.value, self._pid(side), item))
        if self.resume is None and flow.index == 0 and not run.breaks and not any(
                s.notes or s.answers for s in run.steps) and not self.talk_ids \
                and not self._ritual_break and self.seated_here() is None:
            return None  # opened, nothing said yet: nothing to come back to
        return run.model_copy(update={
            "marks": [RitualMark(step=s, index=i, mark=m) for (s, i), m in self.marks.items()],
            "outcomes": dict(self.outcomes),
            "talk_id": self.talk_ids[0] if self.talk_ids else None,
            "agreement_id": self.linked,
            "events": list(self._ritual_break)})

    def pending_words(self) -> list[StoreCall]:
        """At a lock or quit while under way: the run, with the notes still in the
        boxes (the screen will not be back; the ritual can be continued)."""
        run = self._progress(typed=True)
        return [] if run is None else [bind(store.keep_progress, run, self._ritual_seen)]

    # --- who ------------------------------------------------------------------------------

    def _other(self, pid: str) -> str:
        return self.sides[1] if pid == self.sides[0] else self.sides[0]

    @property
    def step(self) -> Step | None:
        return None if self.flow is None else self.flow.step

    @property
    def running(self) -> bool:
        return self.flow is not None and not self.flow.done

    def refresh_view(self) -> None:
        self.step_view.seated_as = self.seated_here()
        if self.flow is not None and self.step_view.show(self.ritual, self.flow, self.marks,
                                                         self.outcomes):
            # Which keys apply depends only on the step: redraw the footer just then
            # (rebuilding it on every key press is most of a key press's cost).
            self.refresh_bindings()

    # --- notes and marks ------------------------------------------------------------------

    def action_note(self, side: str) -> None:
        step = self.step
        if step is None or step.gate is not None:
            return
        side = self._side(side)
        target = TOGETHER if step.who == "together" else side
        pid = self._pid(side)
        self.step_view.box(target).open(pid, self.vault.name_of(pid))

    @on(Input.Submitted, ".notes-col Input")
    def _note_added(self, event: Input.Submitted) -> None:
        event.stop()
        flow = self.flow
        if flow is None or not event.value.strip():
            return
        if isinstance(event.input, LimitedInput) and not event.input.fits():
            return  # told why; every word stays in the box
        side = (event.input.id or "").removeprefix("note-")
        by = self._pid(side)
        if side != TOGETHER and isinstance(event.input, SeatBox) and event.input.opened_by:
            by = event.input.opened_by  # filed under the partner whose key opened it
        try:
            flow.add_note(event.value, by=by)
        except (NotNow, ValueError):
            return
        event.input.value = ""
        self.refresh_view()
        self._keep_progress()

    def action_mark(self, number: int) -> None:
        flow, step = self.flow, self.step
        if flow is None or step is None or flow.on_break:
            return
        if number - 1 >= len(flow.result(step.key).notes):
            return
        key = (step.key, number - 1)
        can, following = next_mark(step, self.marks.get(key))
        if not can:
            return
        self._cycle(self.marks, key, following)

    def action_outcome(self) -> None:
        flow, step = self.flow, self.step
        if flow is None or step is None or step.key != "reviews" or flow.item is None:
            return
        key = flow.item.key
        self._cycle(self.outcomes, key, next_outcome(self.outcomes.get(key)))

    def _cycle(self, chosen: dict, key: object, following: str | None) -> None:
        if following is None:
            chosen.pop(key, None)
        else:
            chosen[key] = following
        self.refresh_view()
        self._keep_progress()

    def action_calm(self, side: str) -> None:
        flow, step = self.flow, self.step
        pid = self._pid(self._side(side))
        if flow is None or step is None or step.gate is None or pid is None:
            return
        try:
            flow.answer(pid, not flow.result(step.key).answers.get(pid, False))
        except NotNow:
            return
        self.refresh_view()
        if self.seated_here() is not None:
            self._keep_progress()  # shown in the other app at once

    # --- moving ---------------------------------------------------------------------------

    def action_another_prompt(self) -> None:
        if self.flow is not None and self.running and not self.flow.on_break:
            self.flow.next_prompt()
            self.refresh_view()

    def action_item(self, delta: int) -> None:
        flow = self.flow
        if flow is None or not self.running or flow.on_break:
            return
        flow.next_item() if delta > 0 else flow.previous_item()
        self.refresh_view()

    def _remember_link(self) -> None:
        flow, step = self.flow, self.step
        if flow is not None and step is not None and step.key == "what" and flow.item:
            self.linked = None if flow.item.key == NOT_LINKED else flow.item.key

    def action_next_step(self) -> None:
        self._remember_link()
        self._move(lambda flow: flow.next())

    def action_skip_step(self) -> None:
        self._move(lambda flow: flow.skip())

    def _move(self, how) -> None:
        flow = self.flow
        if flow is None or not self.running:
            return
        try:
            following = how(flow)
        except NotNow as why:
            self.notify(str(why), markup=False)
            return
        if following is None:
            self._finish()
        else:
            self.refresh_view()
            self._keep_progress()

    def action_previous_step(self) -> None:
        if self.flow is None or not self.running:
            return
        try:
            self.flow.back()
        except NotNow:
            return
        self.refresh_view()
        self._keep_progress()

    def action_take_floor(self) -> None:
        flow, step = self.flow, self.step
        if (flow is None or not self.running or step is None or not step.uses_floor
                or flow.on_break):
            return
        first = self.sides[0]
        notes = flow.result(step.key).notes
        if notes and notes[-1].by is not None:
            first = notes[-1].by  # whoever wrote last (e.g. raised the issue) starts
        if self.seated_here() is not None and talks.under_way(self.vault, ritual_id=flow.run_id):
            self._continue_floor()  # begun in the other app: the same floor here
            return
        self.app.push_screen(RitualTalkScreen(self, step, first), self._floor_done)

    def floor_begun(self, talk_id: str) -> None:
        """The floor step's talk has begun (kept with the run: it can be continued)."""
        if talk_id not in self.talk_ids:
            self.talk_ids.append(talk_id)
            self._keep_progress()

    def _floor_done(self, session: TalkSession | None) -> None:
        self.trust_app.current_talk = self
        if session is not None:
            self.floors_left.add(session.id)  # ended, if still saving: never taken up again
        if session is not None and session.id not in self.talk_ids:
            self.talk_ids.append(session.id)
        self.refresh_view()
        self._keep_progress()

    def action_stop(self) -> None:
        if self._ritual_unsaved is not None:
            self._write(self._ritual_unsaved)  # the last try did not save: try again
            return
        if not self.running:
            if self.saved is not None:
                self.dismiss()
            return

        def answered(stop: bool | None) -> None:
            if stop and self.running:
                self._remember_link()
                self._finish()

        self.app.push_screen(ConfirmModal(
            "Stop here?", "Stop and keep it", "Carry on",
            detail="What you have written is kept; the steps not reached are noted "
                   "as left out. You can always come back to it."), answered)

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
        elif self.saved is not None:
            self.dismiss()
        else:
            self.action_stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        step = self.step
        if action == "leave":
            return True
        if action == "stop":
            return self.running or self._ritual_unsaved is not None
        if not self.running or step is None:
            return False
        if action == "skip_step":
            return step.skippable
        if action == "take_floor":
            return step.uses_floor
        if action == "another_prompt":
            return len(step.prompts) > 1
        return True

    # --- breaks: see run_breaks.py (the calm screen sees this screen as the talk) ----------

    def on_screen_resume(self) -> None:
        self.break_not_taken()  # "not now" on the break screen: nothing to record
        if self.trust_app.vault_open:
            self.trust_app.current_talk = self if self.running else None
            self.refresh_view()

    # --- the end: the summary and what it becomes --------------------------------------------

    def _finish(self) -> None:
        flow = self.flow
        assert flow is not None
        run = flow.finish()
        run.talk_id = self.talk_ids[0] if self.talk_ids else None
        end = ending(self.ritual, run, self.marks, self.outcomes, linked=self.linked,
                     other={pid: self._other(pid) for pid in self.sides},
                     me=self.vault.me.id, now=self.clock.now())
        self.saved_lines = summary_lines(self.ritual, end)
        self._write(end)

    def _write(self, end: Ending) -> None:
        if self._ritual_saving:
            return
        self._ritual_unsaved, self._ritual_saving = end, True

        def saved(result: RitualRun) -> None:
            self._ritual_saving = False
            self._saved(result)

        def failed(error: Exception) -> None:
            self._ritual_saving = False
            # The app has said why; everything is still here, and e tries again.
            self.step_view.say_head(f"{self.ritual.title}  ·  not saved yet: press e to "
                                    "try again")
            self.refresh_bindings()

        self.store(store.finish, end.run, end.records, end.reviews, by=self.vault.me.id,
                   now=end.now, done=saved, failed=failed,
                   saved_message=None)

    def _saved(self, run: RitualRun) -> None:
        self.saved = run
        self._ritual_unsaved = None
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        self.query_one("#done-title", Static).update(Content(f"{self.ritual.title}: kept"))
        text = "\n".join([*self.saved_lines, "", "Thank you for taking the time together."])
        self.query_one("#done-text", Static).update(Content(text))
        self.query_one("#run-stages", ContentSwitcher).current = "run-done"
        self.refresh_bindings()
