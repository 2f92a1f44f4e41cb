"""The journal, driven by keys: writing, filters, search, edits with history,
delete and undo, private entries, the honesty log, and ten years of entries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input, OptionList, Select, Static, TextArea

from conftest import ALEX_PASS, SAM_PASS, Told, ids, screen_text, visible_text
from conftest import settle as saved
from trust_tui.domain.journal import private_payload, soft_deleted
from trust_tui.models import JournalEntry
from trust_tui.screens.honesty import HonestyModal
from trust_tui.screens.journal import (
    MORE,
    PAGE,
    EntryEditor,
    JournalScreen,
    PrivateKeyModal,
)
from trust_tui.vault import Vault
from trust_tui.widgets.apology_hint import ApologyHint
from trust_tui.widgets.who_is import WhoIsModal
from trust_tui.widgets.confirm import ConfirmModal

UTC = timezone.utc
T0 = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
HOSTILE = "[bold]loud[/] a [/] b [@click=app.quit]x \x1b[31mred"


# Days shown follow the local zone: pin it so the dates asserted hold.
pytestmark = pytest.mark.usefixtures("local_utc")


def listed(screen: JournalScreen) -> list[str | None]:
    listing = screen.query_one("#entries", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


def detail(screen: JournalScreen) -> str:
    parts = [screen.query_one(f"#{name}", Static).content for name in
             ("detail-head", "detail-text", "detail-history")]
    return "\n".join(str(part) for part in parts)


async def open_journal(pilot) -> JournalScreen:
    await pilot.press("j")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JournalScreen)
    return pilot.app.screen


def seed_three(vault: Vault) -> None:
    who = ids(vault)
    vault.add_many([
        JournalEntry(author=who["Sam"], feeling="hopeful", text="Kept our plan tonight.",
                     created_at=T0 - timedelta(hours=2)),
        JournalEntry(author=who["Alex"], feeling="guilty", kind="slip",
                     text="I forgot to text when I left work.",
                     created_at=T0 - timedelta(days=1)),
        JournalEntry(author=who["Sam"], feeling="calm", text="Walk by the river.",
                     created_at=T0 - timedelta(days=9)),
    ])


# --- writing ------------------------------------------------------------------------

async def test_a_new_entry_is_saved_with_author_feeling_and_time(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        message = editor.query_one("#form-message", Static)
        assert "A few words are enough." in str(message.content)  # nothing saved, no fuss
        editor.query_one("#entry-text", TextArea).insert("x" * 100_001)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Could it be two entries?" in str(message.content)
        assert app.vault.all(JournalEntry) == []
        editor.query_one("#entry-text", TextArea).clear()
        await pilot.press(*"I told", "enter")
        editor.query_one("#entry-text", TextArea).insert("[bold]not bold[/]")
        editor.query_one(".own-word", Input).value = "steady"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        [entry] = app.vault.all(JournalEntry)
        assert entry.text == "I told\n[bold]not bold[/]"
        assert entry.feeling == "steady"
        assert entry.author == ids(app.vault)["Sam"]
        assert entry.created_at == clock.now()
        assert listed(screen) == [entry.id]
        assert "[bold]not bold[/]" in detail(screen)
        assert "Feeling: steady" in detail(screen)


async def test_say_sorry_and_the_apology_hint_speaks_up_while_typing(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        hint = editor.query_one(ApologyHint)
        area = editor.query_one("#entry-text", TextArea)
        assert "Nothing after the sorry is needed." in str(area.placeholder)
        area.insert("I'm sorry I forgot our plan")
        await pilot.pause()
        assert hint.flags == []
        assert not hint.has_class("-flagged")
        area.insert(", but you never remind m")
        await pilot.press("e")  # the last letter typed by hand
        await pilot.pause()
        assert [f.pattern for f in hint.flags] == ["but_after_sorry", "always_never"]
        shown = str(hint.query_one(".apology-hint-text", Static).content)
        assert '"but"' in shown and "Try:" in shown
        # Gentle: saving is still allowed, the words kept as typed.
        await pilot.press("ctrl+s")
        await saved(pilot)
        [entry] = app.vault.all(JournalEntry)
        assert (entry.kind, entry.text) == (
            "apology", "I'm sorry I forgot our plan, but you never remind me")
        assert "Apology" in visible_text(pilot)


async def test_hostile_text_shows_as_typed(unlocked_app):
    def seed(vault):
        vault.add(JournalEntry(author=ids(vault)["Alex"], feeling="[i]x", text=HOSTILE,
                               created_at=T0))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        await pilot.pause()
        assert app.screen is screen  # nothing crashed, nothing quit
        body = str(screen.query_one("#detail-text", Static).content)
        assert "[bold]loud[/] a [/] b [@click=app.quit]x" in body
        assert "\x1b" not in body
        text = visible_text(pilot)
        assert "[bold]loud[/]" in text
        assert "[i]x" in text


# --- filters and search ---------------------------------------------------------------------

async def test_filter_by_author_feeling_kind_date_and_search(unlocked_app):
    app, _, _ = await unlocked_app(seed_three)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        everyone = listed(screen)
        assert len(everyone) == 3
        by_id = {e.id: e for e in app.vault.all(JournalEntry)}

        def shown_texts():
            return [by_id[i].text for i in listed(screen)]

        screen.query_one("#filter-author", Select).value = ids(app.vault)["Alex"]
        await pilot.pause()
        assert shown_texts() == ["I forgot to text when I left work."]
        screen.query_one("#filter-author", Select).value = ""
        screen.query_one("#filter-feeling", Select).value = "calm"
        await pilot.pause()
        assert shown_texts() == ["Walk by the river."]
        screen.query_one("#filter-feeling", Select).value = ""
        screen.query_one("#filter-kind", Select).value = "slip"
        await pilot.pause()
        assert shown_texts() == ["I forgot to text when I left work."]
        screen.query_one("#filter-kind", Select).value = ""
        await pilot.pause()

        screen.query_one("#filter-from", Input).focus()
        await pilot.press(*"May 1")
        await pilot.pause()
        assert len(listed(screen)) == 3  # a date it cannot read is named, not fatal
        assert "Dates look like 2026-03-02" in str(
            screen.query_one("#journal-status", Static).content)
        screen.query_one("#filter-from", Input).value = "2026-03-01"
        await pilot.pause()
        assert shown_texts() == ["Kept our plan tonight.", "I forgot to text when I left work."]
        screen.query_one("#filter-to", Input).focus()
        await pilot.press(*"2026-03-0", "1")
        await pilot.pause()
        assert shown_texts() == ["I forgot to text when I left work."]
        assert "2 of 3" not in str(screen.query_one("#journal-status", Static).content)
        assert "1 of 3 entries match" in str(screen.query_one("#journal-status", Static).content)
        screen.query_one("#filter-from", Input).value = ""
        screen.query_one("#filter-to", Input).value = ""
        await pilot.pause()

        screen.query_one("#entries", OptionList).focus()
        await pilot.press("slash")
        await pilot.press(*"PLAN")
        await pilot.pause()
        assert shown_texts() == ["Kept our plan tonight."]
        screen.query_one("#filter-search", Input).value = "plan holiday"
        await pilot.pause()
        assert listed(screen) == ["empty"]
        assert "Nothing matches these filters." in visible_text(pilot)


# --- edits, delete, undo ----------------------------------------------------------------------

async def test_an_edit_keeps_the_earlier_words(unlocked_app):
    app, _, clock = await unlocked_app(seed_three)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        first = listed(screen)[0]
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        area = editor.query_one("#entry-text", TextArea)
        assert area.text == "Kept our plan tonight."
        assert editor.query_one("#entry-author", Select).disabled  # the author stays
        clock.advance(3600)
        area.load_text("Kept our plan tonight, and texted when I left.")
        await pilot.press("ctrl+s")
        await saved(pilot)
        entry = app.vault.get(JournalEntry, first)
        assert entry.text == "Kept our plan tonight, and texted when I left."
        assert [h.old_text for h in entry.history] == ["Kept our plan tonight."]
        assert entry.history[0].at == clock.now()
        shown = detail(screen)
        assert "Edited 1 time" in shown
        assert "Kept our plan tonight." in shown
        assert "edited" in visible_text(pilot)


async def test_an_edit_saved_after_the_other_window_deleted_it_brings_it_back(unlocked_app):
    app, path, _ = await unlocked_app(seed_three)
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        first = listed(screen)[0]
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#entry-text", TextArea)
        # Meanwhile, in another terminal, Alex deletes that entry.
        other = Vault.open(path, ALEX_PASS)
        other.update(JournalEntry, first, lambda e: soft_deleted(e, T0))
        area.load_text("Words added in this window")
        await pilot.press("ctrl+s")
        await saved(pilot)
        entry = Vault.open(path, ALEX_PASS).get(JournalEntry, first)
        assert not entry.deleted and entry.text == "Words added in this window"
        assert first in listed(screen)
        assert "brought it back" in told


def test_words_kept_in_one_window_never_overwrite_a_draft_saved_in_another(vault):
    from trust_tui.domain.journal import EntryDraft
    from trust_tui.store.journal import keep_draft as write_entry_draft

    me = vault.me.id
    kept = write_entry_draft(vault, EntryDraft(me, "entry", None, "Our evening", False), T0)
    # The other window opens that draft, adds words and saves it as an entry.
    other = Vault.open(vault.path, ALEX_PASS)
    other.update(JournalEntry, kept, lambda e: e.model_copy(
        update={"text": "Our evening, saved in the other window", "draft": False}))
    vault.reload()
    # This window, still editing the draft, is closed (escape or a lock).
    again = write_entry_draft(vault, EntryDraft(me, "entry", None, "Our evening, and more",
                                                False, entry_id=kept, is_draft=True), T0)
    saved = vault.get(JournalEntry, kept)
    assert (saved.text, saved.draft) == ("Our evening, saved in the other window", False)
    beside = vault.get(JournalEntry, again)
    assert again != kept and beside.draft and beside.draft_of == kept
    assert beside.text == "Our evening, and more"  # both sets of words are kept


async def test_delete_asks_first_and_can_be_undone(unlocked_app):
    def seed(vault):
        seed_three(vault)
        vault.add(JournalEntry(author=ids(vault)["Sam"], text="deleted two days ago",
                               deleted=True, deleted_at=T0 - timedelta(days=2),
                               created_at=T0 - timedelta(days=3)))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        await saved(pilot)
        # An entry deleted in an earlier session, a day or more ago, is gone for good.
        assert "deleted two days ago" not in [e.text for e in app.vault.all(JournalEntry)]
        first = listed(screen)[0]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # "Keep it" has the focus: the safe choice
        await pilot.pause()
        assert app.screen is screen and first in listed(screen)

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await saved(pilot)
        assert first not in listed(screen)
        assert app.vault.get(JournalEntry, first).deleted
        assert "u brings back" in str(screen.query_one("#journal-status", Static).content)

        await pilot.press("u")
        await saved(pilot)
        assert listed(screen)[0] == first
        assert not app.vault.get(JournalEntry, first).deleted
        await pilot.press("u")
        await pilot.pause()
        assert len(listed(screen)) == 3


# --- private entries --------------------------------------------------------------------------

SECRET = "Zanzibarsecretword"


def seed_alex_private(vault: Vault) -> None:
    alex_vault = Vault.open(vault.path, ALEX_PASS)
    alex = alex_vault.me.id
    alex_vault.add(JournalEntry(author=alex, private=True, created_at=T0,
                                sealed=alex_vault.seal(private_payload(SECRET, "scared"))))
    vault.reload()


async def test_a_private_entry_shows_only_its_author_until_they_open_it_for_the_session(
        unlocked_app):
    app, _, _ = await unlocked_app(seed_alex_private)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        text = visible_text(pilot)
        assert "Private entry by Alex" in text
        assert SECRET not in text and "scared" not in text
        assert SECRET not in app.export_screenshot()
        # It cannot be edited, deleted or searched into view.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen
        screen.query_one("#filter-search", Input).value = "Zanzibar"
        await pilot.pause()
        assert listed(screen) == ["empty"]
        screen.query_one("#filter-search", Input).value = ""
        screen.query_one("#entries", OptionList).focus()
        await pilot.pause()

        # Alex opens them with their own passphrase, while the journal is open.
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PrivateKeyModal)
        modal.query_one(Input).value = "not-the-passphrase"
        await pilot.press("enter")
        await saved(pilot)
        assert "did not open" in str(modal.query_one("#form-message", Static).content)
        assert app.screen is modal
        assert modal.query_one(Input).value == ""  # a passphrase never stays on screen
        modal.query_one(Input).value = ALEX_PASS
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is screen
        assert SECRET in detail(screen)
        assert "Private: only Alex can read it." in detail(screen)
        assert "open (p puts them away)" in str(screen.query_one("#journal-status").content)

        await pilot.press("p")
        await pilot.pause()
        assert not app.vault.can_read_private(ids(app.vault)["Alex"])
        assert SECRET not in detail(screen)
        assert "Private entry by Alex" in detail(screen)

        # Opened again, then the journal is left: they are put away by themselves.
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(Input).value = ALEX_PASS
        await pilot.press("enter")
        await saved(pilot)
        assert app.vault.can_read_private(ids(app.vault)["Alex"])
        await pilot.press("n")  # a modal over the journal keeps them open
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.vault.can_read_private(ids(app.vault)["Alex"])
        await pilot.press("escape")  # home
        await pilot.pause()
        await pilot.pause()
        assert not app.vault.can_read_private(ids(app.vault)["Alex"])


async def test_a_private_entry_for_the_other_partner_asks_for_their_passphrase(unlocked_app):
    app, path, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        # Sam unlocked; Alex is at the keyboard. Ticking private asks who is writing,
        # every time, instead of sealing it to whoever unlocked.
        editor.query_one("#entry-private").toggle()
        await pilot.pause()
        assert "Private: only the writer" in str(editor.query_one("#entry-private").label)
        editor.query_one("#entry-text", TextArea).insert(SECRET)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WhoIsModal)
        assert "Who is writing this private entry?" in screen_text(app)
        await pilot.press("j")  # Alex's own key
        await pilot.pause()
        assert isinstance(app.screen, PrivateKeyModal)
        await pilot.press("escape")
        await pilot.pause()
        # Changed their mind: the words are back in the editor, nothing saved.
        assert isinstance(app.screen, EntryEditor)
        assert app.screen.query_one("#entry-text", TextArea).text == SECRET
        assert app.vault.all(JournalEntry) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WhoIsModal)  # asked again: every time
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one(Input).value = ALEX_PASS
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is screen
        [entry] = app.vault.all(JournalEntry)
        assert entry.private and entry.text is None and entry.feeling is None
        assert entry.author == ids(app.vault)["Alex"]
        assert SECRET in detail(screen)

    # Sam's passphrase opens the vault but not Alex's words.
    as_sam = Vault.open(path, SAM_PASS)
    [entry] = as_sam.all(JournalEntry)
    assert as_sam.unseal(entry.sealed) is None


async def test_a_private_entry_by_sam_cannot_be_read_with_alexs_passphrase(unlocked_app):
    app, path, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#entry-private").toggle()
        app.screen.query_one("#entry-text", TextArea).insert(SECRET)
        app.screen.query_one(".own-word", Input).value = "ashamed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f")  # "who is writing": Sam, with Sam's own key
        await saved(pilot)
        [entry] = app.vault.all(JournalEntry)
        assert entry.private and entry.text is None and entry.feeling is None
        # Sam unlocked, but Alex sits beside: Sam's private words stay closed until
        # Sam types their passphrase here, and close again with p.
        screen = app.screen
        assert SECRET not in detail(screen) and SECRET not in visible_text(pilot)
        assert "Private entry by Sam" in detail(screen)
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(Input).value = SAM_PASS
        await pilot.press("enter")
        await saved(pilot)
        assert SECRET in detail(screen)
        await pilot.press("p")
        await pilot.pause()
        assert SECRET not in detail(screen)

    as_alex = Vault.open(path, ALEX_PASS)
    [seen] = as_alex.all(JournalEntry)
    assert as_alex.unseal(seen.sealed) is None
    # Everything an export could write holds no plaintext (nor the feeling).
    dumped = "".join(e.model_dump_json() for e in as_alex.all(JournalEntry))
    assert SECRET not in dumped and "ashamed" not in dumped
    for name in (path, path.with_name(path.name + ".bak")):
        if name.exists():
            assert SECRET.encode() not in name.read_bytes()


# --- the honesty log ---------------------------------------------------------------------------

async def test_honesty_log_is_one_key_from_home(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("escape")  # an empty box closes with nothing kept
        await pilot.pause()
        assert not isinstance(app.screen, HonestyModal)
        assert app.vault.all(JournalEntry) == []
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HonestyModal)
        await pilot.press("enter")
        await pilot.pause()
        assert "A few words are enough" in str(app.screen.query_one("#form-message").content)
        app.screen.query_one("#honesty-text", Input).value = "Had lunch with Jo [from work"
        await pilot.press("]", "enter")
        await saved(pilot)
        assert not isinstance(app.screen, HonestyModal)
        [entry] = app.vault.all(JournalEntry)
        assert (entry.kind, entry.text, entry.created_at) == (
            "honesty", "Had lunch with Jo [from work]", clock.now())
        assert entry.author == ids(app.vault)["Sam"]


async def test_a_small_slip_by_the_other_partner(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#honesty-who", Select).value = ids(app.vault)["Alex"]
        modal.query_one("#honesty-kind", Select).value = "slip"
        await pilot.pause()
        modal.query_one("#honesty-text", Input).value = "Sorry I forgot our plan tonight, bu"
        await pilot.press("t")
        await pilot.pause()
        assert [f.pattern for f in modal.query_one(ApologyHint).flags] == ["but_after_sorry"]
        await pilot.press("enter")
        await saved(pilot)
        [entry] = app.vault.all(JournalEntry)
        assert (entry.kind, entry.author) == ("slip", ids(app.vault)["Alex"])
        # The journal shows it under "Small slip".
        screen = await open_journal(pilot)
        assert "Small slip" in visible_text(pilot)
        assert listed(screen) == [entry.id]


# --- ten years of entries -----------------------------------------------------------------------

async def test_four_thousand_entries_open_page_and_filter(unlocked_app):
    def seed(vault):
        who = ids(vault)
        vault.add_many([
            JournalEntry(author=who["Sam" if i % 2 else "Alex"],
                         feeling="calm" if i % 40 == 0 else "hopeful",
                         text=f"Day {i}: {'river walk' if i % 400 == 0 else 'kept the plan'}",
                         created_at=T0 - timedelta(hours=21 * i))
            for i in range(4000)])

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        assert "4000 entries" in str(screen.query_one("#journal-status", Static).content)
        shown = listed(screen)
        assert len(shown) == PAGE + 1 and shown[-1] == MORE  # a page, not 4000 widgets
        assert len(screen.query("*")) < 60  # one list widget, not a widget per entry
        listing = screen.query_one("#entries", OptionList)
        assert listing.highlighted == 0
        await pilot.press("end", "enter")
        await pilot.pause()
        assert len(listed(screen)) == 2 * PAGE + 1
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        screen.query_one("#filter-search", Input).value = "river"
        await pilot.pause()
        assert len(listed(screen)) == 10
        screen.query_one("#filter-feeling", Select).value = "calm"
        await pilot.pause()
        assert len(listed(screen)) == 10  # every 400th is also every 40th
        screen.query_one("#filter-search", Input).value = ""
        await pilot.pause()
        assert len(listed(screen)) == 100
        assert "100 of 4000 entries match" in str(
            screen.query_one("#journal-status", Static).content)


async def test_the_apology_hint_works_around_any_input():
    """The widget on its own, as other screens reuse it: wrap a field, get notes."""
    from textual.app import App

    seen: list[list[str]] = []

    class Form(App[None]):
        def compose(self):
            yield ApologyHint(Input(id="said"))

        def on_apology_hint_flagged(self, event: ApologyHint.Flagged) -> None:
            seen.append([f.pattern for f in event.flags])

    app = Form()
    async with app.run_test(size=(80, 12)) as pilot:
        app.query_one("#said", Input).value = "Sorry you feel that way"
        await pilot.pause()
        hint = app.query_one(ApologyHint)
        assert hint.has_class("-flagged")
        assert "Try:" in str(hint.query_one(".apology-hint-text", Static).content)
        app.query_one("#said", Input).value = "I'm sorry I hurt you."
        await pilot.pause()
        assert not hint.has_class("-flagged")
        assert seen == [["sorry_you_feel"], []]


async def test_the_apology_hint_says_first_that_there_is_more_and_what_is_missing():
    """Three phrases in a short box: the count comes first, so it is never cut off;
    a longer apology that owns nothing and offers nothing hears that, gently."""
    from textual.app import App

    class Form(App[None]):
        def compose(self):
            yield ApologyHint(Input(id="said"))

    app = Form()
    async with app.run_test(size=(80, 12)) as pilot:
        app.query_one("#said", Input).value = (
            "Sorry if that came across badly, but you never let me finish.")
        await pilot.pause()
        shown = str(app.query_one(".apology-hint-text", Static).content)
        assert shown.splitlines()[0].startswith("3 phrases to look at")
        app.query_one("#said", Input).value = (
            "I am so sorry about everything that happened between us lately, truly.")
        await pilot.pause()
        shown = str(app.query_one(".apology-hint-text", Static).content)
        assert "name what you did" in shown and "toward repair" in shown
        app.query_one("#said", Input).value = (
            "I am so sorry I lied to you about the money. I will show you the statements.")
        await pilot.pause()
        assert not app.query_one(ApologyHint).has_class("-flagged")


async def test_words_in_an_open_editor_survive_a_lock_as_a_draft(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(pilot)
        await pilot.press("n")  # words cleared before escape are let go
        await pilot.pause()
        app.screen.query_one("#entry-text", TextArea).insert("never mind")
        app.screen.query_one("#entry-text", TextArea).clear()
        await pilot.press("escape")
        await saved(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#entry-text", TextArea).insert("Half of what I wanted to sa")
        await pilot.press("y")
        app.screen.query_one(".own-word", Input).value = "shaky"
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.vault_open

    again = Vault.open(path, SAM_PASS)
    [draft] = again.all(JournalEntry)
    assert (draft.draft, draft.text, draft.feeling) == (
        True, "Half of what I wanted to say", "shaky")

    from trust_tui.app import TrustApp
    from trust_tui.vault import FAST_TEST_KDF

    app = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=again)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(pilot)
        assert "draft, not saved yet" in visible_text(pilot)
        assert "1 draft not saved yet" in str(screen.query_one("#journal-status", Static).content)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert "A draft, not saved yet" in visible_text(pilot)
        assert not editor.query_one("#entry-author", Select).disabled
        editor.query_one("#entry-text", TextArea).insert(", and the rest.")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [entry] = app.vault.all(JournalEntry)
        assert (entry.id, entry.draft, entry.history) == (draft.id, False, [])
        assert entry.text == "Half of what I wanted to say, and the rest."
        assert "draft" not in str(screen.query_one("#journal-status", Static).content)

