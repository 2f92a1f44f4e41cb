"""The rituals, walked end to end with the keys a couple would press: a break in
the middle, a step left out, floor steps on the talk screen, and what is saved."""

from __future__ import annotations

from datetime import timedelta

from conftest import SAM_PASS, Told, settle
from textual.widgets import Static

from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    MiniGoal,
    RitualRun,
    Setback,
    TalkSession,
    Win,
)
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.rituals import RitualRunScreen, RitualsScreen, RitualTalkScreen
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed
from trust_tui.widgets.seat_box import SeatBox

MARKUP = "[bold]late[/] [@click=app.quit]q \x1b[31m"


def plain(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())



async def note(pilot, run: RitualRunScreen, key: str, text: str):
    """A partner opens their own box with their own key (s left, l right) each time,
    writes, and Enter adds the note and gives every key back at once."""
    await pilot.press(key)
    focused = run.focused
    assert isinstance(focused, SeatBox) and focused.is_open
    focused.value = text
    await pilot.press("enter")
    assert run.focused is None and not focused.is_open


async def open_ritual(pilot, key: str) -> RitualRunScreen:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RitualsScreen)
    await pilot.press(key)
    await pilot.pause()
    run = pilot.app.screen
    assert isinstance(run, RitualRunScreen)
    return run


async def one_turn_each(pilot, talk: RitualTalkScreen):
    """Sam speaks while Alex jots a few words; Alex says it back, the floor passes;
    then Alex speaks and Sam says it back."""
    sam, alex = talk.sides
    await pilot.press("f")  # Sam starts speaking
    await pilot.press("l")  # Alex goes to their box while listening
    talk.focused.value = "late again"
    await pilot.press("escape")
    await pilot.press("f", "j", "f")  # done, said back, that's it
    assert talk.floor.session.turns[0].paraphrase == "late again"
    assert talk.floor.speaker_id == alex
    await pilot.press("j", "j", "f", "j")
    assert talk.floor.speaker_id == sam


async def take_a_break(pilot, clock, minutes: int = 20):
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CalmScreen)
    await pilot.press("f")  # Sam asks for it
    # What waits below is named as the ritual it is, not as a talk.
    assert "Your ritual waits where it stopped: " in plain(pilot.app.screen, "#calm-talk")
    clock.advance(minutes * 60)
    await pilot.press("f", "j")  # both ready
    await settle(pilot)


def seed_week(vault):
    sam, alex = vault.partners
    today = vault_today()
    call = Agreement(kind=AgreementKind.EXPECTATION, wording="Text me if you'll be late",
                     asked_by=sam.id, status=AgreementStatus.AGREED, next_review=today,
                     confirmed_by=[sam.id, alex.id])
    vault.add_many([
        call,
        FollowThrough(agreement_id=call.id, by=alex.id, kept=True, on=today),
        Win(text="We cooked together", noticed_by=sam.id, created_at=_now()),
    ])


def _now():
    from trust_tui.domain.clock import FakeClock

    return FakeClock().now()


def vault_today():
    return _now().astimezone().date()


