"""Screen defects found by new users, each pinned by a test that failed before its fix."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from conftest import SAM_PASS, ids, screen_text, settle
from textual.widgets import Input, Select, Static

from trust_tui.models import JournalEntry
from trust_tui.screens.honesty import HonestyModal
from trust_tui.vault import Vault

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


async def test_journal_detail_says_kind_by_name_in_one_run(unlocked_app):
    """'Honesty log by Sam', never 'Honesty logby Sam': a bold word next to a plain
    space loses the space wherever bold glyphs run wider (screenshots, some fonts)."""

    def seed(vault):
        vault.add(JournalEntry(author=ids(vault)["Sam"], kind="honesty", text="I was late.",
                               created_at=NOW))

    app, _, _ = await unlocked_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        head = app.screen.query_one("#detail-head", Static)
        first = [segment.text for segment in head.render_line(0) if segment.text.strip()]
        assert first[0].strip() == "Honesty log by Sam"


async def unlock(pilot, passphrase: str = SAM_PASS) -> None:
    """Type a passphrase on the unlock screen (the key was forgotten on lock)."""
    box = pilot.app.screen.query_one(Input)
    box.value = passphrase
    box.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.vault_open


async def test_a_honesty_line_survives_a_lock_and_comes_back_to_finish(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        modal = app.screen
        modal.query_one("#honesty-kind", Select).value = "slip"
        modal.query_one("#honesty-who", Select).value = ids(app.vault)["Alex"]
        await pilot.press(*"I forgot to tex")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.vault_open

        [kept] = Vault.open(path, SAM_PASS).all(JournalEntry)
        assert (kept.draft, kept.kind, kept.text) == (True, "slip", "I forgot to tex")
        assert kept.author == ids(Vault.open(path, SAM_PASS))["Alex"]

        await unlock(pilot)
        await pilot.press("h")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, HonestyModal)
        assert modal.query_one("#honesty-text", Input).value == "I forgot to tex"
        assert modal.query_one("#honesty-kind", Select).value == "slip"
        assert modal.query_one("#honesty-who", Select).value == kept.author
        assert "Your words from last time are back" in str(
            modal.query_one("#form-message", Static).content)
        await pilot.press(*"t, sorry", "enter")
        await settle(pilot)
        [entry] = app.vault.all(JournalEntry)  # the draft became the entry: no copy left
        assert (entry.id, entry.draft, entry.text) == (kept.id, False, "I forgot to text, sorry")
        assert entry.created_at == clock.now()

        # A box left empty closes with nothing kept, and a lock then keeps nothing.
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.query_one("#honesty-text", Input).value == ""
        await pilot.press("escape", "ctrl+l")
        await pilot.pause()
    assert len(Vault.open(path, SAM_PASS).all(JournalEntry)) == 1


async def test_the_safety_check_alone_is_in_the_palette_and_the_safety_note(unlocked_app):
    from trust_tui.screens.safety import SoloSafetyScreen
    from trust_tui.texts import SAFETY_NOTE

    assert '"Safety check, alone"' in SAFETY_NOTE and "ctrl+p" in SAFETY_NOTE
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # from any area, not only from Rituals
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Safety check, alone")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SoloSafetyScreen)


async def test_the_safety_note_at_setup_says_where_the_check_alone_is(tmp_path):
    from trust_tui.app import TrustApp
    from trust_tui.vault import FAST_TEST_KDF

    app = TrustApp(tmp_path / "new.vault", kdf=FAST_TEST_KDF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#safety-note")
        assert "Safety check, alone" in str(note.render())


async def test_the_talk_start_form_and_panes_fit_80x24(unlocked_app):
    from textual.widgets import Button, Footer

    from trust_tui.screens.talk import TalkScreen
    from trust_tui.widgets.partner_pane import PartnerPane

    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, TalkScreen)
        footer = talk.query_one(Footer).region
        # The longest guidance and a "last talk saved" note: Begin still above the footer.
        talk.query_one("#start-topic", Select).value = "name_it"
        talk.query_one("#start-naming", Select).value = app.vault.partners[0].id
        talk.query_one("#start-note", Static).update("Your last talk is saved. Thank you.")
        await pilot.pause()
        begin = talk.query_one("#start-begin", Button).region
        assert begin.height == 3 and begin.bottom <= footer.y, (begin, footer)
        # ...and the footer names a key for it, which begins the talk.
        assert "Begin the talk" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert talk.stage == "talk" and talk.floor is not None

        # The speaker's pane: keys, feeling list, the 1-10 box and what to do now, unscrolled.
        pane = talk.query_one("#pane-left", PartnerPane)
        await pilot.pause()
        assert pane.max_scroll_y == 0, "the pane scrolls at 80x24"
        inside = pane.content_region
        for part in (".pane-keys", ".feeling-list", ".intensity", ".pane-task"):
            assert inside.contains_region(pane.query_one(part).region), part


async def lock_and_unlock(pilot) -> None:
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert not pilot.app.vault_open
    await unlock(pilot)


def form_message(app) -> str:
    """What the open form's message line says (where it tells words came back)."""
    return str(app.screen.query_one("#form-message", Static).content)


