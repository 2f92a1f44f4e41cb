"""New keys (issue 13, item 1): `passwd` gives a partner a new private key and
`rekey` new keys for everything, so an old copy of the file and an old passphrase
open nothing written afterwards. Tested as an attacker who kept such a copy."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, ids, make_vault, utc

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.domain.journal import EntryDraft, read_private_payload
from trust_tui.models import JournalEntry, Win
from trust_tui.store.journal import save_entry
from trust_tui.vault import FAST_TEST_KDF, Vault, fileformat, keyslots
from trust_tui.vault.errors import DamagedVault, KeysChanged
from trust_tui.vault.storage import backup_path

NEW_SAM = "a brand new sam phrase"


@pytest.fixture(autouse=True)
def fast_default_kdf(monkeypatch):
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE", raising=False)
    monkeypatch.setattr(output, "interactive", lambda: False)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    make_vault(tmp_path / "couple.vault")
    return tmp_path / "couple.vault"


def secret_file(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    return str(tmp_path / name)


def write_private(path: Path, passphrase: str, text: str) -> str:
    vault = Vault.open(path, passphrase)
    draft = EntryDraft(author=vault.me.id, kind="entry", feeling=None, text=text, private=True)
    return save_entry(vault, draft, utc(2026, 3, 4, 18)).entry_id


def passwd_sam(tmp_path: Path, path: Path) -> str:
    argv = ["passwd", "--partner", "Sam", "--vault", str(path),
            "--passphrase-file", secret_file(tmp_path, "sam.txt", SAM_PASS),
            "--new-passphrase-file", secret_file(tmp_path, "new.txt", NEW_SAM)]
    assert cli.main(argv) == 0
    return NEW_SAM


def rekey(tmp_path: Path, path: Path, *secrets: str) -> int:
    files = [secret_file(tmp_path, f"p{i}.txt", s) for i, s in enumerate(secrets)]
    argv = ["rekey", "--vault", str(path)]
    for name in files:
        argv += ["--passphrase-file", name]
    return cli.main(argv)


# --- the attacker: an old copy of the file and the old passphrase ----------------------

def attacker_keys(old_copy: bytes, path: Path, passphrase: str) -> tuple[bytes, bytes]:
    """Unwrap (data key, private key) from an old copy, the way the code does."""
    _, data_key, private_key = fileformat.parse(old_copy, path).unlock(passphrase)
    return data_key, private_key


def attacker_reads(path: Path, data_key: bytes) -> fileformat.Tables:
    """The current file's contents with an old data key (raises once it is replaced)."""
    return fileformat.parse(path.read_bytes(), path).decrypt(data_key, path)


def attacker_opens(tables: fileformat.Tables, private_key: bytes, entry_id: str) -> str | None:
    doc = next(d for d in tables["journal"].values() if d["id"] == entry_id)
    sealed = doc["sealed"]
    return fileformat.open_text(private_key, base64.b64decode(sealed["nonce"]),
                                base64.b64decode(sealed["ciphertext"]), sealed["owner"],
                                sealed.get("context"))


def test_after_passwd_an_old_copy_opens_none_of_the_new_private_words(tmp_path, path, capsys):
    before = write_private(path, SAM_PASS, "written before the change")
    old_copy = path.read_bytes()
    new = passwd_sam(tmp_path, path)
    after = write_private(path, new, "my new private words")

    data_key, private_key = attacker_keys(old_copy, path, SAM_PASS)
    tables = attacker_reads(path, data_key)  # the shared data key is still the same...
    assert attacker_opens(tables, private_key, after) is None  # ...the private key is not
    assert attacker_opens(tables, private_key, before) is None  # sealed again too
    assert "my new private words" not in json.dumps(tables)
    # Sam reads both with the new passphrase.
    vault = Vault.open(path, new)
    words = {e.id: read_private_payload(vault.unseal(e.sealed) or "")[0]
             for e in vault.all(JournalEntry)}
    assert words == {before: "written before the change", after: "my new private words"}
    # passwd says in one line what rekey would add.
    lines = capsys.readouterr().out.splitlines()
    assert any("until you both run `trust-tui rekey`" in line for line in lines)


