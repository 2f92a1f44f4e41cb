"""Expectations and boundaries, without Textual (method steps 3, 4 and 7).

The rules every agreement follows, whichever kind it is:
- it is "agreed" only once each partner has confirmed it themselves;
- changing the words of an agreement takes it back to a draft (a confirmation was
  given to the old words) and the old words are kept in its history;
- it is looked at again after a while (a review for an expectation, a check-back for
  a boundary): 14 days after agreement unless the couple chose 7-30 (the first look
  always within 14 days); keeping it as it is needs both to say it is working;
- follow-through is logged as kept or missed, and shown as a weekly trend with plain
  numbers, never as a score;
- when the same one is missed three times within its review period, the app says so
  gently and points to firmer agreements or outside support.

Every function returns new records and never changes the ones it was given, so a
screen can keep the old record for undo. Time comes in as arguments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

# "as local_day": re-exported, screens import it from here
from trust_tui.domain.clock import local_day as local_day
from trust_tui.models import (
    Agreement,
    AgreementEdit,
    AgreementKind,
    AgreementReview,
    AgreementStatus,
    FollowThrough,
    RaisedConcern,
)

DEFAULT_REVIEW_DAYS = 14
MIN_REVIEW_DAYS = 7
MAX_REVIEW_DAYS = 30
# The first look comes within two weeks (the method's 7-14 days), whatever the period
# chosen for later ones: a new agreement is where a mismatch shows first.
FIRST_REVIEW_MAX_DAYS = 14
KEEP_NEEDS_BOTH = ("Keeping it as it is needs both of you to say it is working. "
                   "Adjust the words together, or talk it through first.")
MISSES_TO_NOTICE = 3
MAX_WORDING = 4000  # as Agreement.wording holds; the forms tell before it comes to this
SERIES_WEEKS = 8

EXPECTATION_CATEGORIES: tuple[str, ...] = ("honesty", "time", "devices", "money", "family",
                                           "other")
BOUNDARY_CATEGORIES: tuple[str, ...] = ("privacy", "personal space", "topics", "devices",
                                        "contact with others", "other")

Outcome = Literal["keep", "adjust", "retire"]


class AgreementRuleError(ValueError):
    """A change the rules do not allow; the message is shown to the couple as is."""


# --- small words ---------------------------------------------------------------------

def short_date(day: date, today: date | None = None) -> str:
    """"21 Dec"; with the year when it is not this year's (given today), so last
    December never reads as a date still to come."""
    if today is not None and day.year != today.year:
        return f"{day.day} {day.strftime('%b')} {day.year}"
    return f"{day.day} {day.strftime('%b')}"


def short_text(text: str, width: int = 40) -> str:
    """The first line of the wording, cut to fit a list line."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 3].rstrip() + "..."


def categories_for(kind: AgreementKind) -> tuple[str, ...]:
    return EXPECTATION_CATEGORIES if kind == AgreementKind.EXPECTATION else BOUNDARY_CATEGORIES


def review_word(kind: AgreementKind) -> str:
    """What looking at it again is called: a review, or (for a boundary) a check-back."""
    return "Review" if kind == AgreementKind.EXPECTATION else "Check back"


def clean_wording(text: str) -> str:
    # Only the blank edges go: the words themselves are theirs, kept exactly.
    cleaned = text.strip()
    if not cleaned:
        raise AgreementRuleError("Write it in a few words first.")
    if len(cleaned) > MAX_WORDING:
        # A rule's message, not a crash: nothing is saved and the caller keeps the words.
        raise AgreementRuleError(f"The words hold up to {MAX_WORDING:,} characters; these are "
                                 f"{len(cleaned):,}. Shorten them a little to save.")
    return cleaned


def check_review_days(days: int) -> int:
    if not MIN_REVIEW_DAYS <= days <= MAX_REVIEW_DAYS:
        raise AgreementRuleError(
            f"Choose between {MIN_REVIEW_DAYS} and {MAX_REVIEW_DAYS} days before looking "
            "at it again.")
    return days


def review_date(start: date, every_days: int = DEFAULT_REVIEW_DAYS) -> date:
    return start + timedelta(days=check_review_days(every_days))


