"""Shared fixtures: fast vaults (small KDF, recorded in the header) and an app
already unlocked on home, driven by a fake clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trust_tui.domain.clock import FakeClock
from trust_tui.vault import FAST_TEST_KDF, Vault

# Snapshot colours must not depend on the machine running the tests.
os.environ.pop("NO_COLOR", None)

SAM_PASS = "sam-passphrase"
ALEX_PASS = "alex-passphrase"


def make_vault(path: Path) -> Vault:
    return Vault.create(path, [("Sam", SAM_PASS), ("Alex", ALEX_PASS)], kdf=FAST_TEST_KDF)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "couple.vault"


@pytest.fixture
def vault(vault_path: Path) -> Vault:
    return make_vault(vault_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def unlocked_app(vault_path: Path, clock: FakeClock):
    """`app, path, clock = await unlocked_app()` inside a test; then
    `async with app.run_test(size=(120, 40)) as pilot:` starts on home.

    `seed(vault)` (optional) adds records before the app opens the vault."""
    from trust_tui.app import TrustApp

    async def factory(seed=None, size=None):
        created = make_vault(vault_path)
        if seed is not None:
            seed(created)
        app = TrustApp(vault_path, clock=clock, kdf=FAST_TEST_KDF,
                       vault=Vault.open(vault_path, SAM_PASS))
        return app, vault_path, clock

    return factory


async def settle(pilot) -> None:
    """Let a Pilot action's saves (thread workers) finish, then the screen redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
