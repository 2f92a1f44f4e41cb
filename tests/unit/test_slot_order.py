"""The keyslot tried first (issue 17, speed): once one partner's passphrase opened
the vault twice in a row on this machine, their keyslot is tried first, so their
unlock costs one key derivation instead of two; the note names no one."""

from __future__ import annotations

import json

import pytest

from conftest import ALEX_PASS, SAM_PASS
from trust_tui import cli
from trust_tui.vault import fileformat
from trust_tui.vault.slot_order import ORDER_NAME, SlotOrder


@pytest.fixture
def derivations(monkeypatch) -> list[int]:
    """One item per key derivation (each is a quarter of a second with the default)."""
    counted: list[int] = []
    real = fileformat.KdfParams.derive

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        counted.append(1)
        return real(self, passphrase, salt)

    monkeypatch.setattr(fileformat.KdfParams, "derive", derive)
    return counted


def _add(vault_path, monkeypatch, passphrase: str, by: str) -> None:
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", passphrase)
    assert cli.main(["--vault", str(vault_path), "add", "journal", "--by", by, "hi"]) == 0


def test_the_second_partners_slot_is_tried_first_once_it_opened_twice_in_a_row(
        vault, vault_path, monkeypatch, derivations):
    vault.lock()
    for _ in range(2):
        _add(vault_path, monkeypatch, ALEX_PASS, "Alex")
    assert len(derivations) == 4  # the first partner's slot, then theirs, twice
    derivations.clear()
    _add(vault_path, monkeypatch, ALEX_PASS, "Alex")
    assert len(derivations) == 1
    derivations.clear()
    _add(vault_path, monkeypatch, SAM_PASS, "Sam")  # the other one now: still opens
    assert len(derivations) == 2


def test_partners_taking_turns_keep_the_files_order(vault, vault_path, monkeypatch,
                                                    derivations):
    vault.lock()
    for _ in range(2):
        _add(vault_path, monkeypatch, SAM_PASS, "Sam")
        _add(vault_path, monkeypatch, ALEX_PASS, "Alex")
    assert len(derivations) == 1 + 2 + 1 + 2


def test_the_note_holds_only_ids_and_a_damaged_one_is_no_note(
        vault, vault_path, monkeypatch, derivations):
    vault.lock()
    for _ in range(2):
        _add(vault_path, monkeypatch, ALEX_PASS, "Alex")
    note = SlotOrder().file
    text = note.read_text()
    assert note.stat().st_mode & 0o777 == 0o600
    assert "Alex" not in text and "Sam" not in text and str(vault_path) not in text
    assert json.loads(text) == {vault.vault_id: [vault.header.slots[1].id, 2]}
    note.write_text("{not json")
    derivations.clear()
    _add(vault_path, monkeypatch, ALEX_PASS, "Alex")
    assert len(derivations) == 2
    assert note.name == ORDER_NAME
