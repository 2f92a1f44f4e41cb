"""One session, two apps: a copy saved by one app merged with the one kept.

Each app saves the whole session after each move. When the copy kept (by the
other app, a moment ago) is not where this copy came from, the two are merged
here, under the vault's file lock (so two moves at once are ordered by it):
the moves kept stay as they are, and this copy's new moves follow, each one
only if it still applies (a floor that has passed, a turn already handed over,
a break both are back from). A move that no longer applies is left out, and its
app says so in a word (widgets/floor_host.py).

Pure: no vault, no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from trust_tui.domain import live
from trust_tui.domain.floor import Floor
from trust_tui.domain.live import ReplayClock
from trust_tui.models import BreakTaken, LiveEvent, TalkSession

# A break's moves, after it was asked: they fit only while it is open.
BREAK_MOVES = frozenset({live.BREAK_LENGTH, live.BREAK_READY, live.BREAK_NOT_READY,
                         live.BREAK_BACK})


def common_start(a: Sequence[LiveEvent], b: Sequence[LiveEvent]) -> int:
    """How many moves the two lists share from the start."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def break_open(events: Sequence[LiveEvent]) -> bool:
    """A break was asked and neither "break back" nor the end has come since."""
    for done in reversed(events):
        if done.kind in (live.BREAK_BACK, live.END):
            return False
        if done.kind == live.BREAK_ASKED:
            return True
    return False


def _fits_break(events: Sequence[LiveEvent], done: LiveEvent) -> bool:
    if done.kind == live.BREAK_ASKED:
        return not break_open(events)  # two breaks asked at once: the first one holds
    if done.kind in (live.BREAK_READY, live.BREAK_NOT_READY):
        # The same partner's same word twice (ready pressed in both apps at once,
        # each app ending the break) counts once: it would change nothing but
        # whose "ready" came last, which says which app ends the break.
        return break_open(events) and _ready(events, done.by) != (done.kind == live.BREAK_READY)
    if done.kind in BREAK_MOVES:
        return break_open(events)
    return True


def _ready(events: Sequence[LiveEvent], by: str | None) -> bool:
    """`by` has said ready in the break open now (and not taken it back)."""
    for done in reversed(events):
        if done.kind == live.BREAK_ASKED:
            return False
        if done.by == by and done.kind in (live.BREAK_READY, live.BREAK_NOT_READY):
            return done.kind == live.BREAK_READY
    return False


def _same_break(taken: BreakTaken, kept: Sequence[BreakTaken]) -> bool:
    """The one break, ended in both apps (each with its own count of seconds)."""
    return any((taken.called_by, taken.called_at) == (k.called_by, k.called_at)
               for k in kept)


def merged_events(kept: Sequence[LiveEvent], mine: Sequence[LiveEvent],
                  fits: Callable[[list[LiveEvent], LiveEvent], bool] | None = None
                  ) -> list[LiveEvent]:
    """`kept`'s moves, then those of `mine` that are new and still apply (a break's
    moves only while it is open; `fits` says for the rest)."""
    events = list(kept)
    for done in mine[common_start(kept, mine):]:
        if done in events or not _fits_break(events, done):
            continue
        if fits is not None and not fits(events, done):
            continue
        events.append(done)
    return events


def merge(kept: TalkSession, mine: TalkSession, partners: tuple[str, str]) -> TalkSession:
    """`mine` saved over `kept` (same session). Where `mine` simply goes on from
    `kept` (one app, or the other app's moves already seen) it is `mine` as it is,
    with any break or check-in only `kept` has. Otherwise: `kept`'s moves, then
    those of `mine` that are new and still apply; the state (turns, the end) is
    replayed from them."""
    if mine.events[:len(kept.events)] == kept.events:
        if kept.ended_at is not None and mine.ended_at is None:
            return kept  # an ended talk never comes back
        return _with_both(mine, kept, mine, typing=mine.typing)
    events = merged_events(kept.events, mine.events, lambda events, done: (
        done.kind not in live.FLOOR_MOVES or _fits_floor(kept, events, done, partners)))
    if len(events) == len(kept.events):  # nothing new that still applies
        return _with_both(kept, kept, mine)
    return replayed(_with_both(kept.model_copy(update={"events": events}), kept, mine),
                    partners)


def _with_both(base: TalkSession, kept: TalkSession, mine: TalkSession,
               typing: dict[str, str] | None = None) -> TalkSession:
    """`base` with the breaks of both copies, and this copy's words and check-ins
    (half-typed lines: each partner's as the copy holding them has them)."""
    breaks = [*kept.breaks, *(b for b in mine.breaks if not _same_break(b, kept.breaks))]
    # "How it went": each partner's own rating, from whichever app gave it (seated
    # apart, each app saves only its own partner's).
    rated = {c.partner_id for c in mine.check_ins}
    check_ins = [*mine.check_ins, *(c for c in kept.check_ins if c.partner_id not in rated)]
    return base.model_copy(update={
        "breaks": breaks, "check_ins": check_ins,
        "typing": {**kept.typing, **mine.typing} if typing is None else dict(typing),
        "next_steps": mine.next_steps or kept.next_steps,
    })


def _fits_floor(kept: TalkSession, events: list[LiveEvent], done: LiveEvent,
                partners: tuple[str, str]) -> bool:
    trial = kept.model_copy(update={"events": [*events, done]})
    floor = Floor.replay(ReplayClock(done.at), trial, partners)
    return not any(skipped is done for skipped in floor.skipped)


def replayed(session: TalkSession, partners: tuple[str, str]) -> TalkSession:
    """The session with its turns and end as its moves give them."""
    if not session.events:
        return session
    floor = Floor.replay(ReplayClock(session.events[-1].at), session, partners)
    return floor.session.model_copy(update={"events": list(session.events)})
