"""Partner names are data, never markup: a couple named `[/]Sam` and `[b]Alex[/b]`
walk every area and modal, and the names show exactly as typed (no crash, no bold)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from conftest import screen_text, settle

from trust_tui.domain import agreements as ag
from trust_tui.domain.clock import FakeClock
from trust_tui.models import (
    AgreementKind,
    CheckIn,
    JournalEntry,
    MiniGoal,
    Win,
)
from trust_tui.vault import FAST_TEST_KDF, Vault

SAM, ALEX = "[/]Sam", "[b]Alex[/b]"
SAM_PASS, ALEX_PASS = "sam-passphrase", "alex-passphrase"
NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def seed(vault: Vault) -> None:
    sam, alex = (p.id for p in vault.partners)
    vault.add_many([
        Win(kind="thanks", text="for the tea", noticed_by=alex, to=sam, created_at=NOW),
        MiniGoal(text="small true things", owner=alex, created_at=NOW),
        JournalEntry(author=alex, text="a shared line", created_at=NOW),
        CheckIn(partner_id=alex, on=date(2026, 3, 1), safety=6),
        ag.new_agreement(AgreementKind.EXPECTATION, "tell me if late", alex, now=NOW),
        ag.new_agreement(AgreementKind.BOUNDARY, "knock first", sam, now=NOW),
    ])


def both_named(app, where: str, names=(SAM, ALEX)) -> None:
    text = screen_text(app)
    for name in names:
        assert name in text, f"{name!r} is not shown as typed on {where}:\n{text}"


@pytest.fixture
async def odd_app(tmp_path):
    from trust_tui.app import TrustApp

    path = tmp_path / "odd.vault"
    vault = Vault.create(path, [(SAM, SAM_PASS), (ALEX, ALEX_PASS)], kdf=FAST_TEST_KDF)
    seed(vault)
    clock = FakeClock()
    return TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))



async def home(pilot) -> None:
    app = pilot.app
    both_named(app, "home")

    # Home's modals.
    await pilot.press("c")
    await pilot.pause()
    both_named(app, "the check-in")
    await pilot.press("escape", "h")
    await pilot.pause()
    both_named(app, "the honesty log", names=(SAM,))  # who unlocked is chosen
    await pilot.press("escape")


async def talk(pilot) -> None:
    app = pilot.app
    # Talk: the start form, the two panes, a break, how it went.
    await pilot.press("t")
    await pilot.pause()
    both_named(app, "the talk's start form", names=(SAM,))
    await pilot.click("#start-begin")
    await pilot.pause()
    both_named(app, "the talk")
    await pilot.press("s")  # Sam's own word box says whose it is, as typed
    assert f"{SAM} is typing:" in screen_text(app)
    await pilot.press("escape")
    await pilot.press("f2")
    await pilot.pause()
    both_named(app, "the break")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("e", "y")
    await settle(pilot)
    both_named(app, "how the talk went")
    await pilot.press("escape")
    await pilot.pause()


async def wins(pilot) -> None:
    app = pilot.app
    # Wins: the wall, a thank-you form, a goal form.
    await pilot.press("w")
    await pilot.pause()
    both_named(app, "the wins wall")
    await pilot.press("t")
    await pilot.pause()
    both_named(app, "the thank-you form")
    await pilot.press("escape", "a")
    await pilot.pause()
    both_named(app, "the win form", names=(SAM,))
    await pilot.press("escape", "g")
    await pilot.pause()
    await pilot.press("tab")  # the goal's owner list
    await pilot.press("enter")
    await pilot.pause()
    both_named(app, "the goal form's owner list")
    await pilot.press("escape", "escape", "escape")
    await pilot.pause()


async def progress(pilot) -> None:
    await pilot.press("p")
    await pilot.pause()
    both_named(pilot.app, "progress", names=(SAM, ALEX[:8]))  # cut to the chart's label


def agreements(key: str):
    async def walk(pilot) -> None:
        # Expectations and boundaries: the list, the add form.
        await pilot.press(key)
        await pilot.pause()
        both_named(pilot.app, f"agreements ({key})")
        await pilot.press("a")
        await pilot.pause()
        both_named(pilot.app, f"the add form ({key})", names=(SAM,))
        await pilot.press("escape")
        await pilot.pause()
    return walk


async def rituals(pilot) -> None:
    # Rituals: a weekly meeting under way, its stop question.
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    both_named(pilot.app, "a weekly meeting")
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("n", "escape")
    await pilot.pause()
    await pilot.press("e", "y")
    await settle(pilot)
    await pilot.press("escape", "escape")
    await pilot.pause()


async def journal(pilot) -> None:
    app = pilot.app
    # Journal: the list and detail, the editor, the private key.
    await pilot.press("j")
    await pilot.pause()
    both_named(app, "the journal", names=(ALEX,))
    await pilot.press("n")
    await pilot.pause()
    both_named(app, "the journal editor", names=(SAM,))
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    both_named(app, "the private key", names=(ALEX,))
    await pilot.press("escape")
    await pilot.pause()


# One app run per area, so test workers can share them out.
AREAS = {"home": home, "talk": talk, "wins": wins, "progress": progress,
         "expectations": agreements("e"), "boundaries": agreements("b"),
         "rituals": rituals, "journal": journal}


@pytest.mark.parametrize("area", list(AREAS))
async def test_odd_names_show_as_typed_in_every_area_and_modal(odd_app, area):
    app = odd_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await AREAS[area](pilot)
        app.action_go_home()
        await pilot.pause()

        # Locked: the unlock screen has no names to show, and nothing crashed on the way.
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.vault_open
