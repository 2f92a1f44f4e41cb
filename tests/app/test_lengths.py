"""Long text never stops the app and is never cut without a word.

A paste of 10,000 characters goes into every text box of every form. Each time
the app keeps running, says something in its own words, and either saves every
character (the journal holds that much) or keeps every character in the box and
saves nothing. A box for a single word or line (a feeling word, a line said back,
a name) refuses a paste that cannot fit and says so, cutting nothing.
One app run per form; the vaults use the fast test KDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import SAM_PASS, Told, settle
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
from trust_tui.widgets.seat_box import SeatBox

LONG = "w" * 10_000



async def paste(pilot, selector: str, text: str = LONG):
    """Focus a box on the current screen and paste into it the way a terminal does
    (a partner's own box is opened for its partner, as their key or a click does)."""
    box = pilot.app.screen.query_one(selector)
    if isinstance(box, SeatBox):
        box.open()
    else:
        box.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return box


def said(told: Told, *words: str) -> bool:
    return any(all(w in message for w in words) for message in told.messages)


def alive(app) -> None:
    """Running, and no exception ended it (Textual sets a return code of 1 on one)."""
    assert app.is_running and app.return_code is None


@dataclass
class Run:
    """One app run on one form: the pilot, what the app said, the vault file, the clock."""
    pilot: Any
    told: Told
    path: Path
    clock: FakeClock


async def held(run: Run, selector: str, save_keys: tuple[str, ...], form_type: type,
               noun: str, limit: int) -> None:
    """Paste, try to save: the form stays, every character is still in the box,
    and the person is told how much fits."""
    pilot, app = run.pilot, run.pilot.app
    run.told.clear()
    box = await paste(pilot, selector)
    await pilot.press(*save_keys)
    await settle(pilot)
    alive(app)
    assert isinstance(app.screen, form_type)
    text = box.text if isinstance(box, TextArea) else box.value
    assert LONG in text  # nothing cut
    assert said(run.told, f"{noun} holds up to {limit:,} characters",
                "Every word is still in the box")
    # And on the box itself, in words, while it holds more than fits.
    assert box.border_subtitle == f"{len(text.strip()):,} characters, {limit:,} fit"
    if isinstance(box, TextArea):  # cleared first: escape would keep typed words as a draft
        box.clear()
    else:
        box.value = ""
    await pilot.press("escape")
    await settle(pilot)


async def refused(pilot, told: Told, selector: str, noun: str, limit: int) -> None:
    """A one-word (or one-line) box: the paste is not added, and the box says why."""
    app = pilot.app
    told.clear()
    before = app.screen.query_one(selector, Input).value
    box = await paste(pilot, selector)
    alive(app)
    assert box.value == before  # not cut to fit: left out whole, still on the clipboard
    # One sentence: after its colon the noun goes on in lower case ("a feeling word").
    assert said(told, f"That does not fit: {noun[:1].lower()}{noun[1:]} holds up to "
                      f"{limit:,} characters", "still on your clipboard")


async def open_area(run: Run, key: str) -> None:
    await run.pilot.press(key)
    await run.pilot.pause()


# --- expectations and boundaries (each case: nothing of the long words is saved) ------

def seed_agreements(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    for kind, words in ((AgreementKind.EXPECTATION, "Text me if late"),
                        (AgreementKind.BOUNDARY, "Knock first")):
        vault.add(Agreement(kind=kind, wording=words, asked_by=sam,
                            status=AgreementStatus.AGREED, confirmed_by=[sam, alex]))


def nothing_agreed_saved(path: Path) -> None:
    vault = Vault.open(path, SAM_PASS)
    assert sorted(a.wording for a in vault.all(Agreement)) == ["Knock first", "Text me if late"]
    assert vault.all(RaisedConcern) == [] and vault.all(FollowThrough) == []


async def expectation_added(run: Run) -> None:
    from trust_tui.screens.agreements import AgreementForm

    await open_area(run, "e")
    await run.pilot.press("a")
    await held(run, "#wording", ("ctrl+s",), AgreementForm, "An expectation",
               limit_of(Agreement, "wording"))
    nothing_agreed_saved(run.path)


async def expectation_changed(run: Run) -> None:
    from trust_tui.screens.agreements import AgreementForm

    await open_area(run, "e")
    await run.pilot.press("e")  # the agreed one: change its words
    await held(run, "#wording", ("ctrl+s",), AgreementForm, "An expectation",
               limit_of(Agreement, "wording"))
    nothing_agreed_saved(run.path)


async def expectation_reviewed(run: Run) -> None:
    from trust_tui.screens.agreements import ReviewForm

    pilot = run.pilot
    await open_area(run, "e")
    await pilot.press("r")
    await pilot.pause()
    review = pilot.app.screen
    review.query_one("#working-0", Select).value = "yes"
    review.query_one("#working-1", Select).value = "no"
    review.query_one("#outcome", Select).value = "adjust"
    await pilot.pause()
    run.told.clear()
    await paste(pilot, "#new-wording")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewForm)
    assert LONG in review.query_one("#new-wording", TextArea).text
    assert said(run.told, "An expectation holds up to 4,000 characters")
    review.query_one("#outcome", Select).value = "keep"
    await held(run, "#note", ("ctrl+s",), ReviewForm, "A note", 1000)
    nothing_agreed_saved(run.path)


async def expectation_kept(run: Run) -> None:
    from trust_tui.screens.agreements import FollowThroughForm

    await open_area(run, "e")
    await run.pilot.press("k")
    await held(run, "#note", ("enter",), FollowThroughForm, "A note", 1000)
    nothing_agreed_saved(run.path)


async def expectations_exported(run: Run) -> None:
    from trust_tui.screens.agreements import ExportForm

    pilot = run.pilot
    await open_area(run, "e")
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
    nothing_agreed_saved(run.path)


async def boundary_added(run: Run) -> None:
    from trust_tui.screens.agreements import AgreementForm

    await open_area(run, "b")
    await run.pilot.press("a")
    await held(run, "#wording", ("ctrl+s",), AgreementForm, "A boundary",
               limit_of(Agreement, "wording"))
    nothing_agreed_saved(run.path)


async def concern_raised(run: Run) -> None:
    from trust_tui.screens.agreements import ConcernForm

    await open_area(run, "b")
    await run.pilot.press("n")
    await held(run, "#concern-text", ("enter",), ConcernForm, "A concern",
               limit_of(RaisedConcern, "text"))
    nothing_agreed_saved(run.path)


# --- wins -------------------------------------------------------------------------------

def nothing_won_saved(path: Path) -> None:
    vault = Vault.open(path, SAM_PASS)
    assert vault.all(Win) == [] and vault.all(Setback) == [] and vault.all(MiniGoal) == []


def card(key: str, noun: str):
    async def scenario(run: Run) -> None:
        from trust_tui.screens.wins import CardForm

        await open_area(run, "w")
        await run.pilot.press(key)
        await held(run, "#card-text", ("enter",), CardForm, noun, 4000)
        nothing_won_saved(run.path)
    return scenario


async def goal_set(run: Run) -> None:
    from trust_tui.screens.wins import GoalForm

    await open_area(run, "w")
    await run.pilot.press("g")
    await held(run, "#goal-text", ("enter",), GoalForm, "A mini-goal",
               limit_of(MiniGoal, "text"))
    nothing_won_saved(run.path)


# --- the journal and the honesty log --------------------------------------------------

def saved_entries(path: Path) -> list[str | None]:
    """The journal's saved entries (words kept as a draft on closing are not saved)."""
    return [e.text for e in Vault.open(path, SAM_PASS).all(JournalEntry) if not e.draft]


async def journal_entry(run: Run) -> None:
    from trust_tui.screens.journal import EntryEditor

    pilot = run.pilot
    await open_area(run, "j")
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntryEditor)
    await refused(pilot, run.told, "#entry-feeling .own-word", "A feeling word", 30)
    await paste(pilot, "#entry-text")
    await pilot.press("ctrl+s")
    await settle(pilot)
    alive(pilot.app)
    # An entry holds 100,000 characters: this one is saved whole.
    assert saved_entries(run.path) == [LONG]