async def test_weekly_meeting_end_to_end(unlocked_app):
    app, path, clock = await unlocked_app(seed=seed_week)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "w")
        sam, alex = run.sides
        assert app.current_talk is run

        # 1. Thank-yous: each writes one; Sam's goes on the wins wall with one key.
        await note(pilot, run, "s", "the coffee in bed")
        await note(pilot, run, "l", MARKUP)
        await pilot.press("1")
        assert "goes on the wins wall" in plain(run, "#notes-left")
        assert MARKUP in plain(run, "#notes-right")  # shown exactly as typed
        await pilot.press("n")

        # 2. What held: real data from the vault; then they leave the step out.
        assert "Kept once: Text me if you'll be late" in plain(run, "#run-item")
        await pilot.press("right_square_bracket")
        assert "A win: We cooked together" in plain(run, "#run-item")
        await pilot.press("x")

        # 3. Reviews: one due; "keep", with a note.
        assert "Expectation: Text me if you'll be late" in plain(run, "#run-item")
        await pilot.press("o")
        assert "keep it as it is" in plain(run, "#run-item")
        await note(pilot, run, "s", "it helps")

        # A break in the middle: the ritual waits on this very step.
        await take_a_break(pilot, clock, minutes=25)
        assert app.screen is run and run.flow.step.key == "reviews"
        await pilot.press("n")

        # 4. One issue with the floor: the talk screen's own floor, then back.
        assert run.flow.step.key == "issue"
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        assert isinstance(talk, RitualTalkScreen) and app.current_talk is talk
        assert "Prompt 1 of 3" in plain(talk, "#talk-prompt")
        await one_turn_each(pilot, talk)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is run and app.current_talk is run
        await pilot.press("n")

        # 5. Close: one thing each; Sam's a mini-goal, Alex's a draft expectation.
        await note(pilot, run, "s", "Cook on Thursday")
        await note(pilot, run, "l", "Phone call at lunch")
        await pilot.press("1", "2", "2")
        assert "becomes a mini-goal" in plain(run, "#notes-left")
        assert "becomes a draft expectation" in plain(run, "#notes-right")
        await pilot.press("n")
        await settle(pilot)
        done = plain(run, "#done-text")
        assert "Steps taken: 4 of 5" in done and "Left out: What held this week" in done
        assert "Breaks: 1" in done

    vault = Vault.open(path, SAM_PASS)  # what reached the disk
    [saved] = vault.all(RitualRun)
    assert saved.ritual == "weekly" and saved.finished
    assert [s.step for s in saved.steps if s.skipped] == ["went_well"]
    assert saved.breaks[0].called_by == sam and saved.breaks[0].actual_seconds == 1500
    [talk_session] = vault.all(TalkSession)
    assert talk_session.ritual_id == saved.id and saved.talk_id == talk_session.id
    assert len(talk_session.turns) == 2
    [thanks] = [w for w in vault.all(Win) if w.kind == "thanks"]
    assert (thanks.text, thanks.noticed_by, thanks.to) == ("the coffee in bed", sam, alex)
    [goal] = vault.all(MiniGoal)
    assert goal.text == "Cook on Thursday" and goal.owner == sam
    drafts = [a for a in vault.all(Agreement) if a.status == AgreementStatus.DRAFT]
    assert [d.wording for d in drafts] == ["Phone call at lunch"]
    [reviewed] = [a for a in vault.all(Agreement) if a.reviews]
    assert reviewed.reviews[0].outcome == "keep" and reviewed.reviews[0].note == "it helps"
    assert reviewed.next_review > vault_today()


