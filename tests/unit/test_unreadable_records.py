"""Issue 13, item 7: records that cannot be read are left out with a count said
plainly (export), listed by `check` (table and id, never content) and moved into a
sealed quarantine table by `check --repair`, never deleted."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAM_PASS, make_vault
from damaged import CANARY, damage

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.models import JournalEntry, Setback, Win
from trust_tui.vault import Vault, lazy
from trust_tui.vault.quarantine import QUARANTINE_TABLE, quarantined


@pytest.fixture
def damaged(vault_path: Path, tmp_path: Path):
    vault = make_vault(vault_path)
    found = damage(vault)
    (tmp_path / "pass").write_text(SAM_PASS)
    (tmp_path / "pass").chmod(0o600)
    return found


def run(vault_path: Path, *argv: str) -> int:
    return cli.main([*argv, "--vault", str(vault_path), "--passphrase-file",
                     str(vault_path.parent / "pass")])


def test_screens_read_around_them(damaged, vault_path):
    vault = Vault.open(vault_path, SAM_PASS)
    assert [w.text for w in vault.all(Win)] == ["a readable win"]
    assert vault.all(JournalEntry) == []
    assert vault.all(Setback) == []
    assert vault.unreadable == {"wins": 3, "journal": 1, "setbacks": 1}


@pytest.mark.parametrize("pack_from", [1, 10**9])  # the table held packed, or parsed
def test_a_question_about_a_few_records_counts_them_as_a_whole_read_does(
        damaged, vault_path, monkeypatch, pack_from):
    monkeypatch.setattr(lazy, "PACK_FROM", pack_from)
    vault = Vault.open(vault_path, SAM_PASS)
    assert vault.all_where(Win, lambda w: w.text.startswith("a readable")) != []
    assert vault.all_where(Win, lambda w: False) == []  # none kept, all still checked
    assert vault.unreadable == {"wins": 3}  # as `all(Win)` counts them
    assert [w.text for w in vault.all(Win)] == ["a readable win"]
    assert vault.unreadable == {"wins": 3}


@pytest.mark.parametrize("form", ["markdown", "json"])
def test_an_export_leaves_them_out_and_says_how_many(damaged, vault_path, capsys, form):
    target = vault_path.parent / f"out.{form}"
    assert run(vault_path, "export", "--format", form, "-o", str(target)) == 0
    said = capsys.readouterr().err
    assert "could not be read and are left out" in said
    assert "Wrote everything" not in said and "Wrote the rest" in said
    text = target.read_text()
    assert "a readable win" in text and CANARY not in text
    if form == "markdown":
        assert "5 records could not be read and are left out" in text


def test_check_lists_them_by_table_and_id_never_their_content(damaged, vault_path, capsys):
    before = vault_path.read_bytes()
    assert run(vault_path, "check") == 0
    out = capsys.readouterr().out
    assert "5 records cannot be read" in out
    for what in ("naive", "newer", "private"):
        assert damaged[what] in out
    assert "- wins: a record with no id" in out and "- setbacks: the whole part" in out
    assert damaged["fine"] not in out and CANARY not in out
    assert "check --repair" in out
    assert vault_path.read_bytes() == before


def test_repair_asks_first_and_no_leaves_everything(damaged, vault_path, capsys,
                                                    monkeypatch):
    before = vault_path.read_bytes()
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    assert run(vault_path, "check", "--repair") == 0
    assert "Nothing was changed." in capsys.readouterr().out
    assert vault_path.read_bytes() == before
    monkeypatch.setattr(output, "interactive", lambda: False)
    assert run(vault_path, "check", "--repair") == 1  # no terminal, no --yes
    assert "add --yes" in capsys.readouterr().err
    assert vault_path.read_bytes() == before


def test_repair_moves_them_into_a_sealed_quarantine_never_deleting(damaged, vault_path,
                                                                   capsys, monkeypatch):
    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    assert run(vault_path, "check", "--repair") == 0
    out = capsys.readouterr().out
    assert "Moved 5 records into the sealed quarantine table; nothing was deleted." in out
    vault = Vault.open(vault_path, SAM_PASS)
    assert vault.unreadable == {} and [w.text for w in vault.all(Win)] == ["a readable win"]
    assert vault.unreadable == {}
    # Sealed: the vault's body holds no word of them in the clear, even decrypted.
    assert CANARY not in str(vault._storage.read()[QUARANTINE_TABLE])
    kept = quarantined(vault)
    assert len(kept) == 5 and sum(CANARY in str(item["document"]) for item in kept) == 4
    assert {item["table"] for item in kept} == {"wins", "journal", "setbacks"}
    # Afterwards all is readable, and saving still works.
    vault.add(Win(text="later", noticed_by=vault.me.id))
    assert run(vault_path, "check", "--repair", "--yes") == 0
    assert "Every record can be read." in capsys.readouterr().out
