"""Snapshots of the wins wall and the progress picture with a seeded vault.

Fixed dates, a FakeClock and a pinned time zone keep every run identical.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.models import CheckIn, FollowThrough, MiniGoal, Setback, TalkSession, Turn, Win
from trust_tui.vault import FAST_TEST_KDF, Vault

UTC = timezone.utc
NOW = datetime(2026, 3, 4, 18, tzinfo=UTC)  # Wednesday evening
TODAY = NOW.date()


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def noon(day: date, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, 12, minute, tzinfo=UTC)


def seed(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    d = lambda n: TODAY - timedelta(days=n)  # noqa: E731
    records = [
        Win(text="We talked about money without raising our voices.", noticed_by=sam,
            created_at=noon(d(0))),
        Win(kind="thanks", text="Thank you for texting when the train was late.",
            noticed_by=alex, to=sam, created_at=noon(d(1))),
        Setback(text="I forgot our plan on Thursday and only said so on Friday.",
                noted_by=sam, created_at=noon(d(6))),
        Win(kind="goal_reached", noticed_by=sam, created_at=noon(d(7)),
            text="Tell each other where we are (7 days in a row), a goal for both of you"),
        Win(text="[bold]not bold[/] and [@click=app.quit]not a link", noticed_by=alex,
            created_at=noon(d(9))),
        MiniGoal(text="Say one thank-you a day", owner=alex, target=5, unit="times",
                 progress=[d(1), d(0)], created_at=noon(d(2))),
        MiniGoal(text="Honest about small things", target=7,
                 progress=[d(2), d(1)], created_at=noon(d(3))),
    ]
    for n in range(0, 84):
        day = d(n)
        # A gentle, fixed pattern: Sam's sense of safety rises, Alex's more slowly.
        if n % 3 != 2:
            records.append(CheckIn(partner_id=sam, on=day, safety=min(10, 8 - n // 14)))
        if n % 4 == 0:
            records.append(CheckIn(partner_id=alex, on=day, safety=max(1, 6 - n // 21)))
        if n < 63 and n % 2 == 0:
            records.append(FollowThrough(agreement_id="x", by=sam, kept=n % 10 != 4, on=day))
        if 10 <= n and n % 5 == 0:
            records.append(Win(text=f"a small win {n}", noticed_by=sam, created_at=noon(day)))
        if 10 <= n and n % 9 == 0:
            records.append(Win(kind="thanks", text=f"thanks {n}", noticed_by=alex, to=sam,
                               created_at=noon(day, 1)))
    for n, (first, second) in enumerate([(600, 420), (300, 360)]):
        start = noon(d(3 + 14 * n))
        records.append(TalkSession(topic="open", first_speaker_id=sam, started_at=start, turns=[
            Turn(speaker_id=sam, started_at=start, spoken_seconds=first),
            Turn(speaker_id=alex, started_at=start, spoken_seconds=second)]))
    vault.add_many(records)


def seeded_app(tmp_path) -> TrustApp:
    path = tmp_path / "couple.vault"
    seed(Vault.create(path, [("Sam", "sam-passphrase"), ("Alex", "alex-passphrase")],
                      kdf=FAST_TEST_KDF))
    return TrustApp(path, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, "sam-passphrase"))


def press(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_wins_wall(snap_compare, tmp_path, size):
    assert snap_compare(seeded_app(tmp_path), terminal_size=size, run_before=press("w"))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_progress(snap_compare, tmp_path, size):
    assert snap_compare(seeded_app(tmp_path), terminal_size=size, run_before=press("p"))
