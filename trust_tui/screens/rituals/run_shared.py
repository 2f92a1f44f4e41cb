"""A ritual under way shared by two apps on one vault (app_seats.py), as a talk is.

Each app saves the whole run after each move, one save at a time (the newest
waiting in line), telling the store which kept copy it last saw: the other
app's moves made meanwhile are merged with this one's under the file lock
(domain/shared_ritual.py), and what is kept comes back here and is shown. When
the other app saves, `reload` catches up: its step, notes, answers, marks, a
break called there (shown here too) and a floor step begun there (taken up
here). Seated apart, each partner's keys act for them alone: a note goes under
the partner at this app, and "I'm calm enough" is theirs.

One app alone sees only its own saves: nothing here changes what it does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trust_tui.domain.flow import Flow
from trust_tui.domain.shared_ritual import moved_late
from trust_tui.models import RitualRun
from trust_tui.screens.rituals.notes import LEFT, RIGHT
from trust_tui.store import rituals as store
from trust_tui.widgets.shell import seated_among

if TYPE_CHECKING:
    from trust_tui.domain.flow import Ritual
    from trust_tui.models import LiveEvent


class SharedRitual:
    """Mixed into RitualRunScreen (an AreaScreen with `flow`, `_progress`, ...)."""

    shares_seats = True  # a break over it is shared across two apps (calm.py)
    ritual: Ritual
    flow: Flow | None
    sides: tuple[str, str]
    marks: dict[tuple[str, int], str]
    outcomes: dict[str, str]
    linked: str | None
    talk_ids: list[str]
    saved: RitualRun | None
    saved_lines: list[str]
    _ritual_break: list[LiveEvent]
    _ritual_seen: RitualRun | None = None  # the copy kept, as this app last saw it
    _ritual_sending = False
    _ritual_again = False
    # The screen's own (declared here for the reader and the type checker).
    refresh_view: Callable[[], None]
    _progress: Callable[..., RitualRun | None]
    _saved: Callable[[RitualRun], None]
    _continue_floor: Callable[[], None]

    def seated_here(self) -> str | None:
        """The partner whose keys act here when the other sits at another app."""
        return seated_among(self, self.sides)  # type: ignore[arg-type]

    def seats_changed(self) -> None:
        """The other window opened or closed (app_seats.py): whose keys are shown
        follows at once, as the keys themselves do (`_side`)."""
        self.refresh_view()

    def break_events(self) -> list[LiveEvent]:
        """The moves a break on a step reads (calm.py: whose "ready" came last ends
        a break both said at once)."""
        return list(self._ritual_break)

    def _pid(self, side: str) -> str | None:
        return {LEFT: self.sides[0], RIGHT: self.sides[1]}.get(side)

    def _side(self, side: str) -> str:
        """Seated apart, both sides' keys are the partner sitting here."""
        me = self.seated_here()
        return side if me is None else (LEFT if me == self.sides[0] else RIGHT)

    def ritual_from(self, run: RitualRun) -> None:
        """What the run holds beside the flow: marks, outcomes, the link, its floor's
        talk, a break's moves on a step."""
        self._ritual_seen = run
        self.marks = {(m.step, m.index): m.mark for m in run.marks}
        self.outcomes = dict(run.outcomes)
        self.linked = run.agreement_id
        self.talk_ids = [run.talk_id] if run.talk_id else []
        self._ritual_break = list(run.events)

    # --- saving, in line --------------------------------------------------------------

    def _keep_progress(self) -> None:
        if self._ritual_sending:
            self._ritual_again = True  # sent when the save under way has answered
            return
        run = self._progress()
        if run is None:
            return
        seen, self._ritual_sending = self._ritual_seen, True

        def kept(result: RitualRun) -> None:
            self._ritual_sending = False
            self._ritual_kept(run, seen, result)
            self._send_again()

        def failed(_error: Exception) -> None:
            self._ritual_sending = False  # the app has said why
            self._send_again()

        screen: Any = self
        screen.store(store.keep_progress, run, seen, done=kept, failed=failed,
                     saved_message=None)

    def _send_again(self) -> None:
        if self._ritual_again:
            self._ritual_again = False
            if getattr(self, "trust_app").vault_open:  # a lock hands the words over itself
                self._keep_progress()

    def _ritual_kept(self, sent: RitualRun, seen: RitualRun | None, kept: RitualRun) -> None:
        self._ritual_seen = kept
        if kept == sent or self._ritual_again:
            return  # the usual case (or a newer copy is on its way: its answer tells)
        self._ritual_caught_up(kept)
        if moved_late(sent, seen, kept):
            getattr(self, "app").notify(
                "That move came a moment late: the ritual had already moved on.",
                timeout=4, markup=False)

    # --- the other app's moves -----------------------------------------------------------

    def reload(self) -> None:
        """The run as the vault holds it now (the other app moved it): shown here."""
        flow = self.flow
        if (flow is None or flow.done or self.saved is not None or self._ritual_sending
                or getattr(self, "_ritual_unsaved", None) is not None):
            return  # nothing to follow, or this app's own save will answer merged
        kept = store.kept(getattr(self, "vault"), flow.run_id)
        if kept is None or kept == self._ritual_seen:
            if self.seated_here() is not None and getattr(self, "app").screen is self:
                self._continue_floor()  # its floor step begun there, saved after the run
            return
        self._ritual_seen = kept
        self._ritual_caught_up(kept)

    def _ritual_caught_up(self, kept: RitualRun) -> None:
        if not kept.in_progress:
            self.saved_lines = ["It was ended in the other window. Everything you both "
                                "wrote is kept."]
            self._saved(kept)
            return
        self._adopt_run(kept)
        if getattr(self, "app").screen is self:
            self._continue_floor()  # a break or a floor step begun there goes on here

    def _adopt_run(self, kept: RitualRun) -> None:
        """The flow replayed from the kept run; the prompt and item looked at here
        stay while the step is the same, and a break here holds it."""
        flow = self.flow
        assert flow is not None
        fresh = Flow.resumed(self.ritual, flow.clock, flow.partners, kept)
        if flow.step is not None and fresh.step is flow.step:
            fresh.prompt_index, fresh.item_index = flow.prompt_index, flow.item_index
        if flow.on_break:
            fresh.take_break()
        self.flow = fresh
        self.ritual_from(kept)
        self.refresh_view()
