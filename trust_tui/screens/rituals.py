"""Rituals: the weekly meeting, talking through a setback, the solo safety check.

`RitualsScreen` lists them (and says gently when a weekly meeting is due);
`RitualRunScreen` drives one ritual through the flow engine (domain/flow.py):
each step shows its guidance, a prompt, the item it looks at and each partner's
notes. A step that uses the floor hands over to the talk screen's own floor
logic (`RitualTalkScreen`, a TalkScreen that starts at once and comes back
here). f2 (or b) is a break from anywhere: the ritual waits on the very step,
prompt and item, and the break is kept in the summary.

Keys on a step: s / l write a note (left / right partner; enter adds it),
f / j "I'm calm enough" (left / right), a another prompt, [ ] previous/next item,
1-9 mark a note (a thank-you for the wins wall, a commitment as a mini-goal or a
draft expectation), o a review's outcome, t take the floor, n next step,
x skip, p previous step, e end here. Nothing is a score: skipping is recorded
and fine.
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Input,
    Label,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from trust_tui.domain import agreements as agreement_rules
from trust_tui.domain import rituals
from trust_tui.domain.flow import Flow, Item, NotNow, Ritual, Step
from trust_tui.models import (
    Agreement,
    AgreementKind,
    BreakTaken,
    FollowThrough,
    MiniGoal,
    RitualMark,
    RitualNote,
    RitualRun,
    Setback,
    TalkSession,
    Win,
)
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.talk import TalkScreen
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.limits import LimitedInput, in_pieces, limit_of, shortened

LEFT, RIGHT, TOGETHER = "left", "right", "together"
NOTE_LIMIT = 1000  # a note may become a mini-goal, which holds this much
NOT_LINKED = "none"
# What a marked note becomes; a commitment's mark cycles through these.
THANKS, GOAL, EXPECTATION = "thanks", "goal", "expectation"
MARK_WORDS = {THANKS: "goes on the wins wall as a thank-you",
              GOAL: "becomes a mini-goal",
              EXPECTATION: "becomes a draft expectation"}
OUTCOMES = (None, "keep", "adjust", "retire")
OUTCOME_WORDS = {"keep": "keep it as it is", "adjust": "adjust the wording (back to "
                 "draft, for both to agree again)", "retire": "let it go"}


def due_rituals(vault, today: date) -> list[str]:
    """Home's gentle lines: a ritual left under way, and when a weekly meeting is due."""
    lines = []
    run = unfinished(vault)
    if run is not None:
        lines.append(f"{under_way(run)}: still open (r)")
    line = rituals.weekly_due(vault.all(RitualRun), today)
    return lines + ([line] if line else [])


def excuse_notes(text: str) -> list[str]:
    """The apology helper's gentle notes on a text, if the helper is installed
    (an adapter: trust_tui.domain.apology belongs to the wins/journal area)."""
    try:
        apology = importlib.import_module("trust_tui.domain.apology")
    except ImportError:
        return []
    notes = []
    for flag in apology.find_excuses(text):
        said = getattr(flag, "said", "") or ""
        why = getattr(flag, "why", "") or str(flag)
        instead = getattr(flag, "suggestion", "")
        line = f'"{said}": {why}' if said else why
        notes.append(f"{line} Try: {instead}" if instead else line)
    return notes


# --- the list of rituals --------------------------------------------------------------

class RitualsScreen(AreaScreen):
    CSS_PATH = sheet("rituals")

    BINDINGS = [
        Binding("c", "go_on", "Continue"),
        Binding("x", "end_unfinished", "End it"),
        Binding("w", "start('weekly')", "Weekly meeting"),
        Binding("s", "start('setback')", "Setback"),
        Binding("a", "start('safety')", "Safety check, alone"),
        Binding("escape", "app.go_home", "Home"),
    ]

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

    def today(self) -> date:
        return self.clock.now().astimezone().date()

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
            from trust_tui.screens.safety import SoloSafetyScreen

            self.app.push_screen(SoloSafetyScreen())
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


