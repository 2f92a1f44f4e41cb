"""Every screen at 80x24, found by a new user's walkthrough: what must stay in
sight, and words that never score or reproach. Each test failed before its fix."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import Footer

from trust_tui.models import Agreement, AgreementKind, AgreementStatus, RaisedConcern
from trust_tui.screens.areas import AREAS

SMALL = (80, 24)
NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def ids(vault) -> dict[str, str]:
    return {p.name: p.id for p in vault.partners}


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return screen_lines(app)[footer.region.y]


def agreed(vault, kind: AgreementKind, wording: str, *, review: date) -> Agreement:
    both = list(ids(vault).values())
    return Agreement(kind=kind, wording=wording, asked_by=both[0], status=AgreementStatus.AGREED,
                     confirmed_by=both, agreed_at=NOW - timedelta(days=30), next_review=review)


# --- home ------------------------------------------------------------------------

async def test_home_shows_every_area_key_at_80x24_with_a_long_today(unlocked_app):
    """Many due lines scroll in their own box; the keys under them stay in sight."""

    def seed(vault):
        vault.add_many([agreed(vault, AgreementKind.EXPECTATION,
                               f"Expectation number {n}: tell me when plans change, "
                               "even a little", review=date(2026, 2, 1))
                        for n in range(6)])

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        for area in AREAS:
            assert f"{area.key}  {area.title}" in text, area.title
        for extra in ("c  Daily check-in", "h  Honesty log", "f2  Take a break",
                      "ctrl+l  Lock now", "s  Settings", "?  Safety note"):
            assert extra in text, extra
        due = app.screen.query_one("#due-scroll")
        assert due.max_scroll_y > 0  # the long "Today" scrolls instead of pushing keys off
        # The footer has room for the break key (areas are listed beside "Today").
        assert "f2 Break" in footer_text(app)
        await pilot.press("e")  # and the keys still open their areas
        await pilot.pause()
        assert app.current_mode == "expectations"
