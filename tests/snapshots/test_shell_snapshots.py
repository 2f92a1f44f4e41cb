"""Snapshots of the shell's own screens: home, unlock, first-run setup and
settings, at a roomy and at the smallest supported terminal.

A FakeClock, a pinned time zone and a vault path relative to a temporary
directory keep every run identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from conftest import SAM_PASS, make_vault, utc
from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault

NOW = utc(2026, 3, 4, 18)
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def pinned(local_utc, monkeypatch, tmp_path):
    """UTC, and the current directory a fresh temporary one (setup shows the path)."""
    monkeypatch.chdir(tmp_path)


def still(screen) -> None:
    for field in screen.query(Input):
        field.cursor_blink = False


async def settled(pilot) -> None:
    await pilot.pause()
    still(pilot.app.screen)
    await pilot.pause()


def unlocked() -> TrustApp:
    make_vault(Path("couple.vault"))
    return TrustApp(Path("couple.vault"), clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(Path("couple.vault"), SAM_PASS))


async def open_settings(pilot) -> None:
    await pilot.press("s")
    await settled(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, size):
    assert snap_compare(unlocked(), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_unlock(snap_compare, size):
    make_vault(Path("couple.vault"))
    app = TrustApp(Path("couple.vault"), clock=FakeClock(NOW), kdf=FAST_TEST_KDF)
    assert snap_compare(app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare, size):
    app = TrustApp(Path("couple.vault"), clock=FakeClock(NOW), kdf=FAST_TEST_KDF)
    assert snap_compare(app, terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES)
def test_settings(snap_compare, size):
    assert snap_compare(unlocked(), terminal_size=size, run_before=open_settings)
