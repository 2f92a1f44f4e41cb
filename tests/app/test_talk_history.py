"""Talk together: which of you names what happened, past talks, and the next talk
started from a next step."""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from textual.widgets import Input, Select, Static

from conftest import Told, ids, screen_text, settle, utc

from trust_tui.models import BreakTaken, SafetyCheckIn, TalkSession, Turn
from trust_tui.screens.talk import TalkScreen
from trust_tui.screens.talk.history import TalkHistory
from trust_tui.vault import Vault

WHEN = utc(2026, 3, 4, 18)
MARKUP = "[bold]money[/] [@click=app.quit]x"
S = TypeVar("S")


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).content.plain


def past_talks(vault: Vault) -> None:
    """An older open talk, and a later one about what broke, fully noted."""
    who = ids(vault)
    sam, alex = who["Sam"], who["Alex"]
    vault.add(TalkSession(topic="open", first_speaker_id=sam, started_at=WHEN - timedelta(days=7),
                          ended_at=WHEN - timedelta(days=7, minutes=-10), subject=MARKUP))
    vault.add(TalkSession(
        topic="name_it", first_speaker_id=sam, naming_id=sam, started_at=WHEN,
        ended_at=WHEN + timedelta(minutes=40),
        turns=[Turn(speaker_id=sam, feeling="ashamed", started_at=WHEN, spoken_seconds=240,
                    paraphrase="You kept it from me [b]for weeks[/b].",
                    paraphrase_confirmed=True),
               Turn(speaker_id=alex, feeling="hurt", started_at=WHEN, spoken_seconds=150)],
        breaks=[BreakTaken(called_by=alex, called_at=WHEN, planned_seconds=1200,
                           actual_seconds=25 * 60)],
        check_ins=[SafetyCheckIn(partner_id=sam, rating=6),
                   SafetyCheckIn(partner_id=alex, rating=4)],
        next_steps=["Tell me when plans change", "Talk again on Sunday"]))


async def shows(pilot, key: str, kind: type[S]) -> S:
    """Press `key`; the screen on top is then a `kind`."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind), screen
    return screen


async def open_history(pilot) -> TalkHistory:
    await shows(pilot, "t", TalkScreen)
    return await shows(pilot, "y", TalkHistory)


async def test_a_talk_about_what_broke_asks_who_names_it_and_keeps_the_answer(unlocked_app):
    app, path, _clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert not talk.query_one("#start-naming-row").display  # an open talk: no parts
        talk.query_one("#start-topic", Select).value = "name_it"
        await pilot.pause()
        assert talk.query_one("#start-naming-row").display
        assert "prompts for your own part" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert talk.stage == "start" and "Choose which of you is naming" in told
        assert app.focused is talk.query_one("#start-naming", Select)

        alex = ids(app.vault)["Alex"]
        talk.query_one("#start-naming", Select).value = alex
        await pilot.pause()
        assert talk.query_one("#start-first", Select).value == alex  # they begin
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert talk.stage == "talk"
        assert talk.floor.session.naming_id == alex and talk.floor.speaker_id == alex
        await pilot.press("y")  # past talks wait for the start of a talk
        await pilot.pause()
        assert app.screen is talk and "Past talks" not in screen_text(app)
    [saved] = Vault.open(path, "sam-passphrase").all(TalkSession)
    assert saved.naming_id == alex and saved.subject is None


async def test_past_talks_show_what_each_talk_produced(unlocked_app, local_utc):
    app, _path, _clock = await unlocked_app(seed=past_talks)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        seen = screen_text(app)
        assert "Past talks, newest first" in seen
        listed = seen.index("Name what broke")
        assert listed < seen.index("Open talk: [bold]money[/]")  # newest first, as typed
        detail = plain(history, "#history-text")
        for words in ("4 March 2026, 18:00: ended, 40 minutes in all.",
                      "Sam named what happened.",
                      "Sam: 1 turn, 4 minutes speaking. Feelings named: ashamed.",
                      "Alex: 1 turn, 2 minutes speaking. Feelings named: hurt.",
                      "Alex, of Sam's turn (confirmed): You kept it from me [b]for weeks[/b].",
                      "1 break, 25 minutes in all.",
                      "How safe afterwards (1 to 10): Sam 6 of 10, Alex 4 of 10."):
            assert words in detail, words
        steps = [str(o.prompt) for o in history.steps.options]
        assert steps == ["- Tell me when plans change", "- Talk again on Sunday"]

        await pilot.press("down")  # the older talk: a subject with markup, no ratings
        detail = plain(history, "#history-text")
        assert f"About: {MARKUP}" in detail and "Sam not given, Alex not given" in detail
        assert "No next steps noted." in detail and not history.steps.display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TalkScreen) and app.screen.stage == "start"


async def test_a_next_step_starts_the_next_talk(unlocked_app):
    app, path, _clock = await unlocked_app(seed=past_talks)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        await pilot.press("n", "down", "enter")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, TalkScreen) and talk.stage == "start"
        assert talk.query_one("#start-topic", Select).value == "open"
        assert talk.query_one("#start-subject", Input).value == "Talk again on Sunday"
        assert "Starting from a next step" in plain(talk, "#start-note")
        assert history.is_attached is False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert talk.stage == "talk"
    [started] = [t for t in Vault.open(path, "sam-passphrase").all(TalkSession)
                 if t.ended_at is None]
    assert (started.topic, started.subject) == ("open", "Talk again on Sunday")


async def test_past_talks_from_the_palette_and_when_there_are_none(unlocked_app):
    app, _path, _clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Past talks")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TalkHistory)
        assert "No talks yet" in screen_text(app)
