"""Screen defects found by new users, each pinned by a test that failed before its fix."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Static

from trust_tui.models import JournalEntry

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def ids(vault) -> dict[str, str]:
    return {p.name: p.id for p in vault.partners}


async def test_journal_detail_says_kind_by_name_in_one_run(unlocked_app):
    """'Honesty log by Sam', never 'Honesty logby Sam': a bold word next to a plain
    space loses the space wherever bold glyphs run wider (screenshots, some fonts)."""

    def seed(vault):
        vault.add(JournalEntry(author=ids(vault)["Sam"], kind="honesty", text="I was late.",
                               created_at=NOW))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        head = app.screen.query_one("#detail-head", Static)
        first = [segment.text for segment in head.render_line(0) if segment.text.strip()]
        assert first[0].strip() == "Honesty log by Sam"
