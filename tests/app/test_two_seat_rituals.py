"""A ritual under way shared by two apps on one vault, each unlocked by one partner
(as a talk is, test_two_seats.py): each partner's keys act for them alone in their
own app, its steps, notes, calm answers, floor step and breaks show in both, a
move that is the other's says so, two moves at once keep the first; one app alone
is as it always was.

The other app's writes are picked up by `check_disk_now()` (what the app's live
timer calls; `sync`): no sleeping, no timed asserts."""

from __future__ import annotations

import contextlib

from conftest import SAM_PASS, Told, screen_text, settle
from test_two_seats import (  # noqa: F401 (looks_only_when_told: autouse fixture)
    keys_line,
    looks,
    looks_only_when_told,
    saved,
    side_by_side,
    sync,
)

from trust_tui.domain.floor import Phase
from trust_tui.models import RitualRun, TalkSession
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.rituals import RitualRunScreen, RitualsScreen, RitualTalkScreen
from trust_tui.vault import Vault
from trust_tui.widgets.partner_pane import ELSEWHERE
from trust_tui.widgets.seat_box import SeatBox


async def moves(pilot, *keys: str, shown_in) -> None:
    """Keys pressed in one app; its saves land; the other app catches up."""
    await pilot.press(*keys)
    await saved(pilot)
    await sync(shown_in)


@contextlib.asynccontextmanager
async def a_setback_in_both(path, clock):
    """Sam begins talking a setback through; Alex's app continues it from the list."""
    async with side_by_side(path, clock) as (sam, sp, alex, ap):
        await sp.press("r", "s")
        await saved(sp)
        s_run = sam.screen
        assert isinstance(s_run, RitualRunScreen)
        await sync(ap)
        await ap.press("r")
        await ap.pause()
        assert isinstance(alex.screen, RitualsScreen)
        await ap.press("c")  # the ritual under way, from Sam's window
        await ap.pause()
        a_run = alex.screen
        assert isinstance(a_run, RitualRunScreen)
        assert a_run.flow.run_id == s_run.flow.run_id
        yield sam, sp, s_run, alex, ap, a_run


async def write(pilot, key: str, words: str) -> None:
    await pilot.press(key)
    box = pilot.app.screen.focused
    assert isinstance(box, SeatBox) and box.is_open
    box.value = words
    await pilot.press("enter")
    await saved(pilot)


async def test_a_setback_with_its_floor_and_a_break_across_two_apps(vault_path, clock):
    async with a_setback_in_both(vault_path, clock) as (sam, sp, s_run, alex, ap, a_run):
        sam_id, alex_id = sam.vault.me.id, alex.vault.me.id
        told_alex, told_sam = Told(alex), Told(sam)

        # Calm enough? Each answers in their own window, with either key there.
        await moves(sp, "j", shown_in=ap)
        gate = screen_text(alex)
        assert "Sam: calm enough" in gate and "f or j  Alex: not yet" in gate
        await moves(ap, "f", shown_in=sp)
        assert s_run.flow.waiting_for == []
        await moves(sp, "n", "n", shown_in=ap)  # on to "How I felt", a floor step
        assert a_run.step.key == "felt"

        # Sam takes the floor; Alex's window takes it up.
        await sp.press("t")
        await saved(sp)
        s_talk = sam.screen
        assert isinstance(s_talk, RitualTalkScreen) and s_talk.floor.speaker_id == sam_id
        await sync(ap)
        a_talk = alex.screen
        assert isinstance(a_talk, RitualTalkScreen)
        assert a_talk.floor.session.id == s_talk.floor.session.id
        assert "start speaking" in keys_line(s_talk, "left")
        assert ELSEWHERE in keys_line(s_talk, "right") and ELSEWHERE in keys_line(a_talk, "left")

        # Sam's move is Sam's: in Alex's window it says so and nothing moves.
        await ap.press("f")
        assert a_talk.floor.phase == Phase.NAMING
        assert "That move is Sam's, from their window." in told_alex
        await moves(sp, "j", shown_in=ap)  # both key sets are Sam's in Sam's window
        assert a_talk.floor.phase == Phase.SPEAKING

        # Alex calls a break in their window: it shows in Sam's too. Alex is back
        # first, early; Sam's "ready", last, brings both windows back to the floor.
        clock.advance(30)
        await ap.press("b", "j")
        await saved(ap)
        a_calm = alex.screen
        await sync(sp)
        s_calm = sam.screen
        assert isinstance(a_calm, CalmScreen) and isinstance(s_calm, CalmScreen)
        assert "A break, asked for by Alex" in screen_text(sam)
        clock.advance(5 * 60)
        await moves(ap, "f", shown_in=sp)  # f or j: both are Alex's there
        assert s_calm.brk.ready == {alex_id}
        ready = str(s_calm.query_one("#calm-ready").render())
        assert "Alex (in their window): READY" in ready and "Sam (f or j): not yet" in ready
        await sp.press("j")
        await saved(sp)
        assert sam.screen is s_talk and "Welcome back." in " ".join(told_sam.messages)
        await sync(ap)
        assert alex.screen is a_talk and "Welcome back." in " ".join(told_alex.messages)

        # Sam ends the floor step: both windows go back to the ritual.
        await sp.press("e", "y")
        await saved(sp)
        assert sam.screen is s_run
        await sync(ap)
        assert alex.screen is a_run
        assert "The floor step has ended" in " ".join(told_alex.messages)

        # Next time: each writes in their own window, filed under them.
        # felt (the floor step), saw, before, my part
        await moves(sp, "x", "x", "x", "x", shown_in=ap)
        assert a_run.step.key == "differently"
        await write(ap, "s", "I will say when I need a pause")  # s: Alex's own box there
        await sync(sp)
        await write(sp, "l", "I will ask before I assume")  # l: Sam's own there
        await sync(ap)
        notes = {n.text: n.by for n in a_run.flow.result("differently").notes}
        assert notes == {"I will say when I need a pause": alex_id,
                         "I will ask before I assume": sam_id}
        assert "I will ask before I assume" in screen_text(alex)

        # Sam ends it; Alex's window says it is kept.
        await moves(sp, "e", "y", shown_in=ap)
        assert a_run.saved is not None
        assert "ended in the other window" in screen_text(alex)

    vault = Vault.open(vault_path, SAM_PASS)
    [run] = vault.all(RitualRun)
    [talk] = vault.all(TalkSession)
    assert not run.in_progress and talk.ended_at is not None
    assert len(talk.breaks) == 1 and talk.breaks[0].called_by == alex_id
    assert [t.speaker_id for t in talk.turns][:1] == [sam_id]


