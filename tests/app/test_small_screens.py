"""Every screen at 80x24, found by a new user's walkthrough: what must stay in
sight, and words that never score or reproach. Each test failed before its fix."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Footer

from conftest import Told, ids, screen_lines, settle, utc

from trust_tui.models import Agreement, AgreementKind, AgreementStatus, RaisedConcern
from trust_tui.screens.areas import AREAS

SMALL = (80, 24)
NOW = utc(2026, 3, 2, 18)


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return screen_lines(app)[footer.region.y]


def agreed(vault, kind: AgreementKind, wording: str, *, review: date) -> Agreement:
    both = list(ids(vault).values())
    return Agreement(kind=kind, wording=wording, asked_by=both[0], status=AgreementStatus.AGREED,
                     confirmed_by=both, agreed_at=NOW - timedelta(days=30), next_review=review)


# --- home ------------------------------------------------------------------------

async def test_home_shows_every_area_key_at_80x24_with_a_long_today(unlocked_app):
    """Many due lines scroll in their own box; the keys under them stay in sight."""

    def seed(vault):
        vault.add_many([agreed(vault, AgreementKind.EXPECTATION,
                               f"Expectation number {n}: tell me when plans change, "
                               "even a little", review=date(2026, 2, 1))
                        for n in range(6)])

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        for area in AREAS:
            assert f"{area.key}  {area.title}" in text, area.title
        for extra in ("c  Daily check-in", "h  Honesty log", "f2  Take a break",
                      "ctrl+l  Lock now", "s  Settings", "?  Safety note", "ctrl+q  Quit"):
            assert extra in text, extra
        due = app.screen.query_one("#due-scroll")
        assert due.max_scroll_y > 0  # the long "Today" scrolls instead of pushing keys off
        # The footer has room for the break key (areas are listed beside "Today").
        assert "f2 Break" in footer_text(app)
        await pilot.press("e")  # and the keys still open their areas
        await pilot.pause()
        assert app.current_mode == "expectations"


# --- expectations and boundaries -------------------------------------------------

async def test_expectations_footer_fits_80_columns_and_names_the_rest(unlocked_app):
    """Home (esc) in the footer; export, pause and undo named under the list."""
    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("e")
        await pilot.pause()
        footer = footer_text(app)
        for shown in ("a Add", "e Edit", "k Kept", "m Missed", "r Review", "esc Home",
                      "f2 Break"):
            assert shown in footer, shown
        hint = " ".join(screen_lines(app))
        for named in ("x export", "p pause", "ctrl+z undo", "1 Sam, 0 Alex"):
            assert named in hint, named
        # The hidden keys still work, and the palette's key panel lists them.
        bindings = {key: b.binding for key, b in app.screen.active_bindings.items()}
        assert {"x", "p", "ctrl+z", "1", "0"} <= set(bindings)
        app.action_show_help_panel()  # ctrl+p, "Keys": every key, the hidden ones too
        await pilot.pause()
        from textual.widgets._key_panel import BindingsTable

        table = app.screen.query_one(BindingsTable).render_bindings_table()
        described = " ".join(str(cell) for column in table.columns for cell in column._cells)
        for named in ("Export", "Undo", "Pause or pick up again", "Sam agrees"):
            assert named in described, named
        app.action_hide_help_panel()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportForm"


async def test_agree_keys_are_in_a_wide_footer(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "1 Sam agrees" in footer_text(app) and "0 Alex agrees" in footer_text(app)


async def test_boundaries_show_the_raised_concerns_in_full_at_80x24(unlocked_app):
    def seed(vault):
        sam, alex = ids(vault).values()
        boundary = agreed(vault, AgreementKind.BOUNDARY, "My phone is mine; ask before "
                          "reading anything on it", review=date(2026, 4, 1))
        vault.add(boundary)
        vault.add_many([
            RaisedConcern(by=sam, agreement_id=boundary.id, created_at=NOW - timedelta(days=2),
                          text="The jokes about money at dinner stung more than I said"),
            RaisedConcern(by=alex, created_at=NOW - timedelta(days=1),
                          text="Being asked where I was, twice in one evening"),
            RaisedConcern(by=sam, created_at=NOW, text="Plans changed without a word")])

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("b")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "Raised (t when talked through):" in text  # the title on one line
        concerns = app.screen.query_one("#agr-concerns")
        # All three concerns in full, unscrolled, above the footer...
        assert concerns.max_scroll_y == 0
        assert concerns.region.bottom <= app.screen.query_one(Footer).region.y
        assert concerns.region.height >= 9
        for words in ("stung more than I", "twice in one evening", "without"):
            assert words in text, words
        # ...and the list of boundaries keeps room too.
        assert app.screen.query_one("#agr-list").region.height >= 5
        assert "n Raise it now" in footer_text(app)


# --- the break ---------------------------------------------------------------------

async def test_break_screen_names_escape_in_the_footer_at_80x24(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "CalmScreen"
        assert "esc Not now" in footer_text(app)
        await pilot.press("escape")  # and it does what it says
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


# --- rituals -----------------------------------------------------------------------

async def test_a_long_win_in_the_weekly_meeting_leaves_the_note_boxes_in_sight(unlocked_app):
    from textual.widgets import Input

    from trust_tui.models import Win

    long_win = ("We cooked together on Sunday and nobody checked a phone, " * 12).strip()

    def seed(vault):
        vault.add(Win(text=long_win, noticed_by=ids(vault)["Sam"], created_at=NOW))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        run = app.screen
        await pilot.press("n")  # thank-yous, then what held: the long win
        await pilot.pause()
        item = run.query_one("#run-item")
        assert "We cooked together" in str(item.render())
        assert item.max_scroll_y > 0  # the rest of the win scrolls in its box
        footer_y = run.query_one(Footer).region.y
        boxes = [box for box in run.query(Input) if box.id.startswith("note-")
                 and box.parent.display]
        assert boxes
        for box in boxes:
            assert box.region.height == 3 and box.region.bottom <= footer_y, box.id


# --- progress: counts, never scores -------------------------------------------------

async def test_progress_says_counts_and_minutes_not_percentages(unlocked_app, clock):
    from trust_tui.models import FollowThrough, TalkSession, Turn

    clock.set_wall(NOW)

    def seed(vault):
        sam = ids(vault)["Sam"]
        vault.add_many([FollowThrough(agreement_id="x", by=sam, kept=False, on=NOW.date())
                        for _ in range(4)])
        vault.add(TalkSession(topic="open", first_speaker_id=sam, started_at=NOW, turns=[
            Turn(speaker_id=sam, started_at=NOW, spoken_seconds=720)]))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("p")
        await pilot.pause()
        body = app.screen.query_one("#progress-body")
        body.scroll_end(animate=False)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "this week: kept 0 of 4 logged" in text  # one line, at 80 columns
        assert "spoke for 12 min" in text and "spoke for 0 min" in text
        assert "%" not in text


# --- thanks to whoever answered ------------------------------------------------------

async def test_a_check_in_thanks_the_one_who_answered(unlocked_app):
    from textual.widgets import Input

    app, _, _ = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#safe-1", Input).value = "6"  # Alex answers, Sam skips
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Check-in saved. Thank you, Alex." in told.messages
        assert not any("both" in n for n in told.messages)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#safe-0", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Check-in saved. Thank you both." in told.messages


# --- rituals: who wrote it, what was left out, how many --------------------------------

async def ritual_note(pilot, key: str, text: str) -> None:
    from textual.widgets import Input

    await pilot.press(key)  # the partner's own key opens their box, every time
    focused = pilot.app.screen.focused
    assert isinstance(focused, Input)
    focused.value = text
    await pilot.press("enter")  # adds it and gives every key back
    assert pilot.app.screen.focused is None


async def test_a_setback_written_together_and_ended_on_that_step(unlocked_app):
    """A "Both of you" note is the couple's, not the one who unlocked; ending on the
    step where it was written does not call that step left out."""
    from trust_tui.models import RitualRun, Setback

    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        run = app.screen
        await pilot.press("f", "j", "n")  # both calm enough
        assert run.flow.step.key == "what"
        await ritual_note(pilot, "s", "We argued about the late train")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        done = str(run.query_one("#done-text").render())
        assert "What happened" not in done  # not listed as left out
        assert "Steps taken: 2 of" in done
        [setback] = app.vault.all(Setback)
        assert setback.noted_by is None  # both of you
        [saved] = app.vault.all(RitualRun)
        assert "what" not in [s.step for s in saved.steps if s.skipped]

        await pilot.press("escape", "escape")
        await pilot.pause()
        app.action_open_area("wins")
        await pilot.pause()
        from textual.widgets import OptionList

        wall = app.screen.query_one("#wall", OptionList)
        cards = " ".join(str(wall.get_option_at_index(i).prompt) for i in range(wall.option_count))
        assert "noted by both of you" in cards and "noted by Sam" not in cards


async def test_one_thank_you_is_singular_in_the_weekly_summary(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        run = app.screen
        await ritual_note(pilot, "s", "the coffee in bed")
        await pilot.press("1")  # onto the wins wall
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        done = str(run.query_one("#done-text").render())
        assert "On the wins wall: 1 thank-you." in done
        assert "(s)" not in done


# --- a review that changes nothing ---------------------------------------------------

def test_adjusting_with_the_same_words_changes_nothing():
    import pytest

    from trust_tui.domain import agreements as rules

    a = Agreement(kind=AgreementKind.EXPECTATION, wording="Tell me if  you'll be late",
                  asked_by="s", status=AgreementStatus.AGREED, confirmed_by=["s", "a"])
    with pytest.raises(rules.AgreementRuleError, match="nothing has changed"):
        rules.review(a, working={}, outcome="adjust", now=NOW, by="s",
                     new_wording="Tell me if you'll be late\n")


async def test_a_review_adjusted_with_unchanged_words_says_so_and_keeps_it_agreed(unlocked_app):
    from textual.widgets import Select

    def seed(vault):
        vault.add(agreed(vault, AgreementKind.EXPECTATION, "Tell me if you'll be late",
                         review=date(2026, 3, 1)))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        form.query_one("#working-0", Select).value = "yes"
        form.query_one("#working-1", Select).value = "no"
        form.query_one("#outcome", Select).value = "adjust"
        await pilot.pause()
        await pilot.press("ctrl+s")  # the words as they were
        await settle(pilot)
        assert app.screen is form  # still open, answers kept
        assert "nothing has changed" in str(form.query_one(".form-message").render())
        [a] = app.vault.all(Agreement)
        assert a.status == AgreementStatus.AGREED and a.reviews == []


# --- journal -------------------------------------------------------------------------

async def test_journal_footer_reaches_home_at_80x24(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("j")
        await pilot.pause()
        footer = footer_text(app)
        for shown in ("n New entry", "a Say sorry", "/ Search", "p Private", "esc Home"):
            assert shown in footer, shown
        assert footer.rstrip().endswith("^p palette")  # no stray letter after it


async def test_a_floor_step_names_every_key_in_the_footer_at_80x24(unlocked_app):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        run = app.screen
        await pilot.press("f", "j", "n", "n")  # calm, what happened, then "How I felt"
        assert run.flow.step.uses_floor
        footer = footer_text(app)
        for shown in ("n Next", "x Skip", "p Back", "a New prompt", "t Take the floor",
                      "b Break", "e End"):
            assert shown in footer, shown
