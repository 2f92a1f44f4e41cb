"""The talk screen, driven by key presses the way a couple would use it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select, Static

from conftest import Told, settle

from trust_tui.domain.prompts import has_parts
from trust_tui.models import FEELINGS, Agreement, AgreementKind, TalkSession
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.talk import TalkScreen
from trust_tui.vault import Vault
from trust_tui.widgets.partner_pane import PartnerPane
from trust_tui.widgets.turn_clock import ClockView

MARKUP = "[bold]You felt[/] alone [@click=app.quit]x \x1b[31m"


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).content.plain


async def open_talk(pilot, *, topic: str = "feel", minutes: str = "2") -> TalkScreen:
    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TalkScreen)
    screen.query_one("#start-topic", Select).value = topic
    if has_parts(topic):  # a talk about what broke the trust: Sam names what happened
        screen.query_one("#start-naming", Select).value = pilot.app.vault.partners[0].id
    box = screen.query_one("#start-minutes", Input)
    box.value = minutes
    box.focus()
    await pilot.press("enter")
    await pilot.pause()
    return screen



async def test_a_whole_talk_with_a_break_is_saved(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        floor = talk.floor
        sam, alex = talk.sides
        left, right = talk.query_one("#pane-left", PartnerPane), talk.query_one("#pane-right",
                                                                                PartnerPane)
        assert app.current_talk is talk
        assert "HAS THE FLOOR" in plain(left, ".pane-role")
        assert "LISTENING" in plain(right, ".pane-role")
        assert plain(left, ".pane-keys").startswith(" f  start speaking")

        # Sam moves to "hurt" with v (below f): the highlighted word counts, no Enter.
        # How strong goes in Sam's own box: s opens it, Tab to the strength, Enter.
        await pilot.press("v")
        await pilot.press("s", "tab", "7", "enter")
        await pilot.pause()
        assert talk.focused is None
        assert "Feeling: hurt (7 of 10)" in plain(left, ".pane-feeling")
        await pilot.press("d")  # another prompt
        assert plain(talk, "#talk-prompt").startswith("Prompt 2 of 5")
        await pilot.press("f")
        clock.advance(100)
        talk.tick()
        clock_view = talk.query_one("#talk-clock", ClockView)
        assert (clock_view.text, clock_view.caption) == ("00:20", "nearly time: finish your thought")

        # Sam hands over early; Alex types what they heard; Sam asks to try again.
        await pilot.press("f")
        assert "I've said it back" in plain(right, ".pane-keys")
        await pilot.press("l")  # Alex goes to the text box
        assert talk.focused is talk.query_one("#pane-right .pane-summary", Input)
        talk.query_one("#pane-right .pane-summary", Input).value = MARKUP
        await pilot.press("enter")
        shown = plain(talk, "#talk-phase")
        # Shown as typed: markup stays text, the escape character a visible mark.
        assert MARKUP.replace("\x1b", "\ufffd") in shown and "\x1b" not in shown
        await pilot.press("d")  # Sam: try again
        assert floor.phase.value == "paraphrase" and floor.speaker_id == sam
        await pilot.press("j")  # Alex says it back aloud, no typing this time
        await pilot.press("f")  # Sam: that's it
        assert floor.speaker_id == alex
        assert "HAS THE FLOOR" in plain(right, ".pane-role")
        assert "LISTENING" in plain(left, ".pane-role")

        # Alex types a word of their own and starts; a break comes mid-turn.
        await pilot.press("l")  # Alex opens their own word box
        await pilot.press(*"[b]raw")
        await pilot.press("escape")  # leave the text box, keys are keys again
        await pilot.press("j")
        assert "Feeling: [b]raw" in plain(right, ".pane-feeling")
        clock.advance(30)
        await pilot.press("b")
        await pilot.pause()
        calm = app.screen
        assert isinstance(calm, CalmScreen) and calm.talk is talk
        await pilot.press("j")  # Alex asks for it
        clock.advance(25 * 60)
        calm.tick()
        assert floor.time_left() == pytest.approx(90)  # the turn waited
        await pilot.press("f", "j")  # both ready
        await settle(pilot)
        assert app.screen is talk
        talk.tick()
        assert clock_view.text == "01:30"
        assert len(floor.session.breaks) == 1 and floor.session.breaks[0].called_by == alex

        # Alex hands over; Sam says it back; Alex confirms; they end the talk.
        clock.advance(40)
        await pilot.press("j", "j")
        await pilot.press("f", "j")
        assert floor.speaker_id == sam
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert talk.stage == "summary"
        summary = plain(app.screen, "#summary-text")
        assert "Sam: 1 turn, 01:40 speaking." in summary
        assert "Alex: 1 turn, 01:10 speaking. Said back 1 turn in a way that landed." in summary
        assert "1 break, 25 minutes in all" in summary

        app.screen.query_one("#safety-left", Input).value = "7"
        app.screen.query_one("#safety-right", Input).value = "6"
        app.screen.query_one("#next-kind", Select).value = "expectation"
        app.screen.query_one("#next-whose", Select).value = alex
        step = app.screen.query_one("#next-text", Input)
        step.focus()
        step.value = "Tell me if you'll be late"
        await pilot.press("enter")
        assert "Tell me if you'll be late" in plain(app.screen, "#next-list")
        talk.action_save_talk()
        await settle(pilot)
        await settle(pilot)
        assert talk.stage == "start" and app.current_talk is None

    reopened = Vault.open(path, "sam-passphrase")
    [saved] = reopened.all(TalkSession)
    assert saved.topic == "feel" and saved.ended_at is not None
    assert [t.speaker_id for t in saved.turns] == [sam, alex]
    first, second = saved.turns
    assert (first.feeling, first.intensity, first.paraphrase) == ("hurt", 7, MARKUP)
    assert first.paraphrase_attempts == 2 and first.paraphrase_confirmed
    assert first.handed_over_early and first.spoken_seconds == 100
    assert second.feeling == "[b]raw" and second.spoken_seconds == 70
    assert len(saved.breaks) == 1 and saved.breaks[0].planned_seconds == 1200
    assert saved.breaks[0].actual_seconds == 1500 and not saved.breaks[0].ended_early
    assert {(c.partner_id, c.rating) for c in saved.check_ins} == {(sam, 7), (alex, 6)}
    assert saved.next_steps == ["Tell me if you'll be late"]
    [draft] = reopened.all(Agreement)
    assert draft.kind == AgreementKind.EXPECTATION and draft.source_talk_id == saved.id
    assert draft.asked_by == alex and draft.status.value == "draft"


async def test_the_session_is_saved_as_it_goes(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot, topic="name_it")
        await settle(pilot)
        await pilot.press("f")
        clock.advance(200)  # past the end of a 2-minute turn: overtime, not cut off
        talk.tick()
        clock_view = talk.query_one("#talk-clock", ClockView)
        assert clock_view.text == "+01:20" and "nobody is cut off" in clock_view.caption
        assert "I'm done" in plain(talk.query_one("#pane-left"), ".pane-keys")
        await pilot.press("f", "j", "f")
        await settle(pilot)
        # Nobody ended the talk: it is in the vault already, turn and all.
        [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
        assert saved.ended_at is None and len(saved.turns) == 1
        assert saved.turns[0].spoken_seconds == 200 and saved.turns[0].paraphrase_confirmed


async def test_pause_stops_the_clock_and_the_side_keys(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("f")
        clock.advance(20)
        await pilot.press("p")
        clock.advance(600)
        talk.tick()
        assert talk.floor.time_left() == pytest.approx(100)
        assert "PAUSED" in plain(talk, "#talk-status")
        await pilot.press("f")  # ignored while paused
        assert talk.floor.phase.value == "speaking"
        await pilot.press("p")
        clock.advance(10)
        assert talk.floor.time_left() == pytest.approx(90)


async def test_going_home_mid_turn_holds_the_clock(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("f")
        clock.advance(30)
        await pilot.press("escape")  # home; the talk waits in its own mode
        await pilot.pause()
        clock.advance(300)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is talk
        assert talk.floor.time_left() == pytest.approx(90)


async def test_talk_works_at_80_by_24(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("down", "enter", "f")
        clock.advance(130)
        talk.tick()
        await pilot.press("f", "j", "f")
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("f", "j")
        await pilot.pause()
        await pilot.press("e", "y")
        await pilot.pause()
        assert talk.stage == "summary"
        assert "HAS THE FLOOR" not in app.screen.query_one("#summary-text", Static).content.plain


async def test_feeling_picker_reports_a_chosen_or_typed_word_and_intensity():
    from textual.app import App

    from trust_tui.widgets.feeling_picker import FeelingPicker

    seen: list[tuple[str | None, int | None]] = []

    class PickerApp(App):
        def compose(self):
            yield FeelingPicker()

        def on_feeling_picker_changed(self, event: FeelingPicker.Changed) -> None:
            seen.append((event.feeling, event.intensity))

    async with PickerApp().run_test() as pilot:
        picker = pilot.app.query_one(FeelingPicker)
        picker.focus_list()
        await pilot.press("down", "down")  # moving past words does not choose them
        await pilot.pause()
        assert seen == []
        await pilot.press("enter")
        await pilot.pause()
        highlighted = picker.query_one(OptionList).highlighted
        assert seen[-1] == (FEELINGS[highlighted], None)
        pilot.app.query_one(".intensity", Input).value = "11"  # out of range: no intensity
        await pilot.pause()
        assert seen[-1] == (FEELINGS[highlighted], None)
        pilot.app.query_one(".intensity", Input).value = "4"
        pilot.app.query_one(".own-word", Input).value = "  [dim]small "
        await pilot.pause()
        assert (picker.feeling, picker.intensity) == ("[dim]small", 4)
        picker.clear()
        assert (picker.feeling, picker.intensity) == (None, None)


async def test_next_steps_get_a_gentle_note_on_excuse_phrases(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_talk(pilot, topic="responsibility")
        await pilot.press("f")
        clock.advance(60)
        await pilot.press("e", "y")
        await pilot.pause()
        box = app.screen.query_one("#next-text", Input)
        box.focus()
        box.value = "I'm sorry you feel that way"
        await pilot.press("enter")
        listed = plain(app.screen, "#next-list")
        assert "I'm sorry you feel that way" in listed
        assert '"sorry you feel":' in listed


async def test_locking_mid_talk_keeps_what_was_said(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("f")
        clock.advance(50)
        await pilot.press("f", "j", "f")  # Sam's turn passes: saved right away
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not app.vault_open and app.current_talk is None
        assert not talk.is_attached
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert len(saved.turns) == 1 and saved.turns[0].spoken_seconds == 50


async def test_letters_typed_in_a_text_box_are_text_not_keys(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        talk = await open_talk(pilot)
        await pilot.press("f")
        clock.advance(30)
        await pilot.press("f", "l")  # Alex goes to the text box
        await pilot.press(*"bpfj")
        box = talk.query_one("#pane-right .pane-summary", Input)
        assert box.value == "bpfj"
        assert app.screen is talk and not talk.floor.paused
        assert talk.floor.phase.value == "paraphrase"
        await pilot.press("escape", "b")  # out of the box, b is the break again
        await pilot.pause()
        assert isinstance(app.screen, CalmScreen)


async def end_a_short_talk(pilot, clock) -> TalkScreen:
    talk = await open_talk(pilot)
    await pilot.press("f")
    clock.advance(60)
    await pilot.press("e", "y")
    await settle(pilot)
    return talk


async def test_how_the_talk_went_is_a_form_and_ctrl_s_saves_it(unlocked_app):
    from trust_tui.screens.talk import SummaryForm

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await end_a_short_talk(pilot, clock)
        form = app.screen
        assert isinstance(form, SummaryForm) and talk.stage == "summary"
        sam, alex = talk.sides
        form.query_one("#safety-left", Input).value = "11"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not a number from 1 to 10: said, kept
        assert "a number from 1 to 10, or leave it blank" in plain(form, "#form-message")
        form.query_one("#safety-left", Input).value = "8"
        form.query_one("#next-kind", Select).value = "boundary"
        form.query_one("#next-text", Input).value = "No phones at dinner"  # not added yet
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is talk and talk.stage == "start" and app.current_talk is None
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert [(c.partner_id, c.rating) for c in saved.check_ins] == [(sam, 8)]
    assert saved.next_steps == ["No phones at dinner"]
    [draft] = Vault.open(path, "sam-passphrase").all(Agreement)
    assert draft.kind == AgreementKind.BOUNDARY and draft.wording == "No phones at dinner"


async def test_escape_keeps_how_it_went_and_the_words_come_back_then_a_lock_keeps_them(
        unlocked_app):
    from trust_tui.screens.talk import SummaryForm
    from trust_tui.widgets.form_modal import KEPT, KEPT_ON_CLOSE

    app, path, clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await end_a_short_talk(pilot, clock)
        sam, alex = talk.sides
        form = app.screen
        form.query_one("#safety-right", Input).value = "6"
        form.query_one("#next-kind", Select).value = "expectation"
        form.query_one("#next-whose", Select).value = alex
        box = form.query_one("#next-text", Input)
        box.focus()
        box.value = "Tell me if you'll be late"
        await pilot.press("enter")
        box.value = "Walk on Sunday"  # still in the box
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is talk and talk.stage == "summary"
        assert KEPT_ON_CLOSE in told
        assert "ctrl+s opens" in plain(talk, "#ended-note")
        [kept] = Vault.open(path, "sam-passphrase").all(TalkSession)
        assert [(c.partner_id, c.rating) for c in kept.check_ins] == [(alex, 6)]
        assert kept.next_steps == ["Tell me if you'll be late", "Walk on Sunday"]

        await pilot.press("ctrl+s")  # how it went, again: every word is back
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SummaryForm)
        assert KEPT in plain(form, "#form-message")
        assert form.query_one("#safety-right", Input).value == "6"
        assert form.query_one("#next-text", Input).value == "Walk on Sunday"
        assert "Tell me if you'll be late" in plain(form, "#next-list")
        assert "draft expectation" in plain(form, "#next-list")

        form.query_one("#safety-left", Input).value = "9"
        await pilot.pause()
        await pilot.press("ctrl+l")  # a lock on the form keeps what is typed now
        await settle(pilot)
        assert not app.vault_open
    [kept] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert {(c.partner_id, c.rating) for c in kept.check_ins} == {(sam, 9), (alex, 6)}
    assert kept.next_steps == ["Tell me if you'll be late", "Walk on Sunday"]
    assert Vault.open(path, "sam-passphrase").all(Agreement) == []  # drafts wait for save


async def test_escape_on_an_empty_how_it_went_closes_at_once(unlocked_app):
    from trust_tui.screens.talk import SummaryForm

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await end_a_short_talk(pilot, clock)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is talk and talk.stage == "summary"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryForm)
        assert plain(app.screen, "#form-message") == ""


async def test_how_it_went_not_saved_opens_again_with_every_word(unlocked_app, monkeypatch):
    from trust_tui.screens.talk import SummaryForm
    from trust_tui.store import talks

    def disk_full(vault, session, steps):
        raise OSError(28, "No space left on device")

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await end_a_short_talk(pilot, clock)
        form = app.screen
        form.query_one("#safety-left", Input).value = "5"
        form.query_one("#next-text", Input).value = "Walk on Sunday"
        await pilot.pause()
        monkeypatch.setattr(talks, "finish", disk_full)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        again = app.screen
        assert isinstance(again, SummaryForm) and again is not form
        assert talk.stage == "summary" and app.current_talk is talk
        assert again.query_one("#safety-left", Input).value == "5"
        assert "Walk on Sunday" in plain(again, "#next-list")
        assert "Not saved yet" in plain(again, "#form-message")
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is talk and talk.stage == "start"
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert saved.next_steps == ["Walk on Sunday"] and len(saved.check_ins) == 1


async def test_a_kept_number_cleared_before_saving_is_not_saved(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        talk = await end_a_short_talk(pilot, clock)
        app.screen.query_one("#safety-left", Input).value = "7"
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#safety-left", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is talk and talk.stage == "start"
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert saved.check_ins == []


def test_a_short_break_never_reads_as_zero_minutes():
    from trust_tui.screens.talk.summary import break_minutes

    assert break_minutes(20) == "under a minute"
    assert break_minutes(60) == "1 minute"
    assert break_minutes(21 * 60) == "21 minutes"


async def test_the_start_form_is_ready_for_the_keyboard(unlocked_app):
    """t, then enter opens "What about" at once: no Tab needed to find the form."""
    from textual.widgets import Select

    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Select) and focused.id == "start-topic"
