"""Years of entries (issue 17): the journal draws its newest page first and reads
the rest just after that frame. Nothing a person sees may differ for it: the page
is the one a full read shows first, and counts, drafts, older pages and search
come from every entry. Small journals are read at once (test_journal_screen.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input, OptionList, Static

from conftest import ids
from trust_tui.models import JournalEntry
from trust_tui.screens.journal import MORE, JournalScreen
from trust_tui.screens.journal import first_page
from trust_tui.screens.journal import screen as journal_screen

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
pytestmark = pytest.mark.usefixtures("local_utc")


def listed(screen: JournalScreen) -> list[str | None]:
    listing = screen.query_one("#entries", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


def status(screen: JournalScreen) -> str:
    return str(screen.query_one("#journal-status", Static).content)


@pytest.fixture
def years_of_entries(monkeypatch):
    """A page of 3 and the first page drawn alone from 5 entries, so a small vault
    takes the way 30 years do; records what the first frame held."""
    monkeypatch.setattr(journal_screen, "PAGE", 3)
    monkeypatch.setattr(first_page, "FIRST_PAGE_FROM", 5)
    first: list[tuple[list[str | None], str]] = []
    rest = JournalScreen._read_the_rest

    def read_the_rest(screen: JournalScreen) -> None:
        if screen._first_page_of is not None:
            first.append((listed(screen), status(screen)))
        rest(screen)

    monkeypatch.setattr(JournalScreen, "_read_the_rest", read_the_rest)
    return first


def seed(vault) -> dict[str, str]:
    who = ids(vault)
    entries = [JournalEntry(author=who["Sam" if i % 2 else "Alex"],
                            text=f"Day {i}: {'river walk' if i == 7 else 'kept the plan'}",
                            created_at=T0 - timedelta(days=i)) for i in range(8)]
    deleted = JournalEntry(author=who["Sam"], text="Taken back", deleted=True,
                           deleted_at=T0, created_at=T0 + timedelta(hours=1))
    draft = JournalEntry(author=who["Sam"], text="Half a thought", draft=True,
                         created_at=T0 - timedelta(days=30))
    vault.add_many([*entries, deleted, draft])
    return {"newest": entries[0].id, "second": entries[1].id, "third": entries[2].id}


async def test_the_first_page_is_the_page_a_full_read_shows(unlocked_app, years_of_entries):
    found: dict[str, str] = {}
    app, _, _ = await unlocked_app(lambda vault: found.update(seed(vault)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        for _ in range(5):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        page = [found["newest"], found["second"], found["third"], MORE]
        # The first frame: the newest three, the deleted one left out, "Show older"
        # counting all the rest, and the count of entries.
        assert years_of_entries and years_of_entries[0][0] == page
        assert "9 entries" in years_of_entries[0][1]
        # Then every entry: the same page, and what needs them all (the draft).
        assert listed(screen) == page
        assert "9 entries" in status(screen) and "1 draft not saved yet" in status(screen)
        assert screen.query_one("#entries", OptionList).highlighted == 0
        screen.query_one("#filter-search", Input).value = "river"
        await pilot.pause()
        assert len(listed(screen)) == 1  # the oldest entry, never on the first page


async def test_a_search_before_the_rest_is_read_searches_every_entry(unlocked_app,
                                                                    years_of_entries,
                                                                    monkeypatch):
    """Typed before the rest is read (here the frame never asks for it): never a
    search of the first page alone."""
    from textual.screen import Screen

    monkeypatch.setattr(JournalScreen, "_compositor_refresh", Screen._compositor_refresh)
    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert len(listed(screen)) == 4 and "draft" not in status(screen)  # the first page
        await pilot.press("slash", *"river")
        await pilot.pause()
        assert len(listed(screen)) == 1 and "1 of 9 entries match" in status(screen)
        assert "1 draft not saved yet" in status(screen)
