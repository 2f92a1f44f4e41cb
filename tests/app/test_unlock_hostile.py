"""Issue 13, item 5: whatever goes wrong while unlocking, the unlock screen says one
sentence and gives the passphrase field back (it never stays disabled)."""

from __future__ import annotations

import pytest
from conftest import SAM_PASS
from doctored import rewrite
from textual.widgets import Input, Label

from trust_tui.vault import Vault


def _surrogate_id(header):
    header["slots"][0]["id"] = "\ud800"


def _infinite_generation(header):
    header["generation"] = float("inf")


def _scrypt_too_big(header):
    header["slots"][0]["kdf"].update(name="scrypt", memory_kib=2**20, iterations=8, lanes=1)


async def _try_to_unlock(app) -> tuple[Input, str]:
    async with app.run_test(size=(80, 24)) as pilot:
        entry = app.screen.query_one("#passphrase", Input)
        entry.value = SAM_PASS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        said = str(app.screen.query_one("#unlock-message", Label).content)
        assert not entry.disabled and app.focused is entry
        return entry, said


@pytest.mark.parametrize("doctor", [_surrogate_id, _infinite_generation, _scrypt_too_big])
async def test_a_hostile_header_gives_the_field_back_with_a_sentence(locked_app, vault_path,
                                                                     doctor):
    app = locked_app()
    rewrite(vault_path, doctor)
    _, said = await _try_to_unlock(app)
    assert "was not opened" in said or "damaged" in said
    assert said.endswith(".") and said.isprintable()


@pytest.mark.parametrize("error", [MemoryError(), RecursionError("deep"), OverflowError("big"),
                                   UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogate"),
                                   RuntimeError(SAM_PASS)])
async def test_any_error_while_unlocking_gives_the_field_back(locked_app, monkeypatch, error):
    app = locked_app()

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(Vault, "open", broken)
    _, said = await _try_to_unlock(app)
    assert said.startswith("That did not work") and SAM_PASS not in said


async def test_a_wrong_try_is_scrubbed_from_the_writers_heap(locked_app, monkeypatch):
    """The vault is opened on the writer thread (on_the_writer): the key derivation's
    copies are in its heap, so it is the one overwritten as the opening ends."""
    import threading

    from trust_tui.widgets import forgetting

    scrubbed: list[str] = []
    monkeypatch.setattr(forgetting, "scrub_this_thread",
                        lambda: scrubbed.append(threading.current_thread().name))
    app = locked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#passphrase", Input).value = "not the passphrase at all"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(name.startswith("trust-save") for name in scrubbed)