async def test_two_moves_at_once_on_a_step_keep_the_first_and_a_break_shows_in_both(
        vault_path, clock):
    async with a_setback_in_both(vault_path, clock) as (sam, sp, s_run, alex, ap, a_run):
        told_alex = Told(alex)
        await sp.press("f")
        await ap.press("f")  # both calm, each in their own window, at once
        await saved(sp)
        await saved(ap)
        await sync(sp, ap)
        assert s_run.flow.waiting_for == [] and a_run.flow.waiting_for == []
        # Both press n at once (neither saw the other's): one step on, not two.
        await sp.press("n")
        await saved(sp)
        await ap.press("n")
        await saved(ap)
        await sync(sp)
        assert s_run.step.key == a_run.step.key == "what"
        assert told_alex.messages == []
        # Sam moves on while Alex, not having seen it, goes back: the first one holds.
        await sp.press("n")
        await saved(sp)
        await ap.press("p")
        await saved(ap)
        assert "That move came a moment late: the ritual had already moved on." in told_alex
        assert a_run.step.key == "felt"
        await sync(sp)
        assert s_run.step.key == "felt"

        # A break called on a step in Alex's window shows in Sam's; both come back
        # to the very step, each with their own key.
        await moves(ap, "b", "f", shown_in=sp)
        s_calm = sam.screen
        assert isinstance(s_calm, CalmScreen) and "asked for by Alex" in screen_text(sam)
        clock.advance(20 * 60)
        await moves(sp, "j", shown_in=ap)
        await moves(ap, "j", shown_in=sp)
        assert sam.screen is s_run and alex.screen is a_run
        assert s_run.step.key == "felt" and not s_run.flow.on_break
        [kept] = Vault.open(vault_path, SAM_PASS).all(RitualRun)
        assert [b.called_by for b in kept.breaks] == [alex.vault.me.id]


async def test_one_app_alone_keeps_both_partners_at_its_keyboard(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r", "s")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RitualRunScreen) and app.seated_as is None
        sam, alex = run.sides
        await pilot.press("j")  # the right key is Alex's at one keyboard
        assert run.flow.waiting_for == [sam]
        await settle(pilot)
        assert Vault.open(path, SAM_PASS).all(RitualRun) == []  # nothing said yet
        await pilot.press("f", "n", "x", "x", "x", "x", "x")
        assert run.step.key == "differently"
        await write(pilot, "l", "I will ask first")
        await write(pilot, "s", "I will slow down")
        notes = {n.text: n.by for n in run.flow.result("differently").notes}
        assert notes == {"I will ask first": alex, "I will slow down": sam}


async def test_the_keys_shown_follow_the_other_window_closing(vault_path, clock):
    """Alex's window closes mid-ritual: Sam's shows both partners' keys at once,
    not only after the next move (the keys themselves act for both at once)."""
    async with a_setback_in_both(vault_path, clock) as (sam, sp, s_run, alex, ap, a_run):
        assert "f or j  Sam: not yet" in screen_text(sam)
        await ap.press("ctrl+l")  # Alex locks: the seat is free again
        await ap.pause()
        await looks(sp, sam.check_seats)
        assert sam.seated_as is None
        gate = screen_text(sam)
        assert " f  Sam: not yet" in gate and " j  Alex: not yet" in gate
        assert "in their window" not in gate


async def test_both_back_at_once_from_a_break_on_a_step_ends_it_in_both(vault_path, clock):
    """Each says "ready" before seeing the other's: the one whose word came last ends
    it (as in a talk), and both windows are back on the step; the break kept once."""
    async with a_setback_in_both(vault_path, clock) as (sam, sp, s_run, alex, ap, a_run):
        await moves(ap, "b", "f", shown_in=sp)
        assert isinstance(sam.screen, CalmScreen)
        clock.advance(20 * 60)
        await sp.press("j")
        await ap.press("j")
        await saved(sp)
        await saved(ap)
        await sync(sp, ap)
        await sync(sp, ap)
        assert sam.screen is s_run and alex.screen is a_run
        assert not s_run.flow.on_break and not a_run.flow.on_break
        [kept] = Vault.open(vault_path, SAM_PASS).all(RitualRun)
        assert [b.called_by for b in kept.breaks] == [alex.vault.me.id]
