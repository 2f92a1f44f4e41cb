"""Sitting apart outside a talk: in the areas, too, a key in one app acts only for
the partner sitting at it. An expectation drafted in one app is agreed in the
other, each on their own key; the other's key says so and does nothing. The daily
check-in asks only this app's partner, so a save here never writes (or undoes)
what the other answers in their own window.

Two apps on one vault, as in test_two_seats.py (its helpers): each looks at the
disk when the test says (`sync`)."""

from __future__ import annotations

from conftest import SAM_PASS, Told, screen_text
from test_two_seats import (  # noqa: F401
    looks, looks_only_when_told, saved, side_by_side, sync, talk_under_way)

from textual.widgets import Input, Select, TextArea

from trust_tui.domain import agreements as rules
from trust_tui.domain.journal import EntryDraft
from trust_tui.models import Agreement, AgreementKind, AgreementStatus, CheckIn
from trust_tui.screens.agreements import ExpectationsScreen
from trust_tui.screens.checkin import CheckInModal
from trust_tui.screens.journal.editor import EntryEditor
from trust_tui.screens.talk.summary import SummaryForm
from trust_tui.store.journal import keep_draft, save_entry
from trust_tui.vault import Vault
from trust_tui.widgets.confirm import ConfirmModal


async def moves(pilot, key: str, *, seen_by) -> None:
    """A key pressed in one app, saved, and seen in the other."""
    await pilot.press(key)
    await saved(pilot)
    await sync(seen_by)


def a_draft(clock):
    """`seed`: one expectation, a draft Sam asked for."""
    def seed(vault):
        sam = vault.partners[0].id
        vault.add(rules.new_agreement(AgreementKind.EXPECTATION,
                                      "Text me if you will be home after 7", sam,
                                      now=clock.now()))
    return seed


async def test_an_expectation_drafted_in_one_app_is_agreed_in_each_on_its_own_key(
        vault_path, clock):
    async with side_by_side(vault_path, clock, a_draft(clock)) as (sam, sp, alex, ap):
        sam_id, alex_id = sam.vault.me.id, alex.vault.me.id
        told_alex = Told(alex)
        await sp.press("e")
        await ap.press("e")
        await ap.pause()
        assert isinstance(alex.screen, ExpectationsScreen)
        said = " ".join(screen_text(alex).split())
        assert "Agree on your own key: Sam in their window, 0 Alex" in said
        # In Alex's app, 1 is Sam's key: it says so and agrees nothing for Sam.
        await ap.press("1")
        await saved(ap)
        [draft] = alex.vault.all(Agreement)
        assert draft.confirmed_by == []
        assert "That yes is Sam's to give, from their window." in told_alex
        # Alex's own key agrees for Alex; Sam's, in Sam's app, for Sam.
        await moves(ap, "0", seen_by=sp)
        await moves(sp, "1", seen_by=ap)
        [agreed] = alex.vault.all(Agreement)
        assert agreed.status == AgreementStatus.AGREED
        assert set(agreed.confirmed_by) == {sam_id, alex_id}
        assert "Agreed by both" in " ".join(screen_text(alex).split())


async def test_the_check_in_in_each_app_asks_only_its_own_partner(vault_path, clock):
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        sam_id, alex_id = sam.vault.me.id, alex.vault.me.id
        await sp.press("c")
        sam.screen.query_one("#safe-0", Input).value = "5"
        await sp.press("ctrl+s")
        await saved(sp)
        await sync(ap)
        await ap.press("c")
        a_form = alex.screen
        assert isinstance(a_form, CheckInModal)
        # Only Alex's boxes: Sam's number, saved in Sam's app, is not here to type over.
        assert len(a_form.query(".safety")) == 1
        said = " ".join(screen_text(alex).split())
        assert "Sam answers in their own window" in said and "Alex first" not in said
        # Sam changes their answer in their own app while Alex's form is open.
        await sp.press("c")
        sam.screen.query_one("#safe-0", Input).value = "3"
        await sp.press("ctrl+s")
        await saved(sp)
        a_form.query_one("#safe-0", Input).value = "6"
        await ap.press("ctrl+s")
        await saved(ap)
        assert not isinstance(alex.screen, CheckInModal)
    got = {c.partner_id: c.safety for c in Vault.open(vault_path, SAM_PASS).all(CheckIn)}
    assert got == {sam_id: 3, alex_id: 6}  # Sam's latest answer stands


