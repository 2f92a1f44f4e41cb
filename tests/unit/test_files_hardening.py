"""Issue 13, items 8 and 9, through the real commands: an export never replaces
a pipe, a device, a link or a folder, and cleans up after a killed export;
folders are made 0700 whatever the umask; a passphrase file's byte-order mark
and loose permissions are said in one line; `--vault ""` is refused; anything
unexpected is one sentence and exit 3 (a full disk under stdout included);
damaged copies are numbered, never overwritten."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAM_PASS

from trust_tui import cli
from trust_tui.cli import commands, output
from trust_tui.models import Win
from trust_tui.vault import FAST_TEST_KDF, Vault, keyslots


@pytest.fixture(autouse=True)
def fast_default_kdf(monkeypatch):
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    for name in ("TRUST_TUI_PASSPHRASE", "TRUST_TUI_VAULT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(output, "interactive", lambda: False)


@pytest.fixture
def secret(tmp_path: Path) -> str:
    path = tmp_path / "sam.txt"
    path.write_text(SAM_PASS + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def export(vault_path: Path, secret: str, target) -> int:
    return cli.main(["export", "--vault", str(vault_path), "--passphrase-file", secret,
                     "-o", str(target)])


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


# --- item 8: exports --------------------------------------------------------------------

def test_export_refuses_a_pipe_a_device_a_link_and_a_folder(vault, vault_path, secret,
                                                            tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    kept = tmp_path / "kept.txt"
    kept.write_text("mine")
    link = tmp_path / "link.json"
    link.symlink_to(kept)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, kind in ((fifo, "a named pipe"), (Path("/dev/null"), "a device"),
                         (link, "a link"), (folder, "a folder")):
        assert export(vault_path, secret, target) == 1
        assert one_line(capsys.readouterr().err) == (
            f"trust-tui: The export goes only to a regular file or a new path, and "
            f"{target} is {kind}; choose another file.")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert link.is_symlink() and kept.read_text() == "mine" and folder.is_dir()


def test_a_killed_exports_plaintext_temp_file_goes_at_the_next_export(vault, vault_path,
                                                                      secret, tmp_path):
    vault.add(Win(text="a private sort of win", noticed_by=vault.me.id))
    target = tmp_path / "out.json"
    stale = tmp_path / ".out.json.tmp-k1ll3d"  # what write_private_file leaves when killed
    stale.write_text('{"wins": "a private sort of win"}')
    assert export(vault_path, secret, target) == 0
    assert not stale.exists() and "a private sort of win" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_export_into_a_missing_folder_says_why_in_a_sentence(vault, vault_path, secret,
                                                             tmp_path, capsys):
    target = tmp_path / "nowhere" / "out.json"
    assert export(vault_path, secret, target) == 2
    assert one_line(capsys.readouterr().err) == (
        f"trust-tui: Could not write the export to {target} because its folder does not "
        "exist (or is not a folder); the vault was not changed.")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_to_a_full_disk_is_one_sentence_and_exit_3(vault, vault_path, secret):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUST_TUI_")}
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "trust_tui", "export", "--vault",
                               str(vault_path), "--passphrase-file", secret],
                              stdout=full, stderr=subprocess.PIPE, text=True, env=env,
                              timeout=60)
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert lines[-1] == ("trust-tui: stopped because the disk is full (or the file size "
                         "limit was reached); whatever was saved before is safe.")
    assert len(lines) == 2  # the usual note that an export is not encrypted, then that


# --- item 9: files ------------------------------------------------------------------------

def test_folders_made_for_the_vault_are_0700_even_under_umask_000(tmp_path, secret):
    deep = tmp_path / "a" / "b" / "couple.vault"
    before = os.umask(0)
    try:
        assert cli.main(["init", "--vault", str(deep), "--partner", "Sam", "--partner",
                         "Alex", "--passphrase-file", secret, "--passphrase-file",
                         _alex(tmp_path)]) == 0
        assert cli.main(["add", "win", "--by", "Sam", "x", "--vault", str(deep),
                         "--passphrase-file", secret]) == 0
    finally:
        os.umask(before)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for made in (deep, deep.with_name("couple.vault.bak")):
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made
    state = Path(os.environ["TRUST_TUI_STATE_DIR"])  # this machine's notes, made here too
    assert stat.S_IMODE(state.stat().st_mode) == 0o700


def _alex(tmp_path: Path) -> str:
    path = tmp_path / "alex.txt"
    path.write_text("alex-passphrase", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def test_a_byte_order_mark_in_a_passphrase_file_is_ignored_with_a_note(vault, vault_path,
                                                                       tmp_path, capsys):
    marked = tmp_path / "bom.txt"
    marked.write_bytes("\ufeff".encode() + SAM_PASS.encode() + b"\r\n")
    marked.chmod(0o600)
    assert cli.main(["check", "--vault", str(vault_path), "--passphrase-file", str(marked)]) == 0
    assert one_line(capsys.readouterr().err) == (
        f"Note: the passphrase file {marked} starts with a byte-order mark (an editor adds "
        "one); it is not part of the passphrase.")


@pytest.mark.parametrize("mode", [0o640, 0o604])
def test_a_passphrase_file_others_can_read_gets_a_warning(vault, vault_path, secret, mode,
                                                          capsys):
    os.chmod(secret, mode)
    assert cli.main(["check", "--vault", str(vault_path), "--passphrase-file", secret]) == 0
    assert one_line(capsys.readouterr().err) == (
        f"Warning: others on this computer can read the passphrase file {secret}; "
        f"`chmod 600 {secret}` keeps it yours alone.")
    os.chmod(secret, 0o600)
    assert cli.main(["check", "--vault", str(vault_path), "--passphrase-file", secret]) == 0
    assert capsys.readouterr().err == ""


def test_an_empty_vault_name_is_refused_never_the_usual_vault(vault, vault_path, secret,
                                                              monkeypatch, capsys):
    monkeypatch.setenv("TRUST_TUI_VAULT", str(vault_path))  # the usual vault, here
    for argv in (["--vault", "", "check", "--passphrase-file", secret],
                 ["check", "--vault", " ", "--passphrase-file", secret],
                 ["demo", "--vault", "", "--no-open"]):
        assert cli.main(argv) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip().endswith(
            "--vault: it needs a file name; leave --vault out to use the usual vault.")
        assert "opens and authenticates" not in err


def test_anything_unexpected_is_one_sentence_and_exit_3(vault, vault_path, secret,
                                                        monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("private words that must not show")
    monkeypatch.setitem(commands.HANDLERS, "check", broken)
    assert cli.main(["check", "--vault", str(vault_path), "--passphrase-file", secret]) == 3
    err = one_line(capsys.readouterr().err)
    assert err == ("trust-tui: stopped on an unexpected problem (RuntimeError); whatever "
                   "was saved before is safe.")
    # A wrong use stays exit 1.
    assert cli.main(["check", "--no-such-option"]) == 1


def test_damaged_copies_are_numbered_never_overwritten(vault, vault_path, secret, capsys):
    copies = []
    for round_ in range(3):
        vault = Vault.open(vault_path, SAM_PASS)
        vault.add(Win(text=f"round {round_}", noticed_by=vault.me.id))
        damaged = vault_path.read_bytes()[:-40] + bytes([round_])
        vault_path.write_bytes(damaged)
        assert cli.main(["restore-backup", "--yes", "--vault", str(vault_path),
                         "--passphrase-file", secret]) == 0
        copies.append(damaged)
        kept = vault_path.with_name("couple.vault.damaged" + (f".{round_}" if round_ else ""))
        assert f"The damaged file is kept beside it as {kept}." in capsys.readouterr().out
    assert [vault_path.with_name(name).read_bytes() for name in (
        "couple.vault.damaged", "couple.vault.damaged.1", "couple.vault.damaged.2")] == copies