async def test_setback_waits_for_calm_and_is_recorded_as_a_normal_event(unlocked_app):
    def seed(vault):
        sam, alex = vault.partners
        vault.add(Agreement(kind=AgreementKind.EXPECTATION, wording="Call if I'm late",
                            asked_by=alex.id, status=AgreementStatus.AGREED,
                            confirmed_by=[sam.id, alex.id]))

    app, path, clock = await unlocked_app(seed=seed)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "s")
        sam, alex = run.sides
        [expectation] = app.vault.all(Agreement)

        # Only Sam is calm: it offers a break instead of going on.
        await pilot.press("f")
        assert "Sam: calm enough" in plain(run, "#run-gate")
        assert "Alex: not yet" in plain(run, "#run-gate")
        await pilot.press("n")
        assert run.flow.step.key == "calm"
        assert "Take a break first" in plain(run, "#run-gate")
        await take_a_break(pilot, clock)
        assert "Sam: not yet" in plain(run, "#run-gate")  # asked again after the break
        await pilot.press("f", "j", "n")

        # What happened, linked to the expectation it concerns.
        assert run.flow.step.key == "what"
        await pilot.press("right_square_bracket")
        assert "Concerns: Call if I'm late" in plain(run, "#run-item")
        await note(pilot, run, "s", MARKUP)
        assert MARKUP in plain(run, "#notes-together")
        await pilot.press("n")

        # How I felt, with the floor; a break on the talk screen pauses the ritual too.
        await pilot.press("t")
        await pilot.pause()
        talk = app.screen
        await one_turn_each(pilot, talk)
        await pilot.press("b")
        await pilot.pause()
        assert run.flow.on_break
        await pilot.press("j")  # Alex asks for this one
        clock.advance(30 * 60)
        await pilot.press("f", "j")
        await settle(pilot)
        assert app.screen is talk and not run.flow.on_break
        welcome = [m for m in told.messages if "Welcome back" in m]
        assert "Talking through a setback: How I felt." in welcome[-1]
        assert "When it happened, I felt" in welcome[-1]  # the step's prompt, not a talk's
        assert len(talk.floor.session.breaks) == 1
        await pilot.press("escape")  # ends the floor too (asks first)
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("n")
        await pilot.press("x")  # how I saw it: left out
        await pilot.press("n")  # what it touched from before
        # My part and my apology: the apology helper has a look.
        assert run.flow.step.key == "my_part"
        await note(pilot, run, "l", "I'm sorry, but you were late too")
        assert "worth a second look" in plain(run, "#run-excuses")
        await pilot.press("n")
        await note(pilot, run, "s", "Call from the station")
        await pilot.press("n")
        await settle(pilot)
        assert "The setback is on the record" in plain(run, "#done-text")

        [saved] = app.vault.all(RitualRun)
        assert saved.ritual == "setback" and saved.finished
        assert [s.step for s in saved.steps if s.skipped] == ["saw"]
        assert [b.called_by for b in saved.breaks] == [sam, alex]
        assert saved.breaks[1].actual_seconds == 1800 and saved.agreement_id == expectation.id
        [felt_talk] = app.vault.all(TalkSession)
        assert felt_talk.ritual_id == saved.id and len(felt_talk.breaks) == 1
        [setback] = app.vault.all(Setback)
        assert setback.text == MARKUP and setback.agreement_id == expectation.id
        assert setback.talked_through_id == saved.id and saved.setback_id == setback.id
        calm = {s.step: s for s in saved.steps}["calm"]
        assert calm.answers == {sam: True, alex: True}


async def test_stopping_early_keeps_what_was_said_even_after_a_failed_save(
        unlocked_app, monkeypatch):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "w")
        await note(pilot, run, "l", "thank you for Sunday")
        await pilot.press("f2")  # the break screen, then "not now": nothing recorded
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is run and not run.flow.on_break
        await pilot.press("e")
        await pilot.pause()

        def refuse(*args, **kwargs):
            raise WriteFailed(path, "the disk is full")

        monkeypatch.setattr("trust_tui.vault.storage.atomic_write", refuse)
        await pilot.press("y")
        await settle(pilot)
        assert "not saved yet: press e to try again" in plain(run, "#run-head")
        [kept] = app.vault.all(RitualRun)  # only the copy saved as it went: still under way
        assert kept.in_progress and kept.steps[0].notes[0].text == "thank you for Sunday"
        monkeypatch.undo()
        await pilot.press("e")
        await settle(pilot)
        [saved] = app.vault.all(RitualRun)
        assert not saved.finished and saved.breaks == []
        assert saved.steps[0].notes[0].text == "thank you for Sunday"
        assert all(s.skipped for s in saved.steps[1:])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RitualsScreen)
        assert "Weekly meeting:" in plain(app.screen, "#rituals-recent")


async def test_home_says_gently_when_a_weekly_meeting_is_due(unlocked_app):
    def seed(vault):
        vault.add(RitualRun(ritual="weekly", started_at=_now() - timedelta(days=9)))

    app, path, clock = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "weekly meeting could fit in soon" in plain(app.screen, "#due-list")
        assert "9 days" not in plain(app.screen, "#due-list")  # an invitation, no tally
        await pilot.press("r")
        await pilot.pause()
        assert "weekly meeting could fit in soon" in plain(app.screen, "#rituals-due")


async def test_home_is_quiet_after_a_recent_meeting(unlocked_app):
    def seed(vault):
        vault.add(RitualRun(ritual="weekly", started_at=_now() - timedelta(days=2)))

    app, path, clock = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "weekly meeting" not in plain(app.screen, "#due-list")