def keep_progress(vault, run: RitualRun) -> None:
    """Save a ritual under way, unless it has ended meanwhile (a late save of the
    progress must never bring an ended ritual back)."""
    with vault.transaction():
        current = vault.get(RitualRun, run.id)
        if current is None or current.in_progress:
            vault.put(run)


def _keep_their_notes(run: RitualRun, theirs: RitualRun) -> None:
    """Notes the other window wrote that this one never saw join this run."""
    ours = {step.step: step for step in run.steps}
    for step in theirs.steps:
        mine = ours.get(step.step)
        if mine is None:
            run.steps.append(step)
            continue
        have = {(n.by, n.text, n.item) for n in mine.notes}
        mine.notes.extend(n for n in step.notes if (n.by, n.text, n.item) not in have)


RITUAL_NAMES = {rituals.WEEKLY: "Weekly meeting", rituals.SETBACK: "Talking through a setback"}


def unfinished(vault) -> RitualRun | None:
    """The newest ritual left under way (by a lock, a crash or a closed terminal)."""
    runs = [r for r in vault.all(RitualRun) if r.in_progress and r.ritual in RITUAL_NAMES]
    return max(runs, key=lambda r: r.started_at, default=None)


def started_words(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar'."""
    return f"{RITUAL_NAMES.get(run.ritual, run.ritual)} from {run.started_at.astimezone():%a %d %b}"


def under_way(run: RitualRun) -> str:
    """E.g. 'Weekly meeting from Mon 02 Mar, left at step 3 of 6'."""
    keys = [s.step for s in run.steps]
    at = keys.index(run.at_step) + 1 if run.at_step in keys else 1
    return f"{started_words(run)}, left at step {at} of {len(keys)}"


# --- one ritual, step by step -------------------------------------------------------------

class RitualRunScreen(AreaScreen):
    """A ritual in progress (pushed over the rituals list)."""

    CSS_PATH = sheet("rituals")

    BINDINGS = [
        Binding("s", "note('left')", "Note (left)", show=False),
        Binding("l", "note('right')", "Note (right)", show=False),
        Binding("f", "calm('left')", show=False),
        Binding("j", "calm('right')", show=False),
        # Short words: a floor step's keys and the break all fit 80 columns.
        Binding("n", "next_step", "Next"),
        Binding("x", "skip_step", "Skip"),
        Binding("p", "previous_step", "Back"),
        Binding("a", "another_prompt", "New prompt"),
        Binding("right_square_bracket", "item(1)", "Next item", show=False),
        Binding("left_square_bracket", "item(-1)", "Previous item", show=False),
        Binding("o", "outcome", "Outcome", show=False),
        Binding("t", "take_floor", "Take the floor"),
        Binding("b", "app.take_break", "Break"),
        Binding("e", "stop", "End"),
        # Leaves a note box, else the same as e; kept out of the footer for room.
        Binding("escape", "leave", "Leave box / end", show=False),
        *[Binding(str(n), f"mark({n})", show=False) for n in range(1, 10)],
    ]

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
        self._unsaved: tuple | None = None  # (write, run) while the summary is not on disk
        self._saving = False
        self._last_step: str | None = None
        self._typed: dict[str, str] = {}  # words in the note boxes, not yet added

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="run", id="run-stages"):
            with Vertical(id="run"):
                yield Static("", id="run-head")
                with VerticalScroll(id="run-body"):
                    yield Static("", id="run-guidance")
                    yield Static("", id="run-prompt")
                    yield Static("", id="run-item")
                    yield Static("", id="run-gate")
                    with Horizontal(id="run-notes"):
                        for side in (LEFT, TOGETHER, RIGHT):
                            with Vertical(id=f"col-{side}", classes="notes-col"):
                                yield Label("", id=f"name-{side}", classes="col-name",
                                            markup=False)
                                yield LimitedInput(placeholder="A note (enter adds it)",
                                                   limit=NOTE_LIMIT, noun="a note",
                                                   id=f"note-{side}")
                                yield Static("", id=f"notes-{side}", classes="col-notes")
                    yield Static("", id="run-excuses")
                yield Static("", id="run-keys")
            with VerticalScroll(id="run-done"):
                yield Static("", id="done-title", classes="section-title")
                yield Static("", id="done-text")
                yield Static("escape: back to the rituals", classes="hint")
        yield Footer(compact=True)  # every key of a floor step fits 80 columns

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
            self.marks = {(m.step, m.index): m.mark for m in run.marks}
            self.outcomes = dict(run.outcomes)
            self.linked = run.agreement_id
            self.talk_ids = [run.talk_id] if run.talk_id else []
        for side, pid in zip((LEFT, RIGHT), self.sides):
            self.query_one(f"#name-{side}", Label).update(self.vault.name_of(pid))
        self.query_one(f"#name-{TOGETHER}", Label).update("Both of you")
        self.trust_app.current_talk = self
        self.refresh_view()
        if self.end_now:
            self._finish()

    # --- saving as it goes (a lock or crash loses at most a step) ----------------------------

    def _progress(self) -> RitualRun | None:
        flow = self.flow
        if flow is None or flow.done or self.saved is not None or self._unsaved is not None:
            return None
        run = flow.progress()
        if self.resume is None and flow.index == 0 and not run.breaks and not any(
                s.notes or s.answers for s in run.steps):
            return None  # opened, nothing said yet: nothing to come back to
        return run.model_copy(update={
            "marks": [RitualMark(step=s, index=i, mark=m) for (s, i), m in self.marks.items()],
            "outcomes": dict(self.outcomes),
            "talk_id": self.talk_ids[0] if self.talk_ids else None,
            "agreement_id": self.linked})

    def _keep_progress(self) -> None:
        run = self._progress()
        if run is not None:
            self.trust_app.save(lambda vault: keep_progress(vault, run), saved_message=None)

    def on_unmount(self) -> None:
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        if not self.trust_app.vault_open:
            return
        # Taken down by a lock or quit while under way: notes still in the boxes join
        # the others, and the run is written now (the screen will not be back).
        flow = self.flow
        if flow is not None and not flow.done and not flow.on_break:
            for side, words in self._typed.items():
                # Longer than a note holds (it was said): kept as several notes, whole.
                for piece in in_pieces(words, limit_of(RitualNote, "text")):
                    if piece.strip():
                        try:
                            flow.add_note(piece, by=self._pid(side))
                        except (NotNow, ValueError, KeyError):
                            pass
        run = self._progress()
        if run is not None:
            try:
                keep_progress(self.vault, run)
            except Exception:
                pass  # a lock must always go through; the last step's save stands

    # --- who ------------------------------------------------------------------------------

    def _pid(self, side: str) -> str | None:
        return {LEFT: self.sides[0], RIGHT: self.sides[1]}.get(side)

    def _who(self, pid: str | None) -> str:
        return self.vault.name_of(pid)

    def _other(self, pid: str | None) -> str | None:
        if pid is None:
            return None
        return self.sides[1] if pid == self.sides[0] else self.sides[0]

    @property
    def step(self) -> Step | None:
        return None if self.flow is None else self.flow.step

    @property
    def running(self) -> bool:
        return self.flow is not None and not self.flow.done

    # --- drawing ------------------------------------------------------------------------

    def refresh_view(self) -> None:
        flow, step = self.flow, self.step
        if flow is None:
            return
        if step is None or flow.ended:
            return
        head = f"{self.ritual.title}  ·  {flow.position}  ·  {step.title}"
        if flow.on_break:
            head += "  ·  ON A BREAK"
        self.query_one("#run-head", Static).update(Content(head))
        self.query_one("#run-guidance", Static).update(Content(step.guidance))
        prompt = Content("")
        if flow.prompt and len(step.prompts) == 1:
            prompt = Content(flow.prompt)
        elif flow.prompt:
            number = flow.prompt_index % len(step.prompts) + 1
            prompt = Content.assemble((f"Prompt {number} of {len(step.prompts)}", "dim"),
                                      "\n", flow.prompt)
        self.query_one("#run-prompt", Static).update(prompt)
        self._draw_item(flow, step)
        self._draw_gate(flow, step)
        self._draw_notes(flow, step)
        self.query_one("#run-keys", Static).update(self._keys_text(step))
        if self._last_step != step.key:
            # Which keys apply depends only on the step: redraw the footer just then
            # (rebuilding it on every key press is most of a key press's cost).
            self._last_step = step.key
            self.query_one("#run-body", VerticalScroll).scroll_home(animate=False)
            self.refresh_bindings()

    def _draw_item(self, flow: Flow, step: Step) -> None:
        box = self.query_one("#run-item", Static)
        if not step.items:
            box.update(Content(step.empty))
            box.display = bool(step.empty)
            return
        box.display = True
        item = flow.item
        assert item is not None
        label = "Concerns" if step.key == "what" else flow.item_position
        lines = [Content.assemble((f"{label}: ", "bold"), Content(item.text))]
        if step.key == "reviews":
            outcome = self.outcomes.get(item.key)
            lines.append(Content("Outcome: " + (OUTCOME_WORDS[outcome] if outcome
                                                else "not chosen yet (o to choose)")))
        if len(step.items) > 1:
            lines.append(Content.styled("[ and ] move between them.", "dim") if step.key != "what"
                         else Content.styled("[ and ] choose which expectation it concerns.", "dim"))
        box.update(Content("\n").join(lines))

    def _draw_gate(self, flow: Flow, step: Step) -> None:
        box = self.query_one("#run-gate", Static)
        box.display = step.gate is not None
        if step.gate is None:
            return
        answers = flow.result(step.key).answers
        lines = []
        for side, key in ((LEFT, "f"), (RIGHT, "j")):
            pid = self._pid(side)
            state = "calm enough" if answers.get(pid) else "not yet"
            lines.append(f" {key}  {self._who(pid)}: {state}")
        if flow.waiting_for:
            lines.append("When you are both calm enough, press n. Not there yet? Take a "
                         "break first (b or f2); it is the right move, not a delay.")
        else:
            lines.append("Both of you are ready. Press n to begin.")
        box.update(Content("\n".join(lines)))

    def _draw_notes(self, flow: Flow, step: Step) -> None:
        notes_row = self.query_one("#run-notes")
        notes_row.display = step.gate is None
        together = step.who == "together"
        self.query_one(f"#col-{TOGETHER}").display = together
        for side in (LEFT, RIGHT):
            self.query_one(f"#col-{side}").display = not together
        notes = flow.result(step.key).notes
        for side in (LEFT, RIGHT, TOGETHER):
            pid = self._pid(side)
            lines = []
            for index, note in enumerate(notes):
                mine = note.by is None if side == TOGETHER else note.by == pid
                if mine:
                    lines.append(self._note_line(step, index, note))
            self.query_one(f"#notes-{side}", Static).update(Content("\n").join(lines))
        excuses = []
        if step.check == "apology":
            for note in notes:
                for found in excuse_notes(note.text):
                    excuses.append(f"{self._who(note.by)}, worth a second look: {found}")
        box = self.query_one("#run-excuses", Static)
        box.display = bool(excuses)
        box.update(Content("\n".join(excuses)))

    def _note_line(self, step: Step, index: int, note: RitualNote) -> Content:
        number = f"{index + 1}. " if index < 9 else "- "
        line = Content.assemble((number, "bold"), Content(note.text))
        mark = self.marks.get((step.key, index))
        if mark:
            line = Content.assemble(line, (f"  ({MARK_WORDS[mark]})", "italic"))
        return line

    def _keys_text(self, step: Step) -> Content:
        keys = []
        if step.gate:
            keys.append("f / j  I'm calm enough")
        elif step.who == "together":
            keys.append("s or l  write a note")
        else:
            keys.append(f"s  {self._who(self.sides[0])} writes   "
                        f"l  {self._who(self.sides[1])} writes")
        if "thanks" in step.saves:
            keys.append("1-9  put a thank-you on the wins wall")
        if "goal" in step.saves:
            keys.append("1-9  make a note a mini-goal or a draft expectation")
        if step.key == "reviews" and step.items:
            keys.append("o  outcome")
        if step.uses_floor:
            keys.append("t  take the floor")
        keys.append("n  next" + ("" if not step.skippable else "   x  leave this step out"))
        return Content("    ".join(keys))

    # --- notes and marks ------------------------------------------------------------------

    def action_note(self, side: str) -> None:
        step = self.step
        if step is None or step.gate is not None:
            return
        target = TOGETHER if step.who == "together" else side
        self.query_one(f"#note-{target}", Input).focus()

    @on(Input.Changed, ".notes-col Input")
    def _note_typed(self, event: Input.Changed) -> None:
        self._typed[(event.input.id or "").removeprefix("note-")] = event.value

    @on(Input.Submitted, ".notes-col Input")
    def _note_added(self, event: Input.Submitted) -> None:
        event.stop()
        flow = self.flow
        if flow is None or not event.value.strip():
            return
        if isinstance(event.input, LimitedInput) and not event.input.fits():
            return  # told why; every word stays in the box
        side = (event.input.id or "").removeprefix("note-")
        try:
            flow.add_note(event.value, by=self._pid(side))
        except (NotNow, ValueError):
            return
        event.input.value = ""
        self.refresh_view()
        self._keep_progress()

    def action_mark(self, number: int) -> None:
        flow, step = self.flow, self.step
        if flow is None or step is None or flow.on_break:
            return
        notes = flow.result(step.key).notes
        index = number - 1
        if index >= len(notes):
            return
        key = (step.key, index)
        if "thanks" in step.saves:
            order = (None, THANKS)
        elif "goal" in step.saves:
            order = (None, GOAL, EXPECTATION)
        else:
            return
        current = self.marks.get(key)
        following = order[(order.index(current) + 1) % len(order)]
        if following is None:
            self.marks.pop(key, None)
        else:
            self.marks[key] = following
        self.refresh_view()
        self._keep_progress()

    def action_outcome(self) -> None:
        flow, step = self.flow, self.step
        if flow is None or step is None or step.key != "reviews" or flow.item is None:
            return
        key = flow.item.key
        following = OUTCOMES[(OUTCOMES.index(self.outcomes.get(key)) + 1) % len(OUTCOMES)]
        if following is None:
            self.outcomes.pop(key, None)
        else:
            self.outcomes[key] = following
        self.refresh_view()
        self._keep_progress()

    def action_calm(self, side: str) -> None:
        flow, step = self.flow, self.step
        if flow is None or step is None or step.gate is None:
            return
        pid = self._pid(side)
        try:
            flow.answer(pid, not flow.result(step.key).answers.get(pid, False))
        except NotNow:
            return
        self.refresh_view()

    # --- moving ---------------------------------------------------------------------------

    def action_another_prompt(self) -> None:
        if self.running and not self.flow.on_break:
            self.flow.next_prompt()
            self.refresh_view()

    def action_item(self, delta: int) -> None:
        flow = self.flow
        if not self.running or flow.on_break:
            return
        flow.next_item() if delta > 0 else flow.previous_item()
        self.refresh_view()

    def _remember_link(self) -> None:
        flow, step = self.flow, self.step
        if step is not None and step.key == "what" and flow.item is not None:
            self.linked = None if flow.item.key == NOT_LINKED else flow.item.key

    def action_next_step(self) -> None:
        flow = self.flow
        if not self.running:
            return
        self._remember_link()
        try:
            following = flow.next()
        except NotNow as why:
            self.notify(str(why), markup=False)
            return
        if following is None:
            self._finish()
        else:
            self.refresh_view()
            self._keep_progress()

    def action_skip_step(self) -> None:
        flow = self.flow
        if not self.running:
            return
        try:
            following = flow.skip()
        except NotNow as why:
            self.notify(str(why), markup=False)
            return
        if following is None:
            self._finish()
        else:
            self.refresh_view()
            self._keep_progress()

    def action_previous_step(self) -> None:
        if not self.running:
            return
        try:
            self.flow.back()
        except NotNow:
            return
        self.refresh_view()
        self._keep_progress()

    def action_take_floor(self) -> None:
        step = self.step
        if not self.running or step is None or not step.uses_floor or self.flow.on_break:
            return
        first = self.sides[0]
        notes = self.flow.result(step.key).notes
        if notes and notes[-1].by is not None:
            first = notes[-1].by  # whoever wrote last (e.g. raised the issue) starts
        self.app.push_screen(RitualTalkScreen(self, step, first), self._floor_done)

    def _floor_done(self, session: TalkSession | None) -> None:
        self.trust_app.current_talk = self
        if session is not None and session.id not in self.talk_ids:
            self.talk_ids.append(session.id)
        self.refresh_view()
        self._keep_progress()

    def action_stop(self) -> None:
        if self._unsaved is not None:
            self._write(*self._unsaved)  # the last try did not save: try again
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
            return self.running or self._unsaved is not None
        if not self.running or step is None:
            return False
        if action == "skip_step":
            return step.skippable
        if action == "take_floor":
            return step.uses_floor
        if action == "another_prompt":
            return len(step.prompts) > 1
        return True

    # --- breaks (the calm screen sees this screen as the talk in progress) ------------------

    def where_we_were(self) -> str:
        flow, step = self.flow, self.step
        if flow is None or step is None:
            return ""
        where = f"{self.ritual.title}, {flow.position.lower()}: {step.title}."
        if flow.item is not None:
            where += f" ({flow.item_position})"
        return where

    def break_started(self) -> None:
        if self.running:
            self.flow.take_break()
            self.refresh_view()

    def break_taken(self, taken: BreakTaken) -> None:
        if self.flow is not None and self.flow.on_break:
            self.flow.end_break(taken)
            self._keep_progress()

    def break_not_taken(self) -> None:
        if self.flow is not None and self.flow.on_break:
            self.flow.end_break()

    def on_screen_suspend(self) -> None:
        from trust_tui.screens.calm import CalmScreen

        if isinstance(self.app.screen, CalmScreen):
            self.break_started()

    def on_screen_resume(self) -> None:
        self.break_not_taken()  # "not now" on the break screen: nothing to record
        if self.trust_app.vault_open:
            self.trust_app.current_talk = self if self.running else None
            self.refresh_view()

    def holds_idle_lock(self) -> bool:
        # A meeting is mostly talk, not typing: do not lock under it.
        return self.running

    # --- the end: the summary and what it becomes --------------------------------------------

    def _finish(self) -> None:
        flow = self.flow
        assert flow is not None
        run = flow.finish()
        run.talk_id = self.talk_ids[0] if self.talk_ids else None
        me = self.vault.me.id
        now = self.clock.now()
        records: list = []
        counts = {THANKS: 0, GOAL: 0, EXPECTATION: 0}
        for (step_key, index), mark in sorted(self.marks.items()):
            notes = run.steps[[s.step for s in run.steps].index(step_key)].notes
            if index >= len(notes):
                continue
            note = notes[index]
            by = note.by or me
            if mark == THANKS:
                records.append(Win(kind="thanks", text=note.text, noticed_by=by,
                                   to=self._other(by), created_at=now))
            elif mark == GOAL:
                # Marked "…" if it had to be shortened; the meeting keeps the whole note.
                records.append(MiniGoal(text=shortened(note.text, limit_of(MiniGoal, "text")),
                                        owner=note.by, created_at=now))
            else:
                records.append(agreement_rules.new_agreement(
                    AgreementKind.EXPECTATION, note.text, by, now=now))
            counts[mark] += 1
        if self.ritual.key == rituals.SETBACK:
            what = [n for s in run.steps if s.step == "what" for n in s.notes]
            if what:
                # One author when only one of you wrote it; a "Both of you" note, or
                # notes from each, are the couple's (None reads "both of you").
                authors = {n.by for n in what}
                noted_by = authors.pop() if len(authors) == 1 else None
                setback = Setback(text=shortened("\n".join(n.text for n in what),
                                                 limit_of(Setback, "text")),
                                  noted_by=noted_by, agreement_id=self.linked,
                                  talked_through_id=run.id, created_at=now)
                records.append(setback)
                run.setback_id = setback.id
            run.agreement_id = self.linked
        reviews = dict(self.outcomes)
        review_notes = {key: "; ".join(n.text for s in run.steps if s.step == "reviews"
                                       for n in s.notes if n.item == key)
                        for key in reviews}

        def reviewed(agreement: Agreement, outcome: str, note: str) -> Agreement | None:
            if any(r.at == now for r in agreement.reviews):
                return None  # already recorded by an earlier try
            return agreement_rules.review(agreement, working={}, outcome=outcome, now=now,
                                          by=me, note=note)

        def write(vault) -> RitualRun:
            # Safe to run again after a failed try: same ids, reviews marked by time.
            with vault.transaction():
                fresh = records
                current = vault.get(RitualRun, run.id)
                if (current is not None and not current.in_progress and current.setback_id
                        and current.setback_id != run.setback_id):
                    # Ended in another window, which recorded the setback already:
                    # this one adds its notes to theirs, never a second setback.
                    run.setback_id = current.setback_id
                    fresh = [r for r in records if not isinstance(r, Setback)]
                    _keep_their_notes(run, current)
                vault.put(run)  # over the copy saved as it went
                vault.add_many(fresh, skip_existing=True)
            for agreement_id, outcome in reviews.items():
                note = review_notes.get(agreement_id, "")  # a review's note holds it all
                try:
                    vault.update(Agreement, agreement_id,
                                 lambda a, o=outcome, n=note: reviewed(a, o, n))
                except (KeyError, agreement_rules.AgreementRuleError):
                    pass  # edited or removed meanwhile: the meeting's notes still hold it
            return run

        self.saved_lines = self._summary_lines(run, counts, len(reviews))
        self._write(write, run)

    def _write(self, write, run: RitualRun) -> None:
        if self._saving:
            return
        self._unsaved, self._saving = (write, run), True

        def saved(result: RitualRun) -> None:
            self._saving = False
            self._saved(result)

        def failed(error: Exception) -> None:
            self._saving = False
            # The app has said why; everything is still here, and e tries again.
            self.query_one("#run-head", Static).update(Content(
                f"{self.ritual.title}  ·  not saved yet: press e to try again"))
            self.refresh_bindings()

        self.trust_app.save(write, done=saved, failed=failed, saved_message=None)

    def _summary_lines(self, run: RitualRun, counts: dict[str, int], reviewed: int) -> list[str]:
        done = [s for s in run.steps if not s.skipped]
        left_out = [s for s in run.steps if s.skipped]
        lines = [f"Steps taken: {len(done)} of {len(run.steps)}."]
        if left_out:
            titles = ", ".join(self.ritual.step(s.step).title for s in left_out)
            lines.append(f"Left out: {titles}. That is fine.")
        if run.breaks:
            lines.append(f"Breaks: {len(run.breaks)}. Taking one is part of doing this well.")
        if counts[THANKS]:
            thanks = counts[THANKS]
            lines.append(f"On the wins wall: {thanks} thank-you{'' if thanks == 1 else 's'}.")
        if counts[GOAL]:
            lines.append(f"New mini-goals: {counts[GOAL]}.")
        if counts[EXPECTATION]:
            lines.append(f"Draft expectations: {counts[EXPECTATION]}, waiting in "
                         "Expectations for both of you to agree.")
        if reviewed:
            lines.append(f"Reviews recorded: {reviewed}.")
        if run.setback_id:
            lines.append("The setback is on the record, as a normal part of rebuilding.")
        return lines

    def _saved(self, run: RitualRun) -> None:
        self.saved = run
        self._unsaved = None
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        self.query_one("#done-title", Static).update(Content(f"{self.ritual.title}: kept"))
        text = "\n".join([*self.saved_lines, "", "Thank you for taking the time together."])
        self.query_one("#done-text", Static).update(Content(text))
        self.query_one("#run-stages", ContentSwitcher).current = "run-done"
        self.refresh_bindings()


