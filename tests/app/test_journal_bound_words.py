"""Private words moved into another entry by someone holding the shared key are
refused on screen, never shown in the wrong place (issue 13, item 2)."""

from __future__ import annotations

from conftest import ALEX_PASS, SAM_PASS, utc
from conftest import settle as saved
from test_journal_screen import detail, open_journal
from textual.widgets import Input

from trust_tui.domain.journal import EntryDraft
from trust_tui.models import JournalEntry
from trust_tui.store.journal import save_entry
from trust_tui.vault import Vault


def two_private_entries_one_swapped(vault: Vault) -> None:
    for hour, text in ((18, "words of the first entry"), (19, "words of the second entry")):
        save_entry(vault, EntryDraft(author=vault.me.id, kind="entry", feeling=None,
                                     text=text, private=True), utc(2026, 3, 4, hour))
    alex = Vault.open(vault.path, ALEX_PASS)  # the shared key only
    first, second = sorted(alex.all(JournalEntry), key=lambda e: e.created_at)
    alex.update(JournalEntry, second.id, lambda e: e.model_copy(
        update={"sealed": first.sealed, "seal_id": first.seal_id}))


async def test_swapped_private_words_show_as_cannot_be_opened(unlocked_app):
    app, path, _ = await unlocked_app(seed=two_private_entries_one_swapped)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(Input).value = SAM_PASS
        await pilot.press("enter")
        await saved(pilot)
        await pilot.press("end")  # the swapped one: unopened, it keeps only its day (noon)
        await pilot.pause()
        shown = detail(screen)
        assert "cannot be opened" in shown
        assert "words of the first entry" not in shown
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen  # nothing to edit: no editor opens over it
