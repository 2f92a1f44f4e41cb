"""The app's seat, and the other app's moves shown live.

An app unlocked by one partner holds that partner's seat (store/seats.py). When
the other partner's seat is held by another app on the same vault, the two
share the session under way: each shows both panes, and the keys here act only
for the partner sitting here (`seated_as`; widgets/floor_moves.py, the calm
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

import contextlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.timer import Timer

    from trust_tui.vault.seats import SeatHold

LIVE_CHECK_SECONDS = 0.05
_end_now = os._exit  # (a test puts something milder here)

# What textual's own way out writes to give the terminal back (mouse reports,
# bracketed paste, line wrap, size reports, kitty keys, the main screen, the cursor,
# focus reports), said at once when a signal ends the app.
TERMINAL_BACK = ("\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h"
                 "\x1b[?2048l\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l")
TERMINAL_BACK_SECONDS = 0.5  # a terminal gone or stalled is not waited on longer


def give_terminal_back(driver: Any) -> None:
    """The terminal's modes as the app found them (a `kill` from another window
    would otherwise leave it on the app's screen, echo off, mouse reports on), in a
    thread the end waits on only briefly: a closed or stalled terminal cannot hold
    the process (textual's own way out would wait on it for ever)."""
    import threading

    def restore() -> None:
        import termios

        fileno, attrs = getattr(driver, "fileno", None), getattr(driver, "attrs_before", None)
        if isinstance(fileno, int) and attrs is not None:
            with contextlib.suppress(OSError, termios.error):
                termios.tcsetattr(fileno, termios.TCSANOW, attrs)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            out = driver._file.fileno()
            if os.isatty(out):
                os.write(out, TERMINAL_BACK.encode())

    thread = threading.Thread(target=restore, name="trust-terminal-back", daemon=True)
    thread.start()
    thread.join(TERMINAL_BACK_SECONDS)


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

    def keep_words_when_hung_up(self) -> None:
        """A terminal closed under the app (its window closed, an ssh login dropped)
        sends SIGHUP, a shutdown SIGTERM: either would end the process on the spot,
        and the words typed but not saved with it. Here the words are kept first, as
        at ctrl+q, and then the process ends at once, as it did: the terminal may be
        gone, and textual's own way out would then wait on it for ever (holding the
        seat)."""
        import asyncio
        import signal

        app: Any = self
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._signalled, 128 + number)

    def _signalled(self, status: int) -> None:
        app: Any = self
        if not app.call_later(self._hung_up, status):
            # The app is closing already (its words kept as it began to): a signal
            # taken here and never acted on would leave it running, holding the seat.
            if not app.is_headless:
                give_terminal_back(app._driver)
            _end_now(status)

    async def _hung_up(self, status: int) -> None:
        import asyncio
        import concurrent.futures

        from trust_tui.app_saving import LOCK_WRITE_SECONDS

        app: Any = self
        try:
            if not app._quit_words_kept:
                app._quit_words_kept = True
                await app.keep_pending_words()
            # A save already in the writer's hands (a key in a talk, a form's Enter)
            # lands before the end, not cut half way: the queue is drained, as briefly
            # as a lock waits.
            with contextlib.suppress(RuntimeError):  # the writer has shut down
                drained = app._save_queue.submit(lambda: None)
                await asyncio.to_thread(concurrent.futures.wait, [drained],
                                        timeout=LOCK_WRITE_SECONDS)
        finally:
            if not app.is_headless:
                give_terminal_back(app._driver)
            _end_now(status)  # 128 + the signal's number, as a shell reports it

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
        gone, self._seat_other = self._seat_other, other
        self.seated_as = app.vault.me.id if other is not None and app.vault_open else None
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        if other is not None:
            self._live_timer = app.set_interval(LIVE_CHECK_SECONDS, app.check_disk_now)
            self._know_talks_under_way()
        if say and app.vault_open:
            if other is not None:
                app.notify(f"{app.vault.name_of(other)} is here too, in another window. "
                           "Each of you moves from your own window; both of you see "
                           "every move.",
                           title="Together, apart", timeout=8, markup=False)
            else:
                app.notify(f"{app.vault.name_of(gone)}'s window has locked or closed: "
                           "both of you can move from this one again.", timeout=8,
                           markup=False)
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

    # --- a talk begun in the other app ----------------------------------------------

    _talks_known: frozenset[str] = frozenset()

    def _know_talks_under_way(self) -> None:
        """On sitting down apart: a talk under way already is not new (home offers
        it, "t continues it"); only one begun from now on pulls this app in."""
        from trust_tui.store import talks
        from trust_tui.vault.errors import VaultError

        app: Any = self
        try:
            self._talks_known = talks.unended(app.vault) if app.vault_open else frozenset()
        except VaultError:
            self._talks_known = frozenset()

    def _join_a_talk_begun_there(self) -> None:
        """After another app's write: a talk the other partner has just begun pulls
        this app in (as a break does), once, from home at rest. Anywhere else (an
        area open, a form over home, words being typed) it is offered in a word
        instead: nothing typed here is taken away from under the hands."""
        from trust_tui.app import HOME_MODE
        from trust_tui.store import talks

        app: Any = self
        if self.seated_as is None or not app.vault_open or app.current_mode == "talk":
            return  # (in the talk area a talk begun there is taken up: TalkScreen.reload)
        session = talks.under_way(app.vault)
        if session is None or session.id in self._talks_known:
            return
        self._talks_known |= {session.id}
        shown = getattr(app.current_talk, "floor", None)
        if app.break_under_way() or (shown is not None and shown.session.id == session.id):
            return  # shown here already (or begun here), or a break owns the screen
        name = app.vault.name_of(self._seat_other)
        talk_here = self._talk_screen()
        if (app.current_mode == HOME_MODE and len(app.screen_stack) == 1
                and (talk_here is None or talk_here.floor is None)):
            if talk_here is not None:
                talk_here.continue_under_way()  # the start form gives way to the talk
            app.switch_mode("talk")
            app.notify(f"{name} has begun a talk: here it is. escape goes home.",
                       timeout=6, markup=False)
            return
        app.notify(f"{name} has begun a talk. When you are ready: escape to home, then "
                   "t joins it. What you are doing here stays as it is.",
                   title="A talk has begun", timeout=12, markup=False)

    def _talk_screen(self) -> Any:
        """The talk area's screen, when it has been opened in this app."""
        app: Any = self
        try:
            stack = app.get_screen_stack("talk")
        except KeyError:
            return None
        return stack[0] if stack else None

    async def _join_ritual_break(self) -> None:
        """A break called in the other app's ritual: its ritual opens here, with it."""
        app: Any = self
        if app.vault_open and app.current_talk is None and not app.break_under_way():
            await app.switch_mode("rituals")
            go_on = getattr(app.screen, "action_go_on", None)
            if callable(go_on):
                go_on()