async def test_a_ritual_is_saved_as_it_goes_and_can_be_continued_after_a_lock(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "w")
        await note(pilot, run, "s", "thank you for the call")
        await pilot.press("1")  # marked for the wins wall
        await pilot.press("n")  # the next step: saved as it stands
        await settle(pilot)
        [kept] = app.vault.all(RitualRun)
        assert kept.in_progress and kept.at_step == "went_well"
        assert kept.steps[0].notes[0].text == "thank you for the call"
        assert [(m.step, m.index, m.mark) for m in kept.marks] == [("appreciations", 0, "thanks")]
        # Words typed but not yet added are kept too when the app locks.
        await pilot.press("l")
        run.focused.value = "the walk on Sunday"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.vault_open

    [kept] = Vault.open(path, SAM_PASS).all(RitualRun)
    assert kept.in_progress and kept.at_step == "went_well"
    assert [n.text for n in kept.steps[1].notes] == ["the walk on Sunday"]

    from trust_tui.app import TrustApp
    from trust_tui.vault import FAST_TEST_KDF

    app = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Weekly meeting from" in plain(app.screen, "#due-list")
        assert "left at step 2 of 5: still open (r)" in plain(app.screen, "#due-list")
        await pilot.press("r")
        await pilot.pause()
        assert "c continues it" in plain(app.screen, "#rituals-unfinished")
        await pilot.press("c")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RitualRunScreen) and run.step.key == "went_well"
        assert "the walk on Sunday" in plain(run, "#notes-together")  # a step for both
        await pilot.press("e", "y")
        await settle(pilot)
        [ended] = app.vault.all(RitualRun)
        assert ended.id == kept.id and not ended.in_progress
        assert [n.text for n in ended.steps[0].notes] == ["thank you for the call"]
        assert [w.text for w in app.vault.all(Win)] == ["thank you for the call"]
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#rituals-unfinished").display


async def test_an_unfinished_ritual_can_be_ended_from_the_list(unlocked_app):
    from trust_tui.domain import rituals
    from trust_tui.domain.clock import FakeClock
    from trust_tui.domain.flow import Flow

    def seed(vault):
        sam, alex = (p.id for p in vault.partners)
        flow = Flow(rituals.weekly(), FakeClock(), (sam, alex))
        flow.add_note("the tea", by=alex)
        flow.next()
        vault.add(flow.progress())

    app, path, clock = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # not now: nothing changes
        await pilot.pause()
        assert app.vault.all(RitualRun)[0].in_progress
        await pilot.press("x", "y")
        await settle(pilot)
        [ended] = app.vault.all(RitualRun)
        assert not ended.in_progress and not ended.finished
        assert ended.steps[0].notes[0].text == "the tea"
        assert all(s.skipped for s in ended.steps[1:])
        assert "kept" in plain(app.screen, "#done-title")


async def test_a_setback_ended_in_another_window_is_recorded_once(unlocked_app):
    from trust_tui.models import RitualNote, RitualRun, Setback
    from trust_tui.vault import Vault

    from conftest import ALEX_PASS

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run = await open_ritual(pilot, "s")
        await pilot.press("f", "j", "n")  # both calm enough
        assert run.flow.step.key == "what"
        await note(pilot, run, "s", "The late evening")
        await settle(pilot)
        # Meanwhile the other terminal ends the same ritual, recording the setback.
        other = Vault.open(path, ALEX_PASS)
        [saved] = [r for r in other.all(RitualRun) if r.in_progress]
        theirs = Setback(text="The late evening", noted_by=None, talked_through_id=saved.id)
        other.add(theirs)
        steps = [step.model_copy(deep=True) for step in saved.steps]
        for step in steps:
            if step.step == "what":
                step.notes.append(RitualNote(by=None, text="Written in the other window"))
        other.put(saved.model_copy(update={"in_progress": False, "setback_id": theirs.id,
                                           "steps": steps}))
        # This terminal ends it too: its notes are kept, and the setback counted once.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        vault = Vault.open(path, ALEX_PASS)
        assert [s.id for s in vault.all(Setback)] == [theirs.id]
        [ended] = vault.all(RitualRun)
        assert not ended.in_progress and ended.setback_id == theirs.id
        notes = [n.text for s in ended.steps for n in s.notes]
        assert "The late evening" in notes and "Written in the other window" in notes
