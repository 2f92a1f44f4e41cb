"""Snapshots of the expectations and boundaries screens with a seeded vault.

Fixed dates, a FakeClock and a pinned time zone keep every run identical; every
record has its own creation time so the list order never depends on random ids.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from trust_tui.app import TrustApp
from trust_tui.domain import agreements as ag
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.follow_through import log_follow_through
from trust_tui.models import AgreementKind, RaisedConcern
from trust_tui.vault import FAST_TEST_KDF, Vault

UTC = timezone.utc
NOW = datetime(2026, 3, 4, 18, tzinfo=UTC)  # Wednesday evening
TODAY = NOW.date()
E, B = AgreementKind.EXPECTATION, AgreementKind.BOUNDARY


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def seed(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    both = [sam, alex]

    def at(days: int, minute: int = 0) -> datetime:
        return NOW - timedelta(days=days, minutes=minute)

    def agreed(kind, wording, who, days, minute=0, **kw):
        a = ag.new_agreement(kind, wording, who, now=at(days, minute), **kw)
        return ag.confirm(ag.confirm(a, sam, both, at(days)), alex, both, at(days))

    late = agreed(E, "Tell me if you'll be late, before 6 if you can", sam, 16,
                  category="time")
    phone = agreed(E, "Put the phone away at dinner", alex, 12, category="devices",
                   review_every_days=21)
    phone = ag.edit(phone, by=sam, now=at(10),
                    wording="Phone stays face-down on the table at dinner [bold]not a tag[/]")
    phone = ag.confirm(ag.confirm(phone, alex, both, at(9)), sam, both, at(9))
    draft = ag.confirm(ag.new_agreement(E, "Communicate better about money", alex, now=at(2),
                                        category="money"), alex, both, at(1))
    paused = ag.pause(agreed(E, "Call my mother together on Sundays", sam, 30, minute=5,
                             category="family"))
    retired = ag.review(agreed(E, "Check in at lunch every day", sam, 40, minute=9),
                        working={sam: False, alex: False}, outcome="retire", now=at(20), by=sam)
    follow = []
    for days, kept in [(1, False), (3, False), (6, False), (8, True), (10, True), (13, True)]:
        follow.append(log_follow_through(late, by=alex, kept=kept, on=TODAY - timedelta(days),
                                         now=at(days), note="traffic" if days == 3 else ""))
    for days in (0, 2, 4, 7):
        follow.append(log_follow_through(phone, by=sam, kept=True,
                                         on=TODAY - timedelta(days), now=at(days)))
    journal = agreed(B, "My journal app is mine; ask me before reading it", alex, 15,
                     category="privacy")
    space = ag.new_agreement(B, "Half an hour alone after work before we talk about the day",
                             sam, now=at(1), category="personal space")
    concern = RaisedConcern(by=alex, text="Reading over my shoulder on the sofa",
                            agreement_id=journal.id, created_at=at(0, 60))
    vault.add_many([late, phone, draft, paused, retired, journal, space, concern, *follow])


def seeded_app(tmp_path) -> TrustApp:
    path = tmp_path / "couple.vault"
    seed(Vault.create(path, [("Sam", "sam-passphrase"), ("Alex", "alex-passphrase")],
                      kdf=FAST_TEST_KDF))
    return TrustApp(path, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, "sam-passphrase"))


def press(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_expectations(snap_compare, tmp_path, size):
    # "down" highlights the due one with three misses: its gentle note shows.
    assert snap_compare(seeded_app(tmp_path), terminal_size=size, run_before=press("e", "down"))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_boundaries(snap_compare, tmp_path, size):
    assert snap_compare(seeded_app(tmp_path), terminal_size=size, run_before=press("b", "down"))
