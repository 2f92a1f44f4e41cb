"""Defects a new couple met trying the whole app at 80x24, each pinned by a test."""

from __future__ import annotations

from textual.widgets import Input

from conftest import settle

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
