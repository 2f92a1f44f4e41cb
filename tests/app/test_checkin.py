"""The daily check-in: each partner's feeling word and 1-10, dated today; home's line."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, OptionList, Static

from conftest import ids, screen_text
from conftest import settle as saved

from trust_tui.models import CheckIn
from trust_tui.screens.checkin import CheckInModal, due_checkin
from trust_tui.widgets.feeling_picker import FeelingPicker


TODAY = date(2026, 3, 2)


def test_due_checkin_names_whose_check_in_is_still_open(vault):
    who = ids(vault)
    assert due_checkin(vault, TODAY) == [
        "Today's check-in is open for both of you (c), whenever you are ready."]
    vault.add(CheckIn(partner_id=who["Sam"], on=TODAY, safety=6))
    vault.add(CheckIn(partner_id=who["Alex"], on=TODAY - timedelta(days=1), safety=4))
    assert due_checkin(vault, TODAY) == [
        "Today's check-in is still open for Alex (c), whenever you are ready."]
    vault.add(CheckIn(partner_id=who["Alex"], on=TODAY, safety=5))
    assert due_checkin(vault, TODAY) == []
    # A new day opens it again.
    assert len(due_checkin(vault, TODAY + timedelta(days=1))) == 1


async def test_both_partners_check_in_from_home(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "check-in is open for both of you" in str(
            app.screen.query_one("#due-list", Static).content)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CheckInModal)
        # Sam picks "sad" from the list with the keys; Alex types a word of their own.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Feeling: sad" in str(modal.query_one("#chosen-0", Static).content)
        modal.query_one("#safe-0", Input).value = "6"
        modal.query_one("#feel-1 .own-word", Input).value = "wobbly"
        modal.query_one("#safe-1", Input).focus()
        await pilot.press("4", "enter")
        await saved(pilot)
        assert not isinstance(app.screen, CheckInModal)
        who = ids(app.vault)
        got = {(c.partner_id, c.on, c.feeling, c.safety) for c in app.vault.all(CheckIn)}
        today = clock.now().astimezone().date()
        assert got == {(who["Sam"], today, "sad", 6), (who["Alex"], today, "wobbly", 4)}
        assert "check-in" not in str(app.screen.query_one("#due-list", Static).content)


async def test_one_partner_may_skip_and_a_second_check_in_replaces_the_first(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        message = modal.query_one("#form-message", Static)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nothing to save yet" in str(message.content)
        modal.query_one("#feel-1", FeelingPicker).query_one(OptionList).focus()
        await pilot.press("enter")  # Alex picks a feeling but gives no number yet
        modal.query_one("#safe-0", Input).value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "How safe does Sam feel today? A number from 1 to 10" in str(message.content)
        modal.query_one("#safe-0", Input).value = "3"
        assert app.vault.all(CheckIn) == []
        modal.query_one("#feel-1 .own-word", Input).value = ""
        modal.query_one("#feel-1", FeelingPicker).clear()  # Alex skips today after all
        await pilot.press("ctrl+s")
        await saved(pilot)
        [first] = app.vault.all(CheckIn)
        assert (first.partner_id, first.safety, first.feeling) == (ids(app.vault)["Sam"], 3, None)
        assert "still open for Alex" in str(app.screen.query_one("#due-list", Static).content)

        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert modal.query_one("#safe-0", Input).value == "3"  # what they said earlier
        modal.query_one("#safe-0", Input).value = "7"
        await pilot.press("ctrl+s")
        await saved(pilot)
        [again] = app.vault.all(CheckIn)
        assert (again.id, again.safety) == (first.id, 7)


async def test_numbers_stay_hidden_until_both_answered_and_a_word_alone_is_kept(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        await pilot.press("down", "enter")  # Sam: "sad", then the number box
        modal.query_one("#safe-0", Input).focus()
        await pilot.press("7")
        await pilot.pause()
        # The number shows as a dot while Alex is still to answer.
        assert "Safe today, 1 to 10: •" in screen_text(app)
        assert "1 to 10: 7" not in screen_text(app)
        assert str(modal.query_one("#checkin-reveal", Static).content) == ""
        await pilot.press("enter")  # in turn: Enter moves on to Alex
        await pilot.pause()
        assert modal.query_one("#feel-1", FeelingPicker).query_one(OptionList).has_focus
        modal.query_one("#safe-1", Input).focus()
        await pilot.press("5")
        await pilot.pause()
        reveal = str(modal.query_one("#checkin-reveal", Static).content)
        assert reveal == "You have both answered: Sam 7 · Alex 5"
        modal.query_one("#safe-1", Input).value = ""  # Alex gives a word alone instead
        modal.query_one("#feel-1 .own-word", Input).value = "wobbly"
        await pilot.press("ctrl+s")
        await saved(pilot)
        who = ids(app.vault)
        got = {(c.partner_id, c.feeling, c.safety) for c in app.vault.all(CheckIn)}
        assert got == {(who["Sam"], "sad", 7), (who["Alex"], "wobbly", None)}
