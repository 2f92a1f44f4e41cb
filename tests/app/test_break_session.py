"""A break owns the screen while it runs, and carries on after a lock or a restart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import SAM_PASS, Told, settle
from textual.command import CommandPalette
from textual.widgets import Input, Static

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.live import BREAK_ASKED, BREAK_BACK, BREAK_READY
from trust_tui.models import BreakSession
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.talk import TalkScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.turn_clock import ClockView

pytestmark = pytest.mark.usefixtures("local_utc")


def calm_screens(app) -> list[CalmScreen]:
    return [s for s in app.screen_stack if isinstance(s, CalmScreen)]


def palette_offers(app) -> list[str]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)]


def bells_of(app) -> list[bool]:
    """Each ring of the terminal bell from now on."""
    rings: list[bool] = []
    app.bell = lambda: rings.append(True)
    return rings


async def talk_started(pilot) -> TalkScreen:
    """From home: `t`, the talk begins with the usual turn length."""
    await pilot.press("t")
    await pilot.pause()
    talk = pilot.app.screen
    assert isinstance(talk, TalkScreen)
    talk.query_one("#start-minutes", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    return talk


async def unlock(pilot) -> None:
    assert isinstance(pilot.app.screen, UnlockScreen)
    await pilot.press(*SAM_PASS, "enter")
    await settle(pilot)


async def test_a_break_cannot_be_left_through_the_palette(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "j")  # Alex asks for a break
        calm = app.screen
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert sorted(palette_offers(app)) == ["Lock now", "Quit", "Safety note"]
        for wanted in ("home", "break"):
            await pilot.press(*wanted)
            await settle(pilot)  # the palette's search is done: nothing by that name
            assert palette_offers(app) == []
            await pilot.press("enter", *["backspace"] * len(wanted))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is calm and calm_screens(app) == [calm]
        await pilot.press("f2", "c", "h", "s")  # nothing else opens either
        await pilot.pause()
        assert app.screen is calm and calm_screens(app) == [calm]


async def test_f2_twice_in_a_talk_opens_one_break_and_its_minutes_are_real(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await talk_started(pilot)
        await pilot.press("f")  # Sam speaks
        await pilot.press("f2", "f2")
        await pilot.pause()
        calm = app.screen
        assert isinstance(calm, CalmScreen) and calm_screens(app) == [calm]
        await pilot.press("j", "f2")  # Alex asks for it; f2 again changes nothing
        clock.advance(21 * 60)
        await pilot.press("f", "j")
        await settle(pilot)
        assert app.screen is talk
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        summary = app.screen.query_one("#summary-text", Static).content.plain
        assert "1 break, 21 minutes in all" in summary


async def test_the_palette_still_locks_and_shows_the_safety_note_during_a_break(unlocked_app):
    app, path, clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"safety note", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CalmScreen) and "Safety note" in [t for t, _ in told.notes]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lock now", "enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen) and not app.vault_open


async def test_a_standalone_break_survives_ctrl_l_with_its_time_and_who_is_ready(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "plus", "f")  # Sam asks for 30 minutes
        clock.advance(5 * 60)
        await pilot.press("j")  # Alex is ready already
        await pilot.press("ctrl+l")
        await settle(pilot)
        clock.advance(60.4)
        await unlock(pilot)
        calm = app.screen
        assert isinstance(calm, CalmScreen) and calm_screens(app) == [calm]
        assert calm.brk is not None and calm.brk.called_by == calm.sides[0]
        assert calm.brk.remaining() == pytest.approx(30 * 60 - 6 * 60 - 0.4)
        assert calm.query_one("#calm-clock", ClockView).text == "24:00"
        assert "Alex (j): READY to come back" in calm.query_one("#calm-ready", Static).content.plain
        await pilot.press("escape")  # a break under way is not left with escape
        assert app.screen is calm
        await pilot.press("f")  # Sam is ready too: the break is over
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    [kept] = Vault.open(path, SAM_PASS).all(BreakSession)
    assert [e.kind for e in kept.events] == [BREAK_ASKED, BREAK_READY, BREAK_READY, BREAK_BACK]
    assert kept.events[0].number == 30 and kept.ended_at == kept.events[-1].at


async def test_a_new_app_on_the_same_vault_finds_the_break_with_its_time(unlocked_app):
    from trust_tui.app import TrustApp

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "j")  # Alex asks for the usual 20 minutes
        clock.advance(3 * 60)
        await settle(pilot)
    # Closed; opened again 2 minutes later, on a clock whose monotonic count restarted.
    later = FakeClock(wall=clock.now() + timedelta(minutes=2), mono=7.0)
    again = TrustApp(path, clock=later, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        calm = again.screen
        assert isinstance(calm, CalmScreen) and calm.brk is not None
        assert calm.brk.remaining() == pytest.approx(15 * 60)
        assert "asked for by Alex" in calm.query_one("#calm-title", Static).content.plain


async def test_the_idle_lock_locks_during_a_break_and_the_break_goes_on(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")
        await settle(pilot)
        clock.advance(11 * 60)  # nobody at the keyboard, longer than the idle lock
        await app.check_idle_lock()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen) and not app.vault_open
        clock.advance(4 * 60)
        await unlock(pilot)
        calm = app.screen
        assert isinstance(calm, CalmScreen)
        assert calm.brk.remaining() == pytest.approx(5 * 60)
        clock.advance(5 * 60)
        calm.tick()
        assert "This is the time you agreed to come back" in calm.query_one(
            "#calm-message", Static).content.plain


async def test_coming_back_early_gets_one_gentle_line(unlocked_app):
    app, path, clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")
        clock.advance(4 * 60)
        await pilot.press("f", "j")
        await settle(pilot)
        [welcome] = [m for m in told.messages if m.startswith("Welcome back")]
        assert "about 20 minutes to settle" in welcome
        assert welcome.count(".") + welcome.count(";") <= 3  # a line, not a lecture
        told.clear()
        await pilot.press("f2", "j")
        clock.advance(20 * 60)
        await pilot.press("f", "j")
        await settle(pilot)
        assert told.messages == ["Welcome back."] or not any(
            "settle" in m for m in told.messages)


@pytest.mark.parametrize("bell", [True, False])
async def test_the_bell_rings_once_when_the_time_is_up_unless_turned_off(unlocked_app, bell):
    def seed(vault: Vault) -> None:
        vault.save_settings(vault.settings.model_copy(update={"break_bell": bell}))

    app, path, clock = await unlocked_app(seed=seed)
    rings = bells_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "j")
        calm = app.screen
        clock.advance(19 * 60)
        calm.tick()
        assert rings == []
        clock.advance(60)
        calm.tick()
        calm.tick()
        await pilot.press("p")  # redrawn for other reasons: still one ring
        assert rings == ([True] if bell else [])


async def test_turning_the_bell_off_in_settings_silences_it(unlocked_app):
    from textual.widgets import Select

    app, path, clock = await unlocked_app()
    rings = bells_of(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        box = app.screen.query_one("#break_bell", Select)
        assert box.value == "on"
        box.value = "off"  # "Stay quiet"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert Vault.open(path, SAM_PASS).settings.break_bell is False
        await pilot.press("f2", "f")
        clock.advance(20 * 60)
        app.screen.tick()
        assert rings == []
        assert "time to come back" in app.screen.query_one("#calm-clock", ClockView).caption


async def test_the_bell_rings_when_the_time_is_up_even_behind_the_idle_lock(unlocked_app):
    app, path, clock = await unlocked_app()
    rings = bells_of(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2", "f")  # 20 minutes; the idle lock comes after 10
        clock.advance(10 * 60)
        await app.check_idle_lock()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        clock.advance(9 * 60)
        await app.check_idle_lock()
        assert rings == []
        clock.advance(60)
        await app.check_idle_lock()
        await app.check_idle_lock()
        assert rings == [True]  # once
        await unlock(pilot)
        app.screen.tick()
        assert rings == [True]  # the break is back on screen with its time up: no more
