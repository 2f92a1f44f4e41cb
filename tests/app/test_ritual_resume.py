"""A ritual continued mid-floor continues its floor step's talk at the very turn."""

from __future__ import annotations

from conftest import SAM_PASS, settle
from test_rituals_screens import open_ritual, plain, seed_week

from trust_tui.models import TalkSession
from trust_tui.screens.rituals import RitualRunScreen, RitualTalkScreen
from trust_tui.vault import Vault


async def test_a_ritual_continued_mid_floor_continues_its_floor(unlocked_app):
    app, path, clock = await unlocked_app(seed=seed_week)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "w")
        while run.flow.step.key != "issue":
            await pilot.press("x" if run.flow.step.skippable else "n")
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, RitualTalkScreen)
        sam, alex = talk.sides
        await pilot.press("f")
        clock.advance(30)
        await pilot.press("f", "j", "f")  # the floor passes to Alex
        await pilot.press("j")  # Alex speaks
        clock.advance(20)
        await settle(pilot)
        assert (talk.floor.speaker_id, talk.floor.phase.value) == (alex, "speaking")
        left = talk.floor.time_left()
        await pilot.press("ctrl+l")
        await settle(pilot)
        clock.advance(600)
        await pilot.press(*SAM_PASS, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        talk = app.screen
        assert isinstance(talk, RitualTalkScreen)
        assert (talk.floor.speaker_id, talk.floor.phase.value) == (alex, "speaking")
        assert len(talk.floor.session.turns) == 2
        assert abs(talk.floor.time_left() - left) < 1
        assert "Alex has the floor" in plain(talk, "#talk-status")
        # It ends as a ritual's floor does: back to the ritual, on the same step.
        await pilot.press("e", "y")
        await settle(pilot)
        assert isinstance(app.screen, RitualRunScreen) and app.screen.step.key == "issue"
    [kept] = Vault.open(path, SAM_PASS).all(TalkSession)
    assert kept.ended_at is not None and len(kept.turns) == 2


async def test_a_break_on_a_ritual_step_goes_on_after_a_lock_with_its_time(unlocked_app):
    """A break called on a weekly meeting's step is kept as it goes: after ctrl+l and
    unlocking, the break is back with its time and who is ready, and when both are
    back the meeting is on the very step it left."""
    from trust_tui.screens.calm import CalmScreen

    app, path, clock = await unlocked_app(seed=seed_week)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "w")
        await pilot.press("n")  # on to the second step
        step = run.flow.step.key
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("j")  # Alex asks for it
        await settle(pilot)
        clock.advance(5 * 60)
        await pilot.press("f")  # Sam is ready early; Alex is not yet
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        clock.advance(60)
        await pilot.press(*SAM_PASS, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        calm = app.screen
        assert isinstance(calm, CalmScreen)
        assert calm.brk is not None and abs(calm.brk.remaining() - 14 * 60) < 1
        assert calm.brk.ready == {calm.sides[0]}
        await pilot.press("j")  # Alex is ready too: back together
        await settle(pilot)
        assert isinstance(app.screen, RitualRunScreen)
        assert app.screen.step.key == step
        assert len(app.screen.flow.breaks) == 1
