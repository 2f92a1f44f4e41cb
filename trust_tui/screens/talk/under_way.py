"""A talk under way, in one line for home ("t continues it"), and whether it has a
break open (after unlocking, the talk area opens so the break goes on)."""

from __future__ import annotations

from datetime import date

from trust_tui.domain.break_clock import open_break
from trust_tui.domain.clock import Clock
from trust_tui.domain.floor import Floor, Phase, seats
from trust_tui.domain.live import ReplayClock
from trust_tui.store import talks
from trust_tui.vault import Vault


def _replayed(vault: Vault) -> Floor | None:
    session = talks.under_way(vault)
    partners = tuple(p.id for p in vault.partners[:2])
    if session is None or len(partners) != 2:
        return None
    sides = seats(session, partners)  # type: ignore[arg-type]
    # Where it stands needs no time: replay it as of its last move.
    return Floor.replay(ReplayClock(session.events[-1].at), session, sides)


def due_talk(vault: Vault, _today: date) -> list[str]:
    """`A talk is under way: Sam has the floor, turn 3. t continues it.`"""
    floor = _replayed(vault)
    if floor is None:
        return []
    who = vault.name_of(floor.speaker_id)
    where = f"{who} has the floor, turn {floor.turn_number}"
    if floor.phase == Phase.ASKING:
        where = f"{vault.name_of(floor.listener_id)} may ask {who} a question"
    if open_break(ReplayClock(floor.session.events[-1].at), floor.partners,
                  floor.session.events) is not None:
        where += ", on a break"
    return [f"A talk is under way: {where}. t continues it."]


def break_under_way(vault: Vault, clock: Clock) -> bool:
    """A talk under way has a break open (the talk area carries it on)."""
    session = talks.under_way(vault)
    if session is None:
        return False
    partners = tuple(p.id for p in vault.partners[:2])
    return open_break(clock, partners, session.events) is not None
