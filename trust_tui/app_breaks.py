"""The app's side of a break: while one runs, it owns the screen.

No area, form, palette command or second break opens over a calm screen
(`TrustApp.check_action` asks `break_under_way`); the palette offers only Lock
now, the safety note and Quit. A break does not hold the idle lock off: a lock
loses nothing, since the break is kept as it goes. After unlocking (or in an
app opened again) a standalone break comes back with its time (one inside a
talk comes back with the talk), and a bell due while the app was locked still
rings.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

if TYPE_CHECKING:
    from trust_tui.domain.clock import Clock

# What a break under way keeps out until both are back (lock, the safety note and
# quit still work): every way to another area, a form or a second break.
KEPT_OUT_BY_A_BREAK = frozenset({
    "take_break", "go_home", "open_area", "check_in", "honesty", "settings",
    "safety_check", "solo_safety", "switch_mode", "push_screen", "change_theme",
    "bring_in_copy",
})


class BreakOwnsTheScreen:
    """Mixed into TrustApp (which gives the screens, the clock, the vault, the bell)."""

    clock: Clock
    screen_stack: Any
    vault: Any
    # A break's bell still rings if the app locked meanwhile (monotonic time).
    _break_bell_at: float | None = None

    def break_under_way(self) -> bool:
        """A calm screen is up (the palette may be over it)."""
        calm = sys.modules.get("trust_tui.screens.calm")
        if calm is None:  # never imported, so none is up (and home imports none: issue 17)
            return False
        return any(isinstance(screen, calm.CalmScreen) for screen in self.screen_stack)

    def break_commands(self) -> Iterable[SystemCommand]:
        """The palette while a break owns the screen."""
        app: Any = self
        yield SystemCommand("Lock now", "Forget the key and clear the screen (ctrl+l); "
                            "the break goes on after unlocking", app.action_lock)
        yield SystemCommand("Safety note", "What this app is and is not for",
                            self.action_safety_note)
        yield SystemCommand("Quit", "Close trust-tui", app.action_quit)

    def action_safety_note(self) -> None:
        from trust_tui.texts import SAFETY_NOTE

        app: Any = self
        app.notify(SAFETY_NOTE, title="Safety note", timeout=20, markup=False)

    def _break_bell_due(self) -> float | None:
        """When (monotonic) the break on screen wants its bell, if it does."""
        calm = next((s for s in self.screen_stack if hasattr(s, "bell_due_in")), None)
        due = calm.bell_due_in() if calm is not None else None
        return None if due is None else self.clock.monotonic() + due

    def _ring_for_a_locked_break(self) -> None:
        # For partners who stepped away: the break's time is up, even behind the lock.
        if self._break_bell_at is not None and self.clock.monotonic() >= self._break_bell_at:
            self._break_bell_at = None
            app: Any = self
            app.bell()

    async def _carry_on_break(self) -> None:
        """A break called away from any talk goes on after a lock or a restart (one
        inside a talk comes back with the talk)."""
        from trust_tui.screens.calm import CalmScreen
        from trust_tui.store.breaks import open_break

        self._break_bell_at = None  # the calm screen rings from here on
        if open_break(self.vault) is not None and not self.break_under_way():
            app: Any = self
            await app.push_screen(CalmScreen())
