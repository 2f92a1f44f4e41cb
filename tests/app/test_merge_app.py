"""Issue 14, end to end: an edit made in the app on one copy comes across to the
other copy by `trust-tui merge`."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest
from textual.widgets import OptionList, TextArea

from conftest import SAM_PASS, ids
from conftest import settle as saved
from trust_tui.cli import main
from trust_tui.models import JournalEntry
from trust_tui.screens.journal import EntryEditor, JournalScreen
from trust_tui.vault import Vault
from trust_tui.vault.revisions import HISTORY

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)

pytestmark = pytest.mark.usefixtures("local_utc")


def seed(vault: Vault) -> None:
    vault.add(JournalEntry(author=ids(vault)["Sam"], text="Kept our plan tonight.",
                           created_at=T0))


async def test_an_edit_in_the_app_comes_across_by_merge(unlocked_app, tmp_path, monkeypatch,
                                                         capsys):
    app, path, clock = await unlocked_app(seed)
    carried = tmp_path / "laptop.vault"
    shutil.copy(path, carried)  # the copy on the other machine, from the common start
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        entry_id = app.screen.query_one("#entries", OptionList).get_option_at_index(0).id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        clock.advance(3600)
        app.screen.query_one("#entry-text", TextArea).load_text("Kept our plan, and more.")
        await pilot.press("ctrl+s")
        await saved(pilot)
    # Meanwhile on the laptop: a new entry there.
    laptop = Vault.open(carried, SAM_PASS)
    laptop.add(JournalEntry(author=laptop.me.id, text="Written on the laptop.", created_at=T0))
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    assert main(["--vault", str(carried), "merge", str(path)]) == 0
    assert "1 record was updated" in capsys.readouterr().out
    merged = Vault.open(carried, SAM_PASS)
    assert merged.get(JournalEntry, entry_id).text == "Kept our plan, and more."
    # And back the other way: the laptop's entry comes to the first copy; both agree.
    assert main(["--vault", str(path), "merge", str(carried)]) == 0
    first = Vault.open(path, SAM_PASS)
    texts = [sorted(e.text or "" for e in v.all(JournalEntry)) for v in (first, merged)]
    assert texts[0] == texts[1] == ["Kept our plan, and more.", "Written on the laptop."]
    assert HISTORY not in merged.raw_tables() or not merged.raw_tables()[HISTORY].get("journal")
