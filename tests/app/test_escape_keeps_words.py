"""Escape (or Cancel) never throws typed words away silently.

Words typed in a form and closed with escape are kept as that form's draft, a line
says so, and opening the same form again brings them back. A form emptied (or left
as it opened) closes and lets its draft go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Static, TextArea

from conftest import Told, settle

from trust_tui.domain import agreements as ag
from trust_tui.models import AgreementKind, FormDraft, JournalEntry
from trust_tui.widgets.form_modal import KEPT, KEPT_ON_CLOSE

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)  # the fixture clock
WORDS = "careful words"
EARLIER = "We walked by the river"  # a saved journal entry, edited below


def seed(vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    when = NOW - timedelta(days=14)
    for kind, wording in ((AgreementKind.EXPECTATION, "Text me if you will be late"),
                          (AgreementKind.BOUNDARY, "My journal is mine")):
        a = ag.new_agreement(kind, wording, sam, now=when)
        vault.add(ag.confirm(ag.confirm(a, sam, [sam, alex], when), alex, [sam, alex], when))
    vault.add(JournalEntry(author=sam, text=EARLIER, created_at=NOW - timedelta(days=1)))



def box(app, selector: str):
    return app.screen.query_one(selector)


def write(selector: str, words: str = WORDS) -> Callable:
    """Type into a box the way a paste or keys would: its Changed message follows."""
    def do(app) -> None:
        widget = box(app, selector)
        if isinstance(widget, TextArea):
            widget.insert(words, widget.document.end)
        else:
            widget.value = words
    return do


def shows(selector: str, words: str = WORDS) -> Callable:
    def check(app) -> bool:
        widget = box(app, selector)
        return (widget.text if isinstance(widget, TextArea) else widget.value) == words
    return check


def check_in_write(app) -> None:
    box(app, "#feel-0 .own-word").value = "wobbly"
    box(app, "#safe-0").value = "6"


def check_in_shows(app) -> bool:
    return (box(app, "#feel-0").feeling, box(app, "#safe-0").value) == ("wobbly", "6")


@dataclass(frozen=True)
class Form:
    area: str | None  # the key from home (None: the form opens from home itself)
    keys: tuple[str, ...]  # what opens the form there
    message: str  # where the form says its words are back
    type_in: Callable
    words_back: Callable


FORMS = {
    "expectation-add": Form("e", ("a",), "#form-message", write("#wording"),
                            shows("#wording")),
    "expectation-edit": Form("e", ("e",), "#form-message", write("#wording", ", please"),
                             shows("#wording", "Text me if you will be late, please")),
    "expectation-review": Form("e", ("r",), "#form-message", write("#note"), shows("#note")),
    "expectation-kept-or-missed": Form("e", ("k",), "#form-message", write("#note"),
                                       shows("#note")),
    "boundary-add": Form("b", ("a",), "#form-message", write("#wording"), shows("#wording")),
    "boundary-raise-it-now": Form("b", ("n",), "#form-message", write("#concern-text"),
                                  shows("#concern-text")),
    "win": Form("w", ("a",), "#form-message", write("#card-text"), shows("#card-text")),
    "thank-you": Form("w", ("t",), "#form-message", write("#card-text"), shows("#card-text")),
    "setback": Form("w", ("s",), "#form-message", write("#card-text"), shows("#card-text")),
    "mini-goal": Form("w", ("g",), "#form-message", write("#goal-text"), shows("#goal-text")),
    "check-in": Form(None, ("c",), "#form-message", check_in_write, check_in_shows),
    "honesty-line": Form(None, ("h",), "#form-message", write("#honesty-text"),
                         shows("#honesty-text")),
    "journal-new": Form("j", ("n",), "#form-message", write("#entry-text"),
                        shows("#entry-text")),
    "journal-apology": Form("j", ("a",), "#form-message", write("#entry-text"),
                            shows("#entry-text")),
    "journal-edit": Form("j", ("e",), "#form-message", write("#entry-text", " at dusk"),
                         shows("#entry-text", EARLIER + " at dusk")),
}


@pytest.mark.parametrize("name", list(FORMS))
async def test_escape_keeps_typed_words_says_so_and_brings_them_back(unlocked_app, name):
    form = FORMS[name]
    app, _, _ = await unlocked_app(seed)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        if form.area is not None:
            await pilot.press(form.area)
        await escape_keeps(pilot, told, name, form)


async def escape_keeps(pilot, told: Told, name: str, form: Form) -> None:
    app = pilot.app
    await pilot.pause()
    area = app.screen
    await pilot.press(*form.keys)
    await pilot.pause()
    opened = type(app.screen)
    assert opened is not type(area), name
    form.type_in(app)
    await pilot.pause()
    told.clear()
    await pilot.press("escape")
    await settle(pilot)
    assert app.screen is area, name  # closed as escape always did...
    assert told.messages == [KEPT_ON_CLOSE], name  # ...and said so

    await pilot.press(*form.keys)
    await pilot.pause()
    assert isinstance(app.screen, opened), name
    assert form.words_back(app), f"{name}: the words typed before escape are back"
    said = str(app.screen.query_one(form.message, Static).content)
    assert said.startswith("Your words from last time are back"), name

    await pilot.press("escape")  # still there, untouched: kept again, not dropped
    await settle(pilot)
    assert app.screen is area, name
    await pilot.press(*form.keys)
    await pilot.pause()
    assert form.words_back(app), name
    await pilot.press("escape")
    await settle(pilot)


async def test_a_win_emptied_before_escape_lets_its_draft_go(unlocked_app):
    app, _, _ = await unlocked_app(seed)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        # A win: typed, escaped (kept), then cleared and escaped: let go, nothing said.
        await pilot.press("w", "a")
        await pilot.pause()
        write("#card-text")(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.vault.all(FormDraft)) == 1
        await pilot.press("a")
        await pilot.pause()
        assert shows("#card-text")(app)
        box(app, "#card-text").value = ""
        told.clear()
        await pilot.press("escape")
        await settle(pilot)
        assert app.vault.all(FormDraft) == [] and not told.messages
        await pilot.press("a")
        await pilot.pause()
        assert shows("#card-text", "")(app)
        assert str(box(app, "#form-message").content) == ""
        await pilot.press("escape")


async def test_an_honesty_line_emptied_before_escape_lets_its_draft_go(unlocked_app):
    from trust_tui.screens.honesty import HonestyModal

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        # An honesty line: the same.
        await pilot.press("h")  # the honesty log, from home
        await pilot.pause()
        assert isinstance(app.screen, HonestyModal)
        write("#honesty-text")(app)
        await pilot.press("escape")
        await settle(pilot)
        assert [e.draft for e in app.vault.all(JournalEntry)] == [False, True]
        await pilot.press("h")
        await pilot.pause()
        box(app, "#honesty-text").value = ""
        await pilot.press("escape")
        await settle(pilot)
        assert [e.text for e in app.vault.all(JournalEntry)] == [EARLIER]


async def test_a_journal_edit_put_back_as_it_was_lets_its_kept_words_go(unlocked_app):
    from trust_tui.screens.journal import EntryEditor

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        # A journal edit put back as it was lets its kept words go; the entry is untouched.
        await pilot.press("j", "e")
        await pilot.pause()
        write("#entry-text", " at dusk")(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.vault.all(JournalEntry)) == 2  # the entry, and its kept new words
        listing = app.screen.query_one("#entries")
        prompts = [listing.get_option_at_index(i).prompt.plain
                   for i in range(listing.option_count) if listing.get_option_at_index(i).id]
        assert any("changes to an entry, not saved yet" in p for p in prompts)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        box(app, "#entry-text").load_text(EARLIER)
        await pilot.press("escape")
        await settle(pilot)
        [entry] = app.vault.all(JournalEntry)
        assert (entry.text, entry.draft, entry.history) == (EARLIER, False, [])
        await pilot.press("e")
        await pilot.pause()
        assert shows("#entry-text", EARLIER)(app)
        assert KEPT not in str(box(app, "#form-message").content)


async def test_kept_words_never_change_kept_into_missed(unlocked_app):
    """A note kept from a 'kept' log comes back on m, but the choice is the key pressed."""
    from textual.widgets import Select

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "k")
        await pilot.pause()
        write("#note")(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert shows("#note")(app)
        assert app.screen.query_one("#kept", Select).value == "missed"


def test_a_kept_draft_reads_as_a_draft_in_the_markdown_export(vault):
    from trust_tui.export import export_markdown

    sam = vault.partners[0].id
    vault.add(JournalEntry(author=sam, text="Half of what I", draft=True, created_at=NOW))
    vault.add(JournalEntry(author=sam, text=EARLIER, created_at=NOW))
    text = export_markdown(vault, NOW.date())
    assert "Sam (a draft, not saved yet)\n\nHalf of what I" in text
    assert f"Sam\n\n{EARLIER}" in text


async def test_two_windows_keeping_words_in_the_same_form_lose_neither(unlocked_app):
    from trust_tui.vault import Vault

    from conftest import ALEX_PASS

    app, path, _ = await unlocked_app(seed)
    other = Vault.open(path, ALEX_PASS)  # a second terminal on the same vault
    async with app.run_test(size=(80, 24)) as pilot:
        # Both open a new win; the other window escapes first, keeping its words.
        await pilot.press("w", "a")
        await pilot.pause()
        write("#card-text", "words from this window")(app)
        other.add(FormDraft(form="card:win", fields={"card-text": "words from the other"},
                            created_at=NOW - timedelta(minutes=1)))
        await pilot.press("escape")
        await settle(pilot)
        kept = sorted(d.fields.get("card-text", "") for d in app.vault.all(FormDraft))
        assert kept == ["words from the other", "words from this window"]

        # This window reopens its draft; the other window writes over that same draft
        # meanwhile; this window escapes again: both sets of words are still kept.
        await pilot.press("a")
        await pilot.pause()
        assert shows("#card-text", "words from this window")(app)
        mine = next(d for d in app.vault.all(FormDraft)
                    if d.fields.get("card-text") == "words from this window")
        other.put(mine.model_copy(update={"fields": {"card-text": "the other, again"}}))
        write("#card-text", "words from this window, and more")(app)
        await pilot.press("escape")
        await settle(pilot)
        kept = sorted(d.fields.get("card-text", "") for d in app.vault.all(FormDraft))
        assert kept == ["the other, again", "words from the other",
                        "words from this window, and more"]
