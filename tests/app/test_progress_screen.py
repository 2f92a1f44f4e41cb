"""The progress screen: bars of text with the numbers beside them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from textual.widgets import Static

from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.models import CheckIn, FollowThrough, TalkSession, Turn, Win
from trust_tui.screens.progress import GAP, ChartRow, ProgressScreen, bars, share_bar
from trust_tui.vault import FAST_TEST_KDF, Vault

UTC = timezone.utc
NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)  # Wednesday; the week began Mon 2 Mar


# Dates and times on screen follow the local zone: pinned to UTC.
pytestmark = pytest.mark.usefixtures("local_utc")


def row_text(screen: ProgressScreen, row_id: str) -> str:
    row = screen.query_one(row_id, ChartRow)
    return " ".join(" ".join(str(s.content).split()) for s in row.query(Static))


def label_of(screen: ProgressScreen, row_id: str) -> str:
    """The row's label: the bars' bottom line starts with it."""
    chart = screen.query_one(f"{row_id} .chart", Static)
    return str(chart.content).splitlines()[-1].split()[0]


async def open_progress(pilot) -> ProgressScreen:
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgressScreen)
    return pilot.app.screen


def test_bars_show_gaps_as_dots_and_values_as_heights():
    # Half of the top fills the lower row exactly; a tiny value is still visible.
    rows = bars([None, 0, 5, 10, 0.1], top=10, rows=2, cell=1)
    assert rows == ["      █  ", f"{GAP} {GAP} █ █ ▁"]


def test_share_bar_fills_by_shape():
    assert share_bar(0.25, width=8) == "██░░░░░░"
    assert share_bar(None, width=4) == "░░░░"


def seed(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    today = NOW.date()
    records = [CheckIn(partner_id=sam, on=today - timedelta(weeks=8), safety=3),
               CheckIn(partner_id=sam, on=today, safety=8),
               CheckIn(partner_id=sam, on=today - timedelta(days=7), safety=6),
               CheckIn(partner_id=alex, on=today - timedelta(days=1), safety=5)]
    records += [FollowThrough(agreement_id="x", by=sam, kept=k, on=date(2026, 3, 2))
                for k in (True, True, False)]
    records += [Win(text="a", noticed_by=sam, created_at=NOW),
                Win(text="b", noticed_by=sam, created_at=NOW - timedelta(days=14)),
                Win(kind="thanks", text="c", noticed_by=alex, to=sam, created_at=NOW)]
    records.append(TalkSession(topic="open", first_speaker_id=sam, started_at=NOW, turns=[
        Turn(speaker_id=sam, started_at=NOW, spoken_seconds=180),
        Turn(speaker_id=alex, started_at=NOW, spoken_seconds=120)]))
    vault.add_many(records)


async def test_numbers_sit_beside_each_chart(unlocked_app, clock: FakeClock):
    clock.set_wall(NOW)
    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_progress(pilot)
        assert label_of(screen, "#checkin-0") == "Sam"
        assert ("latest 8 on Wed 4 Mar last 4 weeks 7.0 · before 3.0 higher lately"
                in row_text(screen, "#checkin-0"))
        assert "latest 5 on Tue 3 Mar" in row_text(screen, "#checkin-1")
        assert ("this week: kept 2 of 3 logged 12 weeks: kept 2 of 3 logged"
                in row_text(screen, "#follow-through"))
        assert "%" not in row_text(screen, "#follow-through")
        assert "this week 1 12 weeks 2 wins" in row_text(screen, "#wins-row")
        assert "this week 1 12 weeks 1 thank-you" in row_text(screen, "#thanks-row")
        assert "spoke for 3 min" in row_text(screen, "#talk-0")
        assert "spoke for 2 min" in row_text(screen, "#talk-1")
        assert "%" not in row_text(screen, "#talk-0") + row_text(screen, "#talk-1")
        assert "1 talk, 5 min" in str(screen.query_one("#talk-title", Static).content)


async def test_an_empty_vault_shows_gaps_not_failures(unlocked_app, clock: FakeClock):
    clock.set_wall(NOW)
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        everything = " ".join(str(s.content) for s in screen.query(Static)).lower()
        assert "no check-ins in these weeks yet" in everything
        assert "nothing logged yet" in everything
        assert "no talks yet" in everything
        for harsh in ("fail", "0%", "bad", "streak"):
            assert harsh not in everything
        chart = screen.query_one("#checkin-0 .chart", Static)
        assert str(chart.content).splitlines()[-1].endswith(GAP * 2)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProgressScreen)


async def test_names_are_data_not_markup(tmp_path):
    path = tmp_path / "v.vault"
    Vault.create(path, [("[/]x", "first-passphrase"), ("[@click=app.quit]y", "second-pass")],
                 kdf=FAST_TEST_KDF)
    app = TrustApp(path, clock=FakeClock(NOW), vault=Vault.open(path, "first-passphrase"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_progress(pilot)
        assert label_of(screen, "#checkin-0") == "[/]x"
        assert label_of(screen, "#talk-1") == "[@click=app.qu…"  # cut to the label's width
        assert app.is_running


def test_a_week_of_misses_looks_different_from_a_week_with_nothing_logged():
    from trust_tui.screens.progress import GAP, ZERO, bars

    [line] = bars([None, 0.0, 1.0], 1.0, rows=1, cell=1, zero_shape=True)
    assert line == f"{GAP} {ZERO} █"
    # Counts (wins) have no "logged but none": nothing is a dot.
    assert bars([0, 0], 1, rows=1, cell=1) == [f"{GAP} {GAP}"]


def test_long_names_that_start_alike_stay_apart():
    from trust_tui.screens.progress import label_width, short_labels

    names = ["Alexandra Montgomery-Smith", "Alexandra Montgomery-Jones"]
    width = label_width(names)
    labels = short_labels(names, width)
    assert len(set(labels)) == 2 and all(len(label) < width for label in labels)
    assert short_labels(["Alexandra", "Alexander"], label_width(["Alexandra", "Alexander"])) \
        == ["Alexandra", "Alexander"]
