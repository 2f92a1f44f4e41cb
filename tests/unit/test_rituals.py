"""The three rituals walked end to end in pure code, and the facts they draw on."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from trust_tui.domain import rituals
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.flow import Flow, Item, NotNow
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    MiniGoal,
    RitualRun,
    Win,
)

SAM, ALEX = "sam-id", "alex-id"
TODAY = date(2026, 3, 2)


def utc(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def day_of(moment: datetime) -> date:
    return moment.date()  # tests stay in UTC whatever the machine's zone


# --- weekly meeting ----------------------------------------------------------------

def test_weekly_meeting_end_to_end_with_a_break_and_a_skipped_step():
    clock = FakeClock()
    flow = Flow(rituals.weekly(went_well=[Item("w", "A win: the walk on Sunday")],
                               due=[Item("a1", "Expectation: call if late"),
                                    Item("a2", "Boundary (check back): phone is mine")]),
                clock, (SAM, ALEX))
    assert flow.step.key == "appreciations"
    flow.add_note("the coffee in bed", by=SAM)
    flow.add_note("listening on Tuesday", by=ALEX)
    clock.advance(300)
    flow.next()
    assert flow.item.text == "A win: the walk on Sunday"
    flow.next()
    # A break in the middle of the reviews resumes on the same item.
    flow.next_item()
    flow.take_break(SAM)
    clock.advance(1800)
    flow.end_break()
    assert flow.step.key == "reviews" and flow.item.key == "a2"
    flow.add_note("keep it", by=None)
    flow.next()
    assert flow.step.uses_floor
    flow.skip()  # no issue this week: fine
    flow.add_note("cook on Thursday", by=SAM)
    flow.add_note("a walk together", by=ALEX)
    run = flow.next() or flow.finish()
    assert isinstance(run, RitualRun) and run.finished and run.ritual == "weekly"
    steps = {s.step: s for s in run.steps}
    assert steps["issue"].skipped
    assert steps["reviews"].notes[0].item == "a2"
    assert [n.text for _, n in flow.notes_for("thanks")] == ["the coffee in bed",
                                                             "listening on Tuesday"]
    assert [n.by for _, n in flow.notes_for("goal")] == [SAM, ALEX]
    assert len(run.breaks) == 1 and run.breaks[0].actual_seconds == 1800


def test_went_well_draws_on_this_week_only_and_never_on_what_was_missed():
    call = Agreement(kind=AgreementKind.EXPECTATION, wording="Call if I'm late",
                     asked_by=SAM, status=AgreementStatus.AGREED)
    follow = [
        FollowThrough(agreement_id=call.id, by=ALEX, kept=True, on=TODAY),
        FollowThrough(agreement_id=call.id, by=ALEX, kept=True, on=TODAY - timedelta(days=3)),
        FollowThrough(agreement_id=call.id, by=ALEX, kept=False, on=TODAY),
        FollowThrough(agreement_id=call.id, by=ALEX, kept=True, on=TODAY - timedelta(days=9)),
    ]
    goal = MiniGoal(text="Honest about small things", reached_at=utc(TODAY - timedelta(days=1)))
    wins = [Win(text="We laughed at dinner", noticed_by=SAM, created_at=utc(TODAY)),
            Win(kind="thanks", text="for the tea", noticed_by=ALEX, to=SAM,
                created_at=utc(TODAY - timedelta(days=2))),
            Win(text="an old one", noticed_by=SAM, created_at=utc(TODAY - timedelta(days=20)))]
    items = rituals.went_well_items([call], follow, wins, [goal], TODAY, day_of=day_of)
    texts = [i.text for i in items]
    assert texts == ["Kept 2 times: Call if I'm late", "A thank-you: for the tea",
                     "A win: We laughed at dinner", "Goal reached: Honest about small things"]


def test_due_items_are_agreed_ones_whose_date_has_come():
    due = Agreement(kind=AgreementKind.BOUNDARY, wording="My phone is mine", asked_by=ALEX,
                    status=AgreementStatus.AGREED, next_review=TODAY)
    later = Agreement(kind=AgreementKind.EXPECTATION, wording="later", asked_by=ALEX,
                      status=AgreementStatus.AGREED, next_review=TODAY + timedelta(days=1))
    draft = Agreement(kind=AgreementKind.EXPECTATION, wording="draft", asked_by=ALEX,
                      next_review=TODAY - timedelta(days=1))
    items = rituals.due_items([due, later, draft], TODAY)
    assert [(i.key, i.text) for i in items] == [(due.id, "Boundary (check back): My phone is mine")]


def test_weekly_due_after_seven_days_gently():
    assert "weekly meeting could help" in rituals.weekly_due([], TODAY)
    recent = RitualRun(ritual="weekly", started_at=utc(TODAY - timedelta(days=6)))
    assert rituals.weekly_due([recent], TODAY, day_of=day_of) is None
    old = RitualRun(ritual="weekly", started_at=utc(TODAY - timedelta(days=8)))
    other = RitualRun(ritual="setback", started_at=utc(TODAY))
    line = rituals.weekly_due([old, other], TODAY, day_of=day_of)
    assert "weekly meeting could fit in soon" in line
    # An invitation: no count of the days gone by, no verdict words.
    assert not any(ch.isdigit() for ch in line)
    assert not any(word in line.lower() for word in ("overdue", "missed", "late", "fail",
                                                       "since", "has been"))


# --- setback -------------------------------------------------------------------------

def test_setback_waits_for_calm_offers_a_break_and_walks_each_step_with_the_floor():
    clock = FakeClock()
    ritual = rituals.setback([Item("exp-1", "Call if I'm late")])
    flow = Flow(ritual, clock, (SAM, ALEX))
    assert flow.step.key == "calm" and "break" in flow.step.guidance
    flow.answer(SAM, True)
    flow.answer(ALEX, False)
    with pytest.raises(NotNow):
        flow.next()
    flow.take_break(ALEX)
    clock.advance(20 * 60)
    flow.end_break()
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    flow.next()
    assert flow.step.key == "what" and "setback" in flow.step.saves
    assert flow.item.key == "exp-1"
    flow.add_note("I came home late without calling", by=None)
    flow.next()
    floor_steps = []
    while flow.step.key != "differently":
        floor_steps.append(flow.step.key)
        assert flow.step.uses_floor
        if flow.step.key == "before":
            flow.skip()  # it does not have to be said
        else:
            flow.next()
    assert floor_steps == ["felt", "saw", "before", "my_part"]
    assert ritual.step("my_part").check == "apology"
    flow.add_note("I will text when I leave work", by=SAM)
    flow.next()
    run = flow.finish()
    assert run.finished and [s.step for s in run.steps if s.skipped] == ["before"]
    assert run.breaks[0].called_by == ALEX
    assert {s.step: s for s in run.steps}["what"].notes[0].item == "exp-1"


def test_setback_words_do_not_blame():
    ritual = rituals.setback()
    words = " ".join(s.guidance + " ".join(s.prompts) for s in ritual.steps).lower()
    for blame in ("your fault", "failure to", "you always", "you never"):
        assert blame not in words
    assert "not a failure" in words


# --- solo safety check ----------------------------------------------------------------

def test_safety_check_walk_with_a_break_and_a_question_left_out():
    clock = FakeClock()
    flow = Flow(rituals.SAFETY_CHECK, clock, (SAM,))
    assert rituals.SAFETY_CHECK.private
    flow.choose(rituals.NO)
    flow.next()
    flow.take_break(SAM)
    clock.advance(60)
    flow.end_break()
    flow.skip()  # "threatened" left out
    flow.choose(rituals.NO)
    flow.next()
    flow.choose(rituals.YES)  # pressured to share passwords
    flow.next()
    flow.choose(rituals.YES)  # free to say no
    flow.next()
    assert flow.done
    assert flow.chosen == {"afraid": "No", "controlled": "No", "pressured": "Yes", "free": "Yes"}
    assert rituals.signals_danger(flow.chosen)


@pytest.mark.parametrize("answers, danger", [
    ({}, False),
    ({"afraid": "No", "threatened": "No", "controlled": "No", "pressured": "No",
      "free": "Yes"}, False),
    ({k: rituals.RATHER_NOT for k in ("afraid", "threatened", "controlled", "pressured",
                                      "free")}, False),
    ({"afraid": "Sometimes"}, True),
    ({"threatened": "Yes"}, True),
    ({"controlled": "Yes"}, True),
    ({"pressured": "Sometimes"}, True),
    ({"free": "No"}, True),
    ({"free": "Sometimes"}, True),
])
def test_signals_danger(answers, danger):
    assert rituals.signals_danger(answers) is danger


def test_where_to_turn_is_valid_in_any_country():
    text = " ".join(rituals.WHERE_TO_TURN)
    assert "local emergency number" in text and "domestic-violence helpline" in text
    assert not any(number in text for number in ("911", "999", "112", "000"))
