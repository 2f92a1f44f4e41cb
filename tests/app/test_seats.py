"""Two people, one keyboard: a partner's box opens only with their own key (or a
click), says whose it is, and Enter or Esc gives every key back at once; f2 and
ctrl+l act from inside any box; a note is filed under whoever opened its box; the
speaker picks a feeling with their own keys alone."""

from __future__ import annotations

from conftest import settle
from textual.widgets import Input, Static

from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.rituals import RitualRunScreen, RitualsScreen, RitualTalkScreen
from trust_tui.screens.talk import TalkScreen
from trust_tui.widgets.seat_box import SeatBox


def says(screen, selector: str) -> str:
    line = screen.query_one(selector, Static)
    return str(line.render()) if line.display else ""


async def open_talk(pilot) -> TalkScreen:
    await pilot.press("t")
    await pilot.pause()
    talk = pilot.app.screen
    assert isinstance(talk, TalkScreen)
    await pilot.press("ctrl+s")  # Begin, as the form stands
    await pilot.pause()
    assert talk.floor is not None
    return talk


async def open_weekly(pilot) -> RitualRunScreen:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RitualsScreen)
    await pilot.press("w")
    await pilot.pause()
    run = pilot.app.screen
    assert isinstance(run, RitualRunScreen)
    return run


async def test_a_weekly_meeting_note_is_filed_under_whoever_opened_the_box(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_weekly(pilot)
        sam, alex = run.sides
        assert run.focused is None or not isinstance(run.focused, Input)  # none by itself
        await pilot.press("s")
        assert says(run, "#says-left") == "Sam is typing: Enter adds it, Esc closes it"
        await pilot.press(*"thanks for tea", "enter")
        assert run.focused is None and says(run, "#says-left") == ""
        # Alex's l right after Sam's Enter opens Alex's box: never typed into Sam's.
        await pilot.press("l", *"the walk", "enter")
        notes = run.flow.result("appreciations").notes
        assert [(n.by, n.text) for n in notes] == [(sam, "thanks for tea"), (alex, "the walk")]
        assert "the walk" in str(run.query_one("#notes-right", Static).render())
        assert "the walk" not in str(run.query_one("#notes-left", Static).render())
        # A second note for Sam: the box opens again with Sam's own key.
        await pilot.press("s", *"and the call", "enter")
        assert [n.by for n in run.flow.result("appreciations").notes] == [sam, alex, sam]
        # The next step focuses nothing by itself; keys stay keys.
        await pilot.press("n")
        assert not isinstance(run.focused, Input)


async def test_esc_closes_a_note_box_keeping_the_words_and_the_keys_act(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_weekly(pilot)
        box = run.query_one("#note-left", SeatBox)
        await pilot.press("s", *"half a")
        await pilot.press("escape")
        assert box.value == "half a" and not box.is_open and run.focused is None
        assert isinstance(app.screen, RitualRunScreen)  # Esc only closed the box
        await pilot.press("s", *" thought", "enter")  # carries on after the words
        assert [n.text for n in run.flow.result("appreciations").notes] == ["half a thought"]
        await pilot.press("b")  # after Enter, b is the break again
        await pilot.pause()
        assert isinstance(app.screen, CalmScreen)


async def test_a_click_opens_a_box_for_its_own_partner(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        run = await open_weekly(pilot)
        await pilot.click("#note-right")
        box = run.query_one("#note-right", SeatBox)
        assert run.focused is box and box.opened_by == run.sides[1]
        assert says(run, "#says-right").startswith("Alex is typing")
        await pilot.press(*"hi", "enter")
        assert [n.by for n in run.flow.result("appreciations").notes] == [run.sides[1]]


async def test_f2_and_ctrl_l_act_from_inside_a_box(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("s", *"raw")
        assert isinstance(talk.focused, SeatBox)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CalmScreen)
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert app.screen is talk
        box = talk.query_one("#pane-left .own-word", SeatBox)
        assert box.value == "raw" and not box.is_open  # closed by the break, words kept
        await pilot.press("f")  # so f acts: Sam starts speaking, feeling "raw"
        assert talk.floor.phase.value == "speaking" and box.value == "raw"
        assert "Feeling: raw" in says(talk, "#pane-left .pane-feeling")
        clock.advance(20)
        await pilot.press("f", "l")  # Alex opens their box to say it back
        assert isinstance(talk.focused, SeatBox) and talk.focused.is_open
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not app.vault_open


async def test_the_speaker_picks_a_feeling_with_their_own_keys_alone(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        floor = talk.floor
        sam, alex = talk.sides
        assert talk.focused is None or not isinstance(talk.focused, Input)
        await pilot.press("m", "u")  # Alex's keys: not Alex's feeling to pick now
        assert floor.session.turns == [] and "not named" in says(talk, "#pane-left .pane-feeling")
        await pilot.press("v", "v", "v", "r")  # Sam: down to "scared", back up to "sad"
        assert "Feeling: sad" in says(talk, "#pane-left .pane-feeling")
        await pilot.press("f")  # the highlighted word counts: no Enter
        assert floor.phase.value == "speaking"
        clock.advance(30)
        await pilot.press("f", "j", "f")  # hands over, said back, that's it
        assert floor.session.turns[0].feeling == "sad"
        # Alex's turn: Alex's own keys, on the right (u up, m down).
        await pilot.press("v")  # Sam's key does nothing on Alex's list
        await pilot.press("m", "m")
        await pilot.press("j")
        clock.advance(30)
        await pilot.press("j", "f", "j")
        assert floor.session.turns[1].speaker_id == alex
        assert floor.session.turns[1].feeling == "sad"


async def test_enter_or_esc_in_the_listeners_box_gives_the_speaker_their_keys(unlocked_app):
    """A ritual's floor step: the listener jots while listening; after Enter (or
    Esc) the speaker's f acts at once, never typed into the jot box."""
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_weekly(pilot)
        for _ in range(3):
            await pilot.press("x")  # leave out the steps before the talk
        await pilot.pause()
        assert run.step.key == "issue"
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, RitualTalkScreen)
        box = talk.query_one("#pane-right .pane-summary", SeatBox)
        await pilot.press("f", "l", *"late", "enter")  # Sam speaks; Alex jots
        assert box.value == "late" and talk.focused is None
        clock.advance(30)
        await pilot.press("f")  # Sam hands over: acts, not typed
        assert talk.floor.phase.value == "paraphrase" and box.value == "late"
        await pilot.press("l", *" again", "escape")
        assert box.value == "late again" and talk.focused is None
        await pilot.press("j")  # Alex: I've said it back
        assert talk.floor.phase.value == "confirming"
        await pilot.press("f")  # Sam: that's it
        assert talk.floor.session.turns[0].paraphrase == "late again"
