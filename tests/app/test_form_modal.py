"""The one form pattern and the one save path, as a couple meets them: ctrl+s
saves, escape keeps typed words, a lock hands them over through the save worker
(never swallowed), and a screen hears back with Saved / NotSaved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from conftest import SAM_PASS, Told, settle
from trust_tui.models import FormDraft, Win
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.store import drafts
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed
from trust_tui.widgets.form_modal import KEPT, KEPT_ON_CLOSE, FormModal
from trust_tui.widgets.saving import Store


class NoteForm(FormModal[str]):
    draft_key = "test:note"

    def compose_form(self) -> ComposeResult:
        yield Input(id="note")
        yield from self.form_foot()

    def collect(self) -> str | None:
        text = self.query_one("#note", Input).value.strip()
        if not text:
            self.say("A few words are enough.")
            return None
        return text


def kept_words(path) -> list[dict[str, str]]:
    return [d.fields for d in Vault.open(path, SAM_PASS).all(FormDraft)]


def message_of(app) -> str:
    return str(app.screen.query_one("#form-message").render())


async def open_form(pilot, results: list) -> NoteForm:
    form = NoteForm()
    pilot.app.push_screen(form, callback=results.append)
    await pilot.pause()
    return form


async def test_ctrl_s_saves_with_a_typed_result_and_an_empty_form_says_why(unlocked_app):
    app, path, clock = await unlocked_app()
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, results)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm) and "few words" in message_of(app)
        await pilot.press(*"we walked", "ctrl+s")
        await settle(pilot)
        assert results == ["we walked"]
        assert not isinstance(app.screen, NoteForm)
    assert kept_words(path) == []


async def test_escape_keeps_words_and_they_come_back_then_go_once_saved(unlocked_app):
    app, path, clock = await unlocked_app()
    told = Told(app)
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, results)
        await pilot.press(*"half a thought", "escape")
        await settle(pilot)
        assert results == [None] and not isinstance(app.screen, NoteForm)
        assert KEPT_ON_CLOSE in told.messages
        assert kept_words(path) == [{"note": "half a thought"}]

        await open_form(pilot, results)
        assert app.screen.query_one("#note", Input).value == "half a thought"
        assert KEPT in message_of(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results[-1] == "half a thought"
    assert kept_words(path) == []


async def test_kept_words_can_be_cleared_at_once_and_then_let_go(unlocked_app):
    app, path, clock = await unlocked_app()
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, results)
        app.screen.query_one("#note", Input).value = "a long paragraph " * 200
        await pilot.press("escape")
        await settle(pilot)
        assert len(kept_words(path)) == 1
        await open_form(pilot, results)
        await pilot.click("#clear-kept")
        await pilot.pause()
        assert app.screen.query_one("#note", Input).value == ""
        assert "Cleared" in message_of(app)
        await pilot.press("escape")  # nothing typed now: closes and lets the draft go
        await settle(pilot)
        assert not isinstance(app.screen, NoteForm)
    assert kept_words(path) == []


async def test_a_form_left_as_it_opened_closes_at_once_and_keeps_nothing(unlocked_app):
    app, path, clock = await unlocked_app()
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, results)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [None]
    assert kept_words(path) == []


async def test_a_lock_hands_typed_words_to_the_save_worker(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, [])
        await pilot.press(*"said at the door", "ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
    assert kept_words(path) == [{"note": "said at the door"}]


async def test_a_lock_whose_words_cannot_be_kept_says_so_in_one_sentence(unlocked_app,
                                                                          monkeypatch):
    app, path, clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_form(pilot, [])
        await pilot.press(*"private words")

        def refuse(*args, **kwargs):
            raise WriteFailed(path, "the disk is full (or the file size limit was reached)")

        monkeypatch.setattr("trust_tui.vault.storage.atomic_write", refuse)
        told.clear()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        said = told.messages
        assert len(said) == 1 and "could not be kept" in said[0] and "disk is full" in said[0]
        assert "private words" not in said[0]


async def test_a_screen_hears_saved_and_not_saved(unlocked_app, monkeypatch):
    app, path, clock = await unlocked_app()
    heard: list = []
    async with app.run_test(size=(80, 24), message_hook=lambda m: heard.append(m)) as pilot:
        await pilot.pause()
        home = app.screen
        done: list = []
        home.store(lambda vault: vault.add(Win(text="a calm walk", noticed_by=vault.me.id)),
                   done=done.append)
        await settle(pilot)
        assert done == [None]
        assert any(isinstance(m, Store.Saved) for m in heard)

        def refuse(*args, **kwargs):
            raise WriteFailed(path, "the disk is full (or the file size limit was reached)")

        monkeypatch.setattr("trust_tui.vault.storage.atomic_write", refuse)
        failed: list = []
        home.store(drafts.keep, "x", {"a": "b"}, at=clock.now(), failed=failed.append)
        await settle(pilot)
        not_saved = [m for m in heard if isinstance(m, Store.NotSaved)]
        assert len(failed) == 1 and len(not_saved) == 1
        assert "disk is full" in not_saved[0].sentence
    assert [w.text for w in Vault.open(path, SAM_PASS).all(Win)] == ["a calm walk"]


async def test_whose_words_asked_of_a_form_once_the_vault_is_locked_is_nobodys(
        unlocked_app):
    """`seated()` (whose words a form keeps, when apart) answers None once the vault
    is locked, as at one keyboard: the app's `vault` itself then raises."""
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_form(pilot, [])
        vault, app._vault = app._vault, None  # as a lock leaves it
        try:
            assert form.seated() is None
        finally:
            app._vault = vault