# --- creating, agreeing, editing --------------------------------------------------------

def new_agreement(kind: AgreementKind, wording: str, asked_by: str, *, now: datetime,
                  category: str = "other",
                  review_every_days: int = DEFAULT_REVIEW_DAYS) -> Agreement:
    return Agreement(kind=kind, wording=clean_wording(wording), asked_by=asked_by,
                     category=category or "other",
                     review_every_days=check_review_days(review_every_days),
                     created_at=now)


def _copy(agreement: Agreement) -> Agreement:
    return agreement.model_copy(deep=True)


def confirm(agreement: Agreement, partner_id: str, partner_ids: Sequence[str],
            now: datetime) -> Agreement:
    """`partner_id` says yes to the wording; agreed once every partner has."""
    if agreement.status == AgreementStatus.RETIRED:
        raise AgreementRuleError("This one is retired. Add it again to agree on it anew.")
    updated = _copy(agreement)
    if agreement.status in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
        return updated  # already agreed by both: nothing to add
    if partner_id not in updated.confirmed_by:
        updated.confirmed_by = [*updated.confirmed_by, partner_id]
    if partner_ids and set(partner_ids) <= set(updated.confirmed_by):
        updated.status = AgreementStatus.AGREED
        updated.agreed_at = now
        every = updated.review_every_days
        if not updated.reviews:
            every = min(every, FIRST_REVIEW_MAX_DAYS)
        updated.next_review = review_date(local_day(now), every)
    return updated


def withdraw(agreement: Agreement, partner_id: str) -> Agreement:
    """Take back a confirmation on a draft (pressed by mistake, or second thoughts)."""
    updated = _copy(agreement)
    if agreement.status == AgreementStatus.DRAFT:
        updated.confirmed_by = [p for p in updated.confirmed_by if p != partner_id]
    return updated


def toggle_confirm(agreement: Agreement, partner_id: str, partner_ids: Sequence[str],
                   now: datetime) -> Agreement:
    """A partner's own key: confirm a draft, or take their confirmation back."""
    if agreement.status == AgreementStatus.DRAFT and partner_id in agreement.confirmed_by:
        return withdraw(agreement, partner_id)
    return confirm(agreement, partner_id, partner_ids, now)


def waiting_for(agreement: Agreement, partner_ids: Sequence[str]) -> list[str]:
    """Who has not confirmed a draft yet (empty once agreed)."""
    if agreement.status != AgreementStatus.DRAFT:
        return []
    return [p for p in partner_ids if p not in agreement.confirmed_by]


def _back_to_draft(agreement: Agreement) -> None:
    agreement.status = AgreementStatus.DRAFT
    agreement.confirmed_by = []
    agreement.agreed_at = None
    agreement.next_review = None


def edit(agreement: Agreement, *, by: str, now: datetime, wording: str | None = None,
         category: str | None = None, asked_by: str | None = None,
         review_every_days: int | None = None) -> Agreement:
    """Change an agreement. New words need both to agree again: the old words go into
    its history (who, when, old and new) and it returns to draft."""
    if agreement.status == AgreementStatus.RETIRED:
        raise AgreementRuleError("This one is retired. Add it again to agree on it anew.")
    updated = _copy(agreement)
    if wording is not None:
        new_words = clean_wording(wording)
        if new_words != agreement.wording:
            updated.history = [*updated.history, AgreementEdit(
                at=now, by=by, old_wording=agreement.wording, new_wording=new_words)]
            updated.wording = new_words
            _back_to_draft(updated)
    if category is not None:
        updated.category = category or "other"
    if asked_by is not None:
        updated.asked_by = asked_by
    if review_every_days is not None and review_every_days != agreement.review_every_days:
        updated.review_every_days = check_review_days(review_every_days)
        if updated.status == AgreementStatus.AGREED:
            updated.next_review = review_date(period_start(updated), review_every_days)
    return updated


def pause(agreement: Agreement) -> Agreement:
    """Set an agreed one aside for now (no reviews fall due, nothing is logged)."""
    if agreement.status != AgreementStatus.AGREED:
        raise AgreementRuleError("Only an agreed one can be paused.")
    updated = _copy(agreement)
    updated.status = AgreementStatus.PAUSED
    return updated


