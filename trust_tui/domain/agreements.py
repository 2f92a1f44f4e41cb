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

This module holds the rules for one agreement: its words, agreeing, editing, pausing
and reviews. Beside it: follow_through (kept and missed, week by week, and the word
after repeated misses), vague_wording (words that can mean different things to each
partner) and agreements_due (the lines home shows).

Every function returns new records and never changes the ones it was given, so a
screen can keep the old record for undo. Time comes in as arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
)

DEFAULT_REVIEW_DAYS = 14
MIN_REVIEW_DAYS = 7
MAX_REVIEW_DAYS = 30
# The first look comes within two weeks (the method's 7-14 days), whatever the period
# chosen for later ones: a new agreement is where a mismatch shows first.
FIRST_REVIEW_MAX_DAYS = 14
KEEP_NEEDS_BOTH = ("Keeping it as it is needs both of you to say it is working. "
                   "Adjust the words together, or talk it through first.")
MAX_WORDING = 4000  # as Agreement.wording holds; the forms tell before it comes to this

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
