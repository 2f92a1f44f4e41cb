"""What home shows about agreements: reviews and check-backs due, repeated misses worth
a look, drafts waiting for both, raised concerns not yet talked through."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from trust_tui.domain.agreements import due_for_review, review_word, short_date, short_text
from trust_tui.domain.follow_through import MISSES_TO_NOTICE, misses_in_period, times_in_words
from trust_tui.models import Agreement, AgreementKind, AgreementStatus, FollowThrough, RaisedConcern


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
                         f"{times_in_words(len(misses))} lately")
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