async def test_a_window_locked_is_named_and_not_said_to_have_closed(vault_path, clock):
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        told_sam = Told(sam)
        await ap.press("ctrl+l")  # Alex locks, say to make tea: the app is still open
        await ap.pause()
        await looks(sp, sam.check_seats)
        assert ("Alex's window has locked or closed: both of you can move from this one "
                "again.") in told_sam


async def test_a_next_step_written_in_alexs_app_is_alexs_at_first(vault_path, clock):
    async with side_by_side(vault_path, clock, talk_under_way(clock)) as (sam, sp, alex, ap):
        await ap.press("t")
        await ap.press("e", "y")  # Alex ends the talk: how it went opens in Alex's app
        await saved(ap)
        form = alex.screen
        assert isinstance(form, SummaryForm)
        form.query_one("#next-text", Input).focus()
        await ap.press(*"I call my sister", "enter")
        assert "I call my sister  (just a note, Alex)" in screen_text(alex)


async def test_an_entry_of_the_other_is_not_changed_nor_deleted_from_this_window(
        vault_path, clock):
    def seed(vault):
        sam = vault.partners[0].id
        save_entry(vault, EntryDraft(author=sam, kind="entry", feeling="tender",
                                     text="Sam's own words", private=False), clock.now())
    async with side_by_side(vault_path, clock, seed) as (sam, sp, alex, ap):
        told_alex = Told(alex)
        await ap.press("j")
        await ap.pause()
        await ap.press("d")  # the one entry, Sam's, is highlighted
        await ap.pause()
        assert not isinstance(alex.screen, ConfirmModal)
        await ap.press("e")
        await ap.pause()
        assert not isinstance(alex.screen, EntryEditor)
        assert "This entry is Sam's: they can change it in their own window." in told_alex
        await sp.press("j")
        await sp.pause()
        await sp.press("e")  # in Sam's own window it opens
        await sp.pause()
        assert isinstance(sam.screen, EntryEditor)


async def test_a_new_entry_in_alexs_window_is_written_by_alex_alone(vault_path, clock):
    def seed(vault):  # Sam began an entry in their window and closed it, kept
        sam = vault.partners[0].id
        keep_draft(vault, EntryDraft(author=sam, kind="entry", feeling=None,
                                     text="Sam's words, not finished", private=False,
                                     is_draft=True), clock.now())
    async with side_by_side(vault_path, clock, seed) as (sam, sp, alex, ap):
        await ap.press("j", "n")
        await ap.pause()
        editor = alex.screen
        assert isinstance(editor, EntryEditor)
        writers = editor.query_one("#entry-author", Select)
        assert [value for _label, value in writers._options] == [alex.vault.me.id]
        assert editor.query_one("#entry-text", TextArea).text == ""
        await sp.press("j", "n")  # Sam's kept words come back in Sam's own window
        await sp.pause()
        assert sam.screen.query_one("#entry-text", TextArea).text == "Sam's words, not finished"


async def test_the_honesty_line_in_alexs_window_is_alexs_and_sams_kept_line_stays_sams(
        vault_path, clock):
    def seed(vault):  # Sam began a line in their window and closed the box, kept
        sam = vault.partners[0].id
        keep_draft(vault, EntryDraft(author=sam, kind="honesty", feeling=None,
                                     text="I was late and said traffic", private=False,
                                     is_draft=True), clock.now())
    async with side_by_side(vault_path, clock, seed) as (sam, sp, alex, ap):
        await ap.press("h")
        await ap.pause()
        form = alex.screen
        who = form.query_one("#honesty-who", Select)
        assert [value for _label, value in who._options] == [alex.vault.me.id]
        assert "traffic" not in screen_text(alex)
        await sp.press("h")  # in Sam's own window the line is back
        await sp.pause()
        assert "I was late and said traffic" in [i.value for i in sam.screen.query(Input)]