class RitualTalkScreen(TalkScreen):
    """A ritual step with the floor: the talk screen itself, started at once on the
    step's prompts, coming back to the ritual when the couple ends it (e, y).

    It reuses TalkScreen's floor, panes, clock and keys; what differs is how it
    starts and ends, the prompts it shows, and that the listener's pane stays
    open for short notes while the speaker speaks."""

    def __init__(self, ritual_screen: RitualRunScreen, step: Step, first_speaker_id: str) -> None:
        super().__init__()
        self.ritual_screen = ritual_screen
        self.ritual_step = step
        self.first_speaker_id = first_speaker_id
        self._returned = False

    def on_mount(self) -> None:
        super().on_mount()
        self.begin(topic_key="open", turn_minutes=self.vault.settings.default_turn_minutes,
                   first_speaker_id=self.first_speaker_id, sides=self.ritual_screen.sides)

    def _save_progress(self) -> None:
        if self._returned:
            return  # saved once more on the way back; nothing later to add
        if self.floor is not None:
            self.floor.session.ritual_id = self.ritual_screen.flow.run_id
        super()._save_progress()

    def refresh_view(self) -> None:
        super().refresh_view()
        if self.floor is not None and not self.floor.ended:
            flow = self.ritual_screen.flow
            status = self.query_one("#talk-status", Static)
            speaker = self._who(self.floor.speaker_id)
            status.update(Content(f"{flow.position}: {self.ritual_step.title}  ·  "
                                  f"{speaker} has the floor"))

    def _prompt_text(self) -> Content:
        from trust_tui.domain.floor import Phase

        floor = self.floor
        prompts = self.ritual_step.prompts
        if floor is None or not prompts or floor.phase not in (Phase.NAMING, Phase.SPEAKING):
            return Content("")
        number = floor.prompt_index % len(prompts) + 1
        return Content.assemble((f"Prompt {number} of {len(prompts)}", "dim"), "\n",
                                Content(prompts[number - 1]))

    def _pane_view(self, side: str, pid: str):
        from trust_tui.domain.floor import Phase

        view = super()._pane_view(side, pid)
        floor = self.floor
        if floor is not None and pid == floor.listener_id and floor.phase == Phase.SPEAKING \
                and not floor.paused:
            # The listener jots a few words while listening; they carry into the say-back.
            view = replace(view, show_summary=True,
                           task=view.task + " A few words in your box help.")
        return view

    def _actions(self, pid: str):
        from trust_tui.domain.floor import Phase

        actions = super()._actions(pid)
        floor = self.floor
        if floor is not None and pid == floor.listener_id and floor.phase == Phase.SPEAKING \
                and not floor.paused and "field" not in actions:
            pane = self._listener_pane()
            actions = {**actions, "field": ("jot a few words", pane.summary_input.focus)}
        return actions

    def _show_summary(self) -> None:
        """The floor ended: save the talk and go back to the ritual."""
        if self._returned or self.floor is None:
            return
        self._returned = True
        session = self.floor.session
        session.ritual_id = self.ritual_screen.flow.run_id
        copy = session.model_copy(deep=True)
        self._persist(lambda vault: vault.put(copy), message=None)
        self.trust_app.current_talk = self.ritual_screen
        self.dismiss(copy)

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
        else:
            self.action_end_talk()

    def where_we_were(self) -> str:
        where = super().where_we_were().split(" Prompt: ")[0]  # the talk's own prompts
        if self.floor is not None and self.ritual_step.prompts:
            prompts = self.ritual_step.prompts
            where += f" Prompt: {prompts[self.floor.prompt_index % len(prompts)]}"
        return f"{self.ritual_screen.ritual.title}: {self.ritual_step.title}. {where}"

    def break_taken(self, taken: BreakTaken) -> None:
        super().break_taken(taken)
        self.ritual_screen.break_taken(taken)

    def on_screen_suspend(self) -> None:
        super().on_screen_suspend()
        from trust_tui.screens.calm import CalmScreen

        if isinstance(self.app.screen, CalmScreen):
            self.ritual_screen.break_started()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.ritual_screen.break_not_taken()
