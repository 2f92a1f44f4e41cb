"""TrustApp: the shell around every screen.

It owns the unlocked vault, the clock, the save queue, the lock (key and idle),
the areas as modes, the global break key and the command palette. Screens see
it as a `widgets.shell.Shell` (they never import this module) and save through
`StoreClient.store`; nothing here touches TinyDB.
"""

from __future__ import annotations

import concurrent.futures
import gc
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen

from trust_tui import paths
from trust_tui.app_breaks import KEPT_OUT_BY_A_BREAK, BreakOwnsTheScreen
from trust_tui.app_copies import SyncCopiesBeside
from trust_tui.app_looks import TheirLooks
from trust_tui.app_saving import SavesInOrder
from trust_tui.app_seats import SharedSeats
from trust_tui.domain.clock import Clock, SystemClock
from trust_tui.screens.areas import AREAS
from trust_tui.screens.base import sheet
from trust_tui.theme import starting_theme
from trust_tui.vault.errors import VaultError
from trust_tui.widgets.forgetting import give_back_freed_memory
from trust_tui.widgets.keys import keyed
from trust_tui.wiring import (
    due_lines,
    open_area,
    ritual_break_under_way,
    talk_break_under_way,
)

if TYPE_CHECKING:  # imported on first use, after the first screen paints
    from trust_tui.vault import KdfParams, Vault
    from trust_tui.widgets.saving import StoreClient
    from trust_tui.widgets.talk_in_progress import TalkInProgress

HOME_MODE = "home"
LOCKED_MODE = "locked"  # a blank base screen under the unlock screen
IDLE_CHECK_SECONDS = 5.0
DISK_CHECK_SECONDS = 2.0


