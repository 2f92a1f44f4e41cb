"""A ritual step's notes: whose column, what a marked note becomes, the apology
helper's gentle second look."""

from __future__ import annotations

from collections.abc import Iterable

from trust_tui.domain.flow import Step
from trust_tui.models import RitualNote
from trust_tui.widgets.limits import in_pieces, limit_of

LEFT, RIGHT, TOGETHER = "left", "right", "together"
NOTE_LIMIT = 1000  # a note may become a mini-goal, which holds this much
NOT_LINKED = "none"
# What a marked note becomes; a commitment's mark cycles through these.
THANKS, GOAL, EXPECTATION = "thanks", "goal", "expectation"
MARK_WORDS = {THANKS: "goes on the wins wall as a thank-you",
              GOAL: "becomes a mini-goal",
              EXPECTATION: "becomes a draft expectation"}
OUTCOMES = (None, "keep", "adjust", "retire")
OUTCOME_WORDS = {"keep": "keep it as it is", "adjust": "adjust the wording (back to "
                 "draft, for both to agree again)", "retire": "let it go"}




def next_mark(step: Step, current: str | None) -> tuple[bool, str | None]:
    """(can it be marked, the mark after `current`) for a note on this step."""
    if "thanks" in step.saves:
        order: tuple[str | None, ...] = (None, THANKS)
    elif "goal" in step.saves:
        order = (None, GOAL, EXPECTATION)
    else:
        return False, None
    return True, order[(order.index(current) + 1) % len(order)]


def next_outcome(current: str | None) -> str | None:
    return OUTCOMES[(OUTCOMES.index(current) + 1) % len(OUTCOMES)]


def typed_notes(words: str, by: str | None, item: str | None) -> Iterable[RitualNote]:
    """Words still in a note box, as notes a note can hold (longer ones in pieces,
    every word kept)."""
    for piece in in_pieces(words, limit_of(RitualNote, "text")):
        if piece.strip():
            yield RitualNote(by=by, text=piece.strip(), item=item)
