"""An app closed from outside keeps the words typed in it, as ctrl+q does: under
`trust-tui serve` a closed browser tab (or a dropped ssh tunnel, or ctrl+c on the
server) reaches its app as textual's ExitApp, not as the app's own quit."""

from __future__ import annotations

import asyncio
import os
import signal

from textual import messages

from conftest import SAM_PASS, settle
from trust_tui.models import FormDraft
from trust_tui.vault import Vault

WORDS = "a walk in the rain, and we laughed"


async def test_a_served_tab_closed_with_words_typed_keeps_them(unlocked_app):
    app, path, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "a")  # the wins wall: add a win
        await pilot.pause()
        app.screen.query_one("#card-text").value = WORDS
        await pilot.pause()
        # What textual-serve's web driver posts when its tab goes.
        app.post_message(messages.ExitApp())
        await settle(pilot)
    kept = Vault.open(path, SAM_PASS).all(FormDraft)
    assert any(WORDS in draft.fields.values() for draft in kept)



async def test_a_terminal_closed_under_the_app_keeps_the_words_typed(unlocked_app,
                                                                   monkeypatch):
    """A closed terminal window (or a dropped ssh login) sends the app SIGHUP, which
    would end it on the spot: the words are kept, then the app ends at once (the
    terminal is gone: textual's own way out would wait on it for ever)."""
    ended: list[int] = []
    monkeypatch.setattr("trust_tui.app_seats._end_now", ended.append)
    app, path, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "a")
        await pilot.pause()
        app.screen.query_one("#card-text").value = WORDS
        await pilot.pause()
        app.keep_words_when_hung_up()  # what a real terminal's app does at start
        loop = asyncio.get_running_loop()
        try:
            # Taken by the app's loop, or this test's process would end here.
            assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, None)
            os.kill(os.getpid(), signal.SIGHUP)
            await settle(pilot)
            await settle(pilot)
        finally:
            loop.remove_signal_handler(signal.SIGHUP)
            loop.remove_signal_handler(signal.SIGTERM)
        assert ended == [129]
    kept = Vault.open(path, SAM_PASS).all(FormDraft)
    assert any(WORDS in draft.fields.values() for draft in kept)
