"""Snapshots of Talk together's start form (a talk about what broke the trust)
and of past talks, at the smallest supported and at a large terminal.

A FakeClock and a pinned time zone keep every run identical.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from conftest import SAM_PASS, make_vault, utc
from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault

sys.path.insert(0, str(Path(__file__).parents[1] / "app"))
from test_talk_history import past_talks  # noqa: E402  (the same talks as the app tests)

SIZES = [(80, 24), (160, 45)]

pytestmark = pytest.mark.usefixtures("local_utc")


def make_app(tmp_path, seed=None) -> TrustApp:
    path = tmp_path / "couple.vault"
    vault = make_vault(path)
    if seed is not None:
        seed(vault)
    return TrustApp(path, clock=FakeClock(utc(2026, 3, 11, 18)), kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, SAM_PASS))


async def still(pilot) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def start_about_what_broke(pilot) -> None:
    await pilot.press("t")
    await pilot.pause()
    pilot.app.screen.query_one("#start-topic", Select).value = "name_it"
    await still(pilot)


async def past_talks_with_next_steps(pilot) -> None:
    await pilot.press("t")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    await pilot.press("n")
    await still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_start_form_about_what_broke(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size,
                        run_before=start_about_what_broke)


@pytest.mark.parametrize("size", SIZES)
def test_past_talks(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path, past_talks), terminal_size=size,
                        run_before=past_talks_with_next_steps)
