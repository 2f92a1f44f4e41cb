"""Agreement rules with fixed dates: agreed by both, edits back to draft with history,
review dates and outcomes, follow-through series, repeated misses, vague wording, and
the 'our agreements' Markdown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import utc
from trust_tui.domain import agreements as ag
from trust_tui.domain import agreements_due as due
from trust_tui.domain import follow_through as ft
from trust_tui.domain import vague_wording as vw
from trust_tui.domain.agreements_md import agreements_markdown
from trust_tui.domain.clock import FakeClock
from trust_tui.models import Agreement, AgreementKind, AgreementStatus, RaisedConcern

SAM, ALEX = "sam-id", "alex-id"
BOTH = [SAM, ALEX]
DAY = 24 * 3600
MARKUP = ["[bold]", "[/]", "[@click=app.quit]x", "\x1b[31mred"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(utc(2026, 3, 2, 12))  # a Monday


def today(clock: FakeClock) -> date:
    return ag.local_day(clock.now())


def draft(clock: FakeClock, wording: str = "Tell me if you'll be late",
          kind: AgreementKind = AgreementKind.EXPECTATION, **kw) -> Agreement:
    return ag.new_agreement(kind, wording, SAM, now=clock.now(), **kw)


def agreed(clock: FakeClock, **kw) -> Agreement:
    a = draft(clock, **kw)
    a = ag.confirm(a, SAM, BOTH, clock.now())
    return ag.confirm(a, ALEX, BOTH, clock.now())


# --- agreed by both -----------------------------------------------------------------

def test_one_confirmation_is_not_enough(clock):
    a = ag.confirm(draft(clock), SAM, BOTH, clock.now())
    assert a.status == AgreementStatus.DRAFT
    assert a.confirmed_by == [SAM]
    assert a.agreed_at is None and a.next_review is None
    assert ag.waiting_for(a, BOTH) == [ALEX]


def test_confirming_twice_by_the_same_partner_is_still_one(clock):
    a = ag.confirm(draft(clock), SAM, BOTH, clock.now())
    a = ag.confirm(a, SAM, BOTH, clock.now())
    assert a.status == AgreementStatus.DRAFT and a.confirmed_by == [SAM]


def test_agreed_once_both_confirm_with_review_in_14_days(clock):
    a = ag.confirm(draft(clock), ALEX, BOTH, clock.now())
    clock.advance(DAY)  # the second yes can come a day later
    a = ag.confirm(a, SAM, BOTH, clock.now())
    assert a.status == AgreementStatus.AGREED
    assert a.agreed_at == clock.now()
    assert a.next_review == date(2026, 3, 3) + timedelta(days=14)


def test_review_period_is_configurable_within_7_to_30_days(clock):
    assert agreed(clock, review_every_days=7).next_review == date(2026, 3, 9)
    # The first look is within two weeks whatever the period (the method's 7-14 days);
    # after a review the chosen period holds.
    first = agreed(clock, review_every_days=30)
    assert first.next_review == date(2026, 3, 16)
    kept = ag.review(first, working={SAM: True, ALEX: True}, outcome="keep",
                     now=clock.now(), by=SAM)
    assert kept.next_review == date(2026, 4, 1)
    for bad in (6, 31):
        with pytest.raises(ag.AgreementRuleError):
            draft(clock, review_every_days=bad)


def test_toggle_takes_back_a_draft_confirmation(clock):
    a = ag.toggle_confirm(draft(clock), SAM, BOTH, clock.now())
    assert a.confirmed_by == [SAM]
    a = ag.toggle_confirm(a, SAM, BOTH, clock.now())
    assert a.confirmed_by == [] and a.status == AgreementStatus.DRAFT


def test_rules_never_change_the_record_they_were_given(clock):
    a = draft(clock)
    ag.confirm(a, SAM, BOTH, clock.now())
    assert a.confirmed_by == []


def test_empty_wording_is_refused_with_a_message(clock):
    with pytest.raises(ag.AgreementRuleError, match="few words"):
        draft(clock, wording="   \n ")


# --- edits ----------------------------------------------------------------------------

def test_editing_agreed_wording_returns_to_draft_with_history(clock):
    a = agreed(clock)
    clock.advance(3 * DAY)
    b = ag.edit(a, by=ALEX, now=clock.now(), wording="Text me if you'll be home after 7")
    assert b.status == AgreementStatus.DRAFT
    assert b.confirmed_by == [] and b.agreed_at is None and b.next_review is None
    assert len(b.history) == 1
    change = b.history[0]
    assert (change.by, change.at) == (ALEX, clock.now())
    assert change.old_wording == "Tell me if you'll be late"
    assert change.new_wording == "Text me if you'll be home after 7"
    assert a.status == AgreementStatus.AGREED  # the old record is untouched (undo)


def test_same_wording_or_category_change_keeps_it_agreed(clock):
    a = agreed(clock)
    b = ag.edit(a, by=SAM, now=clock.now(), wording="  Tell me if you'll be late\n",
                category="time")
    assert b.status == AgreementStatus.AGREED and b.history == [] and b.category == "time"


def test_editing_a_draft_clears_confirmations_given_to_old_words(clock):
    a = ag.confirm(draft(clock), SAM, BOTH, clock.now())
    b = ag.edit(a, by=ALEX, now=clock.now(), wording="Call me if you'll be late")
    assert b.confirmed_by == [] and len(b.history) == 1


def test_changing_review_period_moves_next_review(clock):
    a = agreed(clock)
    b = ag.edit(a, by=SAM, now=clock.now(), review_every_days=21)
    assert b.next_review == today(clock) + timedelta(days=21)


def test_markup_like_wording_is_kept_exactly(clock):
    for text in MARKUP:
        a = ag.edit(agreed(clock), by=SAM, now=clock.now(), wording=text)
        assert a.wording == text
        assert a.history[-1].new_wording == text
        assert Agreement.model_validate(a.model_dump(mode="json")).wording == text


# --- reviews ---------------------------------------------------------------------------

def test_review_falls_due_on_its_date(clock):
    a = agreed(clock)
    assert not ag.is_due(a, today(clock) + timedelta(days=13))
    assert ag.is_due(a, today(clock) + timedelta(days=14))
    assert ag.due_for_review([a, draft(clock)], today(clock) + timedelta(days=20)) == [a]


def test_paused_and_draft_ones_are_never_due(clock):
    a = ag.pause(agreed(clock))
    later = today(clock) + timedelta(days=40)
    assert not ag.is_due(a, later)
    assert not ag.is_due(draft(clock), later)
    resumed = ag.resume(a, clock.now())
    assert resumed.status == AgreementStatus.AGREED


def test_review_keep_sets_the_next_date(clock):
    a = agreed(clock)
    clock.advance(15 * DAY)
    b = ag.review(a, working={SAM: True, ALEX: True}, outcome="keep", now=clock.now(),
                  by=SAM, note="mostly")
    assert b.status == AgreementStatus.AGREED
    assert b.next_review == today(clock) + timedelta(days=14)
    assert b.reviews[-1].working == {SAM: True, ALEX: True}
    assert b.reviews[-1].outcome == "keep" and b.reviews[-1].note == "mostly"


def test_keeping_it_as_it_is_needs_both_to_say_it_works(clock):
    a = agreed(clock)
    clock.advance(15 * DAY)
    with pytest.raises(ag.AgreementRuleError, match="needs both of you"):
        ag.review(a, working={SAM: True, ALEX: False}, outcome="keep", now=clock.now(), by=SAM)
    adjusted = ag.review(a, working={SAM: True, ALEX: False}, outcome="adjust",
                         now=clock.now(), by=SAM)
    assert adjusted.status == AgreementStatus.DRAFT


def test_review_adjust_goes_back_to_draft_with_history(clock):
    a = agreed(clock)
    clock.advance(14 * DAY)
    b = ag.review(a, working={SAM: False, ALEX: False}, outcome="adjust", now=clock.now(),
                  by=ALEX, new_wording="Text me by 6 if you'll be late")
    assert b.status == AgreementStatus.DRAFT and b.confirmed_by == []
    assert b.history[-1].old_wording == "Tell me if you'll be late"
    assert b.history[-1].by == ALEX
    assert b.reviews[-1].outcome == "adjust"


def test_review_retire(clock):
    b = ag.review(agreed(clock), working={}, outcome="retire", now=clock.now(), by=SAM)
    assert b.status == AgreementStatus.RETIRED and b.next_review is None
    with pytest.raises(ag.AgreementRuleError):
        ag.confirm(b, SAM, BOTH, clock.now())


def test_a_draft_cannot_be_reviewed(clock):
    with pytest.raises(ag.AgreementRuleError):
        ag.review(draft(clock), working={}, outcome="keep", now=clock.now(), by=SAM)


# --- follow-through ------------------------------------------------------------------------

def test_follow_through_only_for_agreed_ones(clock):
    with pytest.raises(ag.AgreementRuleError):
        ft.log_follow_through(draft(clock), by=ALEX, kept=True, on=today(clock),
                              now=clock.now())
    entry = ft.log_follow_through(agreed(clock), by=ALEX, kept=False, on=today(clock),
                                  now=clock.now(), note=" traffic ")
    assert (entry.by, entry.kept, entry.on, entry.note) == (ALEX, False, today(clock), "traffic")


def test_weekly_series_counts_kept_and_missed_per_week(clock):
    a = agreed(clock)
    log = [ft.log_follow_through(a, by=ALEX, kept=k, on=today(clock) + timedelta(days=d),
                                 now=clock.now())
           for d, k in [(0, True), (1, True), (2, False), (7, True), (20, False)]]
    series = ft.weekly_series(log, date(2026, 3, 10), weeks=3)
    assert [w.week for w in series] == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]
    assert [(w.kept, w.missed) for w in series] == [(0, 0), (2, 1), (1, 0)]
    assert ft.consistency_summary(series) == (
        "Last 3 weeks: 3 kept, 1 missed. This week: 1 kept, 0 missed.")


def test_summary_with_nothing_logged_is_not_a_verdict():
    text = ft.consistency_summary(ft.weekly_series([], date(2026, 3, 2)))
    assert text.startswith("Nothing logged yet")
    # Logs older than the weeks shown: the summary must not say "nothing logged yet"
    # above a "Lately" list that holds them.
    text = ft.consistency_summary(ft.weekly_series([], date(2026, 3, 2)), logged_before=True)
    assert "yet" not in text and text.startswith("Nothing logged in the last 8 weeks")


# --- repeated misses ----------------------------------------------------------------------

SHAMING = ["fail", "broke", "again", "bad", "blame", "fault", "should", "always", "never",
           "disappoint", "wrong"]


def miss(a: Agreement, on: date, kept: bool = False):
    return ft.log_follow_through(a, by=ALEX, kept=kept, on=on, now=utc(
        on.year, on.month, on.day, 12))


def test_three_misses_within_the_period_bring_a_gentle_note(clock):
    a = agreed(clock)
    start = today(clock)
    log = [miss(a, start + timedelta(days=d)) for d in (1, 4)] + [miss(a, start, kept=True)]
    assert ft.repeated_miss_notice(a, log, start + timedelta(days=5)) is None
    log.append(miss(a, start + timedelta(days=9)))
    note = ft.repeated_miss_notice(a, log, start + timedelta(days=10))
    assert note is not None
    assert "3 times" in note and "counsellor or coach" in note and "firmer" in note
    assert not [w for w in SHAMING if w in note.lower()]


def test_period_summary_for_a_review(clock):
    a = agreed(clock)
    start = today(clock)
    assert ft.period_summary(a, [], start) == "Nothing logged since 2 Mar."
    log = [miss(a, start + timedelta(days=1)), miss(a, start + timedelta(days=2), kept=True),
           miss(a, start - timedelta(days=1), kept=True)]  # before it was agreed
    assert ft.period_summary(a, log, start + timedelta(days=14)) == (
        "Since 2 Mar: 1 kept, 1 missed.")


def test_misses_spread_wider_than_the_period_are_not_flagged(clock):
    a = agreed(clock, review_every_days=7)
    start = today(clock)
    log = [miss(a, start + timedelta(days=d)) for d in (0, 5, 10)]
    assert ft.repeated_miss_notice(a, log, start + timedelta(days=10)) is None


def test_a_keep_review_starts_a_fresh_period(clock):
    a = agreed(clock)
    start = today(clock)
    log = [miss(a, start + timedelta(days=d)) for d in (1, 2)]
    clock.advance(3 * DAY)
    a = ag.review(a, working={SAM: True, ALEX: True}, outcome="keep", now=clock.now(), by=SAM)
    log.append(miss(a, start + timedelta(days=4)))
    assert ft.repeated_miss_notice(a, log, start + timedelta(days=5)) is None


def test_misses_of_another_agreement_do_not_count(clock):
    a, b = agreed(clock), agreed(clock, wording="Phone calls after 10 are okay")
    log = [miss(b, today(clock) + timedelta(days=d)) for d in (0, 1, 2)]
    assert ft.repeated_miss_notice(a, log, today(clock) + timedelta(days=3)) is None
    assert ft.repeated_miss_notice(b, log, today(clock) + timedelta(days=3)) is not None


# --- vague wording -------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Communicate better", ["communicate", "better"]),
    ("I will try to be home more", ["try to", "more"]),
    ("Always tell me, never hide it", ["always", "never"]),
    ("We need more communication", ["more", "communicate"]),
    ("Text me if you'll be home after 7", []),
    ("Betterment and nevermore", []),  # whole words only
])
def test_vague_words(text, words):
    assert vw.vague_words(text) == words


def test_vague_hint_suggests_concrete_wording_without_blocking(clock):
    hint = vw.vague_hint("Communicate better")
    assert hint is not None and "'communicate' and 'better'" in hint and "for example" in hint
    assert "save it as it is" in hint
    assert draft(clock, wording="Communicate better").wording == "Communicate better"
    assert vw.vague_hint("Text me if you'll be home after 7") is None


@pytest.mark.parametrize("text", [
    "Be there for me",
    "Try harder",
    "Respect my privacy",
    "Be nicer to my family",
    "Make me feel safe",
    "Communicate better",
    "I will try to be home more",
    "Be more present with me",
    "Show you care about us",
])
def test_words_with_nothing_observable_get_the_hint(text):
    assert vw.vague_hint(text) is not None


@pytest.mark.parametrize("text", [
    "Tell me if you will be more than 15 minutes late",  # the demo's own
    "Text me if you'll be home after 7",
    "Always tell me, never hide it",
    "Respect my privacy: knock before you come into my study",
    "Be nicer to my family: ask how my mother is when she calls",
    "No phones at dinner",
    "My diary stays mine",
    "We spend Sunday morning together, phones off",
    "Call me once a day when you travel",
])
def test_concrete_words_are_left_alone(text):
    assert vw.vague_hint(text) is None


def test_the_demo_couples_agreements_read_as_concrete():
    from trust_tui.demo.story import BOUNDARIES, EXPECTATIONS, REFINEMENTS

    wordings = [w for w, *_ in (*EXPECTATIONS, *BOUNDARIES)] + list(REFINEMENTS.values())
    assert [w for w in wordings if vw.vague_hint(w)] == []


# --- due lines for home ----------------------------------------------------------------------

def test_due_lines_for_expectations_and_boundaries(clock):
    a = agreed(clock)
    b = agreed(clock, wording="My diary stays mine", kind=AgreementKind.BOUNDARY)
    d = draft(clock, wording="x")
    due_day = today(clock) + timedelta(days=14)
    assert due.due_lines([a, b, d], due_day, AgreementKind.EXPECTATION) == [
        "Review: 'Tell me if you'll be late' (due 16 Mar)",
        "1 expectation waits to be agreed by both",
    ]
    concern = RaisedConcern(by=ALEX, text="Reading over my shoulder")
    assert due.due_lines([a, b], due_day, AgreementKind.BOUNDARY, [concern]) == [
        "Check back: 'My diary stays mine' (due 16 Mar)",
        "Raised: 'Reading over my shoulder' - to talk through at the next check-back",
    ]
    assert due.due_lines([a, b], today(clock), AgreementKind.EXPECTATION) == []


def test_due_lines_name_repeated_misses_gently(clock):
    a = agreed(clock)
    log = [miss(a, today(clock) + timedelta(days=d)) for d in (1, 2, 3)]
    lines = due.due_lines([a], today(clock) + timedelta(days=4), AgreementKind.EXPECTATION,
                         follow_through=log)
    assert lines == ["Worth a look together: 'Tell me if you'll be late' was missed 3 times "
                     "lately"]


def test_open_concerns_oldest_first(clock):
    first = RaisedConcern(by=SAM, text="one", created_at=clock.now())
    done = RaisedConcern(by=SAM, text="two", created_at=clock.now(), addressed=True)
    clock.advance(60)
    later = RaisedConcern(by=ALEX, text="three", created_at=clock.now())
    assert due.open_concerns([later, done, first]) == [first, later]


def test_short_text_cuts_long_wording_to_its_first_line():
    assert ag.short_text("one\ntwo") == "one"
    assert ag.short_text("x" * 60, width=10) == "xxxxxxx..."


# --- our agreements (Markdown) ------------------------------------------------------------------

def test_markdown_lists_only_agreed_ones_with_words_kept_exactly(clock):
    words = "Tell me if you'll be late *really* [bold] [/] [@click=app.quit]x\nsecond line"
    a = agreed(clock, wording=words, category="time")
    b = agreed(clock, wording="My phone is mine", kind=AgreementKind.BOUNDARY)
    d = draft(clock, wording="Not yet agreed")
    r = ag.review(agreed(clock, wording="Old one"), working={}, outcome="retire",
                  now=clock.now(), by=SAM)
    md = agreements_markdown([d, b, a, r], {SAM: "Sam", ALEX: "Alex"}, date(2026, 3, 3))
    assert md.startswith("# Our agreements\n")
    assert words in md
    assert "My phone is mine" in md
    assert "Not yet agreed" not in md and "Old one" not in md
    assert md.index("## Expectations") < md.index(words) < md.index("## Boundaries")
    assert md.index("## Boundaries") < md.index("My phone is mine")
    assert "Asked for by: Sam" in md and "Whose boundary: Sam" in md
    assert "Next review: 16 March 2026" in md and "Next check-back: 16 March 2026" in md
    assert "3 March 2026" in md and md.endswith("\n")


def test_markdown_with_nothing_agreed_says_so():
    md = agreements_markdown([], {SAM: "Sam", ALEX: "Alex"}, date(2026, 3, 3))
    assert md.count("Nothing agreed here yet.") == 2


def test_a_date_from_another_year_says_its_year():
    from datetime import date

    from trust_tui.domain.agreements import short_date

    today = date(2026, 11, 27)
    assert short_date(date(2026, 3, 2), today) == "2 Mar"
    # Last December never reads as a date still to come.
    assert short_date(date(2025, 12, 21), today) == "21 Dec 2025"
    assert short_date(date(2027, 1, 4), today) == "4 Jan 2027"
