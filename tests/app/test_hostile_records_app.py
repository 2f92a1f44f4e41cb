"""Issue 13, items 6 and 7 in the app: records that cannot be read, and records a
mutated import brought in, never crash home or any area."""

from __future__ import annotations

import random

import pytest
from conftest import SAM_PASS, drawn, visible_text
from damaged import CANARY, damage
from hostile_exports import mutate, small_export

from trust_tui import export
from trust_tui.app import TrustApp
from trust_tui.screens.areas import AREAS
from trust_tui.vault import FAST_TEST_KDF, Vault


async def _visit_every_area(app, *, unreadable: bool = False) -> str:
    seen = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen.append(visible_text(pilot))
        for area in AREAS:
            await app.switch_mode(area.mode)
            await pilot.pause()
            seen.append(visible_text(pilot))
        await app.switch_mode("home")
        app.screen.reload()
        if unreadable:  # home's line comes a few frames after the reload
            seen.append(await drawn(pilot, "could not be read"))
        else:
            await pilot.pause()
            seen.append(visible_text(pilot))
        assert app.return_code is None  # still running: nothing crashed
    return "\n".join(seen)


async def test_records_that_cannot_be_read_never_crash_a_screen(unlocked_app):
    app, _, _ = await unlocked_app(seed=damage)
    text = await _visit_every_area(app, unreadable=True)
    assert "a readable win" in text and CANARY not in text
    assert "records could not be read and" in text  # (the line wraps)


@pytest.mark.parametrize("seed", [8])
async def test_whatever_a_mutated_import_brings_in_the_screens_still_open(tmp_path, clock,
                                                                         seed):
    path = tmp_path / "couple.vault"
    vault = Vault.create(path, [("Noor", SAM_PASS), ("Eli", "eli-passphrase")],
                         kdf=FAST_TEST_KDF)
    chance = random.Random(seed)
    imported = 0
    for _ in range(8):  # several mutated exports, each refused or brought in whole
        data = mutate(small_export(), lambda n: chance.randrange(n))
        try:
            parsed = export.parse_export(export.json_text(data).encode(), "x.json")
        except export.ImportRefused:
            continue
        imported += export.import_into(vault, parsed).added
    assert imported > 0
    app = TrustApp(path, clock=clock, kdf=FAST_TEST_KDF, vault=Vault.open(path, SAM_PASS))
    await _visit_every_area(app)
