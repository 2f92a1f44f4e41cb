"""'Our agreements': the agreed expectations and boundaries as a Markdown page.

Pure: records and names in, text out; whoever calls it decides where the text
goes (the screen asks first; the CLI prints or writes it). The couple's own words
are copied exactly, never escaped or reflowed: it is their document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from trust_tui.domain.clock import local_day
from trust_tui.models import Agreement, AgreementKind, AgreementStatus

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


def _entry(agreement: Agreement, number: int, who_words: str, review_words: str,
           names_by_id: Mapping[str, str]) -> list[str]:
    who = names_by_id.get(agreement.asked_by, "someone")
    facts = [f"- {who_words}: {who}"]
    if agreement.category and agreement.category != "other":
        facts.append(f"- About: {agreement.category}")
    if agreement.agreed_at is not None:
        facts.append(f"- Agreed on: {long_date(agreement.agreed_at)}")
    if agreement.next_review is not None:
        facts.append(f"- {review_words}: {long_date(agreement.next_review)}")
    # The wording is its own paragraph, exactly as typed (it may span lines).
    return [f"### {number}.", "", agreement.wording.strip("\n"), "", *facts, ""]


def agreements_markdown(agreements: Iterable[Agreement], names_by_id: Mapping[str, str],
                        today: date) -> str:
    """The agreed expectations and boundaries (drafts, paused and retired ones left
    out) as one Markdown document ending in a newline."""
    agreed = [a for a in agreements if a.status == AgreementStatus.AGREED]
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
            lines += _entry(agreement, number, who_words, review_words, names_by_id)
    return "\n".join(lines).rstrip("\n") + "\n"
