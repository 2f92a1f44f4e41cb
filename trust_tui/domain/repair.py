"""Repair phrases: small things to say when a talk heats up, in the app's own words.

Couples who repair well reach for short phrases mid-talk that own a part, slow
things down, find common ground or show appreciation. Either partner can bring
up this card with their own key during a talk; the one they use is noted in the
talk's history (a `live.REPAIR` event), never scored. Data the next person can
extend: a group is what the phrases do, then the phrases.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RepairGroup:
    key: str
    title: str  # what these phrases do
    phrases: tuple[str, ...]


REPAIR_CARD: tuple[RepairGroup, ...] = (
    RepairGroup("owning", "Owning my part", (
        "I'm sorry, that came out wrong. Let me try again.",
        "You're right about part of this: ...",
    )),
    RepairGroup("calming", "Slowing down", (
        "I need a minute. I'm not leaving; I want to get this right.",
        "Can we slow down? I want to hear you.",
    )),
    RepairGroup("agreeing", "Finding common ground", (
        "Can we find what we agree on first?",
        "I think we both want ...",
    )),
    RepairGroup("appreciating", "Appreciating", (
        "I appreciate that you ...",
        "Thank you for staying with this.",
    )),
)


def numbered() -> list[tuple[int, RepairGroup, str]]:
    """Every phrase with the number that picks it (1, 2, ...), group by group."""
    out: list[tuple[int, RepairGroup, str]] = []
    for group in REPAIR_CARD:
        for phrase in group.phrases:
            out.append((len(out) + 1, group, phrase))
    return out