def test_passwd_seals_safety_checks_again_and_the_backup_holds_the_new_keys(tmp_path, path):
    vault = Vault.open(path, SAM_PASS)
    vault.add_to_locker(vault.hold_key(vault.me.id), "I feel safe: 8", "2026-03-04")
    old_copy = path.read_bytes()
    new = passwd_sam(tmp_path, path)

    _, old_private = attacker_keys(old_copy, path, SAM_PASS)
    for blob in (path.read_bytes(), backup_path(path).read_bytes()):
        _, _, private_key = fileformat.parse(blob, path).unlock(new)
        assert private_key != old_private
    vault = Vault.open(path, new)
    assert [c["text"] for c in vault.locker(vault.me.id) or []] == ["I feel safe: 8"]
    data_key, _ = attacker_keys(old_copy, path, SAM_PASS)
    lockers = attacker_reads(path, data_key)["lockers"].values()
    [sealed] = [d["sealed"] for d in lockers if d["sealed"]["owner"] == vault.me.id]
    assert fileformat.open_bytes(old_private, base64.b64decode(sealed["nonce"]),
                                 base64.b64decode(sealed["ciphertext"]), sealed["owner"],
                                 sealed["context"]) is None
    # Alex's keys are untouched: Alex's slot still opens as before.
    assert Vault.open(path, ALEX_PASS).me.name == "Alex"


def test_after_rekey_an_old_copy_opens_nothing_written_afterwards(tmp_path, path, capsys):
    shared = Vault.open(path, SAM_PASS)
    shared.add(Win(text="an old win", noticed_by=shared.me.id))
    alex_private = write_private(path, ALEX_PASS, "alex before the rekey")
    old_copy = path.read_bytes()

    assert rekey(tmp_path, path, SAM_PASS, ALEX_PASS) == 0
    assert "New keys for everything" in capsys.readouterr().out
    vault = Vault.open(path, ALEX_PASS)
    vault.add(Win(text="a win after the rekey", noticed_by=vault.me.id))
    sam_private = write_private(path, SAM_PASS, "sam after the rekey")

    for passphrase in (SAM_PASS, ALEX_PASS):
        data_key, _ = attacker_keys(old_copy, path, passphrase)
        with pytest.raises(DamagedVault):
            attacker_reads(path, data_key)
    # Both still open everything, each their own private words.
    sam, alex = Vault.open(path, SAM_PASS), Vault.open(path, ALEX_PASS)
    assert [w.text for w in sam.all(Win)] == ["an old win", "a win after the rekey"]
    by_id = {e.id: e for e in sam.all(JournalEntry)}
    assert sam.unseal(by_id[alex_private].sealed) is None
    assert "alex before the rekey" in (alex.unseal(by_id[alex_private].sealed) or "")
    assert "sam after the rekey" in (sam.unseal(by_id[sam_private].sealed) or "")
    assert ids(sam) == ids(alex)


@pytest.mark.parametrize("secrets", [(SAM_PASS,), (SAM_PASS, SAM_PASS), (SAM_PASS, "wrong one!")])
def test_rekey_needs_both_passphrases_and_changes_nothing_otherwise(tmp_path, path, capsys,
                                                                    secrets):
    before = path.read_bytes()
    assert rekey(tmp_path, path, *secrets) != 0
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_a_window_still_holding_old_keys_refuses_to_seal_or_read(tmp_path, path):
    sam_window = Vault.open(path, SAM_PASS)
    alex_window = Vault.open(path, ALEX_PASS)
    passwd_sam(tmp_path, path)
    with pytest.raises(KeysChanged):  # its words would open for no one
        sam_window.seal("words under the replaced key")
    alex_window.add(Win(text="still fine", noticed_by=alex_window.me.id))
    assert rekey(tmp_path, path, NEW_SAM, ALEX_PASS) == 0
    with pytest.raises(KeysChanged):
        alex_window.add(Win(text="after the rekey", noticed_by=alex_window.me.id))
    assert [w.text for w in Vault.open(path, ALEX_PASS).all(Win)] == ["still fine"]