def resume(agreement: Agreement, now: datetime) -> Agreement:
    if agreement.status != AgreementStatus.PAUSED:
        raise AgreementRuleError("Only a paused one can be picked up again.")
    updated = _copy(agreement)
    updated.status = AgreementStatus.AGREED
    updated.next_review = review_date(local_day(now), updated.review_every_days)
    return updated


# --- reviews and check-backs ----------------------------------------------------------

def period_start(agreement: Agreement) -> date:
    """Where the current review period began: the last review, else the agreement."""
    moments = [r.at for r in agreement.reviews if r.outcome == "keep"]
    if agreement.agreed_at is not None:
        moments.append(agreement.agreed_at)
    if not moments:
        return local_day(agreement.created_at)
    return local_day(max(moments))


def is_due(agreement: Agreement, today: date) -> bool:
    return (agreement.status == AgreementStatus.AGREED and agreement.next_review is not None
            and agreement.next_review <= today)


def due_for_review(agreements: Iterable[Agreement], today: date) -> list[Agreement]:
    due = [a for a in agreements if is_due(a, today)]
    return sorted(due, key=lambda a: (a.next_review, a.created_at))


def same_words(a: str, b: str) -> bool:
    """The same wording, give or take spaces and line breaks."""
    return " ".join(a.split()) == " ".join(b.split())


def review(agreement: Agreement, *, working: Mapping[str, bool], outcome: Outcome,
           now: datetime, by: str, note: str = "",
           new_wording: str | None = None) -> Agreement:
    """Record a review: per partner whether it is working, then keep, adjust or retire.

    keep: agreed still, next review one period from today. adjust: back to draft
    (with the new words in its history when given) so both agree again. retire: kept
    in the record, no longer asked of anyone."""
    if agreement.status not in (AgreementStatus.AGREED, AgreementStatus.PAUSED):
        raise AgreementRuleError("A review is for an agreed one; agree on this draft first.")
    if outcome not in ("keep", "adjust", "retire"):
        raise AgreementRuleError("Choose keep, adjust or retire.")
    # (A ritual's choice made together, with no one's answer recorded, may keep it.)
    if outcome == "keep" and not all(working.values()):
        raise AgreementRuleError(KEEP_NEEDS_BOTH)
    if outcome == "adjust" and new_wording is not None \
            and same_words(new_wording, agreement.wording):
        raise AgreementRuleError("These are the words you already agreed on, so nothing "
                                 "has changed. Change them, or keep it as it is.")
    updated = _copy(agreement)
    if outcome == "adjust" and new_wording is not None:
        updated = edit(updated, by=by, now=now, wording=new_wording)
    if outcome == "adjust":
        _back_to_draft(updated)
    elif outcome == "retire":
        updated.status = AgreementStatus.RETIRED
        updated.next_review = None
    else:
        updated.status = AgreementStatus.AGREED
        updated.next_review = review_date(local_day(now), updated.review_every_days)
    updated.reviews = [*updated.reviews, AgreementReview(
        at=now, working=dict(working), outcome=outcome, note=note)]
    return updated


# --- follow-through ---------------------------------------------------------------------

def log_follow_through(agreement: Agreement, *, by: str, kept: bool, on: date,
                       now: datetime, note: str = "") -> FollowThrough:
    if agreement.status != AgreementStatus.AGREED:
        raise AgreementRuleError(
            "Follow-through is logged once both of you have agreed on it.")
    return FollowThrough(agreement_id=agreement.id, by=by, kept=kept, on=on,
                         note=note.strip(), created_at=now)


