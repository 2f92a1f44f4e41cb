"""First-run setup and a name pasted with a control character in it (a tab, an
escape sequence): Textual's Input keeps what a paste brings, the screen would not
show it, and the name would then never match `--by NAME` nor print on one line."""

from __future__ import annotations

from pathlib import Path

from conftest import ALEX_PASS, SAM_PASS
from textual import events
from textual.widgets import Input

from trust_tui.screens.home import HomeScreen
from trust_tui.screens.setup import SetupScreen


async def test_a_name_pasted_with_a_control_character_is_asked_again(vault_path: Path,
                                                                      fresh_app):
    app = fresh_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for field, value in (("#pass-left", SAM_PASS), ("#again-left", SAM_PASS),
                             ("#name-right", "Alex"), ("#pass-right", ALEX_PASS),
                             ("#again-right", ALEX_PASS)):
            screen.query_one(field, Input).value = value
        name = screen.query_one("#name-left", Input)
        name.focus()
        name.post_message(events.Paste("Sa\x1b[31mm\tx"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        message = str(app.screen.query_one("#setup-message").render())
        assert "Partner 1" in message and "control character" in message
        assert not vault_path.exists()

        name.value = "Sam"  # the words typed again: it goes ahead
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
