"""Any text a person can type, shown in the app and written out in the Markdown export.

Hypothesis draws the words (any Unicode, mixed with markup, escape sequences and
template characters); one app run per screen that shows a partner's words (the
wins wall, a journal entry, an expectation) then shows them all. Each must appear
exactly as typed (control characters as a visible mark, nothing else changed), never
as markup, with nothing raw reaching the terminal and nothing crashing. Drawing
first and running each screen's app once keeps this to a couple of seconds; a failure names
the text that broke it.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList, Static

from conftest import screen_text
from trust_tui.models import Agreement, AgreementKind, JournalEntry, Win
from trust_tui.vault import Vault
from trust_tui.widgets.typed import shown_text, typed

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
MARKUP = ["[bold]", "[/]", "[@click=app.quit]", "[b]x[/b]", "[link=https://x]", "\x1b[31m",
          "\x1b]8;;x\x07", "$v", "{x}", "\\[", "[", "]", "\n", "\t", "\r", "\x00", "\u200d",
          "\u202e", "👩\u200d❤️\u200d👨", "e\u0301", "你好", "\ufeff", "🩷", "\u00a0",
          "\u3000", "\u202f", "\u2028", "\r\n", "\uf8ff", "\x7f", "\x9b"]
TYPED_TEXT = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(MARKUP)),
                      min_size=1, max_size=8).map("".join).filter(lambda t: t.strip())


def draw(strategy, count: int) -> list:
    """`count` values hypothesis thinks worth trying (edge cases first), drawn up front
    so one app run can show them all."""
    found: list = []

    @settings(max_examples=count, database=None, deadline=None)
    @given(strategy)
    def collect(value) -> None:
        found.append(value)

    collect()
    return found[:count]


def plain(widget) -> str:
    return widget.visual.plain if hasattr(widget, "visual") else str(widget.render())


def nothing_raw_reaches_the_terminal(app, where: str) -> None:
    """No control character (escape, bell, carriage return, bidi override) is painted:
    it could recolour, move or reorder what the other partner sees."""
    for ch in screen_text(app):
        if ch != "\n":
            assert unicodedata.category(ch) not in ("Cc",) and ch not in "\u202e\u202d", (
                where, hex(ord(ch)))


@pytest.mark.parametrize("text, on_screen", [
    ("[bold]not bold[/] [@click=app.quit]x", "[bold]not bold[/] [@click=app.quit]x"),
    ("\x1b[31mred\x07\x00\x7f\x9b", "\ufffd[31mred\ufffd\ufffd\ufffd\ufffd"),
    ("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour"),
    # Newer than Python 3.11's tables (Unicode 15): a pink heart, a shaking face.
    ("love you \U0001fa77 \U0001fae8", "love you \U0001fa77 \U0001fae8"),
    # Spaces people type: no-break (macOS option+space), French narrow, ideographic.
    *[(spaced, spaced) for spaced in ["à\u00a0bientôt, je t'aime\u202f!", "你好\u3000世界"]],
    ("Apple \uf8ff", "Apple \uf8ff"),  # option+shift+k on a Mac: private use
    # Invisible joiners and marks are left out on screen: the same layout everywhere.
    ("us 👩\u200d❤️\u200d👨", "us 👩❤️👨"),
    ("abc\u202edef\u202c \u200fשלום\u00ad", "abcdef שלום"),
])
def test_what_a_screen_shows_for_typed_text(text, on_screen):
    """Only what a terminal would act on is changed; every word and symbol stays."""
    assert shown_text(text) == on_screen
    assert typed(text).plain == on_screen and not typed(text).spans


async def wins_wall(pilot, texts: list[str], ids: list[str]) -> None:
    app = pilot.app
    await pilot.press("w")
    await pilot.pause()
    wall = app.screen.query_one("#wall", OptionList)
    for text, win_id in zip(texts, ids):
        card = wall.get_option(win_id).prompt
        assert card.plain.endswith("\n" + typed(text).plain), (text, card.plain)
        wall.highlighted = wall.get_option_index(win_id)  # scrolled into view, painted
        await pilot.pause()
        nothing_raw_reaches_the_terminal(app, f"the wins wall showing {text!r}")


async def journal(pilot, texts: list[str], ids: list[str]) -> None:
    app = pilot.app
    await pilot.press("j")
    await pilot.pause()
    entries = app.screen.query_one("#entries", OptionList)
    for text, entry_id in zip(texts, ids):
        entries.highlighted = entries.get_option_index(entry_id)
        await pilot.pause()
        body = app.screen.query_one("#detail-text", Static)
        assert plain(body) == typed(text).plain, (text, plain(body))
        assert not body.visual.spans, text  # no style came out of the words
        nothing_raw_reaches_the_terminal(app, f"the journal showing {text!r}")


async def expectations(pilot, texts: list[str], ids: list[str]) -> None:
    app = pilot.app
    await pilot.press("e")
    await pilot.pause()
    listing = app.screen.query_one("#agr-list", OptionList)
    for text, agreement_id in zip(texts, ids):
        listing.highlighted = listing.get_option_index(agreement_id)
        await pilot.pause()
        wording = app.screen.query_one("#agr-wording", Static)
        assert plain(wording) == typed(text).plain, (text, plain(wording))
        assert not wording.visual.spans, text
        nothing_raw_reaches_the_terminal(app, f"the expectations showing {text!r}")


def a_win(text: str, sam: str, alex: str, when: datetime) -> Win:
    return Win(text=text, noticed_by=alex, created_at=when)


def an_entry(text: str, sam: str, alex: str, when: datetime) -> JournalEntry:
    return JournalEntry(author=alex, text=text, created_at=when)


def an_expectation(text: str, sam: str, alex: str, when: datetime) -> Agreement:
    return Agreement(kind=AgreementKind.EXPECTATION, wording=text, asked_by=sam,
                     created_at=when)


# One app run per screen, so test workers can share them out.
SCREENS = {"wins wall": (a_win, wins_wall), "journal": (an_entry, journal),
           "expectations": (an_expectation, expectations)}


@pytest.mark.parametrize("where", list(SCREENS))
async def test_any_typed_text_shows_exactly_on_every_screen_that_shows_words(
        unlocked_app, where):
    record, walk = SCREENS[where]
    # One fixed worst case (so every run has it), then what hypothesis draws.
    texts = ["[bold]loud[/] a [/] b [@click=app.quit]x \x1b[31mred $v {x}"] + draw(TYPED_TEXT, 7)
    ids: list[str] = []

    def seed(vault: Vault) -> None:
        sam, alex = (p.id for p in vault.partners)
        for n, text in enumerate(texts):
            made = record(text, sam, alex, NOW - timedelta(minutes=n))
            vault.add(made)
            ids.append(made.id)

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await walk(pilot, texts, ids)
        app.action_go_home()
        await pilot.pause()
        assert app.is_running  # no [@click=app.quit] became a live link on the way


@settings(max_examples=30, deadline=None)
@given(text=TYPED_TEXT)
def test_the_markdown_export_keeps_any_words_exactly(tmp_path_factory, text):
    """There is no Markdown import (JSON is the round trip, in test_vault_faults.py);
    the Markdown copy is for reading, so the words must be in it exactly as typed,
    except control characters: those are written as visible codes (ESC as \\x1b),
    so reading the copy with `cat` in a terminal never acts on them."""
    from conftest import make_vault

    from trust_tui.export import export_markdown, visible_controls

    vault = make_vault(tmp_path_factory.mktemp("md") / "couple.vault")
    vault.add_many([Win(text=text, noticed_by=vault.me.id, created_at=NOW),
                    JournalEntry(author=vault.me.id, text=text, created_at=NOW)])
    out = export_markdown(vault, date(2026, 3, 3))
    # The win and the journal entry, each a paragraph of its own, word for word.
    assert out.count(f"\n\n{visible_controls(text)}\n\n") >= 2, (text, out)
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in out)


async def test_an_editor_holding_escape_codes_paints_none_of_them(unlocked_app):
    """Editing words that came in with escape codes (pasted, imported or piped to
    `trust-tui add`): the editor holds them as they are, the terminal never gets them."""
    from textual.widgets import TextArea

    from trust_tui.screens.journal import EntryEditor

    words = "red \x1b[31mRED\x07 title \x1b]0;pwned\x07 clip \x1b]52;c;aGk=\x07 \u202eevil"

    def seed(vault: Vault) -> None:
        vault.add(JournalEntry(author=vault.me.id, text=words, created_at=NOW))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert app.screen.query_one("#entry-text", TextArea).text == words
        nothing_raw_reaches_the_terminal(app, "the journal editor")
        text = screen_text(app)
        assert "red [31mRED title ]0;pwned clip ]52;c;aGk= evil" in text
