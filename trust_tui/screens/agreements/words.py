"""What differs between expectations and boundaries: their words (`KindWords`),
and how each status reads in the list."""

from __future__ import annotations

from dataclasses import dataclass

from trust_tui.domain import agreements as rules
from trust_tui.models import AgreementKind, AgreementStatus


@dataclass(frozen=True)
class KindWords:
    kind: AgreementKind
    title: str
    lead: str
    noun: str
    a_noun: str  # "an expectation" / "a boundary"
    who_label: str  # "Asked for by" / "Whose boundary"
    who_question: str
    wording_question: str
    example: str
    review: str  # the noun: "review" / "check-back"
    review_verb: str  # "Review" / "Check back"
    categories: tuple[str, ...]
    empty: str


EXPECTATION_WORDS = KindWords(
    kind=AgreementKind.EXPECTATION,
    title="Expectations",
    lead="What each of you needs to feel safe, in concrete words.",
    noun="expectation",
    a_noun="an expectation",
    who_label="Asked for by",
    who_question="Who is asking for it?",
    wording_question="What would help you feel safe? Say who does what, and when.",
    example="For example: Text me if you will be home after 7.",
    review="review",
    review_verb="Review",
    categories=rules.EXPECTATION_CATEGORIES,
    empty="Nothing written down yet. Press a to add the first expectation.",
)

BOUNDARY_WORDS = KindWords(
    kind=AgreementKind.BOUNDARY,
    title="Boundaries",
    lead="What each of you needs room for, asked rather than assumed.",
    noun="boundary",
    a_noun="a boundary",
    who_label="Whose boundary",
    who_question="Whose boundary is it?",
    wording_question="What is the boundary? Be specific about what it covers.",
    example="For example: My journal app is mine; ask me before reading it.",
    review="check-back",
    review_verb="Check back",
    categories=rules.BOUNDARY_CATEGORIES,
    empty="Nothing written down yet. Press a to add the first boundary.",
)

STATUS_LABELS = {
    AgreementStatus.DRAFT: "○ draft",
    AgreementStatus.AGREED: "● agreed",
    AgreementStatus.PAUSED: "‖ paused",
    AgreementStatus.RETIRED: "– retired",
}
STATUS_ORDER = {AgreementStatus.DRAFT: 0, AgreementStatus.AGREED: 1,
                AgreementStatus.PAUSED: 2, AgreementStatus.RETIRED: 3}
