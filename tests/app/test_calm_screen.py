"""The calm-down break screen: from anywhere, both ready to end, saved with a talk."""

from __future__ import annotations


import pytest
from textual.widgets import Static

from test_break_session import talk_started

from trust_tui.models import TalkSession
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.home import HomeScreen
from trust_tui.vault import Vault
from trust_tui.widgets.break_keeper import StandaloneBreak
from trust_tui.widgets.pacer import BreathingPacer
from trust_tui.widgets.turn_clock import ClockView


# The return time is shown in local time: pin the zone so the test is stable.
pytestmark = pytest.mark.usefixtures("local_utc")


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).content.plain


async def test_f2_from_home_and_escape_before_anyone_asked(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        calm = app.screen
        assert isinstance(calm, CalmScreen) and isinstance(calm.talk, StandaloneBreak)
        assert "Nobody has to say why" in plain(calm, "#calm-message")
        assert "Sam: press f" in plain(calm, "#calm-message")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_ending_early_needs_both_and_the_length_stays_in_bounds(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        calm = app.screen
        await pilot.press("minus")  # already the shortest: 20 minutes
        assert calm.minutes == 20
        await pilot.press("plus")
        assert calm.minutes == 30
        assert plain(calm, "#calm-return").startswith("30 minutes: back together at 18:30.")
        await pilot.press("f")  # Sam asks for it
        assert calm.brk is not None and calm.brk.called_by == calm.sides[0]
        assert "asked for by Sam" in plain(calm, "#calm-title")
        await pilot.press("escape")  # cannot just walk out of a break
        assert app.screen is calm
        clock.advance(10 * 60)
        calm.tick()
        assert calm.query_one("#calm-clock", ClockView).text == "20:00"
        await pilot.press("f")  # Sam ready early
        assert app.screen is calm
        assert "Coming back early needs both of you" in plain(calm, "#calm-message")
        assert "Sam (f): READY to come back" in plain(calm, "#calm-ready")
        assert "Alex (j): not yet" in plain(calm, "#calm-ready")
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert calm.brk.ended is not None and calm.brk.ended.ended_early
    assert Vault.open(path, "sam-passphrase").all(TalkSession) == []


async def test_time_up_shows_the_return_prompt(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        calm = app.screen
        await pilot.press("j")
        clock.advance(60 * 60)
        calm.tick()
        assert "This is the time you agreed to come back" in plain(calm, "#calm-message")
        assert "time to come back" in calm.query_one("#calm-clock", ClockView).caption


async def test_breathing_patterns_can_be_changed(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        calm = app.screen
        pacer = calm.query_one(BreathingPacer)
        assert pacer.breath().label == "Breathe in"
        clock.advance(5)
        assert pacer.breath().label == "Breathe out"
        await pilot.press("p")
        assert pacer.pattern_key == "box" and pacer.breath().label == "Breathe in"
        assert plain(calm, "#calm-pattern").startswith("Box breathing")
        assert any("Breathe in" in line for line in pacer.frame())


async def test_f2_during_a_talk_keeps_the_talk_and_saves_the_break(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await talk_started(pilot)
        await pilot.press("f")
        clock.advance(45)
        await pilot.press("d")  # another prompt: the prompt is part of where they were
        prompt = talk.floor.prompt
        await pilot.press("f2")
        await pilot.pause()
        calm = app.screen
        assert calm.talk is talk
        assert "Sam has the floor, 02:15 left" in plain(calm, "#calm-talk")
        assert prompt in plain(calm, "#calm-talk")
        await pilot.press("f")
        clock.advance(21 * 60)
        await pilot.press("j", "f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is talk
        assert talk.floor.time_left() == 135 and talk.floor.prompt == prompt
        assert talk.floor.phase.value == "speaking"
        await app.workers.wait_for_complete()
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    [taken] = saved.breaks
    assert taken.actual_seconds == 21 * 60 and not taken.ended_early


def test_the_pacer_shape_grows_with_the_breath_and_keeps_its_ring():
    from trust_tui.widgets.pacer import shape

    def filled(fullness: float) -> int:
        return sum(row.count("█") for row in shape(40, 15, fullness))

    assert 0 < filled(0.0) < filled(0.5) < filled(1.0)
    empty = shape(40, 15, 0.0)
    assert all(len(row) == 40 for row in empty) and len(empty) == 15
    assert "·" in empty[0] and empty[0].strip(" ·") == ""  # the ring, centred
    assert empty[7].index("█") > 10  # the breath sits in the middle, not at the edge


async def test_the_painted_breath_follows_every_frame(unlocked_app):
    """Only the rows that changed are redrawn each tick: what is on the screen is
    still the whole frame of the moment, through a breath in, a hold and out."""
    from conftest import screen_lines

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")  # Sam asks for a break: the shape moves
        await pilot.pause()
        pacer = app.screen.query_one(BreathingPacer)
        region = pacer.content_region
        labels, sizes = set(), set()
        for _ in range(40):
            clock.advance(0.35)
            pacer._tick()  # what the 8-a-second interval does
            await pilot.pause()
            painted = [line[region.x:region.right]
                       for line in screen_lines(app)[region.y:region.bottom]]
            frame = [row.ljust(region.width) for row in pacer.frame()]
            frame += [" " * region.width] * (region.height - len(frame))
            assert painted == frame
            labels.add(next(row.strip() for row in frame if "Breathe" in row or "Hold" in row))
            sizes.add(sum(row.count("█") for row in frame))
        assert len(labels) > 5 and len(sizes) > 5  # it moved, and the label counted down
