"""Issue 17 (resident memory): what the app holds after its unlock. The tables home
does not read are held compressed, and each reads as before once an area opens."""

from __future__ import annotations

from conftest import SAM_PASS, drawn, ids, settle
from textual.widgets import Input

from trust_tui.models import JournalEntry
from trust_tui.vault.lazy import Packed

WORDS = "I noticed I wanted to tell you first, and I did. It felt lighter afterwards. "


async def test_after_the_unlock_the_unread_tables_are_held_compressed_and_read_the_same(
        locked_app):
    def seed(vault):
        vault.add_many([JournalEntry(author=ids(vault)["Sam"], text=f"entry {i}: {WORDS * 3}")
                        for i in range(80)])  # over 16 KB of JSON: held packed

    app = locked_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        box = app.screen.query_one(Input)
        box.value = SAM_PASS
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.vault_open
        held = app.vault._storage.tables_held["journal"]
        assert isinstance(held, Packed) and held._raw is None  # compressed
        await pilot.press("j")
        await settle(pilot)
        assert "entry 79:" in await drawn(pilot, "entry 79:")