class TrustApp(SharedSeats, TheirLooks, BreakOwnsTheScreen, SyncCopiesBeside, SavesInOrder,
               App[None]):
    """The couple's app. Create with the vault path; a missing file means first run."""

    TITLE = "trust-tui"
    # The shell's sheets; each screen class names its own (loaded with it), but
    # the journal's loads here too: a sheet loaded with its screen re-reads the
    # whole stylesheet and restyles what is open, and the journal is opened most.
    CSS_PATH = [sheet("base"), sheet("dialogs"), sheet("shell"), sheet("journal")]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = keyed("app", [
        Binding("f2", "take_break", "Break", priority=True,
                tooltip="Either of you can call a calm-down break, any time"),
        Binding("ctrl+l", "lock", "Lock", priority=True,
                tooltip="Lock now: the screen is cleared and the key forgotten"),
        # Not in the footer: at 80 columns it would push out Break and Lock. Named
        # on home's key list, on the unlock screen and in the palette.
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        # While the list of keys (ctrl+p, "Keys") is open, escape closes it first.
        Binding("escape", "hide_keys", "Close the list of keys", priority=True, show=False),
    ])

    # The starting theme is the default itself, not a switch after start (a switch
    # would restyle every widget once more before the first paint).
    theme: Reactive[str] = Reactive(starting_theme)

    def __init__(self, vault_path: Path | None = None, *, clock: Clock | None = None,
                 kdf: KdfParams | None = None, idle_minutes: float | None = None,
                 vault: Vault | None = None) -> None:
        super().__init__()
        self.use_their_looks()
        # None (`textual run trust_tui.app:TrustApp`): found as the command line does,
        # TRUST_TUI_VAULT, else the data folder.
        self.vault_path = paths.vault_path(vault_path)
        self.clock: Clock = clock or SystemClock()
        self.kdf = kdf  # only used when setup creates a vault (tests pass a fast one)
        self._idle_minutes_override = idle_minutes
        # A vault already unlocked (tests, `trust-tui demo`) skips the unlock screen.
        self._vault: Vault | None = vault
        self._last_activity = self.clock.monotonic()
        self._locking = False
        self._reload_problem: str | None = None  # said once until the next unlock
        self._loads_shown = 0  # the vault's reads the screens have caught up with
        # One writer thread: saves land in the order they were asked for.
        self._save_queue = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="trust-save")
        # The talk (or ritual) in progress, set by its screen: a break reports to it
        # (see widgets/talk_in_progress.py).
        self.current_talk: TalkInProgress | None = None
        self._word_keepers: set[StoreClient] = set()
        self._lock_problem: str | None = None  # said once the unlock screen is up
        self._quit_anyway = False  # told that unsaved words could not be kept
        self._quit_words_kept = False  # kept for this exit already (ctrl+q did)
        self._add_area_modes()

    def _add_area_modes(self) -> None:
        from trust_tui.screens.home import HomeScreen

        self.add_mode(HOME_MODE, HomeScreen)
        if LOCKED_MODE not in self._modes:
            self.add_mode(LOCKED_MODE, Screen)
        for area in AREAS:
            self.add_mode(area.mode, lambda mode=area.mode: self._area_screen(mode))

    def _area_screen(self, mode: str) -> Screen:
        """A new area's screen, styled as it mounts. Textual restyles the whole app
        twice for a mode's new screen (a reparse of every stylesheet each time,
        30-60 ms, bench/bench_journal.py) to catch up on theme changes it missed;
        a screen made now has missed none (Textual 8.2: `_css_update_count`)."""
        screen = open_area(mode)
        screen._css_update_count = self._css_update_count
        return screen

    # --- the vault --------------------------------------------------------------

    @property
    def vault(self) -> Vault:
        if self._vault is None or self._vault.is_locked:
            raise VaultError("The vault is locked.")
        return self._vault

    @property
    def vault_open(self) -> bool:
        return self._vault is not None and not self._vault.is_locked

    def due_lines(self, mode: str, today: date) -> list[str]:
        """What the area `mode` says is due today, for home."""
        return due_lines(mode, self.vault, today)

    @property
    def idle_minutes(self) -> float:
        if self._idle_minutes_override is not None:
            return self._idle_minutes_override
        if self.vault_open:
            return self.vault.settings.idle_lock_minutes
        return 10

    async def on_mount(self) -> None:
        self.say_keymap_problem()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_idle_lock)
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk)
        if not self.is_headless:
            self.keep_words_when_hung_up()  # a terminal closed keeps words, as ctrl+q
        if self._vault is not None:
            await self.vault_unlocked(self._vault)
        elif not self._starts_at_unlock():
            from trust_tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.vault_path, kdf=self.kdf))

    def _starts_at_unlock(self) -> bool:
        return self._vault is None and self.vault_path.exists()

    def get_default_screen(self) -> Screen:
        # The unlock screen is the first screen itself (not pushed over a blank
        # one), so launch to first paint is one screen's work.
        if self._starts_at_unlock():
            from trust_tui.screens.unlock import UnlockScreen

            return UnlockScreen(self.vault_path)
        return Screen()

    async def vault_unlocked(self, vault: Vault) -> None:
        """Called by the setup and unlock screens once a vault is open."""
        self._vault = vault
        self._reload_problem = None  # fresh keys: a later problem is said again
        self._last_activity = self.clock.monotonic()
        self._loads_shown = vault.loads
        self._take_seat()  # app_seats.py: this partner's seat, and the other's
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._use_their_theme(vault)
        await self.switch_mode(HOME_MODE)
        await self._carry_on_break()
        if talk_break_under_way(vault, self.clock):
            await self.switch_mode("talk")  # a talk's break goes on, with the talk
        elif ritual_break_under_way(vault, self.clock):
            await self.switch_mode("rituals")  # and a ritual's, with the ritual
            go_on = getattr(self.screen, "action_go_on", None)
            if callable(go_on):
                go_on()
        # Years of records are long-lived objects: keep the cyclic collector from
        # walking them all mid-keystroke (a 30-year vault stalled typing 62 ms;
        # 18 ms frozen, bench/bench_typing.py). Unfrozen again on lock.
        gc.freeze()
        give_back_freed_memory()  # the pages the unlock's parsing left free (issue 17)
        self.call_after_refresh(give_back_freed_memory)  # and home's first drawing's
        self.look_after_unlock()  # a sync service's other copy beside the vault

    async def action_lock(self) -> None:
        """Forget the key and every screen that showed content; back to unlock."""
        if self._vault is None or self._locking:
            return  # a key press and the idle timer can both ask at once
        self._locking = True
        try:
            await self._lock_now()
        finally:
            self._locking = False

    async def _lock_now(self) -> None:
        from trust_tui.screens.unlock import UnlockScreen
        from trust_tui.widgets.forgetting import forget_after_lock, going

        self._break_bell_at = self._break_bell_due()
        await self.keep_pending_words()
        self._leave_seat()
        await self.switch_mode(LOCKED_MODE)
        shown = going(self, [HOME_MODE, *(area.mode for area in AREAS)])  # weakly held
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for mode in [HOME_MODE, *(area.mode for area in AREAS)]:
            await self.remove_mode(mode)
        self._add_area_modes()
        self.current_talk = None
        self._vault.lock()
        self._vault = None
        gc.unfreeze()  # the records just dropped can be collected now
        # Textual's copies go too; collect, overwrite freed memory (widgets/forgetting.py).
        forget_after_lock(self, shown, writer=self._save_queue)
        self.push_screen(UnlockScreen(self.vault_path))
        if self._lock_problem:
            self.notify(self._lock_problem, title="Not saved", severity="error",
                        timeout=15, markup=False)
            self._lock_problem = None

    async def action_quit(self) -> None:
        """Words typed but not saved are kept (as at a lock) before the app closes."""
        await self.keep_pending_words()
        problem, self._lock_problem = self._lock_problem, None
        if problem and not self._quit_anyway:
            # Said while there is still a screen to say it on; the words stay there.
            self._quit_anyway = True
            self.notify(f"{problem} Press ctrl+q again to close anyway.", title="Not saved",
                        severity="error", timeout=15, markup=False)
            return
        self._quit_words_kept = True
        self.exit()

    async def on_exit_app(self) -> None:
        """Closed from outside (a browser tab closed under `trust-tui serve`, a served
        app stopped): the words typed but not saved are kept first, as at ctrl+q."""
        if not self._quit_words_kept:  # once (a served app may be told twice)
            self._quit_words_kept = True
            await self.keep_pending_words()

    # --- idle lock and other instances' writes -------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                              events.MouseScrollUp, events.Paste)):
            self._last_activity = self.clock.monotonic()
        await super().on_event(event)

    def idle_seconds(self) -> float:
        return self.clock.monotonic() - self._last_activity

    async def check_idle_lock(self) -> None:
        """Lock after the idle time, except while a screen asks to stay (a turn whose
        clock runs). A break does not: it carries on after unlocking."""
        if not self.vault_open:
            self._ring_for_a_locked_break()
            return
        if not self.screen_stack:
            return  # the app is closing: its last tick finds no screen
        holds = getattr(self.screen, "holds_idle_lock", None)
        if callable(holds) and holds():
            self._last_activity = self.clock.monotonic()
            return
        if self.idle_seconds() >= self.idle_minutes * 60:
            await self.action_lock()

    def check_disk(self) -> None:
        self.check_disk_now()
        self.check_seats()

    def check_disk_now(self) -> None:
        if self.vault_open and self.vault.changed_on_disk():
            self._reload_from_disk()
        elif self.vault_open and self.vault.loads != self._loads_shown:
            self._refresh_screens()  # a read here came upon the other app's write

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _reload_from_disk(self) -> None:
        try:
            changed = self.vault.reload()
        except VaultError as error:
            # Said once, not at every check of the disk (it stays true until a lock).
            if str(error) != self._reload_problem:
                self._reload_problem = str(error)
                self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if changed or self.vault.loads != self._loads_shown:  # or a read here came first
            self.call_from_thread(self._refresh_screens)

    def _refresh_screens(self) -> None:
        from trust_tui.screens.base import AreaScreen

        if not self.vault_open:
            return
        self._loads_shown = self.vault.loads
        for screen in self.screen_stack:
            if isinstance(screen, AreaScreen):
                screen.reload()
        self.look_for_sync_copies()  # a sync service that replaced the file may leave a copy
        self._catch_up_breaks()
        self._join_a_talk_begun_there()  # app_seats.py: seated apart, a talk begun there

    def get_line_filters(self):
        # Every painted line, editors included, loses control characters on the way
        # to the terminal: a pasted escape sequence is never acted on.
        from trust_tui.widgets.typed import NO_TERMINAL_CONTROLS

        return [*super().get_line_filters(), NO_TERMINAL_CONTROLS]

    # --- global actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Before a vault is open a break or a lock means nothing: keep them out
        # of the footer instead of showing keys that do nothing.
        if action in ("take_break", "lock") and not self.vault_open:
            return False
        if action == "hide_keys":
            return bool(self.screen.query("HelpPanel"))  # else escape acts as before
        if action in KEPT_OUT_BY_A_BREAK and self.vault_open and self.break_under_way():
            return False  # no area, form or second break opens over a break
        return True

    def action_hide_keys(self) -> None:
        self.action_hide_help_panel()

    def action_take_break(self) -> None:
        if self.vault_open and not self.break_under_way():
            from trust_tui.screens.calm import CalmScreen

            self.push_screen(CalmScreen())

    def action_solo_safety(self) -> None:
        """The safety check alone (listed with the rituals; its screen is the safety area's)."""
        from trust_tui.screens.safety import SoloSafetyScreen

        if self.vault_open:
            self.push_screen(SoloSafetyScreen())

    def action_go_home(self) -> None:
        if self.vault_open:
            self.switch_mode(HOME_MODE)

    def action_open_area(self, mode: str) -> None:
        if self.vault_open:
            self.switch_mode(mode)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # No "Screenshot" command: it would write their words to disk in the clear.
        if self.vault_open and self.break_under_way():  # the break owns the screen
            yield from self.break_commands()
            return
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        yield SystemCommand("Quit", "Close trust-tui", self.action_quit)
        # README promises "ctrl+p, then Keys": Textual's panel of every key here.
        if screen.query("HelpPanel"):
            yield SystemCommand("Keys", "Hide the list of keys", self.action_hide_help_panel)
        else:
            yield SystemCommand("Keys", "Every key on this screen, and what it does",
                                self.action_show_help_panel)
        if not self.vault_open:
            return
        yield SystemCommand("Lock now", "Forget the key and clear the screen (ctrl+l)",
                            self.action_lock)
        yield SystemCommand("Take a break", "A calm-down break, for either of you (f2)",
                            self.action_take_break)
        yield SystemCommand("Home", "Back to the overview", self.action_go_home)
        for area in AREAS:
            yield SystemCommand(area.title, area.description,
                                lambda mode=area.mode: self.action_open_area(mode))
        yield SystemCommand("Daily check-in", "How each of you feels today (c on home)",
                            self.action_check_in)
        yield SystemCommand("Honesty log", "A quick line about today, or a small slip "
                            "(h on home)", self.action_honesty)
        if self.sync_copies:
            yield SystemCommand("Bring in the other copy", "What a sync service's other copy "
                                "of the vault would bring in (m on home)", self.action_bring_in_copy)
        yield SystemCommand("Safety check, alone", "A few private questions for one of you "
                            "at a time (r, then a)", self.action_safety_check)

    def action_check_in(self) -> None:
        if self.vault_open:
            from trust_tui.screens.checkin import ask_check_in

            ask_check_in(self)

    def action_safety_check(self) -> None:
        if self.vault_open:
            from trust_tui.screens.safety import SoloSafetyScreen

            if not isinstance(self.screen, SoloSafetyScreen):
                self.push_screen(SoloSafetyScreen())

    def action_settings(self) -> None:
        """The couple's settings (s on home); a change not saved opens the form again."""
        if self.vault_open:
            from trust_tui.screens.settings import ask_settings

            ask_settings(self)

    def action_honesty(self) -> None:
        if self.vault_open:
            from trust_tui.screens.honesty import ask_honesty

            ask_honesty(self)

    def _fatal_error(self) -> None:
        # Textual's default prints a traceback with local variables, which could
        # show a passphrase or a partner's words: say one plain sentence instead.
        from rich.text import Text

        self.bell()
        self._exit_renderables.append(Text(
            "trust-tui stopped after an unexpected error. Everything saved before it "
            "is safe in your vault; please start it again."))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self._save_queue.shutdown(wait=True)
        if self._seat_hold is not None:
            self._seat_hold.leave()  # the process ending would free it too
