"""A private entry the other partner cannot open shows its day only: its time is
sealed with its words, and what is kept in the clear is midday of that day, which
the list and the detail showed as "12:00", a time nobody wrote at."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import ALEX_PASS, settle, visible_text
from test_journal_screen import detail
from textual.widgets import Input

from trust_tui.domain.journal import EntryDraft
from trust_tui.screens.journal import JournalScreen
from trust_tui.store.journal import save_entry
from trust_tui.vault import Vault

WRITTEN = datetime(2026, 3, 2, 17, 41, tzinfo=timezone.utc)  # the fake clock's day

pytestmark = pytest.mark.usefixtures("local_utc")


def alex_writes_privately(vault: Vault) -> None:
    as_alex = Vault.open(vault.path, ALEX_PASS)
    save_entry(as_alex, EntryDraft(author=as_alex.me.id, kind="entry", feeling=None,
                                   text="only mine", private=True), WRITTEN)
    vault.reload()


async def test_a_closed_private_entry_shows_its_day_and_no_made_up_time(unlocked_app):
    app, _, _ = await unlocked_app(alex_writes_privately)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        text = visible_text(pilot)
        assert "Private entry by Alex" in text
        assert "12:00" not in text and "17:41" not in text
        assert "12:00" not in detail(screen) and "17:41" not in detail(screen)
        assert "Today · Alex" in text
        # Opened by its writer, it shows the time it was written.
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(Input).value = ALEX_PASS
        await pilot.press("enter")
        await settle(pilot)
        assert "Today 17:41 · Alex" in visible_text(pilot)
        assert "Today 17:41" in detail(screen)  # and the detail, not only the list
