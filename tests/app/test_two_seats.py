"""Two apps on one vault, each unlocked by one partner: each holds that partner's
seat, both show the talk, each partner's keys act only in their own app (both
key sets are theirs there), a move that is the other's says so, a break shows in
both and ends when each is back in their own app; a talk begun in one app pulls
the other in from home and is only offered to one with words being typed; a seat
left by an app that ended frees at once; a private entry opened in one app never
shows in the other, nor the other partner's safety box at a talk's end.

The other app's writes are picked up by `check_disk_now()` (what the app's live
timer calls) and `settle`: no sleeping, no timed asserts. Each test here starts
two apps (about half a second of the machine each time) and every screen they
open: a test plays a whole story rather than repeating another's opening."""

from __future__ import annotations

import contextlib

import pytest

from conftest import ALEX_PASS, SAM_PASS, Told, drawn, make_vault, screen_text, settle
from textual.widgets import Input, Static, TextArea

from trust_tui.app import TrustApp
from trust_tui.domain.floor import Floor, Phase
from trust_tui.domain.journal import EntryDraft
from trust_tui.models import TalkSession
from trust_tui.screens.calm import CalmScreen
from trust_tui.screens.journal.editor import EntryEditor
from trust_tui.screens.talk import TalkScreen
from trust_tui.screens.talk.summary import SummaryForm
from trust_tui.store import talks
from trust_tui.store.journal import save_entry
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.partner_pane import ELSEWHERE, PartnerPane


@pytest.fixture(autouse=True)
def looks_only_when_told(monkeypatch):
    """The apps' own timers (every 50 ms apart, every 2 s) would look at the disk at
    moments of their own: here each looks when the test says (`sync`)."""
    monkeypatch.setattr("trust_tui.app.DISK_CHECK_SECONDS", 3600)
    monkeypatch.setattr("trust_tui.app.IDLE_CHECK_SECONDS", 3600)  # 20 fake minutes pass
    monkeypatch.setattr("trust_tui.app_seats.LIVE_CHECK_SECONDS", 3600)


def apps(path, clock, seed=None):
    made = make_vault(path)
    if seed is not None:
        seed(made)
    sam = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))
    alex = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, ALEX_PASS))
    return sam, alex


@contextlib.asynccontextmanager
async def side_by_side(path, clock, seed=None):
    sam, alex = apps(path, clock, seed)
    async with sam.run_test(size=(120, 40)) as sp, alex.run_test(size=(120, 40)) as ap:
        await sp.pause()
        await ap.pause()
        await looks(sp, sam.check_seats)  # what its next look at the disk does
        yield sam, sp, alex, ap


async def looks(pilot, call) -> None:
    """Run one of the app's own looks (seats, disk) inside that app, as its timer
    would: two apps share this test's event loop, and a widget finds its app
    through the task it runs in."""
    pilot.app.call_later(call)
    await pilot.pause()


async def saved(pilot) -> None:
    """Every save asked for has landed and been answered (a floor's saves wait in
    line, one by one: an answer may start the next)."""
    for _ in range(5):
        await settle(pilot)
        if not len(pilot.app.workers):
            return


async def sync(*pilots) -> None:
    """Each app looks at the vault (as its live timer does) and catches up."""
    for pilot in pilots:
        await looks(pilot, pilot.app.check_disk_now)
        await saved(pilot)


def keys_line(screen, side: str) -> str:
    pane = screen.query_one(f"#pane-{side}", PartnerPane)
    return str(pane.query_one(".pane-keys", Static).render())


