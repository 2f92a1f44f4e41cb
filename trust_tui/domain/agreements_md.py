"""'Our agreements': the agreed expectations and boundaries as a Markdown page.

Pure: records and names in, text out; whoever calls it decides where the text
goes (the screen asks first; the CLI prints or writes it). The couple's own words
are copied exactly, never escaped or reflowed: it is their document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from trust_tui.domain.clock import local_day
from trust_tui.models import (Agreement, AgreementKind, AgreementStatus, FollowThrough,
                              RaisedConcern)

TITLE = "Our agreements"

_SECTIONS: tuple[tuple[AgreementKind, str, str, str], ...] = (
    # kind, section heading, "who" words, review words
    (AgreementKind.EXPECTATION, "Expectations", "Asked for by", "Next review"),
    (AgreementKind.BOUNDARY, "Boundaries", "Whose boundary", "Next check-back"),
)


def long_date(day: date | datetime) -> str:
    """'2 March 2026' (no leading zero, no locale surprises)."""
    if isinstance(day, datetime):
        day = local_day(day)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _sort_key(agreement: Agreement) -> tuple[datetime, datetime, str]:
    return (agreement.agreed_at or agreement.created_at, agreement.created_at, agreement.id)


def _history(agreement: Agreement, names_by_id: Mapping[str, str],
             follow: list[FollowThrough], concerns: list[RaisedConcern]) -> list[str]:
    """What happened with it since: follow-through in plain counts, each review, each
    concern raised (talked through or still open). Never a score."""
    def name(pid: str | None) -> str:
        return names_by_id.get(pid or "", "someone")

    lines = []
    if follow:
        kept = sum(1 for f in follow if f.kept)
        first = min(f.on for f in follow)
        lines.append(f"- Follow-through logged since {long_date(first)}: {kept} kept, "
                     f"{len(follow) - kept} missed")
    for review in agreement.reviews:
        how = ", ".join(f"{'working' if ok else 'not yet working'} for {name(pid)}"
                        for pid, ok in review.working.items())
        note = f" ({review.note})" if review.note else ""
        lines.append(f"- Looked at on {long_date(review.at)}: {review.outcome}"
                     + (f", {how}" if how else "") + note)
    for concern in sorted(concerns, key=lambda c: c.created_at):
        state = (f"talked through on {long_date(concern.addressed_at)}"
                 if concern.addressed and concern.addressed_at
                 else "talked through" if concern.addressed else "not talked through yet")
        lines.append(f"- Raised by {name(concern.by)} on {long_date(concern.created_at)} "
                     f"({state}): {' '.join(concern.text.split())}")
    return lines


def history_lines(agreement: Agreement, names_by_id: Mapping[str, str],
                  follow: list[FollowThrough], concerns: list[RaisedConcern]) -> list[str]:
    """The history lines ("- ...") the Markdown page gives an agreement, for another
    plain-text reader (`trust-tui agreements`)."""
    return _history(agreement, names_by_id, follow, concerns)


def _entry(agreement: Agreement, number: int, who_words: str, review_words: str,
           names_by_id: Mapping[str, str], follow: list[FollowThrough] | None = None,
           concerns: list[RaisedConcern] | None = None) -> list[str]:
    who = names_by_id.get(agreement.asked_by, "someone")
    facts = [f"- {who_words}: {who}"]
    if agreement.category and agreement.category != "other":
        facts.append(f"- About: {agreement.category}")
    if agreement.agreed_at is not None:
        facts.append(f"- Agreed on: {long_date(agreement.agreed_at)}")
    if agreement.next_review is not None:
        facts.append(f"- {review_words}: {long_date(agreement.next_review)}")
    facts += _history(agreement, names_by_id, follow or [], concerns or [])
    # The wording is its own paragraph, exactly as typed (it may span lines).
    return [f"### {number}.", "", agreement.wording.strip("\n"), "", *facts, ""]


def agreements_markdown(agreements: Iterable[Agreement], names_by_id: Mapping[str, str],
                        today: date, follow: Iterable[FollowThrough] = (),
                        concerns: Iterable[RaisedConcern] = ()) -> str:
    """The agreed expectations and boundaries (drafts, paused and retired ones left
    out) as one Markdown document ending in a newline, each with its history."""
    agreed = [a for a in agreements if a.status == AgreementStatus.AGREED]
    follow_of: dict[str, list[FollowThrough]] = {}
    for entry in follow:
        follow_of.setdefault(entry.agreement_id, []).append(entry)
    concerns_of: dict[str, list[RaisedConcern]] = {}
    for concern in concerns:
        concerns_of.setdefault(concern.agreement_id or "", []).append(concern)
    names = [n for n in names_by_id.values() if n]
    lines = [f"# {TITLE}", ""]
    if names:
        lines += [f"Agreed together by {' and '.join(names)}. Written out on {long_date(today)}.",
                  ""]
    else:
        lines += [f"Written out on {long_date(today)}.", ""]
    for kind, heading, who_words, review_words in _SECTIONS:
        lines += [f"## {heading}", ""]
        mine = sorted((a for a in agreed if a.kind == kind), key=_sort_key)
        if not mine:
            lines += ["Nothing agreed here yet.", ""]
            continue
        for number, agreement in enumerate(mine, start=1):
            lines += _entry(agreement, number, who_words, review_words, names_by_id,
                            follow_of.get(agreement.id), concerns_of.get(agreement.id))
    return "\n".join(lines).rstrip("\n") + "\n"