async def honesty_line(run: Run) -> None:
    from trust_tui.screens.honesty import HonestyModal

    await open_area(run, "j")
    await run.pilot.press("h")
    await held(run, "#honesty-text", ("enter",), HonestyModal, "An honesty line", 1000)
    assert saved_entries(run.path) == []


async def journal_entry_past_what_one_holds(run: Run) -> None:
    from trust_tui.screens.journal import MAX_TEXT, EntryEditor

    pilot = run.pilot
    await open_area(run, "j")
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
    assert saved_entries(run.path) == []


# --- home's check-in and settings, a ritual, a talk -------------------------------------

async def check_in(run: Run) -> None:
    pilot = run.pilot
    pilot.app.action_check_in()
    await pilot.pause()
    await refused(pilot, run.told, ".own-word", "A feeling word", 30)
    await pilot.press("escape")
    await pilot.pause()


async def settings(run: Run) -> None:
    from trust_tui.screens.settings import SettingsModal

    pilot = run.pilot
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
    assert Vault.open(run.path, SAM_PASS).settings.idle_lock_minutes == Settings().idle_lock_minutes


async def rituals(run: Run) -> None:
    from trust_tui.screens.rituals import RitualRunScreen

    pilot = run.pilot
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    ritual = pilot.app.screen
    assert isinstance(ritual, RitualRunScreen)
    run.told.clear()
    await paste(pilot, "#note-left")
    await pilot.press("enter")
    await settle(pilot)
    alive(pilot.app)
    assert ritual.query_one("#note-left", Input).value == LONG
    assert ritual.flow.result(ritual.flow.step.key).notes == []  # not added, not cut
    assert said(run.told, "A note holds up to 1,000 characters")
    # Locked before it was shortened: every word is kept, as notes a note can hold.
    await pilot.press("ctrl+l")
    await settle(pilot)
    alive(pilot.app)
    [kept] = Vault.open(run.path, SAM_PASS).all(RitualRun)
    notes = [n.text for step in kept.steps for n in step.notes]
    assert "".join(notes) == LONG and max(map(len, notes)) <= limit_of(RitualNote, "text")