async def test_a_whole_talk_with_a_break_across_two_apps(vault_path, clock):
    """Also two moves at once (the first holds) and a late one refused gently."""
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        sam_id, alex_id = sam.vault.me.id, alex.vault.me.id
        told_alex, told_sam = Told(alex), Told(sam)
        assert (sam.seated_as, alex.seated_as) == (sam_id, alex_id)

        # Sam begins a talk; Alex's app, on home, is pulled into it.
        await sp.press("t")
        said = screen_text(sam)  # no left and right keys to split apart
        assert "You are in two windows" in said and "the one on the left" not in said
        await sp.press("ctrl+s")
        await saved(sp)
        s_talk = sam.screen
        assert isinstance(s_talk, TalkScreen) and s_talk.floor.speaker_id == sam_id
        await sync(ap)
        a_talk = alex.screen
        assert isinstance(a_talk, TalkScreen) and a_talk.floor is not None
        assert a_talk.floor.session.id == s_talk.floor.session.id
        assert "Sam has begun a talk: here it is. escape goes home." in told_alex
        # Each shows both panes; the other's keys are in their own window.
        assert ELSEWHERE in keys_line(a_talk, "left")
        assert "start speaking" in keys_line(s_talk, "left")
        assert ELSEWHERE in keys_line(s_talk, "right")

        # Sam's move is Sam's: in Alex's app neither key set makes it, and it says so.
        await ap.press("j")
        await ap.press("f")
        assert a_talk.floor.phase == Phase.NAMING and len(a_talk.floor.session.events) == 1
        assert "That move is Sam's, from their window." in told_alex
        # In Sam's own app both key sets are Sam's: j starts Sam speaking.
        await sp.press("j")
        await saved(sp)
        await sync(ap)
        # Both press p at once (neither saw the other's): paused, once.
        await sp.press("p")
        await ap.press("p")
        await saved(sp)
        await saved(ap)
        await sync(sp, ap)
        assert s_talk.floor.paused and a_talk.floor.paused
        await sp.press("p")  # go on
        await saved(sp)
        await sync(ap)
        assert not a_talk.floor.paused
        clock.advance(60)
        await sp.press("f")  # hand over early
        await saved(sp)
        await sync(ap)
        assert a_talk.floor.phase == Phase.PARAPHRASE
        assert "I've said it back" in keys_line(a_talk, "right")

        # Alex says it back in their app (f: both key sets are Alex's there).
        await ap.press("f")
        await saved(ap)
        await sync(sp)
        assert s_talk.floor.phase == Phase.CONFIRMING
        await sp.press("f")  # that's it: the floor passes to Alex
        await saved(sp)
        await sync(ap)
        assert a_talk.floor.speaker_id == alex_id and a_talk.floor.phase == Phase.NAMING

        # Alex starts and calls a break in their app: it shows in Sam's too.
        await ap.press("j")
        await saved(ap)
        clock.advance(30)
        await ap.press("b")
        a_calm = alex.screen
        assert isinstance(a_calm, CalmScreen)
        await ap.press("j")  # asked for by Alex
        await saved(ap)
        await sync(sp)
        s_calm = sam.screen
        assert isinstance(s_calm, CalmScreen) and s_calm.brk is not None
        assert s_calm.brk.called_by == alex_id
        assert "A break, asked for by Alex" in screen_text(sam)

        # Each is back in their own app: Sam's key there, Alex's in theirs.
        clock.advance(20 * 60)
        await sp.press("f")
        await saved(sp)
        assert sam.screen is s_calm  # one ready is not both
        await sync(ap)
        assert sam_id in a_calm.brk.ready
        assert "READY" in await drawn(ap, "READY", lambda pilot: screen_text(pilot.app))
        await ap.press("f")
        await saved(ap)
        assert alex.screen is a_talk
        await sync(sp)
        assert sam.screen is s_talk
        assert "Welcome back." in told_sam

        # Alex hands over, Sam says it back, Alex confirms.
        await ap.press("f")
        await saved(ap)
        await sync(sp)
        await sp.press("f")
        await saved(sp)
        await sync(ap)
        await ap.press("f")
        await saved(ap)
        await sync(sp)
        assert s_talk.floor.speaker_id == sam_id
        # Alex ends the talk while Sam, not having seen it yet, starts speaking.
        await ap.press("e", "y")
        await saved(ap)
        assert a_talk.stage == "summary" and a_talk.floor.ended
        await sp.press("j")
        await saved(sp)
        assert "That move came a moment late: the talk had already moved on." in told_sam
        assert s_talk.floor.ended and s_talk.stage == "summary"

    [kept] = Vault.open(vault_path, SAM_PASS).all(TalkSession)
    assert kept.ended_at is not None
    assert [t.speaker_id for t in kept.turns] == [sam_id, alex_id]
    assert all(t.paraphrase_confirmed for t in kept.turns)
    assert len(kept.breaks) == 1 and kept.breaks[0].called_by == alex_id


async def test_a_talk_begun_is_offered_to_words_being_typed_and_a_seat_left_frees_at_once(
        vault_path, clock):
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        told_alex, told = Told(alex), Told(sam)
        # Alex is writing a journal entry when Sam begins a talk: Alex's app offers it
        # (the key to join) and leaves the words where they are.
        await ap.press("j", "n", *"me too")
        editor = alex.screen
        assert isinstance(editor, EntryEditor)
        await sp.press("t", "ctrl+s")
        await saved(sp)
        talk = sam.screen
        await sync(ap)
        assert alex.screen is editor
        assert editor.query_one("#entry-text", TextArea).text == "me too"
        assert "escape to home, then t joins it" in " ".join(told_alex.messages)

        # Alex's app goes without a word (a closed terminal, a crash): the kernel lets
        # go of its seat; the empty seat file left behind holds nobody.
        assert sam.seated_as == sam.vault.me.id
        assert ELSEWHERE in keys_line(talk, "right")
        alex._seat_hold.leave()
        await looks(sp, sam.check_seats)
        assert sam.seated_as is None
        assert "both of you can move from this one again" in " ".join(told.messages)
        assert "start speaking" in keys_line(talk, "left")
        assert ELSEWHERE not in keys_line(talk, "right")
        await sp.press("j")  # the right keys are Alex's again, at this keyboard
        assert talk.floor.phase == Phase.NAMING
        await sp.press("f")
        assert talk.floor.phase == Phase.SPEAKING


