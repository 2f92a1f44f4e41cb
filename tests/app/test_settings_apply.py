"""Settings apply at once: each one, changed through the Settings form, is used
right away in the running app, with no lock in between."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from conftest import settle
from test_talk_history import shows

from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.settings import SettingsModal
from trust_tui.screens.talk import TalkScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import Vault


async def change_settings(pilot, **values: str) -> None:
    """Open Settings over whatever is on screen, change these fields, save."""
    pilot.app.action_settings()
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, SettingsModal)
    for name, value in values.items():
        form.query_one(f"#{name}").value = value
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, SettingsModal)


def minutes_shown(pilot) -> str:
    return pilot.app.screen.query_one("#start-minutes", Input).value


async def test_a_new_idle_lock_time_is_used_at_once(unlocked_app):
    app, _path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        clock.advance(61)
        await app.check_idle_lock()
        assert app.vault_open  # ten minutes, the default
        await change_settings(pilot, idle_lock_minutes="1")
        clock.advance(61)
        await app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)


async def test_a_new_default_turn_is_offered_at_once(unlocked_app):
    app, path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, TalkScreen) and minutes_shown(pilot) == "3"
        await change_settings(pilot, default_turn_minutes="7")  # over the start form
        assert app.screen is talk and minutes_shown(pilot) == "7"

        await pilot.press("escape", "escape")  # home, then Settings from there
        await pilot.pause()
        await change_settings(pilot, default_turn_minutes="9")
        await pilot.press("t")
        await pilot.pause()
        assert minutes_shown(pilot) == "9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert talk.floor is not None and talk.floor.session.turn_minutes == 9
    assert Vault.open(path, "sam-passphrase").settings.default_turn_minutes == 9


async def test_a_length_typed_on_the_start_form_is_kept_when_the_default_changes(
        unlocked_app):
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#start-minutes", Input).value = "5"
        await change_settings(pilot, default_turn_minutes="12")
        assert minutes_shown(pilot) == "5"


@pytest.mark.parametrize(("name", "value", "shown_in", "words"), [
    ("default_break_minutes", "45", "#calm-return", "45 minutes: back together at"),
    ("breathing_pattern", "box", "#calm-pattern", "Box breathing: In 4, hold 4"),
])
async def test_the_next_break_uses_a_new_break_setting(unlocked_app, name, value, shown_in,
                                                         words):
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await change_settings(pilot, **{name: value})
        calm = await shows(pilot, "f2", CalmScreen)
        assert calm.query_one(shown_in, Static).content.plain.startswith(words)


async def test_the_break_bell_can_be_turned_off_and_on_at_once(unlocked_app):
    app, path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.vault.settings.break_bell
        await change_settings(pilot, break_bell="off")
        # What a break reads when its time is up: the setting as it is now.
        assert app.vault.settings.break_bell is False
        app.action_settings()
        await pilot.pause()
        assert app.screen.value_of("#break_bell") == "off"  # the form shows it too
        await pilot.press("escape")
        await pilot.pause()
        await change_settings(pilot, break_bell="on")
        assert app.vault.settings.break_bell is True
    assert Vault.open(path, "sam-passphrase").settings.break_bell is True
