"""Long text never stops the app and is never cut without a word.

A paste of 10,000 characters goes into every text box of every form. Each time
the app keeps running, says something in its own words, and either saves every
character (the journal holds that much) or keeps every character in the box and
saves nothing. A box for a single word or line (a feeling word, a line said back,
a name) refuses a paste that cannot fit and says so, cutting nothing.
One app run per group of forms; the vaults use the fast test KDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAM_PASS, settle
from textual import events
from textual.widgets import Input, Select, Static, TextArea

from trust_tui.app import TrustApp
from trust_tui.domain import agreements as rules
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    JournalEntry,
    MiniGoal,
    Partner,
    RaisedConcern,
    RitualNote,
    RitualRun,
    Setback,
    Settings,
    Win,
)
from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.limits import LimitedInput, LimitedTextArea, limit_of, shortened

LONG = "w" * 10_000



async def paste(pilot, selector: str, text: str = LONG):
    """Focus a box on the current screen and paste into it the way a terminal does."""
    box = pilot.app.screen.query_one(selector)
    box.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return box


def said(app, *words: str) -> bool:
    return any(all(w in n.message for w in words) for n in app._notifications)


def alive(app) -> None:
    assert app.is_running and app._exception is None


async def held(pilot, selector: str, save_keys: tuple[str, ...], form_type: type,
               noun: str, limit: int) -> None:
    """Paste, try to save: the form stays, every character is still in the box,
    and the person is told how much fits."""
    app = pilot.app
    app._notifications.clear()
    box = await paste(pilot, selector)
    await pilot.press(*save_keys)
    await settle(pilot)
    alive(app)
    assert isinstance(app.screen, form_type)
    text = box.text if isinstance(box, TextArea) else box.value
    assert LONG in text  # nothing cut
    assert said(app, f"{noun} holds up to {limit:,} characters", "Every word is still in the box")
    # And on the box itself, in words, while it holds more than fits.
    assert box.border_subtitle == f"{len(text.strip()):,} characters, {limit:,} fit"
    if isinstance(box, TextArea):  # cleared first: escape would keep typed words as a draft
        box.clear()
    else:
        box.value = ""
    await pilot.press("escape")
    await settle(pilot)


async def refused(pilot, selector: str, noun: str, limit: int) -> None:
    """A one-word (or one-line) box: the paste is not added, and the box says why."""
    app = pilot.app
    app._notifications.clear()
    before = app.screen.query_one(selector, Input).value
    box = await paste(pilot, selector)
    alive(app)
    assert box.value == before  # not cut to fit: left out whole, still on the clipboard
    assert said(app, f"{noun} holds up to {limit:,} characters", "still on your clipboard")


def seed_agreements(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    for kind, words in ((AgreementKind.EXPECTATION, "Text me if late"),
                        (AgreementKind.BOUNDARY, "Knock first")):
        vault.add(Agreement(kind=kind, wording=words, asked_by=sam,
                            status=AgreementStatus.AGREED, confirmed_by=[sam, alex]))


async def agreements(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.agreements import (
        AgreementForm, ConcernForm, ExportForm, FollowThroughForm, ReviewForm)

    wording = limit_of(Agreement, "wording")
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("a")
    await held(pilot, "#wording", ("ctrl+s",), AgreementForm, "An expectation", wording)
    await pilot.press("e")  # the agreed one: change its words
    await held(pilot, "#wording", ("ctrl+s",), AgreementForm, "An expectation", wording)

    await pilot.press("r")
    await pilot.pause()
    review = pilot.app.screen
    review.query_one("#working-0", Select).value = "yes"
    review.query_one("#working-1", Select).value = "no"
    review.query_one("#outcome", Select).value = "adjust"
    await pilot.pause()
    pilot.app._notifications.clear()
    await paste(pilot, "#new-wording")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewForm)
    assert LONG in review.query_one("#new-wording", TextArea).text
    assert said(pilot.app, "An expectation holds up to 4,000 characters")
    review.query_one("#outcome", Select).value = "keep"
    await held(pilot, "#note", ("ctrl+s",), ReviewForm, "A note", 1000)

    await pilot.press("k")
    await held(pilot, "#note", ("enter",), FollowThroughForm, "A note", 1000)

    # Export: a path far too long for any file system is a message, not a crash.
    await pilot.press("x")
    await pilot.pause()
    pilot.app.screen.query_one("#export-path", Input).value = ""
    await paste(pilot, "#export-path", "/tmp/" + LONG)
    await pilot.press("enter")
    await settle(pilot)
    alive(pilot.app)
    assert isinstance(pilot.app.screen, ExportForm)
    assert "Nothing was written" in str(pilot.app.screen.query_one("#form-message",
                                                                    Static).render())
    await pilot.press("escape", "escape")
    await pilot.pause()

    await pilot.press("b")
    await pilot.pause()
    await pilot.press("a")
    await held(pilot, "#wording", ("ctrl+s",), AgreementForm, "A boundary", wording)
    await pilot.press("n")
    await held(pilot, "#concern-text", ("enter",), ConcernForm, "A concern",
               limit_of(RaisedConcern, "text"))

    vault = Vault.open(path, SAM_PASS)
    assert sorted(a.wording for a in vault.all(Agreement)) == ["Knock first", "Text me if late"]
    assert vault.all(RaisedConcern) == [] and vault.all(FollowThrough) == []


async def wins(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.wins import CardForm, GoalForm

    await pilot.press("w")
    await pilot.pause()
    for key, noun in (("a", "A win"), ("t", "A thank-you"), ("s", "A setback note")):
        await pilot.press(key)
        await held(pilot, "#card-text", ("enter",), CardForm, noun, 4000)
    await pilot.press("g")
    await held(pilot, "#goal-text", ("enter",), GoalForm, "A mini-goal",
               limit_of(MiniGoal, "text"))
    vault = Vault.open(path, SAM_PASS)
    assert vault.all(Win) == [] and vault.all(Setback) == [] and vault.all(MiniGoal) == []


def saved_entries(path: Path) -> list[str | None]:
    """The journal's saved entries (words kept as a draft on closing are not saved)."""
    return [e.text for e in Vault.open(path, SAM_PASS).all(JournalEntry) if not e.draft]


