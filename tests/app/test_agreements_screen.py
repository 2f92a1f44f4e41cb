"""Pilot tests of the expectations and boundaries screens: adding, agreeing on each
partner's own key, editing (back to draft with history), follow-through, reviews,
raise it now, undo, export, markup-like text, and 80x24."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta, timezone

from textual.content import Content
from textual.widgets import Input, OptionList, Select, Sparkline, Static, TextArea

from conftest import Told, settle

from trust_tui.domain import agreements as ag
from trust_tui.domain.agreements_md import agreements_markdown
from trust_tui.domain.follow_through import log_follow_through
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    RaisedConcern,
)
from trust_tui.screens.agreements import (
    AgreementForm,
    BoundariesScreen,
    ConcernForm,
    ExpectationsScreen,
    ExportForm,
    FollowThroughForm,
    ReviewForm,
    due_boundaries,
    due_expectations,
)
from trust_tui.store import agreements as store
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)  # the fixture clock (a Monday)
TODAY = date(2026, 3, 2)
MARKUP = ["[bold]", "[/]", "[@click=app.quit]x", "\x1b[31mred"]


def ids(vault) -> tuple[str, str]:
    sam, alex = vault.partners
    return sam.id, alex.id


def make(vault, wording: str, *, kind=AgreementKind.EXPECTATION, agreed=False,
         days_ago: int = 0, confirmed_by: str | None = None) -> Agreement:
    sam, alex = ids(vault)
    when = NOW - timedelta(days=days_ago)
    a = ag.new_agreement(kind, wording, sam, now=when)
    if confirmed_by:
        a = ag.confirm(a, confirmed_by, [sam, alex], when)
    if agreed:
        a = ag.confirm(ag.confirm(a, sam, [sam, alex], when), alex, [sam, alex], when)
    vault.add(a)
    return a



async def open_area(pilot, key: str) -> None:
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()


def stored(app) -> list[Agreement]:
    return app.vault.all(Agreement)


def text_of(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


# --- adding ----------------------------------------------------------------------------

async def test_add_an_expectation_with_a_gentle_hint_then_undo_it(unlocked_app):
    app, _, _ = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        assert isinstance(app.screen, ExpectationsScreen)
        await pilot.press("ctrl+z")  # nothing to undo yet: nothing happens
        await pilot.press("a", "space", "ctrl+s")  # empty words are not saved
        await settle(pilot)
        assert isinstance(app.screen, AgreementForm)
        assert "few words" in text_of(app, "#form-message")
        assert stored(app) == []

        wording = app.screen.query_one("#wording", TextArea)
        wording.load_text("Communicate bett")
        wording.cursor_location = wording.document.end
        await pilot.press("e", "r")  # the hint follows the typing
        await pilot.pause()
        hint = text_of(app, "#vague-hint")
        assert "'communicate' and 'better'" in hint and "save it as it is" in hint
        await pilot.press("ctrl+s")  # the hint never blocks the save
        await settle(pilot)
        assert isinstance(app.screen, ExpectationsScreen)
        [a] = stored(app)
        assert a.wording == "Communicate better"
        assert a.status == AgreementStatus.DRAFT
        assert a.asked_by == app.vault.me.id and a.kind == AgreementKind.EXPECTATION
        prompt = app.screen.query_one("#agr-list", OptionList).get_option_at_index(0).prompt
        assert "draft" in prompt.plain and "waiting for Sam and Alex" in prompt.plain

        await pilot.press("ctrl+z")  # undo the last change: the add
        await settle(pilot)
        assert stored(app) == []
        assert "Undone: adding an expectation." in told.messages


# --- agreed by both -----------------------------------------------------------------------

async def test_each_partner_agrees_on_their_own_key(unlocked_app):
    app, _, _ = await unlocked_app(seed=lambda v: make(v, "Tell me if you'll be late"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        keys = {key: b.binding.description for key, b in app.screen.active_bindings.items()}
        assert keys["1"] == "Sam agrees" and keys["0"] == "Alex agrees"
        assert "Agree on your own key: 1 Sam, 0 Alex" in text_of(app, "#agr-keys")
        sam, alex = ids(app.vault)

        await pilot.press("k")  # a draft takes no follow-through yet
        await pilot.pause()
        assert isinstance(app.screen, ExpectationsScreen)

        await pilot.press("0", "0")  # a second press takes a draft's yes back
        await settle(pilot)
        assert stored(app)[0].confirmed_by == []

        await pilot.press("1")
        await settle(pilot)
        [a] = stored(app)
        assert a.confirmed_by == [sam] and a.status == AgreementStatus.DRAFT
        assert "Waiting for Alex" in text_of(app, "#agr-status")

        await pilot.press("0")
        await settle(pilot)
        [a] = stored(app)
        assert a.status == AgreementStatus.AGREED
        assert set(a.confirmed_by) == {sam, alex}
        assert app.vault.all(FollowThrough) == []
        assert a.next_review == TODAY + timedelta(days=14)
        assert "Agreed by both on 2 Mar. Next review: 16 Mar" in text_of(app, "#agr-status")


# --- editing and undo -----------------------------------------------------------------------

async def test_editing_agreed_words_goes_back_to_draft_with_history(unlocked_app, clock):
    app, _, _ = await unlocked_app(
        seed=lambda v: make(v, "Tell me if you'll be late", agreed=True, days_ago=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AgreementForm)
        area = form.query_one("#wording", TextArea)
        assert area.cursor_location == area.document.end  # typing goes on at the end
        form.query_one("#wording", TextArea).load_text("Text me if you'll be home after 7")
        form.query_one("#changed-by", Select).value = ids(app.vault)[1]  # Alex changes it
        await pilot.press("ctrl+s")
        await settle(pilot)
        [a] = stored(app)
        assert a.status == AgreementStatus.DRAFT and a.confirmed_by == []
        assert a.next_review is None
        [change] = a.history
        assert change.old_wording == "Tell me if you'll be late"
        assert change.new_wording == "Text me if you'll be home after 7"
        assert (change.by, change.at) == (ids(app.vault)[1], clock.now())
        history = text_of(app, "#agr-history")
        assert "changed by Alex. Before: Tell me if you'll be late" in history

        await pilot.press("ctrl+z")  # undo the last change
        await settle(pilot)
        [a] = stored(app)
        assert a.status == AgreementStatus.AGREED and a.history == []
        assert a.wording == "Tell me if you'll be late"


# --- follow-through ------------------------------------------------------------------------

async def test_logging_kept_and_missed_shows_in_the_consistency_view(unlocked_app):
    app, _, _ = await unlocked_app(
        seed=lambda v: make(v, "Tell me if you'll be late", agreed=True, days_ago=10))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, FollowThroughForm)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#on", Select).value = (TODAY - timedelta(days=1)).isoformat()
        app.screen.query_one("#note", Input).value = "traffic"
        await pilot.press("enter")
        await settle(pilot)
        log = sorted(app.vault.all(FollowThrough), key=lambda f: f.on)
        assert [(f.kept, f.on, f.note) for f in log] == [
            (False, TODAY - timedelta(days=1), "traffic"), (True, TODAY, "")]
        assert all(f.by == app.vault.me.id for f in log)
        # Monday 2 Mar starts a new week: the miss on Sunday is last week's.
        assert text_of(app, "#agr-summary") == (
            "Last 8 weeks: 1 kept, 1 missed. This week: 1 kept, 0 missed.")
        assert list(app.screen.query_one("#spark-kept", Sparkline).data) == [0] * 7 + [1]
        assert list(app.screen.query_one("#spark-missed", Sparkline).data) == [0] * 6 + [1, 0]
        assert text_of(app, "#numbers-missed") == "0 0 0 0 0 0 1 0"
        assert "missed (logged by Sam) - traffic" in text_of(app, "#agr-history")


async def test_three_misses_in_the_period_bring_a_gentle_note(unlocked_app):
    def seed(vault):
        a = make(vault, "Tell me if you'll be late", agreed=True, days_ago=10)
        vault.add_many([log_follow_through(a, by=ids(vault)[1], kept=False,
                                           on=TODAY - timedelta(days=d), now=NOW)
                        for d in (1, 3, 6)])

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        notice = app.screen.query_one("#agr-notice", Static)
        assert notice.display
        words = text_of(app, "#agr-notice")
        assert "missed 3 times" in words and "counsellor or coach" in words
        assert "fail" not in words.lower()


# --- reviews --------------------------------------------------------------------------------

async def test_a_due_review_shows_on_home_then_keep_or_adjust(unlocked_app):
    app, _, _ = await unlocked_app(
        seed=lambda v: make(v, "Tell me if you'll be late", agreed=True, days_ago=14))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Review: 'Tell me if you'll be late' (due 2 Mar)" in text_of(app, "#due-list")
        await open_area(pilot, "e")
        assert "review due" in app.screen.query_one(
            "#agr-list", OptionList).get_option_at_index(0).prompt.plain
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReviewForm)
        assert text_of(app, "#so-far") == "Nothing logged since 16 Feb."
        await pilot.press("ctrl+s")  # each says how it is going first
        await pilot.pause()
        assert isinstance(app.screen, ReviewForm)
        assert "Sam: is it working for you?" in text_of(app, "#form-message")
        sam, alex = ids(app.vault)
        form.query_one("#working-0", Select).value = "yes"
        form.query_one("#working-1", Select).value = "no"
        await pilot.press("ctrl+s")  # keep needs both: one said "not yet"
        await pilot.pause()
        assert isinstance(app.screen, ReviewForm)
        assert "needs both of you" in text_of(app, "#form-message")
        assert stored(app)[0].reviews == []
        form.query_one("#working-1", Select).value = "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [a] = stored(app)
        assert a.status == AgreementStatus.AGREED
        assert a.next_review == TODAY + timedelta(days=14)
        assert a.reviews[-1].working == {sam: True, alex: True}
        assert a.reviews[-1].outcome == "keep"
        assert "keep (working for Sam, working for Alex)" in text_of(app, "#agr-history")

        await pilot.press("r")  # a review can also adjust the words
        await pilot.pause()
        form = app.screen
        assert not form.query_one("#new-wording", TextArea).display
        form.query_one("#working-0", Select).value = "no"
        form.query_one("#working-1", Select).value = "no"
        form.query_one("#outcome", Select).value = "adjust"
        await pilot.pause()
        assert form.query_one("#new-wording", TextArea).display
        form.query_one("#new-wording", TextArea).load_text("Text me by 6 if you'll be late")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [a] = stored(app)
        assert a.status == AgreementStatus.DRAFT and a.wording == "Text me by 6 if you'll be late"
        assert a.history[-1].old_wording == "Tell me if you'll be late"
        assert a.reviews[-1].outcome == "adjust"


# --- boundaries ----------------------------------------------------------------------------

async def test_boundaries_raise_it_now_and_check_back(unlocked_app, clock):
    app, _, app_clock = await unlocked_app(seed=lambda v: make(
        v, "My journal is mine", kind=AgreementKind.BOUNDARY, agreed=True, days_ago=14))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "b")
        assert isinstance(app.screen, BoundariesScreen)
        keys = {key: b.binding.description for key, b in app.screen.active_bindings.items()}
        assert keys["r"] == "Check back" and keys["n"] == "Raise it now"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConcernForm)
        app.screen.query_one("#by", Select).value = ids(app.vault)[1]
        app.screen.query_one("#concern-text", Input).value = "Reading over my shoulder"
        await pilot.press("enter")
        await settle(pilot)
        [concern] = app.vault.all(RaisedConcern)
        [boundary] = stored(app)
        assert concern.text == "Reading over my shoulder" and concern.by == ids(app.vault)[1]
        assert concern.agreement_id == boundary.id and concern.created_at == clock.now()
        assert "Alex" in text_of(app, "#agr-concerns")
        assert "Reading over my shoulder" in text_of(app, "#agr-concerns")
        lines = due_boundaries(app.vault, TODAY)
        assert "Check back: 'My journal is mine' (due 2 Mar)" in lines
        assert any("Reading over my shoulder" in line for line in lines)

        await pilot.press("r")  # the check-back brings it up and marks it talked through
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReviewForm)
        assert "Check back" in str(form.query_one(".form-title", Static).content)
        form.query_one("#working-0", Select).value = "yes"
        form.query_one("#working-1", Select).value = "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.vault.all(RaisedConcern)[0].addressed
        assert not app.screen.query_one("#agr-concerns", Static).display

        await pilot.press("ctrl+z")  # undo the check-back: the concern is open again
        await settle(pilot)
        assert not app.vault.all(RaisedConcern)[0].addressed
        assert app.screen.query_one("#agr-concerns", Static).display
        await pilot.press("t")  # or mark it talked through on its own
        await settle(pilot)
        [concern] = app.vault.all(RaisedConcern)
        assert concern.addressed and concern.addressed_at == app_clock.now()
        # Talked through, it stays in the agreement's history (never silently gone).
        history = text_of(app, "#agr-history")
        assert "Raised:" in history and "talked through" in history
        assert concern.text in history.replace("\n", " ")


async def test_expectations_and_boundaries_stay_apart(unlocked_app):
    def seed(vault):
        make(vault, "An expectation")
        make(vault, "A boundary", kind=AgreementKind.BOUNDARY)

    app, _, _ = await unlocked_app(seed=seed)
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "b")
        listing = app.screen.query_one("#agr-list", OptionList)
        assert listing.option_count == 1
        assert "A boundary" in listing.get_option_at_index(0).prompt.plain
        assert due_expectations(app.vault, TODAY) == ["1 expectation waits to be agreed by both"]

        # Removed meanwhile (as another terminal's undo would): a change says so.
        boundary = [a for a in stored(app) if a.kind == AgreementKind.BOUNDARY][0]
        app.vault.remove(Agreement, boundary.id)
        await pilot.press("1")
        await settle(pilot)
        assert [a.wording for a in stored(app)] == ["An expectation"]
        assert "no longer here" in told
        assert "Press a to add the first boundary" in listing.get_option_at_index(0).prompt.plain


# --- markup-like text -------------------------------------------------------------------------

async def test_markup_like_words_round_trip_and_show_as_typed(unlocked_app):
    def seed(vault):
        for days, text in enumerate(MARKUP):
            make(vault, text, agreed=True, days_ago=10 - days)

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        listing = app.screen.query_one("#agr-list", OptionList)
        for index, text in enumerate(MARKUP):
            listing.highlighted = index
            await pilot.pause()
            visible = text.replace("\x1b", "\ufffd")  # no control character reaches the terminal
            assert text_of(app, "#agr-wording") == visible
            assert visible in listing.highlighted_option.prompt.plain

        together = " ".join(MARKUP)  # all of them through the form, as typed
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#wording", TextArea).load_text(together)
        await pilot.press("ctrl+s")
        await settle(pilot)
        [a] = [a for a in stored(app) if a.wording == together]  # stored exactly
        assert listing.highlighted_option.id == a.id
        assert text_of(app, "#agr-wording") == together.replace("\x1b", "\ufffd")
        await pilot.press("1", "0")
        await settle(pilot)
        await pilot.press("k")
        await pilot.pause()
        app.screen.query_one("#note", Input).value = together
        await pilot.press("enter")
        await settle(pilot)
        assert app.vault.all(FollowThrough)[0].note == together
        shown_note = together.replace("\x1b", "\ufffd")
        assert f"kept (logged by Sam) - {shown_note}" in text_of(app, "#agr-history")
        assert app.is_running  # a [@click=app.quit] stays text, never a live link


async def test_every_form_is_safe_with_markup_names_and_fits_80x24(tmp_path):
    from trust_tui.app import TrustApp
    from trust_tui.domain.clock import FakeClock
    from trust_tui.vault import FAST_TEST_KDF, Vault

    path = tmp_path / "markup.vault"
    names = ["[/]Sam", "[@click=app.quit]Alex"]
    vault = Vault.create(path, [(names[0], "sam-passphrase"), (names[1], "alex-passphrase")],
                         kdf=FAST_TEST_KDF)
    make(vault, "[/] my phone [bold]", kind=AgreementKind.BOUNDARY, agreed=True, days_ago=14)
    late = make(vault, "[/] tell me if you'll be late " * 4, agreed=True, days_ago=14)
    vault.add(log_follow_through(late, by=ids(vault)[0], kept=True, on=TODAY, now=NOW))
    vault.add(RaisedConcern(by=ids(vault)[1], text="[/] shoulder"))
    app = TrustApp(path, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                   vault=Vault.open(path, "sam-passphrase"))
    async with app.run_test(size=(80, 24)) as pilot:
        # The tallest forms, and every one that shows a name or someone's words.
        for area, keys in [("e", "ak"), ("b", "nr")]:
            await pilot.press("escape")
            await open_area(pilot, area)
            assert f"1 {names[0]}, 0 {names[1]}" in text_of(app, "#agr-keys")
            assert app.screen.query_one("#agr-list", OptionList).size.height > 3
            assert app.screen.query_one("#agr-detail").size.width > 30
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                save = app.screen.query_one("#save")  # always in view
                assert save.region.bottom <= 24 and save.region.right <= 80, key
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("n")  # the list of boundaries opens and draws their words
        await pilot.pause()
        app.screen.query_one("#about", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running
        assert "[/] shoulder" in text_of(app, "#agr-concerns")


# --- export -------------------------------------------------------------------------------------

async def test_export_asks_where_and_writes_a_private_file(unlocked_app, tmp_path):
    def seed(vault):
        make(vault, "Tell me if you'll be late [bold]", agreed=True)
        make(vault, "My journal is mine", kind=AgreementKind.BOUNDARY, agreed=True)
        make(vault, "Still a draft")

    target = tmp_path / "out" / "ours.md"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o644)
    app, _, _ = await unlocked_app(seed=seed)
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "nope" / "x.md")
        await pilot.press("enter")  # a folder that is not there: said plainly
        await settle(pilot)
        assert isinstance(app.screen, ExpectationsScreen)
        assert "Nothing was written" in told
        assert not (tmp_path / "nope").exists()

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")  # there is a file already: asks once more
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)
        assert "already a file" in text_of(app, "#form-message")
        assert target.read_text() == "old"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExpectationsScreen)
        names = {p.id: p.name for p in app.vault.partners}
        assert target.read_text() == agreements_markdown(stored(app), names, TODAY)
        assert "Tell me if you'll be late [bold]" in target.read_text()
        assert "Still a draft" not in target.read_text()
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert [p.name for p in target.parent.iterdir()] == ["ours.md"]  # no temp file left


# --- a save that does not go through --------------------------------------------------------------

async def test_words_of_a_save_that_did_not_go_through_come_back_in_the_form(unlocked_app,
                                                                          monkeypatch):
    app, path, _ = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#wording", TextArea).load_text("Text me if you will be late")
        await pilot.pause()

        def refuse(*args, **kwargs):
            raise WriteFailed(path, "the disk is full (or the file size limit was reached)")

        monkeypatch.setattr("trust_tui.vault.storage.atomic_write", refuse)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "disk is full" in told
        assert isinstance(app.screen, AgreementForm)  # open again, every word in it
        assert app.screen.query_one("#wording", TextArea).text == "Text me if you will be late"

        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExpectationsScreen)
        assert [a.wording for a in stored(app)] == ["Text me if you will be late"]


async def test_undo_leaves_words_changed_in_another_window_as_they_are(unlocked_app):
    app, path, _ = await unlocked_app(
        seed=lambda v: make(v, "Tell me if you'll be late", agreed=True, days_ago=3))
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#wording", TextArea).load_text("Text me by 6 if you'll be late")
        await pilot.press("ctrl+s")
        await settle(pilot)
        other = Vault.open(path, "alex-passphrase")  # Alex's window changes it again
        [a] = other.all(Agreement)
        store.edit(other, a.id, by=ids(other)[1], now=NOW, wording="Text me by 5, please",
                   category=a.category, asked_by=a.asked_by, review_every_days=14)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [a.wording for a in stored(app)] == ["Text me by 5, please"]
        assert "changed in another window" in told


async def test_a_log_refused_because_the_other_window_paused_it_says_why(unlocked_app):
    app, path, _ = await unlocked_app(
        seed=lambda v: make(v, "Tell me if you'll be late", agreed=True, days_ago=3))
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "e")
        await pilot.press("k")
        await pilot.pause()
        [a] = stored(app)
        store.pause(Vault.open(path, "alex-passphrase"), a.id)  # meanwhile, in Alex's window
        told.clear()
        await pilot.press("enter")
        await settle(pilot)
        said = told.messages
        assert said == ["Follow-through is logged once both of you have agreed on it."]
        assert app.vault.all(FollowThrough) == []
        assert "Paused for now" in text_of(app, "#agr-status")
