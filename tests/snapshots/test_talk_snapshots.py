"""Snapshots of the talk and the break, at a roomy and a small terminal.

A FakeClock (the pacer and every clock read from it), a pinned time zone and
fixed partner text keep every run identical.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Input, Select

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault

NOW = datetime(2026, 3, 4, 18, tzinfo=timezone.utc)
SIZES = [(160, 45), (100, 30)]


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def make_app(tmp_path) -> tuple[TrustApp, FakeClock]:
    path = tmp_path / "couple.vault"
    Vault.create(path, [("Sam", "sam-passphrase"), ("Alex", "alex-passphrase")],
                 kdf=FAST_TEST_KDF)
    clock = FakeClock(NOW)
    return TrustApp(path, clock=clock, kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, "sam-passphrase")), clock


async def start_talk(pilot) -> None:
    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    screen.query_one("#start-topic", Select).value = "name_it"
    screen.query_one("#start-naming", Select).value = pilot.app.vault.partners[0].id
    box = screen.query_one("#start-minutes", Input)
    box.value = "5"
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


def mid_turn(clock: FakeClock):
    """Sam named "hurt" (8 of 10) and has spoken for 4:35 of 5 minutes."""
    async def run_before(pilot) -> None:
        await start_talk(pilot)
        await pilot.press("v")  # below f: "hurt" highlighted, and so chosen
        await pilot.press("s", "tab", "8", "enter")  # how strong, in Sam's own box
        await pilot.press("f")
        clock.advance(275)
        pilot.app.screen.tick()
        await pilot.pause()
    return run_before


def confirming(clock: FakeClock):
    """Alex typed what they heard (markup-like text, shown as typed)."""
    async def run_before(pilot) -> None:
        await mid_turn(clock)(pilot)
        await pilot.press("f")
        pilot.app.screen.query_one("#pane-right .pane-summary", Input).value = (
            "[bold]You[/] felt shut out when I [@click=app.quit]hid it")
        await pilot.press("j")
        await pilot.pause()
    return run_before


def naming_with_a_box_open():
    """Sam moved down to "scared" and back up to "sad" with their own keys, then
    opened their own word box and typed "raw":
    the pane says whose box it is and how to give the keys back."""
    async def run_before(pilot) -> None:
        await start_talk(pilot)
        await pilot.press("v", "v", "v", "r")
        await pilot.press("s", *"raw")
        await pilot.pause()
    return run_before


def on_break(clock: FakeClock):
    """Alex called a break mid-turn; 7 minutes in, Sam is ready."""
    async def run_before(pilot) -> None:
        await mid_turn(clock)(pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("j")
        clock.advance(7 * 60 + 2)
        await pilot.press("f")
        pilot.app.screen.tick()
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_talk_mid_turn(snap_compare, tmp_path, size):
    app, clock = make_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=mid_turn(clock))


@pytest.mark.parametrize("size", SIZES)
def test_talk_confirming_a_paraphrase(snap_compare, tmp_path, size):
    app, clock = make_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=confirming(clock))


@pytest.mark.parametrize("size", SIZES)
def test_break(snap_compare, tmp_path, size):
    app, clock = make_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=on_break(clock))


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
def test_talk_naming_with_a_box_open(snap_compare, tmp_path, size):
    app, clock = make_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=naming_with_a_box_open())


def test_talk_at_80_by_24(snap_compare, tmp_path):
    app, clock = make_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=mid_turn(clock))