async def journal(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.honesty import HonestyModal
    from trust_tui.screens.journal import MAX_TEXT, EntryEditor

    await pilot.press("j")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntryEditor)
    await refused(pilot, "#entry-feeling .own-word", "A feeling word", 30)
    await paste(pilot, "#entry-text")
    await pilot.press("ctrl+s")
    await settle(pilot)
    alive(pilot.app)
    # An entry holds 100,000 characters: this one is saved whole.
    assert saved_entries(path) == [LONG]

    await pilot.press("h")
    await held(pilot, "#honesty-text", ("enter",), HonestyModal, "An honesty line", 1000)
    assert saved_entries(path) == [LONG]

    # Past what one entry holds: the editor stays open with every word, and says so.
    await pilot.press("n")
    await pilot.pause()
    huge = "x" * (MAX_TEXT + 1)
    box = await paste(pilot, "#entry-text", huge)
    await pilot.press("ctrl+s")
    await settle(pilot)
    alive(pilot.app)
    assert isinstance(pilot.app.screen, EntryEditor) and box.text == huge
    assert "One entry holds up to 100,000 characters" in str(
        pilot.app.screen.query_one("#form-message", Static).render())
    assert box.border_subtitle == "100,001 characters, 100,000 fit"
    assert saved_entries(path) == [LONG]


async def check_in_and_settings(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.settings import SettingsModal

    pilot.app.action_check_in()
    await pilot.pause()
    await refused(pilot, ".own-word", "A feeling word", 30)
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsModal)
    pilot.app.screen.query_one("#idle_lock_minutes", Input).value = ""
    await paste(pilot, "#idle_lock_minutes", "9" * 10_000)
    await pilot.press("ctrl+s")
    await settle(pilot)
    alive(pilot.app)
    assert isinstance(pilot.app.screen, SettingsModal)
    message = str(pilot.app.screen.query_one("#form-message").render())
    assert "whole number from 1 to 240" in message
    assert Vault.open(path, SAM_PASS).settings.idle_lock_minutes == Settings().idle_lock_minutes


