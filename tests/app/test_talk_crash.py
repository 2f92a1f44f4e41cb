"""A talk survives a crash: a process keeping a talk as the app does, killed with
SIGKILL mid-turn (a real child process), and the app opened on the vault after
it: the talk goes on at the same turn, speaker, prompt and feeling, its running
turn having counted on by the wall clock (a deadline)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from conftest import SAM_PASS, make_vault, settle

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.screens.talk import TalkScreen
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.turn_clock import ClockView

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).parents[2]


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).content.plain


async def test_a_talk_killed_mid_turn_goes_on_when_reopened(vault_path: Path):
    make_vault(vault_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, str(CHILD), str(vault_path), SAM_PASS],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                             cwd=ROOT)
    try:
        line = child.stdout.readline()  # blocks until the child is mid-turn
        assert line.strip() == b"mid-turn", child.stderr.read().decode(errors="replace")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    from crash_child import WALL  # the child's clock: 70 s of talk after it

    # Reopened a minute after the last move: the running turn counted on (40 + 60 s).
    clock = FakeClock(wall=WALL + timedelta(seconds=70 + 60), mono=50.0)
    app = TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF,
                   vault=Vault.open(vault_path, SAM_PASS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "A talk is under way: Alex has the floor, turn 2. t continues it." in \
            plain(app.screen, "#due-list")
        await pilot.press("t")
        await settle(pilot)
        talk = app.screen
        assert isinstance(talk, TalkScreen) and talk.stage == "talk"
        talk.tick()
        assert plain(talk, "#talk-status").endswith(
            "turn 2  ·  Alex has the floor, Sam is listening")
        assert plain(talk, "#talk-phase") == "Alex is speaking."
        assert plain(talk, "#talk-prompt").startswith("Prompt 2 of 5")
        assert plain(talk, "#pane-right .pane-feeling") == "Feeling: hurt"
        assert talk.query_one("#talk-clock", ClockView).text == "01:20"
        clock.advance(10)
        talk.tick()
        assert talk.query_one("#talk-clock", ClockView).text == "01:10"