def week_of(day: date) -> date:
    """The Monday that starts the week of `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekTally:
    week: date  # its Monday
    kept: int
    missed: int

    @property
    def total(self) -> int:
        return self.kept + self.missed


def weekly_series(entries: Iterable[FollowThrough], today: date,
                  weeks: int = SERIES_WEEKS) -> list[WeekTally]:
    """Kept and missed per week for the last `weeks` weeks, oldest first."""
    this_week = week_of(today)
    starts = [this_week - timedelta(days=7 * n) for n in range(weeks - 1, -1, -1)]
    kept = dict.fromkeys(starts, 0)
    missed = dict.fromkeys(starts, 0)
    for entry in entries:
        week = week_of(entry.on)
        if week in kept and entry.on <= today:
            (kept if entry.kept else missed)[week] += 1
    return [WeekTally(w, kept[w], missed[w]) for w in starts]


def _times(n: int) -> str:
    return "once" if n == 1 else ("twice" if n == 2 else f"{n} times")


def consistency_summary(series: Sequence[WeekTally], logged_before: bool = False) -> str:
    """Plain numbers for the weekly series (no rates, no verdict). `logged_before`: some
    were logged before these weeks (the summary must not say "nothing logged yet")."""
    if not series or not any(w.total for w in series):
        if logged_before:
            return (f"Nothing logged in the last {len(series)} weeks; the earlier ones "
                    "are listed below.")
        return "Nothing logged yet. Each kept or missed one you log shows here, week by week."
    kept = sum(w.kept for w in series)
    missed = sum(w.missed for w in series)
    now = series[-1]
    return (f"Last {len(series)} weeks: {kept} kept, {missed} missed. "
            f"This week: {now.kept} kept, {now.missed} missed.")


def period_summary(agreement: Agreement, entries: Iterable[FollowThrough], today: date) -> str:
    """Plain numbers since the period began, for a review: 'Since 16 Feb: 3 kept, 1 missed.'"""
    start = period_start(agreement)
    mine = [e for e in entries if e.agreement_id == agreement.id and start <= e.on <= today]
    kept = sum(1 for e in mine if e.kept)
    if not mine:
        return f"Nothing logged since {short_date(start)}."
    return f"Since {short_date(start)}: {kept} kept, {len(mine) - kept} missed."


def misses_in_period(agreement: Agreement, entries: Iterable[FollowThrough],
                     today: date) -> list[FollowThrough]:
    """Misses of this agreement within its review period (at most the last
    `review_every_days` days, and not before it was agreed or last kept at a review)."""
    start = max(today - timedelta(days=agreement.review_every_days - 1), period_start(agreement))
    return [e for e in entries if e.agreement_id == agreement.id and not e.kept
            and start <= e.on <= today]


def repeated_miss_notice(agreement: Agreement, entries: Iterable[FollowThrough],
                         today: date) -> str | None:
    """A gentle word when the same one was missed three times in its review period."""
    misses = misses_in_period(agreement, entries, today)
    if len(misses) < MISSES_TO_NOTICE:
        return None
    first = min(e.on for e in misses)
    return (f"This one was missed {_times(len(misses))} since {short_date(first)}. "
            "That happens, and it helps to look at it together. It may need firmer, more "
            "concrete wording, or something deeper may need room: you can adjust it at its "
            f"{review_word(agreement.kind).lower()}, and a counsellor or coach can help "
            "you both with it.")


# --- vague wording ----------------------------------------------------------------------

# Words that can mean different things to each partner, as families (the first is the
# name the hint quotes). Extend freely: a phrase only matters when nothing observable
# stands beside it.
VAGUE_PHRASES: tuple[tuple[str, str], ...] = (
    ("communicate", r"communicat(?:e|es|ed|ing|ion)"),
    ("be there for me", r"be there for (?:me|us|you)"),
    ("try harder", r"try(?:ing)? harder"),
    ("try to", r"(?:try|tries|trying) to"),
    ("respect", r"respect(?:s|ed|ing|ful)?"),
    ("make me feel", r"make (?:me|us) feel"),
    ("be nicer", r"be (?:nicer|kinder|sweeter|warmer|more \w+|less \w+)"),
    ("support", r"support(?:s|ed|ive|ing)?"),
    ("care", r"care (?:more|about)|show (?:that )?you care"),
    ("be honest", r"be (?:honest|open|present|considerate|supportive|there)"),
    ("pay attention", r"pay (?:more )?attention"),
    ("prioriti[sz]e", r"prioriti[sz]e"),
    ("better", r"better"),
    ("more", r"more"),
    ("always", r"always"),
    ("never", r"never"),
)
_VAGUE = re.compile(
    r"\b(?:" + "|".join(f"(?P<v{i}>{pattern})" for i, (_, pattern) in enumerate(VAGUE_PHRASES))
    + r")\b", re.IGNORECASE)
# Something someone could see done, or check: a time, a number, a day, how often, or
# a plain action.
_OBSERVABLE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty"
    r"|half|once|twice|every|each|daily|weekly|monthly|nightly|minutes?|hours?|days?|weeks?"
    r"|months?|o'?clock|noon|midnight|morning|evening|night|tonight|today|tomorrow|weekends?"
    r"|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|before|after"
    r"|by|within|until|bed|bedtime|dinner|lunch|breakfast"
    r"|text|texts|call|calls|phone|ring|tell|tells|ask|asks|knock|knocks|leave|come home"
    r"|put|pay|turn off|switch off|share|message|write|sit|stop|wait|check in|send|read"
    r"|open|close|cook|clean|walk|meet|sleep|delete|show me|say|spend|hug|kiss|thank"
    r"|phones?|diary|journal|bank|passwords?|location|car|keys?|door|room)\b", re.IGNORECASE)


def vague_words(text: str) -> list[str]:
    """The words in `text` that can mean different things to each partner."""
    found: list[str] = []
    for match in _VAGUE.finditer(text):
        name = next(VAGUE_PHRASES[int(key[1:])][0] for key, value in match.groupdict().items()
                    if value is not None)
        if name not in found:
            found.append(name)
    return found


def observable(text: str) -> bool:
    """Whether the words hold something someone could see done or check (a time, a
    number, how often, a plain action or thing)."""
    return bool(_OBSERVABLE.search(text))


def vague_hint(text: str) -> str | None:
    """A suggestion (never a block) when the wording is hard to check: words that
    mean different things to each partner, and nothing observable beside them."""
    words = vague_words(text)
    if not words or observable(text):
        return None
    quoted = " and ".join(f"'{w}'" for w in words[:2])
    if len(words) > 2:
        quoted = ", ".join(f"'{w}'" for w in words[:-1]) + f" and '{words[-1]}'"
    return (f"{quoted} can mean different things to each of you, and nothing here says "
            "what you would see done, or when. Saying who does what, and when, makes it "
            "easier to keep - for example: 'Text me if you will be home after 7.' "
            "You can save it as it is, too.")


# --- what is due (for home) ----------------------------------------------------------------

def open_concerns(concerns: Iterable[RaisedConcern]) -> list[RaisedConcern]:
    """Raised concerns not yet talked through, oldest first (for a check-back or a talk)."""
    return sorted((c for c in concerns if not c.addressed), key=lambda c: c.created_at)


def due_lines(agreements: Iterable[Agreement], today: date, kind: AgreementKind,
              concerns: Iterable[RaisedConcern] = (),
              follow_through: Iterable[FollowThrough] = ()) -> list[str]:
    """Short lines for home: reviews or check-backs due, repeated misses worth a look,
    drafts waiting for both, raised concerns."""
    mine = [a for a in agreements if a.kind == kind]
    word = review_word(kind)
    # due_for_review keeps only agreements with a date; `is not None` says so to mypy
    lines = [f"{word}: '{short_text(a.wording)}' (due {short_date(due)})"
             for a in due_for_review(mine, today) if (due := a.next_review) is not None]
    entries = list(follow_through)
    for a in mine:
        if a.status != AgreementStatus.AGREED:
            continue
        misses = misses_in_period(a, entries, today)
        if len(misses) >= MISSES_TO_NOTICE:
            lines.append(f"Worth a look together: '{short_text(a.wording)}' was missed "
                         f"{_times(len(misses))} lately")
    drafts = sum(1 for a in mine if a.status == AgreementStatus.DRAFT)
    if drafts:
        noun = kind.value if drafts == 1 else f"{kind.value}s"
        verb = "waits" if drafts == 1 else "wait"
        lines.append(f"{drafts} {noun} {verb} to be agreed by both")
    waiting = open_concerns(concerns)
    if waiting:
        more = f" and {len(waiting) - 1} more" if len(waiting) > 1 else ""
        lines.append(f"Raised: '{short_text(waiting[-1].text)}'{more} - to talk through at "
                     "the next check-back")
    return lines
