"""Progress series and their plain numbers, with fixed dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from trust_tui.domain import progress as pr
from trust_tui.models import CheckIn, FollowThrough, TalkSession, Turn, Win

UTC = timezone.utc
TODAY = date(2026, 3, 4)  # Wednesday; this week starts Monday 2 March


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def utc_day(moment: datetime) -> date:
    return moment.date()


def test_week_starts_end_with_this_week():
    starts = pr.week_starts(TODAY, 3)
    assert starts == [date(2026, 2, 16), date(2026, 2, 23), date(2026, 3, 2)]


def test_checkin_series_averages_weeks_and_leaves_gaps():
    check_ins = [
        CheckIn(partner_id="sam", on=date(2026, 3, 2), safety=6),
        CheckIn(partner_id="sam", on=date(2026, 3, 4), safety=8),
        CheckIn(partner_id="sam", on=date(2026, 2, 16), safety=3),
        CheckIn(partner_id="alex", on=date(2026, 3, 3), safety=2),
        CheckIn(partner_id="sam", on=date(2025, 1, 1), safety=1),  # out of range
    ]
    s = pr.checkin_series(check_ins, "sam", TODAY, weeks=3)
    assert s.values == [3.0, None, 7.0]
    assert (s.count, s.latest, s.latest_on) == (3, 8, date(2026, 3, 4))


def test_checkin_trend_compares_recent_weeks_with_earlier_ones():
    early = [CheckIn(partner_id="sam", on=TODAY - timedelta(weeks=8), safety=3)]
    late = [CheckIn(partner_id="sam", on=TODAY - timedelta(days=d), safety=6) for d in (0, 7)]
    s = pr.checkin_series(early + late, "sam", TODAY)
    assert (s.earlier, s.recent, s.trend) == (3.0, 6.0, "higher lately")
    flat = pr.checkin_series(early + [CheckIn(partner_id="sam", on=TODAY, safety=3)], "sam", TODAY)
    assert flat.trend == "about the same"
    lower = pr.checkin_series(early + [CheckIn(partner_id="sam", on=TODAY, safety=2)], "sam", TODAY)
    assert lower.trend == "lower lately"


def test_no_check_ins_gives_no_trend_and_no_zeroes():
    s = pr.checkin_series([], "sam", TODAY)
    assert s.values == [None] * pr.WEEKS
    assert (s.latest, s.recent, s.trend) == (None, None, None)


def test_follow_through_rate_per_week():
    records = [
        FollowThrough(agreement_id="x", by="sam", kept=True, on=date(2026, 3, 2)),
        FollowThrough(agreement_id="x", by="sam", kept=True, on=date(2026, 3, 3)),
        FollowThrough(agreement_id="x", by="alex", kept=False, on=date(2026, 3, 3)),
        FollowThrough(agreement_id="x", by="sam", kept=False, on=date(2026, 2, 17)),
    ]
    s = pr.follow_through_by_week(records, TODAY, weeks=3)
    assert s.rates == [0.0, None, 2 / 3]
    assert (s.kept, s.total) == (2, 4)
    assert pr.percent(s.rate) == "50%"
    assert (s.this_week.kept, s.this_week.total) == (2, 3)
    assert pr.follow_through_by_week(records, TODAY, weeks=3, by="sam").rates == [0.0, None, 1.0]


def test_wins_and_thanks_per_week():
    wins = [
        Win(text="a", noticed_by="sam", created_at=at(date(2026, 3, 3))),
        Win(kind="goal_reached", text="b", noticed_by="sam", created_at=at(date(2026, 3, 3))),
        Win(kind="thanks", text="c", noticed_by="sam", to="alex", created_at=at(date(2026, 2, 24))),
        Win(text="too old", noticed_by="sam", created_at=at(date(2025, 12, 1))),
    ]
    s = pr.wins_by_week(wins, TODAY, weeks=3, day_of=utc_day)
    # A reached goal has its own card on the wall, so it is not counted as a win here.
    assert (s.wins, s.thanks) == ([0, 0, 1], [0, 1, 0])
    assert (s.total_wins, s.total_thanks) == (1, 1)


def test_talk_balance_sums_spoken_seconds_per_partner():
    def turn(who: str, seconds: float) -> Turn:
        return Turn(speaker_id=who, started_at=at(TODAY), spoken_seconds=seconds)

    talks = [
        TalkSession(topic="open", first_speaker_id="sam", started_at=at(TODAY),
                    turns=[turn("sam", 120), turn("alex", 60), turn("sam", 60)]),
        TalkSession(topic="open", first_speaker_id="alex", started_at=at(TODAY),
                    turns=[turn("alex", 120)]),
        TalkSession(topic="open", first_speaker_id="alex", started_at=at(date(2025, 1, 1)),
                    turns=[turn("alex", 999)]),
    ]
    b = pr.talk_balance(talks, ["sam", "alex"], since=date(2026, 1, 1), day_of=utc_day)
    assert b.seconds == {"sam": 180.0, "alex": 180.0} and b.talks == 2
    assert b.share("sam") == 0.5
    assert pr.talk_balance([], ["sam", "alex"]).share("sam") is None


def test_plain_numbers():
    assert pr.percent(None) == "-" and pr.percent(0.825) == "82%"
    assert pr.one_decimal(6.25) == "6.2" and pr.one_decimal(None) == "-"
    assert pr.minutes(150) == "2 min" and pr.minutes(3900) == "1 h 05 min"
