"""The wall's grouping and the mini-goal arithmetic, with fixed dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from trust_tui.domain import wins as w
from trust_tui.models import MiniGoal, Setback, Win

UTC = timezone.utc
TODAY = date(2026, 3, 4)  # a Wednesday


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def utc_day(moment: datetime) -> date:
    return moment.date()


def test_week_starts_on_monday():
    assert w.week_of(date(2026, 3, 4)) == date(2026, 3, 2)
    assert w.week_of(date(2026, 3, 2)) == date(2026, 3, 2)
    assert w.week_of(date(2026, 3, 1)) == date(2026, 2, 23)


def test_week_labels_are_plain_words():
    assert w.week_label(date(2026, 3, 2), TODAY) == "This week"
    assert w.week_label(date(2026, 2, 23), TODAY) == "Last week"
    assert w.week_label(date(2026, 2, 9), TODAY) == "Week of 9 Feb 2026"


def test_cards_group_by_week_newest_first():
    wins = [
        Win(text="old", noticed_by="a", created_at=at(date(2026, 2, 20))),
        Win(text="monday", noticed_by="a", created_at=at(date(2026, 3, 2))),
        Win(kind="thanks", text="wednesday", noticed_by="a", to="b",
            created_at=at(date(2026, 3, 4))),
        Win(text="last sunday", noticed_by="b", created_at=at(date(2026, 3, 1), 23)),
    ]
    setbacks = [Setback(text="a slip", noted_by="b", created_at=at(date(2026, 3, 3)))]
    weeks = w.group_by_week(w.cards_from(wins, setbacks, day_of=utc_day))
    assert [wk.week for wk in weeks] == [date(2026, 3, 2), date(2026, 2, 23), date(2026, 2, 16)]
    assert [c.text for c in weeks[0].cards] == ["wednesday", "a slip", "monday"]
    assert [c.text for c in weeks[1].cards] == ["last sunday"]
    assert weeks[0].cards[0].to == "b"
    assert w.week_summary(weeks[0]) == "1 win, 1 thank-you, 1 setback"


def test_same_instant_cards_keep_a_stable_order():
    moment = at(TODAY)
    wins = [Win(id=f"{i:02d}", text=str(i), noticed_by="a", created_at=moment) for i in range(5)]
    once = [c.text for c in w.newest_first(w.cards_from(wins, day_of=utc_day))]
    again = [c.text for c in w.newest_first(w.cards_from(reversed(wins), day_of=utc_day))]
    assert once == again == ["4", "3", "2", "1", "0"]


def days_goal(*days: date, target: int = 3) -> MiniGoal:
    return MiniGoal(text="honest about small things", target=target,
                    unit="days_in_a_row", progress=list(days))


def test_days_in_a_row_counts_the_current_run():
    goal = days_goal(TODAY - timedelta(days=2), TODAY - timedelta(days=1), target=7)
    p = w.goal_progress(goal, TODAY)
    assert (p.done, p.best, p.reached, p.counted_today) == (2, 2, False, False)
    assert w.progress_words(p) == "2 of 7 days in a row"


def test_a_run_that_ended_starts_again_without_blame():
    goal = days_goal(date(2026, 2, 20), date(2026, 2, 21), date(2026, 2, 22), target=7)
    p = w.goal_progress(goal, TODAY)
    assert (p.done, p.best) == (0, 3)
    words = w.progress_words(p)
    assert words == "Ready for day 1 · best so far 3 days in a row"
    assert "broke" not in words and "lost" not in words and "failed" not in words


def test_logging_a_day_twice_counts_once():
    goal = days_goal(TODAY)
    logged = w.log_progress(goal, TODAY)
    assert not logged.counted and logged.progress == [TODAY]


def test_reaching_days_in_a_row_is_detected_once():
    goal = days_goal(TODAY - timedelta(days=2), TODAY - timedelta(days=1), target=3)
    logged = w.log_progress(goal, TODAY)
    assert logged.counted and logged.reached_now
    done = goal.model_copy(update={"progress": logged.progress, "reached_at": at(TODAY)})
    # Logging on the next day does not celebrate the same goal again.
    assert not w.log_progress(done, TODAY + timedelta(days=1)).reached_now
    assert w.progress_words(w.goal_progress(done, TODAY), TODAY) == \
        "Reached on Wed 4 Mar: 3 days in a row"


def test_gaps_do_not_add_up_to_a_run():
    goal = days_goal(TODAY - timedelta(days=3), TODAY - timedelta(days=1), target=3)
    logged = w.log_progress(goal, TODAY)
    assert not logged.reached_now
    p = w.goal_progress(goal.model_copy(update={"progress": logged.progress}), TODAY)
    assert (p.done, p.best, p.reached) == (2, 2, False)


@pytest.mark.parametrize("count, reached", [(4, False), (5, True)])
def test_times_goals_count_every_log(count, reached):
    goal = MiniGoal(text="say thank you", target=5, unit="times", progress=[TODAY] * (count - 1))
    logged = w.log_progress(goal, TODAY)
    assert logged.counted and len(logged.progress) == count
    assert logged.reached_now is reached
    p = w.goal_progress(goal.model_copy(update={"progress": logged.progress}), TODAY)
    assert p.done == count


def test_progress_bar_differs_in_shape_not_only_colour():
    p = w.goal_progress(days_goal(TODAY - timedelta(days=1), TODAY, target=4), TODAY)
    assert w.progress_bar(p, width=8) == "████░░░░"


def test_setbacks_are_framed_as_normal():
    text = w.setback_framing(2, 9)
    assert text == "2 setbacks beside 9 wins and thank-yous: part of the way, not the end of it."
    assert "part of rebuilding" in w.setback_framing(0, 0) and "part of rebuilding" in w.SETBACK_NOTE
    for words in (text, w.setback_framing(0, 3), w.SETBACK_NOTE):
        for harsh in ("fail", "broke", "streak", "should"):
            assert harsh not in words.lower()
