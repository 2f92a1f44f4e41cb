"""What a screen holding a floor shares (the talk, a ritual's floor step).

Every move on the floor is saved as it happens (`FloorView.Moved`), one save at a
time, the newest waiting in line (each is the whole session). A break's moves
join the floor's events; a break under way is replayed from them
(`open_break`). When the floor goes off screen (a break, another area, a lock)
an AWAY event holds its clock, so time left is the same when it is back; at a
lock or quit the half-typed lines are kept with the talk (`floor_words`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trust_tui.domain import live
from trust_tui.domain.break_clock import open_break
from trust_tui.domain.floor import AWAY, Floor
from trust_tui.models import LiveEvent, TalkSession
from trust_tui.store import StoreCall, bind, talks
from trust_tui.widgets.repair_card import RepairCard
from trust_tui.widgets.shell import shell_of

if TYPE_CHECKING:
    from trust_tui.domain.break_clock import BreakClock
    from trust_tui.models import BreakTaken
    from trust_tui.widgets.floor_view import FloorView


# Moves someone asked for (a late one is told); a clock going away or back is not.
ASKED = live.FLOOR_MOVES - {live.AWAY, live.BACK}


def _has_more(here: TalkSession, there: TalkSession) -> bool:
    """`here` holds a move `there` does not (one not saved yet)."""
    def key(e: LiveEvent) -> tuple:
        return (e.kind, e.at, e.by, e.text, e.number)

    known = {key(e) for e in there.events}
    return any(key(e) not in known for e in here.events)


class FloorHost:
    """Mix into an AreaScreen that shows a `FloorView` as `floor_view`."""

    floor_view: FloorView
    _floor_saving = False
    _floor_queued: tuple | None = None

    @property
    def floor(self) -> Floor | None:
        return self.floor_view.floor

    @property
    def sides(self) -> tuple[str, str]:
        return self.floor_view.sides

    # --- saving, in order ---------------------------------------------------------------

    def save_floor(self) -> None:
        """Save the session so far (after every move). What is kept comes back: with
        another app's moves made meanwhile, the floor here catches up with it."""
        if self.floor is not None:
            sent = self.floor.session.model_copy(deep=True)
            self.persist(talks.save_progress, sent, message=None, replaceable=True,
                         done=lambda kept: self._floor_kept(sent, kept))

    def _floor_kept(self, sent: TalkSession, kept: TalkSession) -> None:
        floor = self.floor
        if floor is None or kept.id != floor.session.id or kept.events == floor.session.events:
            return  # the usual case
        if _has_more(floor.session, sent):
            return  # a move made since is on its way to a save, which will answer
        late = [e for e in sent.events if e not in kept.events and e.kind in ASKED]
        self._floor_adopt(kept)
        if late:
            self.app.notify(  # type: ignore[attr-defined]
                "That move came a moment late: the talk had already moved on.",
                timeout=4, markup=False)

    def catch_up(self, session: TalkSession) -> None:
        """The same talk as the vault holds it now (another app moved it): the floor
        is replayed from its events and shown; boxes keep what is typed in them."""
        floor = self.floor
        if (floor is None or session.id != floor.session.id
                or session.events == floor.session.events or _has_more(floor.session, session)):
            return  # nothing new, or this app's own save will bring it back merged
        self._floor_adopt(session)

    def catch_up_kept(self) -> None:
        """The floor as the vault holds it now (after another app's write)."""
        floor = self.floor
        if floor is not None and not floor.ended:
            kept = talks.kept(shell_of(self).vault,  # type: ignore[arg-type]
                              floor.session.id)
            if kept is not None:
                self.catch_up(kept)

    def _floor_adopt(self, session: TalkSession) -> None:
        floor = self.floor
        assert floor is not None
        moved = Floor.replay(self.clock, session, floor.partners)  # type: ignore[attr-defined]
        if floor.away_now and not moved.away_now:
            moved.hold(AWAY)  # off screen here: its clock waits here too
        self.floor_view.adopt(moved)
        self.floor_caught_up(floor)

    def floor_caught_up(self, before: Floor) -> None:
        """After `catch_up`: the screen shows an end, a break (overridden)."""

    def on_floor_view_moved(self) -> None:
        self.save_floor()

    def persist(self, use_case: Callable[..., Any], *args: Any,
                done: Callable[[Any], None] | None = None,
                failed: Callable[[Exception], None] | None = None,
                message: str | None, replaceable: bool = False) -> None:
        # One save at a time, so an older copy of the session never lands after a
        # newer one; a newer request replaces a queued one (each is the whole session),
        # except that a plain progress save never replaces a queued finish.
        if self._floor_saving:
            if self._floor_queued is None or self._floor_queued[5] or not replaceable:
                self._floor_queued = (use_case, args, done, failed, message, replaceable)
            return
        self._floor_saving = True

        def finished(result: object) -> None:
            self._floor_saving = False
            if done is not None:
                done(result)
            self._floor_drain()

        def not_saved(error: Exception) -> None:
            self._floor_saving = False
            if failed is not None:
                failed(error)
            self._floor_drain()

        self.store(use_case, *args, done=finished,  # type: ignore[attr-defined]
                   failed=not_saved, saved_message=message)

    def _floor_drain(self) -> None:
        if self._floor_queued is not None:
            use_case, args, done, failed, message, replaceable = self._floor_queued
            self._floor_queued = None
            self.persist(use_case, *args, done=done, failed=failed, message=message,
                         replaceable=replaceable)

    def floor_words(self) -> list[StoreCall]:
        """At a lock or quit with the floor under way: its clock waits (AWAY) and the
        half-typed lines are kept with it; this copy is the newest, so a save still
        waiting in line is not needed."""
        floor = self.floor
        if floor is None or floor.ended:
            return []
        floor.away()  # and so no save of its own when the screen goes
        self._floor_queued = None
        return [bind(talks.keep_typing, floor.session.model_copy(deep=True),
                     self._floor_typing())]

    def _floor_typing(self) -> dict[str, str]:
        """Half-typed lines in the partners' boxes (partner id -> words)."""
        boxes = {pid: self.floor_view.pane_of(pid).summary_input for pid in self.sides}
        return {pid: box.value for pid, box in boxes.items() if box.value.strip()}

    def show_typing(self) -> None:
        """Half-typed lines kept with a floor replayed go back in their boxes."""
        floor = self.floor
        if floor is None:
            return
        kept, floor.session.typing = dict(floor.session.typing), {}
        me = self.floor_view.seated_as()  # apart: only this seat's own words
        for pid, words in kept.items():
            if pid in self.sides and me in (None, pid):
                self.floor_view.pane_of(pid).summary_input.value = words

    # --- repair phrases ------------------------------------------------------------------------

    def action_repair_card(self, side: str) -> None:
        """a (left) or ; (right): that partner's card of repair phrases; the one they
        reach for is noted with the talk."""
        floor = self.floor
        if floor is None or floor.ended:
            return
        pid = self.sides[0 if side == "left" else 1]

        def used(phrase: str | None) -> None:
            if phrase is None or self.floor is not floor or floor.ended:
                return
            floor.record(live.event(live.REPAIR, self.clock.now(), pid,  # type: ignore[attr-defined]
                                    phrase))
            self.save_floor()

        name = shell_of(self).vault.name_of(pid)  # type: ignore[arg-type]
        self.app.push_screen(RepairCard(name), used)  # type: ignore[attr-defined]

    # --- breaks, and the idle lock ----------------------------------------------------------

    def break_moved(self, event: LiveEvent) -> None:
        """A break's move joins the floor's events, saved at once."""
        if self.floor is not None:
            self.floor.record(event)
            self.save_floor()

    def open_break(self) -> BreakClock | None:
        """A break under way in the floor's events (after a lock or a restart)."""
        floor = self.floor
        if floor is None or floor.ended:
            return None
        return open_break(self.clock, self.sides,  # type: ignore[attr-defined]
                          floor.session.events)

    def break_events(self) -> list[LiveEvent]:
        """The moves a break reads (the floor's events)."""
        return list(self.floor.session.events) if self.floor is not None else []

    def add_floor_break(self, taken: BreakTaken) -> bool:
        """A finished break joins the talk; True when there is a talk to save."""
        if self.floor is None:
            return False
        self.floor.add_break(taken)
        return True

    def holds_idle_lock(self) -> bool:
        """Only while a turn's clock runs (people talk without touching keys)."""
        return self.floor is not None and self.floor.clock_running

    def on_screen_suspend(self) -> None:
        """A break or another screen is on top: the turn clock waits (AWAY)."""
        floor = self.floor
        if floor is not None and not floor.ended and not floor.away_now:
            floor.away()
            self.save_floor()

    def resume_floor(self) -> None:
        """The floor is on screen again: its clock runs on, or, with a break under way
        in its events (continued after a lock or a restart), the break goes on."""
        floor = self.floor
        if floor is None or floor.ended:
            return
        if self.open_break() is not None:
            shell_of(self).action_take_break()  # type: ignore[arg-type]
            return
        if floor.away_now:
            floor.back()
            self.save_floor()
        self.floor_view.refresh_view()
