"""The wins wall, driven by keys: cards, thank-yous, goals, setbacks, paging."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from textual.widgets import Input, OptionList, Select

from conftest import Told, ids, visible_text
from conftest import settle as saved

from trust_tui.models import MiniGoal, Setback, Win
from trust_tui.screens.wins import PAGE, Celebration, CardForm, WinsScreen

UTC = timezone.utc


# Days on cards follow the local zone: pin it so the dates asserted hold.
pytestmark = pytest.mark.usefixtures("local_utc")


HOSTILE = ["[bold]loud[/]", "a [/] b", "[@click=app.quit]x", "\x1b[31mred"]


def wall_text(screen: WinsScreen, widget_id: str = "#wall") -> str:
    """What the person sees in a list, line by line."""
    listing = screen.query_one(widget_id, OptionList)
    lines = (listing.render_line(y).text.strip() for y in range(listing.size.height))
    return "\n".join(line for line in lines if line)


def flowing(text: str) -> str:
    """The same text with wrapped lines joined, to find a phrase that wrapped."""
    return " ".join(text.split())


async def open_wall(pilot) -> WinsScreen:
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WinsScreen)
    return pilot.app.screen


async def test_add_a_win_puts_a_card_on_top_of_the_wall(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        assert "Nothing here yet" in wall_text(screen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        await pilot.press(*"We laughed")
        app.screen.query_one("#card-text", Input).insert_text_at_cursor(" at dinner")
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is screen
        [win] = app.vault.all(Win)
        assert (win.kind, win.text, win.noticed_by) == ("win", "We laughed at dinner",
                                                       ids(app.vault)["Sam"])
        assert win.created_at == clock.now()
        text = wall_text(screen)
        assert "This week" in text and "★ Win · Mon 2 Mar · noticed by Sam" in text
        assert "We laughed at dinner" in text


async def test_an_empty_win_is_not_saved(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_wall(pilot)
        await pilot.press("a", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        assert "A few words are enough" in str(app.screen.query_one("#form-message").content)
        await pilot.press("escape")
        await saved(pilot)
        assert app.vault.all(Win) == []


async def test_thank_you_goes_from_one_partner_to_the_other(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        people = ids(app.vault)
        form.query_one("#card-who", Select).value = f"{people['Alex']}>{people['Sam']}"
        form.query_one("#card-text", Input).value = "for making tea"
        await pilot.press("enter")
        await saved(pilot)
        [thanks] = app.vault.all(Win)
        assert (thanks.kind, thanks.noticed_by, thanks.to) == ("thanks", people["Alex"],
                                                              people["Sam"])
        assert "♥ Thank you · Mon 2 Mar · from Alex to Sam" in wall_text(screen)


async def test_partner_words_show_exactly_as_typed(unlocked_app):
    def seed(vault):
        sam = vault.partners[0].id
        moment = datetime(2026, 3, 2, 12, tzinfo=UTC)
        vault.add_many([Win(text=t, noticed_by=sam, created_at=moment) for t in HOSTILE])
        vault.add(MiniGoal(text="[bold]goal[/]", created_at=moment))

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        text = wall_text(screen)
        for typed in HOSTILE[:3]:
            assert typed in text
        assert "\x1b" not in text and "[31mred" in text
        assert "[bold]goal[/]" in wall_text(screen, "#goal-list")
        assert app.is_running  # the [@click=app.quit] card did not become a live link


async def test_setback_is_recorded_without_judgement_and_cannot_be_deleted(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#card-text", Input).value = "I forgot our plan"
        await pilot.press("enter")
        await saved(pilot)
        [setback] = app.vault.all(Setback)
        assert setback.text == "I forgot our plan"
        assert "○ Setback, noted · Mon 2 Mar · noted by Sam" in wall_text(screen)
        note = str(screen.query_one("#wall-note").content)
        assert "1 setback beside 0 wins and thank-yous: part of the way" in note
        # No key on the wall removes anything.
        for key in ("delete", "backspace", "d", "x"):
            await pilot.press(key)
        await saved(pilot)
        assert len(app.vault.all(Setback)) == 1


async def test_goal_reached_celebrates_then_shows_a_card(unlocked_app):
    app, _, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        form.query_one("#goal-text", Input).value = "Honest about small things"
        form.query_one("#goal-target", Input).value = "2"
        form.query_one("#goal-text", Input).focus()
        await pilot.press("enter")
        await saved(pilot)
        [goal] = app.vault.all(MiniGoal)
        assert (goal.owner, goal.target, goal.unit) == (None, 2, "days_in_a_row")
        assert "For both of you" in wall_text(screen, "#goal-list")

        await pilot.press("l")
        await saved(pilot)
        assert app.vault.get(MiniGoal, goal.id).progress == [date(2026, 3, 2)]
        assert "1 of 2 days in a row" in wall_text(screen, "#goal-list")
        await pilot.press("l")  # the same day again: counted once
        await saved(pilot)
        assert len(app.vault.get(MiniGoal, goal.id).progress) == 1

        clock.advance(2 * 24 * 3600)  # a day forgotten: L logs yesterday, the run holds
        await pilot.press("L")
        await saved(pilot)
        assert isinstance(app.screen, Celebration)
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is screen
        reached = app.vault.get(MiniGoal, goal.id)
        assert reached.reached_at == clock.now()
        [card] = [w for w in app.vault.all(Win) if w.kind == "goal_reached"]
        assert card.goal_id == goal.id
        text = wall_text(screen)
        assert "✦ Goal reached · Wed 4 Mar" in text
        assert "Honest about small things (2 days in a row), a goal for both of you" in text
        assert "Reached on Wed 4 Mar" in wall_text(screen, "#goal-list")
        await pilot.press("l")  # reached: nothing more is counted, and it says why
        await saved(pilot)
        assert len(app.vault.get(MiniGoal, goal.id).progress) == 2
        assert "reached already" in " ".join(str(n.message) for n in app._notifications)


async def test_a_run_that_ended_is_never_shamed(unlocked_app):
    def seed(vault):
        vault.add(MiniGoal(text="kind words", target=7,
                           progress=[date(2026, 2, 20), date(2026, 2, 21)],
                           created_at=datetime(2026, 2, 20, tzinfo=UTC)))

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        goals = flowing(wall_text(screen, "#goal-list"))
        assert "Ready for day 1 · best so far 2 days in a row" in goals
        assert "streak" not in goals.lower() and "broke" not in goals.lower()


async def test_hundreds_of_cards_are_paged_not_mounted(unlocked_app):
    def seed(vault):
        sam = vault.partners[0].id
        start = datetime(2026, 3, 2, 12, tzinfo=UTC)
        vault.add_many([Win(text=f"win {i}", noticed_by=sam,
                            created_at=start - timedelta(days=i)) for i in range(250)])

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        wall = screen.query_one("#wall", OptionList)
        cards = [o for o in wall.options if not o.disabled and o.id != "more"]
        assert len(cards) == PAGE
        assert wall.options[-1].id == "more"
        assert len(screen.query("*")) < 60  # one list, not a widget per card
        wall.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        cards = [o for o in wall.options if not o.disabled and o.id != "more"]
        assert len(cards) == 2 * PAGE
        # Reading carries on at the first of the older cards.
        assert wall.highlighted_option.id == cards[PAGE].id
        assert f"win {PAGE}" in wall_text(screen)


async def test_goal_target_must_be_a_number_in_range(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_wall(pilot)
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        form.query_one("#goal-text", Input).value = "kind words"
        form.query_one("#goal-target", Input).value = "0"
        form.query_one("#goal-target", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "1 to 365" in str(form.query_one("#form-message").content)
        form.query_one("#goal-target", Input).value = "5"
        form.query_one("#goal-unit", Select).value = "times"
        owner = ids(app.vault)["Alex"]
        form.query_one("#goal-owner", Select).value = owner
        await pilot.press("enter")
        await saved(pilot)
        [goal] = app.vault.all(MiniGoal)
        assert (goal.target, goal.unit, goal.owner) == (5, "times", owner)


def test_home_mentions_goals_under_way_gently(vault):
    from trust_tui.store.wins import due_lines

    today = date(2026, 3, 4)
    vault.add_many([
        MiniGoal(text="under way", progress=[today - timedelta(days=1)]),
        MiniGoal(text="done today", progress=[today]),
        MiniGoal(text="not started"),
        MiniGoal(text="reached", target=1, progress=[today - timedelta(days=1)],
                 reached_at=datetime(2026, 3, 3, tzinfo=UTC)),
    ])
    lines = due_lines(vault, today)
    assert lines == ["Mini-goal: under way, 1 of 7 days in a row (w)"]


def test_sparks_spread_out_from_the_middle():
    from trust_tui.screens.wins import sparkle_row

    first, later = sparkle_row(0, 21), sparkle_row(6, 21)
    assert first.strip() != "" and len(first.strip()) == 1 and first.index(first.strip()) == 10
    assert len(later.replace(" ", "")) > 1 and later[10 - 6] != " " and later[10 + 6] != " "


async def test_celebration_holds_still_when_animations_are_off(unlocked_app):
    def seed(vault):
        vault.add(MiniGoal(text="one kind word", target=1, unit="times"))

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await open_wall(pilot)
        await pilot.press("l")
        await saved(pilot)
        assert isinstance(app.screen, Celebration)
        assert "Press any key" in str(app.screen.query_one("#celebration-hint").content)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)


async def test_a_save_that_fails_gives_the_words_back(unlocked_app):
    from trust_tui.screens.wins import GoalForm
    from trust_tui.vault import VaultError

    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_wall(pilot)

        def full(_record):
            raise VaultError("The disk is full.")

        app.vault.add = full
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#card-text", Input).value = "we held hands"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, CardForm)
        assert app.screen.query_one("#card-text", Input).value == "we held hands"
        await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#goal-text", Input).value = "kind words"
        app.screen.query_one("#goal-target", Input).value = "3"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, GoalForm)
        assert app.screen.query_one("#goal-text", Input).value == "kind words"
        assert app.screen.query_one("#goal-target", Input).value == "3"


async def test_ctrl_s_saves_a_win_a_thank_you_and_a_goal(unlocked_app):
    from trust_tui.models import FormDraft
    from trust_tui.screens.wins import GoalForm

    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_wall(pilot)
        people = ids(app.vault)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        await pilot.press(*"we cooked", "ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#card-who", Select).value = f"{people['Alex']}>{people['Sam']}"
        await pilot.press(*"for the tea", "ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        await pilot.press(*"kind words", "ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        cards = sorted((w.kind, w.text, w.noticed_by, w.to) for w in app.vault.all(Win))
        assert cards == [("thanks", "for the tea", people["Alex"], people["Sam"]),
                         ("win", "we cooked", people["Sam"], None)]
        assert [g.text for g in app.vault.all(MiniGoal)] == ["kind words"]
        assert app.vault.all(FormDraft) == []  # saved: nothing kept as a draft


async def test_a_day_logged_in_another_window_is_counted_once_and_said_so(unlocked_app):
    def seed(vault):
        vault.add(MiniGoal(text="kind words", target=3))

    app, path, _ = await unlocked_app(seed=seed)
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        [goal] = app.vault.all(MiniGoal)
        # The other window logs today just before this one does (this screen has
        # not redrawn yet, so it still shows today as not logged).
        from conftest import SAM_PASS
        from trust_tui.store import wins as store_wins
        from trust_tui.vault import Vault
        other = Vault.open(path, SAM_PASS)
        store_wins.log_step(other, goal.id, date(2026, 3, 2), app.clock.now())
        told.clear()
        await pilot.press("l")
        await saved(pilot)
        assert app.vault.get(MiniGoal, goal.id).progress == [date(2026, 3, 2)]
        said = told.messages
        assert "Today is already counted for this goal." in said
        assert "1 of 3 days in a row · logged today" in flowing(wall_text(screen, "#goal-list"))


async def test_a_card_can_be_changed_taken_off_and_put_back(unlocked_app):
    """The wall is theirs: e changes a card's words, x takes it off (asked first), and
    ctrl+z undoes the last change, each said in words."""
    app, _, _ = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        await pilot.press("a", *"We laughd", "enter")
        await saved(pilot)
        [win] = app.vault.all(Win)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardForm) and "changing it" in visible_text(form)
        box = form.query_one("#card-text", Input)
        assert box.value == "We laughd"
        box.value = "We laughed at dinner"
        await pilot.press("enter")
        await saved(pilot)
        assert app.vault.get(Win, win.id).text == "We laughed at dinner"
        assert len(app.vault.all(Win)) == 1  # changed, not added
        assert "We laughed at dinner" in wall_text(screen)

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # "Keep it"
        await saved(pilot)
        assert app.vault.get(Win, win.id) is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await saved(pilot)
        assert app.vault.all(Win) == []
        assert "The card is off the wall. ctrl+z puts it back." in told.messages

        await pilot.press("ctrl+z")
        await saved(pilot)
        assert app.vault.get(Win, win.id).text == "We laughed at dinner"
        assert "Undone: taking the card off." in told.messages
        assert "We laughed at dinner" in wall_text(screen)


async def test_a_goal_can_be_changed_and_an_added_one_undone(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_wall(pilot)
        await pilot.press("g", *"A walk", "enter")
        await saved(pilot)
        [goal] = app.vault.all(MiniGoal)
        screen.query_one("#goal-list", OptionList).focus()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#goal-target", Input).value = "3"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.vault.get(MiniGoal, goal.id).target == 3
        await pilot.press("ctrl+z")  # the change undone: back to 7
        await saved(pilot)
        assert app.vault.get(MiniGoal, goal.id).target == 7
