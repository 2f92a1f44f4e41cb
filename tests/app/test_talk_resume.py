"""A talk under way survives anything but ending it: ctrl+l, the idle lock, Escape to
home and a new app on the same vault all find it at the same turn, speaker, phase,
prompt, feeling and time left, with a half-typed line back in its box."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from conftest import SAM_PASS, ids, settle
from test_talk_screen import open_talk

from trust_tui.app import TrustApp
from trust_tui.domain import live
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor
from trust_tui.domain.prompts import ANSWER_PROMPT, NAMING, QUESTION_PROMPT, prompts_for
from trust_tui.export import export_data, export_markdown
from trust_tui.models import TalkSession
from trust_tui.store import talks
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.talk import TalkScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.turn_clock import ClockView


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).content.plain


async def begin_talk(pilot, *, topic: str = "feel") -> TalkScreen:
    talk = await open_talk(pilot, topic=topic, minutes="3")
    await settle(pilot)
    return talk


async def to_turn_two_mid_speech(pilot, clock) -> TalkScreen:
    """Sam speaks and passes; Alex picks "hurt" (7), asks a prompt, speaks 40 s."""
    talk = await begin_talk(pilot)
    await pilot.press("f")
    clock.advance(30)
    await pilot.press("f", "j", "f")  # hand over, said back, that's it
    await pilot.press("m")  # Alex moves to "hurt" in the list
    await pilot.press("l", "tab", "7", "enter")  # how strong: 7
    await pilot.press("k", "k")  # prompt 3 of 5
    await pilot.press("j")  # Alex starts speaking
    clock.advance(40)
    talk.tick()
    await settle(pilot)
    return talk


def seen(talk: TalkScreen) -> dict:
    """What the couple sees of the talk."""
    talk.tick()
    return {"status": plain(talk, "#talk-status"), "phase": plain(talk, "#talk-phase"),
            "prompt": plain(talk, "#talk-prompt"),
            "feeling": plain(talk, "#pane-right .pane-feeling"),
            "clock": talk.query_one("#talk-clock", ClockView).text}


def kept_mid_turn(clock):
    """The same talk as `to_turn_two_mid_speech`, kept in the vault as the talk screen
    keeps it (quicker than pressing every key again), left on home (AWAY)."""
    def seed(vault):
        sam, alex = (p.id for p in vault.partners)
        floor = Floor.begin(clock, topic_key="feel", turn_minutes=3, first_speaker_id=sam,
                            partners=(sam, alex), by=sam)
        floor.start_speaking(by=sam)
        clock.advance(30)
        floor.end_turn(by=sam)
        floor.paraphrased(None, by=alex)
        floor.confirm(by=sam)
        floor.set_feeling("hurt", 7, by=alex)
        floor.next_prompt(by=alex)
        floor.next_prompt(by=alex)
        floor.start_speaking(by=alex)
        clock.advance(40)
        floor.away()
        talks.save_progress(vault, floor.session)
    return seed


@asynccontextmanager
async def mid_turn(unlocked_app, clock, *, by_keys: bool = False):
    """An app with a talk at turn 2, Alex 40 s into speaking (driven key by key, or
    kept in the vault and continued with t); and what it shows."""
    app, path, clock = await unlocked_app(seed=None if by_keys else kept_mid_turn(clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if by_keys:
            talk = await to_turn_two_mid_speech(pilot, clock)
        else:
            talk = await open_talk_again(pilot)
        before = seen(talk)
        assert before["status"].endswith("turn 2  ·  Alex has the floor, Sam is listening")
        assert before["prompt"].startswith("Prompt 3 of 5")
        assert before["feeling"] == "Feeling: hurt (7 of 10)" and before["clock"] == "02:20"
        yield app, path, clock, pilot, talk, before


async def open_talk_again(pilot) -> TalkScreen:
    await pilot.press("t")
    await settle(pilot)
    talk = pilot.app.screen
    assert isinstance(talk, TalkScreen) and talk.stage == "talk"
    return talk


async def unlock(pilot, home: bool = True) -> None:
    pilot.app.screen.query_one("#passphrase", Input).value = SAM_PASS
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen) == home


async def test_a_talk_goes_on_after_ctrl_l_with_its_half_typed_line(unlocked_app, clock):
    async with mid_turn(unlocked_app, clock, by_keys=True) as (app, path, clock, pilot, talk,
                                                                before):
        await pilot.press("j")  # Alex hands over; Sam starts typing what he heard
        await pilot.press("s")
        app.screen.focused.value = "You felt left "
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        clock.advance(15 * 60)  # locked a while: the talk waits
        await unlock(pilot)
        assert "A talk is under way: Alex has the floor, turn 2. t continues it." in \
            plain(app.screen, "#due-list")
        talk = await open_talk_again(pilot)
        assert plain(talk, "#talk-phase") == "Sam: say back what you heard. The gist is enough."
        assert talk.query_one("#pane-left .pane-summary", Input).value == "You felt left "
        # The say-back goes on from there.
        await pilot.press("s", "o", "u", "t", "enter")
        await settle(pilot)
        assert "Sam heard: You felt left out" in plain(talk, "#talk-phase")


async def test_a_talk_goes_on_after_the_idle_lock_and_escape(unlocked_app, clock):
    async with mid_turn(unlocked_app, clock) as (app, path, clock, pilot, talk, before):
        # Escape to home: the talk waits (its clock too); t brings it back as it was.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        clock.advance(5 * 60)
        talk = await open_talk_again(pilot)
        assert seen(talk) == before
        # Pause: a paused talk does not hold the idle lock off, and locking loses nothing.
        await pilot.press("p")
        await settle(pilot)
        clock.advance(11 * 60)
        await app.check_idle_lock()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await unlock(pilot)
        talk = await open_talk_again(pilot)
        assert "PAUSED" in plain(talk, "#talk-status")
        await pilot.press("p")
        assert seen(talk) == before


async def test_a_running_turn_holds_the_idle_lock_and_nothing_else_does(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await begin_talk(pilot)
        assert not talk.holds_idle_lock()  # choosing a feeling: nobody is talking yet
        await pilot.press("f")
        assert talk.holds_idle_lock()
        # Each move is on disk at once (no lock or quit needed).
        await settle(pilot)
        [kept] = Vault.open(path, SAM_PASS).all(TalkSession)
        assert [e.kind for e in kept.events] == [live.START, live.SPEAK]
        clock.advance(11 * 60)
        await app.check_idle_lock()
        assert app.vault_open
        await pilot.press("p")
        assert not talk.holds_idle_lock()


async def test_a_new_app_on_the_same_vault_continues_the_talk(unlocked_app, clock):
    async with mid_turn(unlocked_app, clock) as (app, path, clock, pilot, talk, before):
        await pilot.press("ctrl+q")
        await settle(pilot)
    clock.advance(3600)
    again = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk_again(pilot)
        assert seen(talk) == before
        # The talk goes on, and its turns are in the export.
        clock.advance(20)
        await pilot.press("j", "s", "enter", "j")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        vault = again.vault
        [saved] = export_data(vault, clock.now())["tables"]["talks"]
        assert [t["spoken_seconds"] for t in saved["turns"]] == [30, 60]
        assert saved["ended_at"] is not None
        assert "Turns: 2" in export_markdown(vault, clock.now().date()) or \
            "2 turns" in export_markdown(vault, clock.now().date())


async def test_a_break_under_way_goes_on_after_unlocking(unlocked_app, clock):
    async with mid_turn(unlocked_app, clock) as (app, path, clock, pilot, talk, before):
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("j")  # Alex asks for it: the move joins the talk's events
        await settle(pilot)
        sam, alex = talk.sides
        clock.advance(5 * 60)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await unlock(pilot, home=False)
        # The talk area opens by itself, the break on top with its time.
        assert isinstance(app.screen, CalmScreen)
        talk = app.screen.talk
        assert isinstance(talk, TalkScreen)
        brk = talk.open_break()
        assert brk is not None and brk.called_by == alex
        assert abs(brk.remaining() - 15 * 60) < 1
        clock.advance(15 * 60)
        await pilot.press("f", "j")  # both ready
        await settle(pilot)
        assert app.screen is talk and seen(talk) == before
        assert talk.open_break() is None
        kinds = [e.kind for e in talk.floor.session.events]
        assert kinds.count(live.BREAK_ASKED) == 1 and live.BREAK_BACK in kinds


@pytest.mark.parametrize("left_by", ["ctrl+l", "escape"])
async def test_a_talk_left_a_day_is_offered_to_end_or_continue(unlocked_app, clock, left_by):
    async with mid_turn(unlocked_app, clock) as (app, path, clock, pilot, talk, before):
        await pilot.press(left_by)
        await settle(pilot)
        clock.advance(25 * 3600)
        if left_by == "ctrl+l":
            await unlock(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        if left_by == "escape":
            await pilot.press("escape")  # escape continues it, as it was
            await settle(pilot)
            assert seen(app.screen) == before
            return
        await pilot.press("y")  # end it
        await settle(pilot)
        talk = app.get_screen_stack("talk")[0]
        assert talk.stage == "summary"
        [saved] = app.vault.all(TalkSession)
        assert saved.ended_at is not None and len(saved.turns) == 2


async def test_prompts_follow_each_partners_part_and_place_and_the_question(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await begin_talk(pilot, topic="name_it")
        # Sam (first) names what broke the trust: his part's prompts.
        assert plain(talk, "#talk-prompt") == f"Prompt 1 of 5\n{prompts_for('name_it', NAMING)[0]}"
        await pilot.press("d", "d")
        assert plain(talk, "#talk-prompt").startswith("Prompt 3 of 5")
        await pilot.press("f")
        clock.advance(30)
        await pilot.press("f", "j", "f")  # hand over, said back, that's it
        # Alex may ask one question.
        assert plain(talk, "#talk-prompt") == QUESTION_PROMPT
        assert "ask a question" in plain(talk, "#pane-right .pane-keys")
        await pilot.press("j")
        # Sam answers with the floor.
        assert "Sam has the floor" in plain(talk, "#talk-status")
        assert plain(talk, "#talk-prompt") == ANSWER_PROMPT
        await pilot.press("f")
        clock.advance(20)
        await pilot.press("f", "j", "f")
        # The floor passes to Alex, and comes back to Sam at prompt 3.
        assert "Alex has the floor" in plain(talk, "#talk-status")
        await pilot.press("j")
        clock.advance(20)
        await pilot.press("j", "f", "j")
        await pilot.press("d")  # no question
        assert "Sam has the floor" in plain(talk, "#talk-status")
        assert plain(talk, "#talk-prompt") == f"Prompt 3 of 5\n{prompts_for('name_it', NAMING)[2]}"
        await settle(pilot)
    [saved] = Vault.open(path, SAM_PASS).all(TalkSession)
    assert saved.naming_id == ids(Vault.open(path, SAM_PASS))["Sam"]
    kinds = [e.kind for e in saved.events]
    assert live.QUESTION in kinds and live.NO_QUESTION in kinds


def test_stale_is_a_day(clock: FakeClock):
    moved = [live.event(live.START, clock.now())]
    assert not live.is_stale(moved, clock.now() + timedelta(hours=23))
    assert live.is_stale(moved, clock.now() + timedelta(hours=24))


async def test_a_feeling_chosen_before_a_lock_is_still_chosen(unlocked_app, clock):
    def seed(vault):
        sam, alex = (p.id for p in vault.partners)
        floor = Floor.begin(clock, topic_key="feel", turn_minutes=3, first_speaker_id=sam,
                            partners=(sam, alex), by=sam)
        floor.set_feeling("hurt", 7, by=sam)
        floor.away()
        talks.save_progress(vault, floor.session)

    app, path, clock = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk_again(pilot)
        await settle(pilot)
        assert plain(talk, "#pane-left .pane-feeling") == "Feeling: hurt (7 of 10)"
        await pilot.press("f")  # Sam starts with it
        await settle(pilot)
        assert talk.floor.session.turns[0].feeling == "hurt"
        assert talk.floor.session.turns[0].intensity == 7
        kinds = [e.kind for e in talk.floor.session.events]
        assert kinds == [live.START, live.FEELING, live.AWAY, live.BACK, live.SPEAK]
