"""Snapshots of the journal, its editor with the apology hint, the daily check-in
and the honesty log, at a roomy and at the smallest supported terminal.

A FakeClock, a pinned time zone and fixed text keep every run identical.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input, TextArea

from conftest import ALEX_PASS, SAM_PASS
from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.journal import private_payload
from trust_tui.models import CheckIn, JournalEdit, JournalEntry
from trust_tui.vault import FAST_TEST_KDF, Vault

NOW = datetime(2026, 3, 4, 18, tzinfo=timezone.utc)


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def seed(path) -> None:
    sam_vault = Vault.create(path, [("Sam", SAM_PASS), ("Alex", ALEX_PASS)], kdf=FAST_TEST_KDF)
    alex_vault = Vault.open(path, ALEX_PASS)
    sam, alex = sam_vault.me.id, alex_vault.me.id
    alex_vault.add(JournalEntry(
        author=alex, private=True, created_at=NOW - timedelta(hours=3),
        sealed=alex_vault.seal(private_payload("Not for the screen", "scared"))))
    sam_vault.reload()
    sam_vault.add_many([
        JournalEntry(author=sam, feeling="hopeful", created_at=NOW - timedelta(hours=1),
                     text="We walked after dinner and I told you about the call from work "
                          "before you asked.\nIt felt lighter than I expected.",
                     history=[JournalEdit(at=NOW - timedelta(minutes=30),
                                          old_text="We walked after dinner.",
                                          old_feeling="calm")]),
        JournalEntry(author=alex, kind="slip", created_at=NOW - timedelta(days=1, hours=2),
                     text="I forgot to text when I left work. I'm sorry."),
        JournalEntry(author=sam, kind="honesty", created_at=NOW - timedelta(days=1, hours=5),
                     text="Had coffee with Jo [from work] at lunch."),
        JournalEntry(author=alex, feeling="let down", created_at=NOW - timedelta(days=6),
                     text="[bold]Quiet[/] evening. I needed a message and did not get one."),
        CheckIn(partner_id=sam, on=NOW.date(), feeling="calm", safety=6),
    ])


def make_app(tmp_path) -> TrustApp:
    path = tmp_path / "couple.vault"
    seed(path)
    return TrustApp(path, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(path, SAM_PASS))


def still(screen) -> None:
    for widget in [*screen.query(Input), *screen.query(TextArea)]:
        widget.cursor_blink = False


async def open_journal(pilot) -> None:
    await pilot.press("j")
    await pilot.pause()
    still(pilot.app.screen)
    await pilot.pause()


async def writing_an_apology(pilot) -> None:
    await open_journal(pilot)
    await pilot.press("n")
    await pilot.pause()
    still(pilot.app.screen)
    pilot.app.screen.query_one("#entry-text", TextArea).insert(
        "I'm sorry I was late, but you never tell me the plan.")
    await pilot.press("tab")  # the words stay; the cursor leaves the text
    await pilot.pause()


async def checking_in(pilot) -> None:
    # Over the journal, so the picture does not change when home gains an area.
    await open_journal(pilot)
    pilot.app.action_check_in()
    await pilot.pause()
    still(pilot.app.screen)
    await pilot.pause()


async def opening_the_honesty_log(pilot) -> None:
    await pilot.press("h")  # from home, where it lives
    await pilot.pause()
    still(pilot.app.screen)
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_journal(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=open_journal)


def test_editor_with_apology_hint(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24),
                        run_before=writing_an_apology)


def test_check_in(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=checking_in)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_honesty_log(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size,
                        run_before=opening_the_honesty_log)
