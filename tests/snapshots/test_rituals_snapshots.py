"""Snapshots of the rituals at 80x24 (the smallest screen they must work on):
the list, a weekly meeting's "what held" with real data, and a safety check's
answer when it points to danger. A FakeClock and a pinned time zone keep them
identical from run to run."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    RitualRun,
    Win,
)
from trust_tui.screens.safety import SoloSafetyScreen
from trust_tui.vault import FAST_TEST_KDF, Vault

NOW = datetime(2026, 3, 4, 18, tzinfo=timezone.utc)
SIZE = (80, 24)


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def make_app(tmp_path) -> TrustApp:
    path = tmp_path / "couple.vault"
    vault = Vault.create(path, [("Sam", "sam-passphrase"), ("Alex", "alex-passphrase")],
                         kdf=FAST_TEST_KDF)
    sam, alex = vault.partners
    call = Agreement(id="a1", kind=AgreementKind.EXPECTATION,
                     wording="Text me if you'll be late [bold]", asked_by=sam.id,
                     status=AgreementStatus.AGREED, next_review=NOW.date(), created_at=NOW)
    vault.add_many([
        call,
        FollowThrough(id="f1", agreement_id="a1", by=alex.id, kept=True, on=NOW.date()),
        FollowThrough(id="f2", agreement_id="a1", by=alex.id, kept=True, on=NOW.date()),
        Win(id="w1", text="We cooked together", noticed_by=sam.id, created_at=NOW),
        RitualRun(id="r1", ritual="setback", started_at=datetime(2026, 2, 20, 9,
                                                                  tzinfo=timezone.utc)),
    ])
    return TrustApp(path, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, "sam-passphrase"))


async def rituals_list(pilot) -> None:
    await pilot.press("r")
    await pilot.pause()


async def what_held(pilot) -> None:
    await rituals_list(pilot)
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    await pilot.press("s")
    screen.focused.value = "the coffee in bed"
    await pilot.press("enter", "1", "n")  # Enter gives the keys back: 1 marks it
    await pilot.pause()


async def alex_is_typing(pilot) -> None:
    """Sam added a thank-you (s, Enter gave the keys back); Alex opened their own box
    with l and is typing: it says so under the box."""
    await rituals_list(pilot)
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("s", *"the tea", "enter")
    await pilot.press("l", *"the [b]walk")
    await pilot.pause()


async def danger(pilot) -> None:
    await rituals_list(pilot)
    pilot.app.push_screen(SoloSafetyScreen())
    await pilot.pause()
    pilot.app.screen.query_one("#safety-passphrase").value = "sam-passphrase"
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("3", "3", "3", "1", "1")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_rituals_list(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=rituals_list)


def test_weekly_what_held(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=what_held)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_weekly_a_partners_box_open(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=alex_is_typing)


def test_safety_check_danger(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=danger)