async def test_one_app_alone_holds_both_sides_and_a_lock_frees_its_seat(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await looks(pilot, app.check_seats)
        assert app.seated_as is None and app._live_timer is None  # as before: no live poll
        other = TrustApp(path, clock=clock, vault=Vault.open(path, ALEX_PASS))
        async with other.run_test(size=(120, 40)) as op:
            await op.pause()
            assert other.seated_as == other.vault.me.id
            await looks(pilot, app.check_seats)
            assert app.seated_as == app.vault.me.id and app._live_timer is not None
            await op.press("ctrl+l")  # Alex locks: the seat is free again
            await op.pause()
            await looks(pilot, app.check_seats)
            assert app.seated_as is None and app._live_timer is None


async def test_a_private_entry_opened_in_one_app_never_shows_in_the_other(vault_path, clock):
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        await ap.press("j")  # Alex opens the journal
        await ap.pause()
        save_entry(sam.vault, EntryDraft(author=sam.vault.me.id, kind="entry",
                                         feeling="tender", text="only for my eyes",
                                         private=True), clock.now())
        await sp.press("j")
        await sp.pause()
        await sp.press("p")  # Sam opens their private entries, in Sam's app
        await sp.pause()
        sam.screen.query_one(Input).value = SAM_PASS
        await sp.press("enter")
        await saved(sp)
        assert "only for my eyes" in screen_text(sam)
        await sync(ap)
        shown = screen_text(alex)
        assert "only for my eyes" not in shown and "private" in shown.lower()


def talk_under_way(clock):
    """`seed`: a talk begun and under way, Sam speaking (each app continues it with t)."""
    def seed(vault):
        sam, alex = (p.id for p in vault.partners)
        floor = Floor.begin(clock, topic_key="feel", turn_minutes=3, first_speaker_id=sam,
                            partners=(sam, alex), by=sam)
        floor.start_speaking(by=sam)
        talks.save_progress(vault, floor.session)
    return seed


def safety_row(form) -> str:
    return "\n".join(str(w.render()) for w in form.query("#safety-row Label, #safety-row Static"))


async def test_how_it_went_apart_shows_each_app_only_its_own_partners_safety_box(
        vault_path, clock):
    async with side_by_side(vault_path, clock, talk_under_way(clock)) as (sam, sp, alex, ap):
        await sp.press("t")
        await ap.press("t")
        await saved(ap)
        s_talk, a_talk = sam.screen, alex.screen
        await sp.press("e", "y")  # Sam ends the talk: how it went opens in Sam's app
        await saved(sp)
        s_form = sam.screen
        assert isinstance(s_form, SummaryForm)
        [s_box] = s_form.query("#safety-row Input")
        assert "Alex answers in their own window" in " ".join(safety_row(s_form).split())
        await sync(ap)  # ended in Alex's app too; ctrl+s opens how it went there
        assert a_talk.stage == "summary"
        s_box.value = "7"
        await sp.press("ctrl+s")
        await saved(sp)
        assert sam.screen is s_talk
        await sync(ap)
        await ap.press("ctrl+s")
        a_form = alex.screen
        assert isinstance(a_form, SummaryForm)
        [a_box] = a_form.query("#safety-row Input")
        shown = " ".join(safety_row(a_form).split())
        assert "Sam answers in their own window" in shown and "7" not in shown
        assert a_box.value == ""
        a_box.value = "4"
        await ap.press("ctrl+s")
        await saved(ap)
        assert alex.screen is a_talk

    [kept] = Vault.open(vault_path, SAM_PASS).all(TalkSession)
    ratings = {c.partner_id: c.rating for c in kept.check_ins}
    assert ratings == {sam.vault.me.id: 7, alex.vault.me.id: 4}  # each kept, neither lost


async def test_the_start_form_says_how_to_sit_as_the_other_window_comes_and_goes(
        vault_path, clock):
    async with side_by_side(vault_path, clock) as (sam, sp, alex, ap):
        await sp.press("t")
        assert "You are in two windows" in screen_text(sam)
        await ap.press("ctrl+l")  # Alex locks: both sit at Sam's keyboard again
        await ap.pause()
        await looks(sp, sam.check_seats)
        said = " ".join(screen_text(sam).split())
        assert "the one on the left" in said and "You are in two windows" not in said
