"""One ritual, two apps: a copy of the run saved by one app merged with the one kept.

Each app saves the whole run after each move (store/rituals.py). When the copy
kept is no longer the one this app last saw (the other app saved meanwhile),
the two are merged here, under the vault's file lock, against the copy both
came from (`seen`): each side keeps what it changed. Notes are never lost (each
copy's new ones join), each partner's answer is whichever app changed it (seated
apart, that is their own app), marks and outcomes likewise. Where the ritual is
(its step) is one move: when both apps moved it at once, the first one kept
holds and the late one is left out (its app says so in a word). A break's moves
are merged as a talk's are (domain/shared_session.py).

Pure: no vault, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from trust_tui.domain.shared_session import merged_events
from trust_tui.models import RitualMark, RitualRun, RitualStepResult

K = TypeVar("K")
V = TypeVar("V")
_GONE = object()


def moved_late(sent: RitualRun, seen: RitualRun | None, kept: RitualRun) -> bool:
    """This app moved the ritual to another step, and the copy kept is elsewhere:
    the other app moved it first."""
    return (seen is not None and sent.at_step != seen.at_step
            and kept.in_progress and kept.at_step != sent.at_step)


def merge_run(kept: RitualRun, mine: RitualRun, seen: RitualRun | None) -> RitualRun:
    """`mine` saved over `kept` (same run), both from `seen` (None: this app has not
    seen a copy kept; `mine` as it is)."""
    if seen is None or kept == seen:
        return mine  # the usual case: nobody else saved meanwhile
    moved = mine.at_step != seen.at_step and kept.at_step == seen.at_step
    where = mine if moved else kept
    before = {s.step: s for s in seen.steps}
    theirs = {s.step: s for s in kept.steps}
    steps = [_step(theirs.get(s.step), s, before.get(s.step), moved) for s in mine.steps]
    steps += [s for s in kept.steps if s.step not in {m.step for m in mine.steps}]
    return mine.model_copy(update={
        "at_step": where.at_step,
        "steps": steps,
        "breaks": [*kept.breaks, *(b for b in mine.breaks if b not in kept.breaks)],
        "marks": [RitualMark(step=step, index=index, mark=mark) for (step, index), mark
                  in _three_way(_marks(kept), _marks(mine), _marks(seen)).items()],
        "outcomes": _three_way(kept.outcomes, mine.outcomes, seen.outcomes),
        "talk_id": mine.talk_id or kept.talk_id,
        "agreement_id": (mine.agreement_id if mine.agreement_id != seen.agreement_id
                         else kept.agreement_id),
        "events": merged_events(kept.events, mine.events),
    })


def _marks(run: RitualRun) -> dict[tuple[str, int], str]:
    return {(m.step, m.index): m.mark for m in run.marks}


def _step(kept: RitualStepResult | None, mine: RitualStepResult,
          seen: RitualStepResult | None, moved: bool) -> RitualStepResult:
    if kept is None:
        return mine
    notes = [*kept.notes, *(n for n in mine.notes if n not in kept.notes
                            and (seen is None or n not in seen.notes))]
    answers = _three_way(kept.answers, mine.answers, seen.answers if seen else {})
    return mine.model_copy(update={
        "notes": notes, "answers": answers,
        "skipped": mine.skipped if moved else kept.skipped,
        "seconds": max(kept.seconds, mine.seconds),
    })


def _three_way(kept: Mapping[K, V], mine: Mapping[K, V], seen: Mapping[K, V]) -> dict[K, V]:
    """Each key as whichever side changed it from `seen` (this copy when both did)."""
    merged: dict[K, V] = {}
    for key in {**kept, **mine, **seen}:
        ours: object = mine.get(key, _GONE)
        side = mine if ours != seen.get(key, _GONE) else kept
        if key in side:
            merged[key] = side[key]
    return merged
