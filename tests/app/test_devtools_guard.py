"""With Textual's devtools (or debug mode) on, every key event is logged: the app
asks for no passphrase then. It says so in one sentence before anything is
typed; a vault opened without typing (`trust-tui demo`) still runs."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import SAM_PASS, screen_text
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.unlock import UnlockScreen

SAID = "devtools are on"


def watched(app, feature: str):
    app.features = frozenset({feature})
    return app


async def test_with_devtools_on_the_unlock_screen_takes_no_passphrase(locked_app):
    app = watched(locked_app(), "devtools")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert SAID in screen_text(app)
        entry = app.screen.query_one(Input)
        assert entry.disabled
        entry.value = SAM_PASS  # even set from outside, Enter opens nothing
        app.screen.query_one("PassphraseField").submit()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.vault_open
        assert isinstance(app.screen, UnlockScreen)


async def test_in_debug_mode_first_run_setup_takes_no_passphrase(fresh_app):
    app = watched(fresh_app, "debug")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert SAID in screen_text(app)
        assert all(field.disabled for field in app.screen.query(Input))
        await pilot.press("s", "a", "m")
        assert all(field.value == "" for field in app.screen.query(Input))


async def test_with_devtools_on_a_vault_opened_without_typing_still_runs(unlocked_app):
    app, _, _ = await unlocked_app()
    watched(app, "devtools")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_without_devtools_the_unlock_screen_asks_as_before(locked_app):
    app = locked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert SAID not in screen_text(app)
        assert not app.screen.query_one(Input).disabled