async def talk(run: Run) -> None:
    from trust_tui.screens.talk import TalkScreen

    pilot = run.pilot
    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TalkScreen)
    screen.query_one("#start-minutes", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    await refused(pilot, run.told, "#pane-left .own-word", "A feeling word", 30)
    await pilot.press("escape")  # Sam's box closes: the keys are keys again
    await pilot.press("f")
    run.clock.advance(60)
    await pilot.press("f", "l")  # Sam hands over; Alex goes to say it back
    await refused(pilot, run.told, "#pane-right .pane-summary", "A line said back", 500)
    await pilot.press("escape", "j", "f")  # said back aloud: the floor passes
    await pilot.press("e", "y")
    await pilot.pause()
    assert screen.stage == "summary"
    run.told.clear()
    await paste(pilot, "#next-text")
    pilot.app.screen.query_one("#next-kind", Select).value = "expectation"
    await pilot.press("enter")
    assert said(run.told, "A next step holds up to 4,000 characters")
    screen.action_save_talk()  # "Save and finish" with the long step still in the box
    await settle(pilot)
    alive(pilot.app)
    assert (screen.stage == "summary"
            and pilot.app.screen.query_one("#next-text", Input).value == LONG)
    assert Vault.open(run.path, SAM_PASS).all(Agreement) == []


# One app run per form (or box), so test workers can share them out.
FORMS = {
    "expectation-add": (expectation_added, seed_agreements),
    "expectation-edit": (expectation_changed, seed_agreements),
    "expectation-review": (expectation_reviewed, seed_agreements),
    "expectation-kept": (expectation_kept, seed_agreements),
    "expectation-export": (expectations_exported, seed_agreements),
    "boundary-add": (boundary_added, seed_agreements),
    "boundary-raise-it-now": (concern_raised, seed_agreements),
    "win": (card("a", "A win"), None),
    "thank-you": (card("t", "A thank-you"), None),
    "setback": (card("s", "A setback note"), None),
    "mini-goal": (goal_set, None),
    "journal-entry": (journal_entry, None),
    "honesty-line": (honesty_line, None),
    "journal-entry-too-long": (journal_entry_past_what_one_holds, None),
    "check-in": (check_in, None),
    "settings": (settings, None),
    "ritual-note": (rituals, None),
    "talk": (talk, None),
}


@pytest.mark.parametrize("form", list(FORMS))
async def test_a_long_paste_in_any_box_is_kept_or_saved_whole_and_said(unlocked_app, form):
    scenario, seed = FORMS[form]
    app, path, clock = await unlocked_app(seed=seed)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await scenario(Run(pilot, told, path, clock))
        alive(app)


async def test_a_name_that_cannot_fit_is_refused_whole_at_setup(vault_path, clock):
    app = TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await refused(pilot, told, "#name-left", "A name", limit_of(Partner, "name"))
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
