"""store.breaks: a break away from any talk, kept move by move until both are back."""

from __future__ import annotations

from conftest import ALEX_PASS, ids

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.live import BREAK_ASKED, BREAK_BACK, BREAK_LENGTH, BREAK_READY, event
from trust_tui.models import BreakSession
from trust_tui.store import breaks
from trust_tui.vault import Vault


def test_a_break_is_kept_move_by_move_and_closed_when_both_are_back(vault, vault_path):
    clock = FakeClock()
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    asked = event(BREAK_ASKED, clock.now(), by=sam, number=20)
    session = breaks.ask(vault, BreakSession(events=[asked]))
    clock.advance(30)
    longer = event(BREAK_LENGTH, clock.now(), number=30)
    breaks.move(vault, session.id, [longer])
    breaks.move(vault, session.id, [longer])  # handed over twice (a lock): kept once
    other = Vault.open(vault_path, ALEX_PASS)
    found = breaks.open_break(other)
    assert found is not None and found.events == [asked, longer]
    clock.advance(30 * 60)
    moves = [event(BREAK_READY, clock.now(), by=s) for s in (sam, alex)]
    back = event(BREAK_BACK, clock.now())
    ended = breaks.end(vault, session.id, [*moves, back])
    assert ended.ended_at == back.at and ended.events[-1] == back
    assert breaks.open_break(Vault.open(vault_path, ALEX_PASS)) is None


def test_moves_whose_asking_never_landed_still_make_the_break(vault, vault_path):
    clock = FakeClock()
    asked = event(BREAK_ASKED, clock.now(), by=ids(vault)["Alex"], number=45)
    breaks.move(vault, "lost-ask", [asked])
    found = breaks.open_break(Vault.open(vault_path, ALEX_PASS))
    assert found is not None and found.id == "lost-ask" and found.events == [asked]