async def check_in_words(pilot) -> None:
    from trust_tui.models import CheckIn, FormDraft
    from trust_tui.widgets.form_modal import KEPT
    from trust_tui.widgets.feeling_picker import FeelingPicker

    app = pilot.app
    # The daily check-in: Alex's own word and a number, then a lock.
    await pilot.press("c")
    await pilot.pause()
    app.screen.query_one("#feel-1 .own-word", Input).value = "wobbly"
    app.screen.query_one("#safe-1", Input).value = "4"
    await pilot.pause()
    await lock_and_unlock(pilot)
    await pilot.press("c")
    await pilot.pause()
    assert app.screen.query_one("#feel-1", FeelingPicker).feeling == "wobbly"
    assert app.screen.query_one("#safe-1", Input).value == "4"
    assert KEPT in form_message(app)
    await pilot.press("ctrl+s")
    await settle(pilot)
    [check_in] = app.vault.all(CheckIn)
    assert (check_in.feeling, check_in.safety) == ("wobbly", 4)
    assert app.vault.all(FormDraft) == []  # saved: the draft is let go


async def win_and_goal_words(pilot) -> None:
    from trust_tui.models import FormDraft, MiniGoal, Win
    from trust_tui.widgets.form_modal import KEPT

    app = pilot.app
    # A win and a mini-goal half written on the wins wall.
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("a", *"We laughed at")
    await lock_and_unlock(pilot)
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("g", *"honest about small")
    await lock_and_unlock(pilot)
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert app.screen.query_one("#card-text", Input).value == "We laughed at"
    assert KEPT in form_message(app)
    app.screen.query_one("#card-text", Input).value = "We laughed at dinner"
    await pilot.press("enter")
    await settle(pilot)
    assert [w.text for w in app.vault.all(Win)] == ["We laughed at dinner"]
    await pilot.press("g")
    await pilot.pause()
    assert app.screen.query_one("#goal-text", Input).value == "honest about small"
    app.screen.query_one("#goal-text", Input).value = ""  # cleared: let go
    await pilot.press("escape")
    await settle(pilot)
    assert app.vault.all(FormDraft) == [] and app.vault.all(MiniGoal) == []


async def expectation_words(pilot) -> None:
    from textual.widgets import TextArea

    from trust_tui.models import FormDraft
    from trust_tui.widgets.form_modal import KEPT

    app = pilot.app
    # A new expectation's wording.
    app.action_open_area("expectations")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    app.screen.query_one("#wording", TextArea).insert("Text me if you will be late")
    await pilot.pause()
    await lock_and_unlock(pilot)
    app.action_open_area("expectations")
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    assert app.screen.query_one("#wording", TextArea).text == "Text me if you will be late"
    assert KEPT in form_message(app)

    # Cleared and closed, then opened and locked without typing: nothing is kept.
    app.screen.query_one("#wording", TextArea).clear()
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()
    await lock_and_unlock(pilot)
    assert app.vault.all(FormDraft) == []


# One app run per form, so test workers can share them out.
LOCKED_FORMS = {"check-in": check_in_words, "win and mini-goal": win_and_goal_words,
                "expectation": expectation_words}


@pytest.mark.parametrize("form", list(LOCKED_FORMS))
async def test_words_in_forms_survive_a_lock_and_come_back(unlocked_app, form):
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await LOCKED_FORMS[form](pilot)


async def test_how_the_talk_went_keeps_what_was_typed_through_a_lock(unlocked_app):
    from trust_tui.models import TalkSession
    from trust_tui.screens.talk import TalkScreen

    app, path, _ = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")  # begin
        await pilot.pause()
        await pilot.press("e", "y")
        await settle(pilot)
        talk = app.screen_stack[-2]  # how it went is a form over the talk
        assert isinstance(talk, TalkScreen) and talk.stage == "summary"
        app.screen.query_one("#safety-left", Input).value = "7"
        app.screen.query_one("#next-text", Input).value = "Walk on Sunday"
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.vault_open
    [session] = Vault.open(path, SAM_PASS).all(TalkSession)
    assert session.next_steps == ["Walk on Sunday"]
    assert [(c.partner_id, c.rating) for c in session.check_ins] == [(talk.sides[0], 7)]


def test_a_ritual_under_way_reads_as_under_way_in_the_markdown(vault):
    from datetime import date

    from trust_tui import export
    from trust_tui.domain import rituals
    from trust_tui.domain.clock import FakeClock
    from trust_tui.domain.flow import Flow

    flow = Flow(rituals.weekly(), FakeClock(), tuple(p.id for p in vault.partners))
    flow.add_note("the tea", by=vault.me.id)
    vault.add(flow.progress())
    text = export.export_markdown(vault, date(2026, 3, 2))
    assert "5 steps, still under way" in text and "stopped early" not in text
