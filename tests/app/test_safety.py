"""The solo safety check: private to the one who answers, plain about where to
turn, and gone in one key."""

from __future__ import annotations

import json
import re

from conftest import ALEX_PASS, SAM_PASS
from textual.widgets import Static

from trust_tui.domain import rituals
from trust_tui.models import ALL_RECORDS, SafetyCheck, Win
from trust_tui.screens.safety import NeutralScreen, SoloSafetyScreen, read_sealed
from trust_tui.vault import Vault
from trust_tui.vault.locker import LOCKERS

# Answer keys: Yes, Sometimes, No, I'd rather not say.
YES, SOMETIMES, NO, RATHER_NOT = "1", "2", "3", "4"


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static)
                     if w.display and w.parent.display)


async def open_check(app, pilot, passphrase: str):
    app.push_screen(SoloSafetyScreen())
    await pilot.pause()
    assert "step away" in screen_text(app)
    app.screen.query_one("#safety-passphrase").value = passphrase
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def answer(pilot, *keys: str):
    await pilot.press(*keys)
    await pilot.pause()


def kept(path, passphrase: str) -> list[dict]:
    """The checks in the locker of whoever this passphrase belongs to."""
    vault = Vault.open(path, passphrase)
    return [read_sealed(item["text"]) for item in vault.locker(vault.me.id) or []]


def lockers_as_alex_sees_them(path) -> dict[str, tuple[str, int]]:
    """What the other partner (with the shared data key) sees: owner -> (sealed, size)."""
    alex = Vault.open(path, ALEX_PASS)
    table = alex._storage.read().get(LOCKERS, {})
    return {d["sealed"]["owner"]: (d["sealed"]["ciphertext"], len(d["sealed"]["ciphertext"]))
            for d in table.values()}


def export_json(vault: Vault) -> str:
    return json.dumps([r.model_dump(mode="json") for m in ALL_RECORDS for r in vault.all(m)])


async def test_a_check_with_danger_is_sealed_to_the_one_who_answered(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(app, pilot, SAM_PASS)
        assert "Question 1 of 5" in screen_text(app)
        # afraid: Sometimes (with the arrows); a step back; then the rest with keys.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "Question 2 of 5" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert "Question 1 of 5" in screen_text(app)
        await answer(pilot, SOMETIMES, RATHER_NOT, NO, YES, NO)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "not the right tool right now" in text
        assert "local emergency number" in text and "domestic-violence helpline" in text
        assert screen.has_class("-danger")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SoloSafetyScreen)
        assert app.vault.all(SafetyCheck) == []  # no record of its own: not who, not when
        [saved] = kept(path, SAM_PASS)
        assert saved["answers"] == {"afraid": "Sometimes", "controlled": "No",
                                    "pressured": "Yes", "free": "No"}
        assert saved["skipped"] == ["threatened"] and saved["danger"] is True

    # The other partner's passphrase opens the vault but not the answers.
    alex = Vault.open(path, ALEX_PASS)
    assert alex.locker(alex.partner_named("Sam").id) is None and kept(path, ALEX_PASS) == []
    # Everything but the sealed bytes themselves (random base64 may spell "Yes").
    dumped = re.sub(r'"(nonce|ciphertext)": "[A-Za-z0-9+/=]*"', "", export_json(alex))
    for word in ("Sometimes", "pressured", "danger", "afraid", "Yes"):
        assert word not in dumped
    assert b"Sometimes" not in path.read_bytes()


async def test_a_partner_who_did_not_unlock_can_check_and_is_forgotten_after(unlocked_app):
    app, path, clock = await unlocked_app()  # unlocked by Sam
    async with app.run_test(size=(120, 40)) as pilot:
        await open_check(app, pilot, ALEX_PASS)
        alex = app.vault.partner_named("Alex")
        assert app.vault.can_read_private(alex.id)
        await answer(pilot, NO, NO, NO, NO, YES)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Nothing in your answers points to danger" in screen_text(app)
        # Alex's key is gone the moment the answers are sealed: Sam's session
        # (still open at the same keyboard) cannot read them.
        assert not app.vault.can_read_private(alex.id)
        assert app.vault.locker(alex.id) is None
    [saved] = kept(path, ALEX_PASS)
    assert saved["danger"] is False


async def test_a_check_leaves_no_trace_the_other_partner_can_see(unlocked_app):
    """Not who, not when, not how many: each locker keeps one size, and every save
    of its owner's session seals it afresh, whatever was saved."""
    app, path, clock = await unlocked_app()  # unlocked by Sam
    async with app.run_test(size=(80, 24)) as pilot:
        before = lockers_as_alex_sees_them(path)
        await open_check(app, pilot, SAM_PASS)
        await answer(pilot, SOMETIMES, YES, NO, YES, NO)
        await app.workers.wait_for_complete()
        after_check = lockers_as_alex_sees_them(path)
        app.vault.add(Win(text="a plain win", noticed_by=app.vault.me.id))
        after_win = lockers_as_alex_sees_them(path)
    sam = app.vault.partner_named("Sam").id
    sizes = {size for seen in (before, after_check, after_win) for _, size in seen.values()}
    assert len(sizes) == 1 and len(before) == len(after_check) == len(after_win) == 2
    # Sam's locker changes on a win as on a check: a change says nothing.
    assert before[sam][0] != after_check[sam][0] != after_win[sam][0]
    assert [c["danger"] for c in kept(path, SAM_PASS)] == [True]


async def test_the_one_who_answered_reads_their_earlier_checks(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(app, pilot, ALEX_PASS)
        await answer(pilot, SOMETIMES, NO, NO, NO, YES)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        await open_check(app, pilot, ALEX_PASS)
        await answer(pilot, "r")
        text = screen_text(app)
        assert "Your earlier checks" in text and "afraid: Sometimes" in text
        assert " - pointed to danger" in text
        assert not app.vault.can_read_private(app.vault.partner_named("Alex").id)


async def test_ctrl_n_hides_at_once_and_drops_the_answers(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_check(app, pilot, ALEX_PASS)
        alex = app.vault.partner_named("Alex")
        await answer(pilot, YES, YES)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NeutralScreen)
        text = screen_text(app).lower()
        for word in ("safety", "afraid", "threat", "partner", "question"):
            assert word not in text
        assert not app.vault.can_read_private(alex.id)
        await app.workers.wait_for_complete()
        assert kept(path, ALEX_PASS) == []  # nothing half-answered is kept
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (NeutralScreen, SoloSafetyScreen))


async def test_a_wrong_passphrase_is_said_plainly_and_can_be_retyped(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(app, pilot, "not-a-passphrase")
        assert screen.flow is None
        assert screen.query_one("#safety-passphrase").value == ""
        screen.query_one("#safety-passphrase").value = SAM_PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.flow is not None


def test_every_question_is_in_plain_words():
    for step in rituals.SAFETY_CHECK.steps:
        assert step.title.endswith("?") and len(step.title) < 120


async def test_ctrl_l_locks_in_the_middle_of_a_check(unlocked_app):
    from trust_tui.screens.unlock import UnlockScreen

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_check(app, pilot, ALEX_PASS)
        await answer(pilot, YES)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and not app.vault_open
        assert screen.flow is None and screen.partner is None  # dropped on the way out
    assert kept(path, ALEX_PASS) == []
