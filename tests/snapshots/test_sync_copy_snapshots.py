"""The offer to bring in a sync service's other copy of the vault, at the smallest
supported terminal: what it would change (the merge's dry run), before anything does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAM_PASS, make_vault, settle, utc
from trust_tui.app import TrustApp
from trust_tui.domain.clock import FakeClock
from trust_tui.models import Win
from trust_tui.vault import FAST_TEST_KDF, Vault

NOW = utc(2026, 3, 4, 18)
COPY = "couple (Sam's laptop's conflicted copy 2026-03-04).vault"


@pytest.fixture(autouse=True)
def pinned(local_utc, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def with_a_copy() -> TrustApp:
    """A win changed on both computers (the copy's change is the later) and one
    added on the copy only."""
    here = Path("couple.vault")
    vault = make_vault(here)
    vault.revision_clock = lambda: NOW
    vault.add(Win(text="Dinner without phones", noticed_by=vault.me.id, created_at=NOW))
    shutil.copyfile(here, COPY)
    win = vault.all(Win)[0]
    vault.update(Win, win.id, lambda w: w.model_copy(update={"text": "Dinner, no phones"}))
    other = Vault.open(Path(COPY), SAM_PASS)
    other.revision_clock = lambda: utc(2026, 3, 4, 19)
    other.update(Win, win.id, lambda w: w.model_copy(update={"text": "Dinner, phones away"}))
    other.add(Win(text="A walk after work", noticed_by=other.me.id, created_at=NOW))
    return TrustApp(here, clock=FakeClock(NOW), kdf=FAST_TEST_KDF,
                    vault=Vault.open(here, SAM_PASS))


async def offered(pilot) -> None:
    await settle(pilot)
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


def test_the_offer_at_80x24(snap_compare):
    assert snap_compare(with_a_copy(), terminal_size=(80, 24), run_before=offered)
