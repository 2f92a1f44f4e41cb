"""A break called away from any talk or ritual, kept in its own record.

A break inside a talk or a ritual is kept in that session's events; one called
from home or an area has nowhere else to live, so it is a `BreakSession` of its
own (table "breaks"), saved at every move. It stays open until both are back,
so a lock, a closed app or a crash carries it on with its time.
"""

from __future__ import annotations

from collections.abc import Sequence

from trust_tui.models import BreakSession, LiveEvent
from trust_tui.vault import Vault


def ask(vault: Vault, session: BreakSession) -> BreakSession:
    """A break just asked for (its first event: who asked, for how long)."""
    vault.put(session)
    return session


def _with_moves(vault: Vault, break_id: str, events: Sequence[LiveEvent]) -> BreakSession:
    # A move already kept is not added twice (a lock may hand over one that was on
    # its way), and a break whose asking never landed is made here.
    kept = vault.get(BreakSession, break_id) or BreakSession(id=break_id)
    fresh = [e for e in events if e not in kept.events]
    return kept.model_copy(update={"events": [*kept.events, *fresh]})


def move(vault: Vault, break_id: str, events: Sequence[LiveEvent]) -> BreakSession:
    """Add these moves (length, ready, not ready) to the break."""
    with vault.transaction():
        moved = _with_moves(vault, break_id, events)
        vault.put(moved)
    return moved


def end(vault: Vault, break_id: str, events: Sequence[LiveEvent]) -> BreakSession:
    """Both are back: the last moves, and the break is over (at the last one)."""
    with vault.transaction():
        moved = _with_moves(vault, break_id, events)
        if moved.ended_at is None and moved.events:
            moved = moved.model_copy(update={"ended_at": moved.events[-1].at})
        vault.put(moved)
    return moved


def open_break(vault: Vault) -> BreakSession | None:
    """The standalone break under way, if any (the newest not ended)."""
    waiting = [b for b in vault.all(BreakSession) if b.ended_at is None and b.events]
    return max(waiting, key=lambda b: b.events[0].at, default=None)


def kept(vault: Vault, break_id: str) -> BreakSession | None:
    """The break as the vault holds it now (another app may have moved it)."""
    return vault.get(BreakSession, break_id)
