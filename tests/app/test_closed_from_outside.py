"""An app closed from outside keeps the words typed in it, as ctrl+q does: under
`trust-tui serve` a closed browser tab (or a dropped ssh tunnel, or ctrl+c on the
server) reaches its app as textual's ExitApp, not as the app's own quit."""

from __future__ import annotations

import asyncio
import os
import signal
import threading

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


async def test_a_terminal_closed_as_a_save_is_written_ends_once_it_has_landed(
        unlocked_app, monkeypatch):
    """A save asked for just before (a key in a talk, a form's Enter) is in the
    writer's hands with no words left on a screen: the app ends after it lands, not
    half way through it."""
    writing, landed, ended = threading.Event(), [], []
    monkeypatch.setattr("trust_tui.app_seats._end_now",
                        lambda status: ended.append((status, list(landed))))
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def a_save(_vault):
            writing.wait(10)
            landed.append(True)

        app._save_queue.submit(a_save, app.vault)
        app.keep_words_when_hung_up()
        loop = asyncio.get_running_loop()
        try:
            os.kill(os.getpid(), signal.SIGHUP)
            for _ in range(500):  # until the app has taken the signal (a bound only)
                await asyncio.sleep(0.01)
                if app._quit_words_kept:
                    break
            assert app._quit_words_kept
            assert ended == []  # it waits for the save under way
            writing.set()
            await pilot.pause()  # the app, idle again once its end is asked
        finally:
            writing.set()
            loop.remove_signal_handler(signal.SIGHUP)
            loop.remove_signal_handler(signal.SIGTERM)
        assert ended == [(129, [True])]


async def test_a_terminal_closed_as_the_app_is_closing_still_ends_it(unlocked_app,
                                                                    monkeypatch):
    """The signal is taken from the default action (which ended the process): once
    the app is closing and takes no more calls, it ends the process itself."""
    ended: list[int] = []
    monkeypatch.setattr("trust_tui.app_seats._end_now", ended.append)
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.keep_words_when_hung_up()
        app._closing = True  # as textual's shutdown sets it: no message is taken now
        loop = asyncio.get_running_loop()
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(500):  # until the loop has run the handler (a bound only)
                await asyncio.sleep(0.01)
                if ended:
                    break
        finally:
            app._closing = False
            loop.remove_signal_handler(signal.SIGHUP)
            loop.remove_signal_handler(signal.SIGTERM)
        assert ended == [128 + signal.SIGTERM]
