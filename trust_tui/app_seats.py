"""The app's seat, and the other app's moves shown live.

An app unlocked by one partner holds that partner's seat (store/seats.py). When
the other partner's seat is held by another app on the same vault, the two
share the session under way: each shows both panes, and the keys here act only
for the partner sitting here (`seated_as`; widgets/floor_view.py, the calm
screen). One app alone sees no other seat: both sit at its keyboard, the left
and right keys as always, and the vault is looked at every DISK_CHECK_SECONDS
as before (so its idle cost does not change).

While the other partner is seated elsewhere the vault file is looked at every
LIVE_CHECK_SECONDS (one stat); a change is read in a thread (a 10-year vault
takes tens of milliseconds) and the screens catch up: a talk replays its
session from the vault, a break shows in both apps, home's lines redraw. The
figures are in bench/bench_live.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.timer import Timer

    from trust_tui.vault.seats import SeatHold

LIVE_CHECK_SECONDS = 0.05


class SharedSeats:
    """Mixed into TrustApp (an App with the vault, notify and `check_disk`)."""

    seated_as: str | None = None  # the partner whose keys act here, when apart
    _seat_hold: SeatHold | None = None
    _seat_other: str | None = None
    _live_timer: Timer | None = None

    def _take_seat(self) -> None:
        """At unlock: this partner's seat, if nobody else holds it."""
        from trust_tui.store import seats

        app: Any = self
        self._leave_seat()
        self._seat_hold = seats.take(app.vault)
        self.check_seats()

    def _leave_seat(self) -> None:
        """At a lock or quit: the seat is free again, and this app sits alone."""
        if self._seat_hold is not None:
            self._seat_hold.leave()
            self._seat_hold = None
        self._seated_apart(None, say=False)

    def check_seats(self) -> None:
        """Who sits where now (with each look at the disk): the seat is taken again
        if a moment's look from the other app kept it from us at unlock."""
        from trust_tui.store import seats
        from trust_tui.vault.errors import VaultError

        app: Any = self
        if not app.vault_open:
            return
        if self._seat_hold is not None and not self._seat_hold.held:
            self._seat_hold.take()
        try:
            other = seats.seated_elsewhere(app.vault)
        except VaultError:
            return  # the file cannot be read on (said by the look at the disk)
        self._seated_apart(other, say=True)

    def _seated_apart(self, other: str | None, *, say: bool) -> None:
        if other == self._seat_other:
            return
        app: Any = self
        self._seat_other = other
        self.seated_as = app.vault.me.id if other is not None and app.vault_open else None
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        if other is not None:
            self._live_timer = app.set_interval(LIVE_CHECK_SECONDS, app.check_disk_now)
        if say and app.vault_open:
            name = app.vault.name_of(other if other is not None else None)
            if other is not None:
                app.notify(f"{name} is here too, in another window. Each of you moves "
                           "from your own window; both of you see every move.",
                           title="Together, apart", timeout=8, markup=False)
            else:
                app.notify("The other window has closed: both of you can move from "
                           "this one again.", timeout=8, markup=False)
        self._redraw_seats()

    def _redraw_seats(self) -> None:
        """Panes and a break redraw with whose keys act here."""
        app: Any = self
        for screen in app.screen_stack:
            view = getattr(screen, "floor_view", None)
            if view is not None and getattr(view, "floor", None) is not None:
                view.refresh_view()
            redraw = getattr(screen, "seats_changed", None)
            if callable(redraw):
                redraw()

    def _catch_up_breaks(self) -> None:
        """After another app's write: a break open here follows it, and a break
        called there (in a talk, or on its own) shows here too."""
        from trust_tui.wiring import ritual_break_under_way, talk_break_under_way

        app: Any = self
        for screen in list(app.screen_stack):
            catch_up = getattr(screen, "catch_up_break", None)
            if callable(catch_up):
                catch_up()
        if self.seated_as is None or app.break_under_way():
            return
        if app.current_mode == "talk":
            return  # the talk screen carries a break on itself (its catch-up)
        if talk_break_under_way(app.vault, app.clock):
            app.switch_mode("talk")  # the talk screen carries the break on
        elif app.current_talk is None and ritual_break_under_way(app.vault, app.clock):
            app.call_later(self._join_ritual_break)  # the ritual carries the break on
        else:
            app.call_later(app._carry_on_break)

    async def _join_ritual_break(self) -> None:
        """A break called in the other app's ritual: its ritual opens here, with it."""
        app: Any = self
        if app.vault_open and app.current_talk is None and not app.break_under_way():
            await app.switch_mode("rituals")
            go_on = getattr(app.screen, "action_go_on", None)
            if callable(go_on):
                go_on()
