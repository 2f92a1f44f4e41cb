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