async def rituals(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.rituals import RitualRunScreen

    await pilot.press("r")
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    run = pilot.app.screen
    assert isinstance(run, RitualRunScreen)
    pilot.app._notifications.clear()
    await paste(pilot, "#note-left")
    await pilot.press("enter")
    await settle(pilot)
    alive(pilot.app)
    assert run.query_one("#note-left", Input).value == LONG
    assert run.flow.result(run.flow.step.key).notes == []  # not added, not cut
    assert said(pilot.app, "A note holds up to 1,000 characters")
    # Locked before it was shortened: every word is kept, as notes a note can hold.
    await pilot.press("ctrl+l")
    await settle(pilot)
    alive(pilot.app)
    [kept] = Vault.open(path, SAM_PASS).all(RitualRun)
    notes = [n.text for step in kept.steps for n in step.notes]
    assert "".join(notes) == LONG and max(map(len, notes)) <= limit_of(RitualNote, "text")


async def talk(pilot, path: Path, clock: FakeClock) -> None:
    from trust_tui.screens.talk import TalkScreen

    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TalkScreen)
    screen.query_one("#start-minutes", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    await refused(pilot, "#pane-left .own-word", "A feeling word", 30)
    await pilot.press("f")
    clock.advance(60)
    await pilot.press("f", "l")  # Sam hands over; Alex goes to say it back
    await refused(pilot, "#pane-right .pane-summary", "A line said back", 500)
    await pilot.press("escape", "j", "f")  # said back aloud: the floor passes
    await pilot.press("e", "y")
    await pilot.pause()
    assert screen.stage == "summary"
    pilot.app._notifications.clear()
    await paste(pilot, "#next-text")
    pilot.app.screen.query_one("#next-kind", Select).value = "expectation"
    await pilot.press("enter")
    assert said(pilot.app, "A next step holds up to 4,000 characters")
    screen.action_save_talk()  # "Save and finish" with the long step still in the box
    await settle(pilot)
    alive(pilot.app)
    assert screen.stage == "summary" and pilot.app.screen.query_one("#next-text", Input).value == LONG
    assert Vault.open(path, SAM_PASS).all(Agreement) == []


GROUPS = {"agreements": (agreements, seed_agreements), "wins": (wins, None),
          "journal": (journal, None), "check-in and settings": (check_in_and_settings, None),
          "rituals": (rituals, None), "talk": (talk, None)}


@pytest.mark.parametrize("group", list(GROUPS))
async def test_a_long_paste_in_any_box_is_kept_or_saved_whole_and_said(unlocked_app, group):
    scenario, seed = GROUPS[group]
    app, path, clock = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await scenario(pilot, path, clock)
        alive(app)


async def test_a_name_that_cannot_fit_is_refused_whole_at_setup(vault_path, clock):
    app = TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await refused(pilot, "#name-left", "A name", limit_of(Partner, "name"))
        await pilot.press("S", "a", "m")
        assert app.screen.query_one("#name-left", Input).value == "Sam"


def test_every_limit_a_box_tells_is_the_one_its_record_keeps():
    assert rules.MAX_WORDING == limit_of(Agreement, "wording")
    with pytest.raises(rules.AgreementRuleError, match="4,000 characters"):
        rules.new_agreement(AgreementKind.EXPECTATION, "x" * 4001, "someone",
                            now=FakeClock().now())
    with pytest.raises(LookupError):
        limit_of(Agreement, "category")


async def test_a_one_line_box_keeps_every_line_of_a_pasted_paragraph():
    from textual.app import App

    class One(App):
        def compose(self):
            yield LimitedInput(limit=100, noun="a note", id="box")
            yield LimitedTextArea(limit=5, noun="a note", id="area")
            yield LimitedInput("kept from before", limit=4, noun="a note", id="kept")

    async with One().run_test() as pilot:
        # Words brought back into a box (a kept draft) that are longer than it holds.
        assert pilot.app.query_one("#kept").border_subtitle == "16 characters, 4 fit"
        box = await paste(pilot, "#box", "first line\nsecond line\r\nthird")
        assert box.value == "first line second line third"
        area = await paste(pilot, "#area", "one two")
        assert area.text == "one two" and not area.fits()
        assert area.border_subtitle == "7 characters, 5 fit"
        area.text = "one"
        await pilot.pause()
        assert not area.border_subtitle and area.fits()  # fits now: the words go


def test_a_record_made_from_longer_words_reads_as_shortened():
    # A ritual's long note marked as a goal: the goal ends in "…", the note stays whole.
    assert shortened("honest about small things", 10) == "honest ab…"
    assert len(shortened("w" * 5000, limit_of(MiniGoal, "text"))) == 1000
    assert shortened("fits", 4) == "fits"
