"""Defects a new couple met trying the whole app at 80x24, each pinned by a test."""

from __future__ import annotations

from textual.widgets import Input

from conftest import settle, visible_text

from test_talk_screen import open_talk


async def end_the_talk(pilot) -> None:
    await pilot.press("v", "f")  # Sam picks a word and speaks
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("y")
    await settle(pilot)


async def test_how_it_went_opens_with_the_first_safety_box_ready(unlocked_app):
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_talk(pilot)
        await end_the_talk(pilot)
        await pilot.press("7")
        assert app.screen.query_one("#safety-left", Input).value == "7"


async def test_escape_on_the_talk_start_form_goes_home_at_once(unlocked_app):
    """The form opens with "What about" focused; escape used to only take the focus
    off it, so the first escape seemed to do nothing."""
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot)
        assert app.current_mode == "talk"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "home"


async def test_a_check_in_word_chosen_with_enter_moves_on_to_the_number(unlocked_app):
    """Enter on a feeling word chose it but left the focus in the list, so the
    number typed next ("7") went nowhere; it now lands in that partner's box."""
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("down", "enter", "7")
        assert app.screen.query_one("#safe-0", Input).value == "7"
        await pilot.press("enter")  # on to the other partner, as before
        await pilot.press("down", "enter", "5")
        assert app.screen.query_one("#safe-1", Input).value == "5"


async def test_a_check_in_opened_again_keeps_the_focus_on_the_words(unlocked_app):
    """The word put back from earlier today is not a pick: the list keeps the focus."""
    from textual.widgets import OptionList

    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("down", "enter", "7", "ctrl+s")  # Alex skips; saved
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#safe-0", Input).value == "7"
        assert isinstance(app.screen.focused, OptionList)


async def test_escape_closes_the_list_of_keys_first(unlocked_app):
    """ctrl+p, "Keys" opened the list; escape did not close it (on home nothing
    happened, in an area it went home and the list stayed open there)."""
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await settle(pilot)
        app.action_show_help_panel()
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "journal" and not app.screen.query("HelpPanel")
        await pilot.press("escape")  # then escape is back as before: home
        await settle(pilot)
        assert app.current_mode == "home"


async def test_home_beside_the_list_of_keys_is_not_squeezed_to_a_few_letters(unlocked_app):
    """At 80 columns the list of keys left the eight steps four letters wide
    ("eigh / t / step / s"); they step aside while it is open, and come back."""
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        steps = app.screen.query_one("#home-steps")
        assert steps.display and "The eight steps" in visible_text(pilot)
        app.action_show_help_panel()
        await settle(pilot)
        assert not steps.display
        assert "Talk together" in visible_text(pilot)  # the keys beside "Today" stay
        await pilot.press("escape")
        await settle(pilot)
        assert steps.display and "The eight steps" in visible_text(pilot)


async def test_the_break_says_in_a_whole_sentence_that_escape_closes_it(unlocked_app):
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        text = visible_text(pilot)
        assert "Escape closes it if it was a slip." in text
        assert "escape if it was a mistake" not in text  # a fragment, lower case


async def test_the_idle_check_as_the_app_closes_is_not_a_crash(unlocked_app):
    """Its timer can tick once more while the app closes, with no screen left: it
    asked for the screen and the app 'stopped after an unexpected error'."""
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert not app.screen_stack
    await app.check_idle_lock()  # nothing to lock, nothing raised


async def test_a_check_in_opened_again_over_a_kept_draft_keeps_the_focus_on_the_words(
        unlocked_app):
    """Saved today, then changed and closed with escape (its words kept): opening it
    again puts the word back twice (the saved answer, then the draft), and neither
    is a pick."""
    from textual.widgets import OptionList

    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("down", "enter", "7", "ctrl+s")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#safe-0", Input).value = "6"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#safe-0", Input).value == "6"  # the kept draft
        assert isinstance(app.screen.focused, OptionList)
