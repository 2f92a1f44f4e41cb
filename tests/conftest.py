"""Shared fixtures: fast vaults (small KDF, recorded in the header), apps by
state (unlocked on home, locked at the unlock screen, fresh at first-run
setup), driven by a fake clock; and helpers to read what the person sees and
what the app told them."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault

# Snapshot colours must not depend on the machine running the tests.
os.environ.pop("NO_COLOR", None)


# Pilot waits after every key until the process looks idle, sampling in steps of
# 20 ms (two waits a key), so typing a sentence key by key idled about 60 ms a key:
# half the suite's time. Sample every 10 ms: a key still waits at least 20 ms, longer
# than one frame at 60 fps, so a footer or a painted line has caught up as before;
# idle still means under 1 ms of CPU in a step.
import textual._wait  # noqa: E402

textual._wait.SLEEP_GRANULARITY = 1 / 100
textual._wait.SLEEP_IDLE = 1 / 1000

SAM_PASS = "sam-passphrase"
ALEX_PASS = "alex-passphrase"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in UTC: `utc(2026, 3, 4, 18)`."""
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def make_vault(path: Path) -> Vault:
    return Vault.create(path, [("Sam", SAM_PASS), ("Alex", ALEX_PASS)], kdf=FAST_TEST_KDF)


def ids(vault: Vault) -> dict[str, str]:
    """Each partner's id by name: `ids(vault)["Alex"]`."""
    return {p.name: p.id for p in vault.partners}


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path: Path, monkeypatch) -> Path:
    """This machine's notes of generations opened (trust_tui.vault.seen) go to the
    test's own folder, never the real one (subprocesses inherit it too). With
    XDG_STATE_HOME the notes land one folder deeper (its trust-tui folder)."""
    from trust_tui.paths import ENV_STATE

    folder = tmp_path / "machine-state"
    monkeypatch.setenv(ENV_STATE, str(folder))
    # Also for the console-script runs, which drop every TRUST_TUI_ variable.
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    # And their keymap (widgets/keys.py): never the real user's.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


@pytest.fixture(autouse=True)
def no_controlling_terminal(monkeypatch) -> None:
    """In-process commands never ask on the real /dev/tty: run from a terminal, a test
    expecting "no terminal" would wait there for someone to type. (The prompt on a
    terminal is tested for real, on a pseudo-terminal, in tests/unit/test_tty_prompt.py.)"""
    monkeypatch.setattr("trust_tui.cli.output.controlling_terminal", lambda: False)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "couple.vault"


@pytest.fixture
def vault(vault_path: Path) -> Vault:
    return make_vault(vault_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def unlocked_app(vault_path: Path, clock: FakeClock):
    """`app, path, clock = await unlocked_app()` inside a test; then
    `async with app.run_test(size=(120, 40)) as pilot:` starts on home.

    `seed(vault)` (optional) adds records before the app opens the vault."""
    from trust_tui.app import TrustApp

    async def factory(seed=None, size=None):
        created = make_vault(vault_path)
        if seed is not None:
            seed(created)
        app = TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF,
                       vault=Vault.open(vault_path, SAM_PASS))
        return app, vault_path, clock

    return factory


@pytest.fixture
def locked_app(vault_path: Path, clock: FakeClock):
    """`app = locked_app()`: a vault exists and the app starts at the unlock screen.

    `seed(vault)` (optional) adds records first."""
    from trust_tui.app import TrustApp

    def factory(seed=None):
        created = make_vault(vault_path)
        if seed is not None:
            seed(created)
        return TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF)

    return factory


@pytest.fixture
def fresh_app(vault_path: Path, clock: FakeClock):
    """No vault file yet: the app starts at first-run setup (with a fast KDF)."""
    from trust_tui.app import TrustApp

    return TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF)


@pytest.fixture
def local_utc(monkeypatch):
    """The local time zone is UTC for this test (dates on screen never shift)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- what the person sees, and what the app told them --------------------------------

def screen_lines(app) -> list[str]:
    """The terminal's lines right now, as painted (overlays and all). Textual has
    no public accessor for the painted screen: this is the one place that reads it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def visible_text(pilot) -> str:
    """The lines every shown widget on the current screen renders, top to bottom.

    A widget that fails to render fails the test with its own error (a person would
    see a crash, not a blank)."""
    lines = []
    for widget in pilot.app.screen.query("*"):
        if widget.display and widget.size.height and hasattr(widget, "render_line"):
            lines += [widget.render_line(y).text for y in range(widget.size.height)]
    return "\n".join(lines)


def every_screen(app) -> list:
    """Every screen in every mode's stack, through Textual's public `get_screen_stack`."""
    from trust_tui.app import HOME_MODE, LOCKED_MODE
    from trust_tui.screens.areas import AREAS

    screens = []
    for mode in (app.DEFAULT_MODE, LOCKED_MODE, HOME_MODE, *(area.mode for area in AREAS)):
        try:
            screens += app.get_screen_stack(mode)
        except KeyError:  # a mode not started (or removed at a lock) has no stack
            pass
    return screens


class Told:
    """Everything the app says with `notify` from now on (title, message), kept even
    after a notification's timeout or a lock clears the screen. Textual keeps its
    own list private: `told = Told(app)` before `run_test`, then `"words" in told`."""

    def __init__(self, app) -> None:
        self.notes: list[tuple[str, str]] = []
        notify = app.notify

        def record(message: str, *, title: str = "", **kwargs: Any) -> None:
            self.notes.append((str(title), str(message)))
            notify(message, title=title, **kwargs)

        app.notify = record

    @property
    def messages(self) -> list[str]:
        return [message for _title, message in self.notes]

    def clear(self) -> None:
        self.notes.clear()

    def __contains__(self, words: str) -> bool:
        return any(words in message for message in self.messages)


async def settle(pilot) -> None:
    """Let a Pilot action's saves (thread workers) finish, then the screen redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def drawn(pilot, words: str, text=None, *, patience: float = 15.0) -> str:
    """The screen's text (`text(pilot)`, visible_text by default) once it shows
    `words`, or once `patience` seconds of settles have passed: a redraw may land
    many frames after the change on a loaded machine (ten settles were too few for
    a busy CI). A bound, not a timing assert; the caller asserts the words are there."""
    read = text or visible_text
    shown = read(pilot)
    give_up = time.monotonic() + patience
    while words not in shown and time.monotonic() < give_up:
        await settle(pilot)
        shown = read(pilot)
    return shown