async def test_a_card_in_alexs_window_is_alexs_and_sams_kept_words_stay_sams(vault_path,
                                                                              clock):
    from trust_tui.screens.wins import CardForm
    from trust_tui.store import drafts

    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        await sp.press("w", "a")  # Sam begins a win in their window and escapes: kept
        await sp.pause()
        await sp.press(*"You called before the train")
        await sp.press("escape")
        await saved(sp)
        assert drafts.latest(sam.vault, "card:win") is not None
        await ap.press("w", "a")
        await ap.pause()
        form = alex.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#card-text", Input).value == ""
        who = form.query_one("#card-who", Select)
        assert [value for _label, value in who._options] == [alex.vault.me.id]
        await ap.press("escape", "t")  # a thank-you from this window is from Alex
        await ap.pause()
        thanks = alex.screen.query_one("#card-who", Select)
        assert [value for _label, value in thanks._options] == [
            f"{alex.vault.me.id}>{sam.vault.me.id}"]
        await sp.press("a")  # in Sam's own window the words are back
        await sp.pause()
        assert sam.screen.query_one("#card-text", Input).value == "You called before the train"


async def test_a_check_in_open_as_the_other_window_locks_saves_what_it_asked(
        vault_path, clock):
    """The boxes are the ones the form opened with: the other window locking (or
    opening) meanwhile neither breaks the save nor drops an answer typed here."""
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        alex_id = alex.vault.me.id
        await ap.press("c")
        a_form = alex.screen
        assert isinstance(a_form, CheckInModal) and len(a_form.query(".safety")) == 1
        await sp.press("ctrl+l")  # Sam locks: Alex's app sits alone again
        await sp.pause()
        await looks(ap, alex.check_seats)
        assert alex.seated_as is None
        a_form.query_one("#safe-0", Input).value = "6"
        await ap.press("ctrl+s")
        await saved(ap)
        assert not isinstance(alex.screen, CheckInModal)
    got = {c.partner_id: c.safety for c in Vault.open(vault_path, SAM_PASS).all(CheckIn)}
    assert got == {alex_id: 6}


async def test_the_footer_names_only_this_windows_agree_key_while_apart(vault_path, clock):
    """At 120 columns the footer names the agree keys: apart, only this window's
    partner's; once the other window locks, both again (as at one keyboard)."""
    def agree_keys(app, *, shown: bool) -> set[str]:
        return {b.description for keys in app.screen._bindings.key_to_bindings.values()
                for b in keys if b.action.startswith("agree(") and b.show >= shown}

    async with side_by_side(vault_path, clock, a_draft(clock)) as (sam, sp, alex, ap):
        await ap.press("e")
        await ap.pause()
        assert isinstance(alex.screen, ExpectationsScreen)
        assert agree_keys(alex, shown=False) == {"Sam agrees", "Alex agrees"}
        assert agree_keys(alex, shown=True) == {"Alex agrees"}
        await sp.press("ctrl+l")  # Sam locks: both keys act in Alex's window again
        await sp.pause()
        await looks(ap, alex.check_seats)
        assert agree_keys(alex, shown=True) == {"Sam agrees", "Alex agrees"}


async def test_words_kept_in_alexs_window_stay_alexs_when_the_other_window_goes(
        vault_path, clock):
    """Whose kept words they are is fixed as the form opens: Sam's window locking
    meanwhile does not make them come back in Sam's window too."""
    from trust_tui.models import FormDraft

    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        alex_id = alex.vault.me.id
        await ap.press("w", "a")
        await ap.pause()
        await ap.press(*"You called before the train")
        await sp.press("ctrl+l")  # Sam locks: Alex's app sits alone again
        await sp.pause()
        await looks(ap, alex.check_seats)
        assert alex.seated_as is None
        await ap.press("escape")
        await saved(ap)
    kept = Vault.open(vault_path, SAM_PASS).all(FormDraft)
    assert [(d.fields.get("card-text"), d.by) for d in kept] == [
        ("You called before the train", alex_id)]
