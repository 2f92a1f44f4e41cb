"""The command line end to end: in-process through `main([...])` (a small KDF made
the default for the test, nothing user-visible), and a few runs of the real
console script for exit codes, messages without tracebacks, and no Textual."""

from __future__ import annotations

import getpass
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.models import JournalEntry, Win
from trust_tui.vault import FAST_TEST_KDF, Vault, keyslots
from trust_tui.vault.storage import backup_path

TRICKY = [
    "plain words",
    "unicode: café, 你好, Ωμέγα",
    "emoji 🎉🤝 and a family 👨‍👩‍👧",
    "two\nlines\n\nand a gap",
    "[bold]not bold[/]",
    "[/]",
    "[@click=app.quit]x",
    "\x1b[31mred?\x1b[0m",
    "  spaces around  ",
]
CONSOLE = Path(sys.executable).parent / "trust-tui"


@pytest.fixture(autouse=True)
def fast_default_kdf(monkeypatch):
    # The test's own shortcut: the default KDF is small while it runs. Users have
    # no switch for this; the header records whatever was used.
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE", raising=False)
    monkeypatch.delenv("TRUST_TUI_VAULT", raising=False)
    monkeypatch.setattr(output, "interactive", lambda: False)


@pytest.fixture
def files(tmp_path: Path):
    def write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)  # as a passphrase file should be (else a warning)
        return str(path)

    return {"sam": write("sam.txt", SAM_PASS + "\n"), "alex": write("alex.txt", ALEX_PASS + "\n"),
            "write": write}


@pytest.fixture
def terminal(monkeypatch):
    """A pretend terminal: getpass and input answer from a list, in order."""
    answers: list[str] = []
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        asked.append(prompt)
        if not answers:
            raise AssertionError(f"nothing left to answer {prompt!r}")
        return answers.pop(0)

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(getpass, "getpass", answer)
    monkeypatch.setattr("builtins.input", answer)
    return answers, asked


def run(*argv: str) -> int:
    return cli.main(list(argv))


# --- init ------------------------------------------------------------------------

def test_init_with_passphrase_files_and_either_opens(tmp_path, files, capsys):
    path = tmp_path / "v" / "couple.vault"
    code = run("init", "--partner", "Sam", "--partner", "Alex", "--passphrase-file",
               files["sam"], "--passphrase-file", files["alex"], "--vault", str(path))
    assert code == 0
    out = capsys.readouterr().out
    assert "Created a vault for Sam and Alex" in out
    assert "not for relationships with abuse" in out  # the setup screen's note, here too
    assert Vault.open(path, SAM_PASS).me.name == "Sam"
    assert Vault.open(path, ALEX_PASS).me.name == "Alex"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_init_refuses_to_overwrite_and_leaves_the_file(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    code = run("--vault", str(vault_path), "init", "--partner", "A", "--partner", "B",
               "--passphrase-file", files["sam"], "--passphrase-file", files["alex"])
    assert code == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err
    assert vault_path.read_bytes() == before


def test_init_prompts_twice_each_on_a_terminal(tmp_path, terminal, capsys):
    answers, asked = terminal
    answers += ["short", "sam-passphrase", "sam-passphrase",  # too short, then fine
                "alex-passphrase", "typo-passphrase",  # a mismatch, then again
                "alex-passphrase", "alex-passphrase"]
    path = tmp_path / "couple.vault"
    assert run("init", "--partner", "Sam", "--partner", "Alex", "--vault", str(path)) == 0
    assert not answers
    assert asked[0] == "New passphrase for Sam: "
    err = capsys.readouterr().err
    assert "at least 8 characters" in err and "did not match" in err
    assert "sam-passphrase" not in err
    assert Vault.open(path, ALEX_PASS).me.name == "Alex"


@pytest.mark.parametrize("argv, words", [
    (["--partner", "Sam", "--partner", "Alex"], "no terminal"),
    (["--partner", "Sam"], "twice"),
    (["--partner", "Sam", "--partner", "sam"], "name of your own"),
])
def test_init_usage_problems_exit_1_and_create_nothing(tmp_path, argv, words, capsys):
    path = tmp_path / "couple.vault"
    assert run("init", *argv, "--vault", str(path)) == 1
    assert words in capsys.readouterr().err
    assert not path.exists()


def test_init_refuses_one_passphrase_for_both(tmp_path, files, capsys):
    path = tmp_path / "couple.vault"
    code = run("init", "--partner", "Sam", "--partner", "Alex", "--passphrase-file",
               files["sam"], "--passphrase-file", files["sam"], "--vault", str(path))
    assert code == 1
    assert "of your own" in capsys.readouterr().err
    assert not path.exists()


def test_passphrase_file_loses_one_trailing_newline_only(tmp_path, files):
    odd = files["write"]("odd.txt", " sam passphrase \n\n")
    path = tmp_path / "couple.vault"
    assert run("init", "--partner", "Sam", "--partner", "Alex", "--passphrase-file", odd,
               "--passphrase-file", files["alex"], "--vault", str(path)) == 0
    assert Vault.open(path, " sam passphrase \n").me.name == "Sam"


# --- add ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", TRICKY)
def test_add_keeps_text_exactly(vault, vault_path, files, text):
    assert run("add", "win", "--by", "alex", text, "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    assert run("add", "journal", "--by", "Sam", text, "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    opened = Vault.open(vault_path, ALEX_PASS)
    [win] = opened.all(Win)
    [entry] = opened.all(JournalEntry)
    assert win.text == text and opened.name_of(win.noticed_by) == "Alex"
    assert entry.text == text and opened.name_of(entry.author) == "Sam"


def test_add_reads_the_passphrase_from_the_environment(vault, vault_path, monkeypatch):
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", ALEX_PASS)
    monkeypatch.setenv("TRUST_TUI_VAULT", str(vault_path))
    assert run("add", "win", "--by", "Sam", "We walked to the river.") == 0
    assert [w.text for w in Vault.open(vault_path, SAM_PASS).all(Win)] == ["We walked to the river."]


def test_add_text_from_stdin(vault, vault_path, files, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("first line\nsecond line\n"))
    assert run("add", "journal", "--by", "Sam", "-", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    [entry] = Vault.open(vault_path, SAM_PASS).all(JournalEntry)
    assert entry.text == "first line\nsecond line"


def test_add_unknown_partner_names_the_partners(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    assert run("add", "win", "--by", "Kim", "hello", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 2
    err = capsys.readouterr().err
    assert "Kim" in err and "Sam or Alex" in err
    assert vault_path.read_bytes() == before


def test_add_empty_or_too_long_text_is_refused(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    assert run("add", "win", "--by", "Sam", "   ", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    assert run("add", "win", "--by", "Sam", "x" * 4001, "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    assert run("add", "win", "--by", "Sam", "bad \udcff bytes", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    err = capsys.readouterr().err
    assert "empty" in err and "4,000" in err and "xxxx" not in err and "UTF-8" in err
    assert vault_path.read_bytes() == before


def test_wrong_passphrase_exits_2_says_so_and_changes_nothing(vault, vault_path, files, capsys):
    wrong = files["write"]("wrong.txt", "not-the-passphrase\n")
    before = vault_path.read_bytes()
    assert run("add", "win", "--by", "Sam", "hi", "--vault", str(vault_path),
               "--passphrase-file", wrong) == 2
    err = capsys.readouterr().err
    assert err.strip() == "trust-tui: That passphrase does not open this vault; please try again."
    assert "not-the-passphrase" not in err
    assert vault_path.read_bytes() == before


def test_a_wrong_passphrase_at_the_prompt_may_be_tried_again(vault, vault_path, terminal):
    answers, asked = terminal
    answers += ["nope-nope-nope", SAM_PASS]
    assert run("add", "win", "--by", "Sam", "second try", "--vault", str(vault_path)) == 0
    assert asked == ["Passphrase: ", "Passphrase: "]
    assert len(Vault.open(vault_path, SAM_PASS).all(Win)) == 1


def test_the_last_wrong_try_at_the_prompt_ends_without_asking_to_try_again(
        vault, vault_path, terminal, capsys):
    answers, asked = terminal
    answers += ["nope-nope-nope"] * 3
    before = vault_path.read_bytes()
    assert run("add", "win", "--by", "Sam", "third try", "--vault", str(vault_path)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    # Two tries left said so; the last one says it is over for now, in one sentence.
    assert err[:2] == ["That passphrase does not open this vault; please try again."] * 2
    assert err[2] == ("trust-tui: None of the three passphrases typed opens this vault, so "
                      "nothing was changed; run the command again to try once more.")
    assert vault_path.read_bytes() == before


def test_no_passphrase_and_no_terminal_is_a_usage_problem(vault, vault_path, capsys):
    assert run("check", "--vault", str(vault_path)) == 1
    assert "--passphrase-file" in capsys.readouterr().err


def test_a_damaged_vault_is_reported_before_any_prompt(vault, vault_path, terminal, capsys):
    answers, asked = terminal
    blob = bytearray(vault_path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    vault_path.write_bytes(bytes(blob))
    assert run("check", "--vault", str(vault_path)) == 2
    assert asked == []
    assert "damaged" in capsys.readouterr().err
    assert vault_path.read_bytes() == bytes(blob)


def test_missing_vault_says_how_to_make_one(tmp_path, files, capsys):
    assert run("check", "--vault", str(tmp_path / "none.vault"),
               "--passphrase-file", files["sam"]) == 2
    assert "no vault" in capsys.readouterr().err


def test_ctrl_c_at_a_prompt_stops_cleanly(vault, vault_path, monkeypatch, capsys):
    def interrupted(prompt=""):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "interactive", lambda: True)
    monkeypatch.setattr(getpass, "getpass", interrupted)
    before = vault_path.read_bytes()
    assert run("add", "win", "--by", "Sam", "hi", "--vault", str(vault_path)) == 130
    err = capsys.readouterr().err
    assert "stopped" in err and "Traceback" not in err
    assert vault_path.read_bytes() == before


# --- export and import ------------------------------------------------------------------

def test_export_json_to_stdout_warns_on_stderr(vault, vault_path, files, capsysbinary):
    vault.add(Win(text="[bold]x[/] 🎉\nline", noticed_by=vault.me.id))
    assert run("export", "--vault", str(vault_path), "--passphrase-file", files["alex"]) == 0
    out, err = capsysbinary.readouterr()
    data = json.loads(out.decode("utf-8"))
    assert data["format"] == "trust-tui-export"
    assert [w["text"] for w in data["tables"]["wins"]] == ["[bold]x[/] 🎉\nline"]
    assert b"not encrypted" in err


def test_export_to_a_file_is_private_and_replaces_an_old_one(vault, vault_path, files, tmp_path):
    out = tmp_path / "backup.md"
    out.write_text("old")
    out.chmod(0o644)
    vault.add(JournalEntry(author=vault.me.id, text="Told you about the late train."))
    assert run("export", "--format", "markdown", "-o", str(out), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Told you about the late train." in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")) == []


def test_a_markdown_export_file_is_safe_to_read_in_a_terminal(vault, vault_path, files,
                                                                tmp_path):
    vault.add(Win(text="\x1b]0;retitled\x07\x1b[31mred?\x1b[0m", noticed_by=vault.me.id))
    out = tmp_path / "us.md"
    assert run("export", "--format", "markdown", "-o", str(out), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text  # `cat us.md` acts on nothing
    assert "\\x1b]0;retitled\\x07\\x1b[31mred?\\x1b[0m" in text  # shown, not lost
    # The JSON copy keeps every character exactly.
    json_out = tmp_path / "us.json"
    assert run("export", "-o", str(json_out), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert [w["text"] for w in data["tables"]["wins"]] == [
        "\x1b]0;retitled\x07\x1b[31mred?\x1b[0m"]


def test_export_never_goes_over_the_vault(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    assert run("export", "-o", str(vault_path), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    assert run("export", "-o", str(backup_path(vault_path)), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    assert vault_path.read_bytes() == before


def test_import_round_trip_into_a_new_vault_without_duplicates(vault, vault_path, files,
                                                               tmp_path, capsys):
    for text in TRICKY:
        vault.add(Win(text=text, noticed_by=vault.partner_named("Alex").id))
    export_file = tmp_path / "export.json"
    assert run("export", "-o", str(export_file), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    # A second vault for the same two names (different partner ids).
    other = tmp_path / "new.vault"
    make_vault(other)
    for _ in range(3):
        assert run("import", str(export_file), "--vault", str(other),
                   "--passphrase-file", files["alex"]) == 0
    out = capsys.readouterr().out
    assert f"Brought in {len(TRICKY)} records." in out
    assert out.count(f"Brought in 0 records; {len(TRICKY)} were already in the vault.") == 2
    # The same words again are not a conflict, and leave no earlier versions behind.
    assert "changed on both copies" not in out and "changed as in the export" not in out
    opened = Vault.open(other, SAM_PASS)
    assert not any(opened.raw_tables().get("_history", {}).values())
    wins = opened.all(Win)
    assert sorted(w.text for w in wins) == sorted(TRICKY)
    assert {opened.name_of(w.noticed_by) for w in wins} == {"Alex"}
    assert len(opened.partners) == 2


def test_import_of_something_else_changes_nothing(vault, vault_path, files, tmp_path, capsys):
    junk = tmp_path / "notes.json"
    junk.write_text('{"hello": "world"}')
    before = vault_path.read_bytes()
    assert run("import", str(junk), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 2
    assert "not a trust-tui JSON export" in capsys.readouterr().err
    assert vault_path.read_bytes() == before


# --- check, passwd, restore-backup ---------------------------------------------------------

def test_check_says_it_opens_and_authenticates(vault, vault_path, files, capsys):
    assert run("check", "--vault", str(vault_path), "--passphrase-file", files["alex"]) == 0
    out = capsys.readouterr().out
    assert "opens and authenticates" in out and "Sam and Alex" in out


def test_passwd_changes_one_passphrase_and_the_old_one_stops(vault, vault_path, files, capsys):
    vault.add(Win(text="kept", noticed_by=vault.me.id))
    new = files["write"]("new.txt", "a brand new sam phrase\n")
    assert run("passwd", "--partner", "Sam", "--new-passphrase-file", new, "--vault",
               str(vault_path), "--passphrase-file", files["sam"]) == 0
    assert [w.text for w in Vault.open(vault_path, "a brand new sam phrase").all(Win)] == ["kept"]
    assert Vault.open(vault_path, ALEX_PASS).me.name == "Alex"
    assert run("check", "--vault", str(vault_path), "--passphrase-file", files["sam"]) == 2
    assert "a brand new" not in capsys.readouterr().err


def test_passwd_needs_the_partners_own_passphrase(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    new = files["write"]("new.txt", "a brand new sam phrase\n")
    assert run("passwd", "--partner", "Sam", "--new-passphrase-file", new, "--vault",
               str(vault_path), "--passphrase-file", files["alex"]) == 2
    assert "Only Sam can change Sam's passphrase" in capsys.readouterr().err
    assert vault_path.read_bytes() == before


def test_passwd_refuses_the_other_partners_passphrase(vault, vault_path, files, capsys):
    before = vault_path.read_bytes()
    assert run("passwd", "--partner", "Sam", "--new-passphrase-file", files["alex"], "--vault",
               str(vault_path), "--passphrase-file", files["sam"]) == 2
    assert "already opens this vault for the other partner" in capsys.readouterr().err
    assert vault_path.read_bytes() == before
    assert Vault.open(vault_path, ALEX_PASS).me.name == "Alex"


def test_passwd_prompts_for_the_new_one_twice(vault, vault_path, terminal):
    answers, asked = terminal
    answers += [ALEX_PASS, "alex new phrase", "alex new phrase"]
    assert run("passwd", "--partner", "Alex", "--vault", str(vault_path)) == 0
    assert asked[0] == "Alex's current passphrase: "
    assert Vault.open(vault_path, "alex new phrase").me.name == "Alex"


def test_restore_backup_puts_the_previous_version_back(vault, vault_path, files, capsys):
    vault.add(Win(text="first", noticed_by=vault.me.id))
    vault.add(Win(text="second", noticed_by=vault.me.id))
    assert run("restore-backup", "--yes", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    assert [w.text for w in Vault.open(vault_path, SAM_PASS).all(Win)] == ["first"]
    assert "previous version is back" in capsys.readouterr().out


def test_restore_backup_asks_first(vault, vault_path, files, terminal, capsys, monkeypatch):
    vault.add(Win(text="first", noticed_by=vault.me.id))
    before = vault_path.read_bytes()
    answers, _ = terminal
    answers += ["n"]
    assert run("restore-backup", "--vault", str(vault_path)) == 0
    assert "Nothing was changed" in capsys.readouterr().out
    monkeypatch.setattr(output, "interactive", lambda: False)
    assert run("restore-backup", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert vault_path.read_bytes() == before


def test_restore_backup_rescues_a_damaged_vault(vault, vault_path, files, capsys):
    vault.add(Win(text="safe in the backup", noticed_by=vault.me.id))
    vault.add(Win(text="lost with the damage", noticed_by=vault.me.id))
    damaged = vault_path.read_bytes()[:-40]
    vault_path.write_bytes(damaged)
    assert run("restore-backup", "--yes", "--vault", str(vault_path),
               "--passphrase-file", files["alex"]) == 0
    assert [w.text for w in Vault.open(vault_path, SAM_PASS).all(Win)] == ["safe in the backup"]
    assert (vault_path.parent / (vault_path.name + ".damaged")).read_bytes() == damaged
    assert ".damaged" in capsys.readouterr().out


def test_restore_backup_without_a_backup(vault, vault_path, files, capsys):
    assert run("restore-backup", "--yes", "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 2
    assert "no earlier version" in capsys.readouterr().err


# --- demo and the app ---------------------------------------------------------------------

def test_demo_prints_the_sample_passphrases_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "demo.vault"
    assert run("demo", "--vault", str(path), "--no-open", "--seed", "3") == 0
    out = capsys.readouterr().out
    assert "noor-sample-passphrase" in out and "eli-sample-passphrase" in out
    opened = Vault.open(path, "eli-sample-passphrase")
    assert opened.me.name == "Eli" and 300 < len(opened.all(JournalEntry)) < 500
    before = path.read_bytes()
    assert run("demo", "--vault", str(path), "--no-open") == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_with_passphrase_files_prints_no_passphrase(tmp_path, files, capsys):
    path = tmp_path / "demo.vault"
    assert run("demo", "--vault", str(path), "--no-open", "--passphrase-file", files["sam"],
               "--passphrase-file", files["alex"]) == 0
    out = capsys.readouterr().out
    assert "Sample passphrases" not in out
    assert SAM_PASS not in out and ALEX_PASS not in out
    assert Vault.open(path, SAM_PASS).me.name == "Noor"


def test_demo_years_must_be_sensible(tmp_path, capsys):
    assert run("demo", "--vault", str(tmp_path / "d.vault"), "--years", "0", "--no-open") == 1
    assert not (tmp_path / "d.vault").exists()


def test_demo_opens_the_app_unlocked(tmp_path, monkeypatch):
    from trust_tui.app import TrustApp

    opened = []
    monkeypatch.setattr(TrustApp, "run", lambda self: opened.append(self.vault.me.name))
    assert run("demo", "--vault", str(tmp_path / "d.vault")) == 0
    assert opened == ["Noor"]


def test_no_command_opens_the_app_on_the_chosen_vault(tmp_path, monkeypatch):
    from trust_tui.app import TrustApp

    opened = []
    monkeypatch.setattr(TrustApp, "run", lambda self: opened.append(self.vault_path))
    monkeypatch.setenv("TRUST_TUI_VAULT", str(tmp_path / "from-env.vault"))
    assert run() == 0
    assert run("--vault", str(tmp_path / "given.vault")) == 0
    assert opened == [tmp_path / "from-env.vault", tmp_path / "given.vault"]


def test_default_vault_path_is_in_the_data_folder(monkeypatch):
    from platformdirs import user_data_path

    from trust_tui import paths

    assert paths.vault_path(None) == user_data_path("trust-tui", appauthor=False) / "couple.vault"
    assert paths.demo_vault_path(None).name == "demo.vault"


# --- the real console script -------------------------------------------------------------

def _script(*argv: str, env: dict | None = None, stdin: str | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TRUST_TUI_")}
    full_env.update(env or {})
    return subprocess.run([str(CONSOLE), *argv], capture_output=True, text=True,
                          env=full_env, input=stdin, timeout=60)


def test_console_script_exit_codes_and_no_traceback(vault, vault_path, tmp_path):
    ok = _script("add", "journal", "--by", "Alex", "via the script", "--vault", str(vault_path),
                 env={"TRUST_TUI_PASSPHRASE": ALEX_PASS})
    assert ok.returncode == 0, ok.stderr
    wrong = _script("check", "--vault", str(vault_path),
                    env={"TRUST_TUI_PASSPHRASE": "secret-but-wrong"})
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "Traceback" not in wrong.stderr
    assert "secret-but-wrong" not in wrong.stderr + wrong.stdout
    usage = _script("add", "diary", "--vault", str(vault_path))
    assert usage.returncode == 1 and "Traceback" not in usage.stderr
    junk = tmp_path / "junk.vault"
    junk.write_bytes(b"just some bytes, not a vault at all")
    foreign = _script("check", "--vault", str(junk), env={"TRUST_TUI_PASSPHRASE": SAM_PASS})
    assert foreign.returncode == 2 and "not a trust-tui vault" in foreign.stderr
    assert "Traceback" not in foreign.stderr
    assert junk.read_bytes() == b"just some bytes, not a vault at all"


def test_commands_do_not_import_textual(vault, vault_path, tmp_path):
    out = tmp_path / "e.json"
    code = (
        "import sys\n"
        "from trust_tui.cli import main\n"
        f"v = ['--vault', {str(vault_path)!r}]\n"
        "codes = [main(['add', 'win', '--by', 'Sam', 'hi', *v]), main(['check', *v]),\n"
        f"         main(['export', '-o', {str(out)!r}, *v]),\n"
        f"         main(['import', {str(out)!r}, *v])]\n"
        "print(codes, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUST_TUI_")}
    env["TRUST_TUI_PASSPHRASE"] = SAM_PASS
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[0, 0, 0, 0] []", result.stderr


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "trust_tui", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    for command in ("init", "add", "export", "import", "check", "passwd", "restore-backup", "demo"):
        assert command in result.stdout


def test_the_app_stopping_on_an_error_is_a_non_zero_exit():
    class StoppedApp:  # what TrustApp reports after its one-sentence crash message
        return_code = 1

        def run(self) -> None:
            pass

    class ClosedApp(StoppedApp):
        return_code = 0

    assert output.run_app(StoppedApp()) == output.EXIT_STOPPED == 3
    assert output.run_app(ClosedApp()) == output.EXIT_OK


def test_version_is_said_without_opening_anything(capsys):
    from trust_tui.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("trust-tui 0.")


def test_help_shows_examples_and_exit_codes(capsys):
    from trust_tui.cli import main

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "trust-tui init --partner Sam --partner Jo" in out
    assert "exit codes:" in out and "2  refused" in out


def test_textual_run_finds_the_vault_as_the_command_line_does(tmp_path, monkeypatch):
    from trust_tui.app import TrustApp

    monkeypatch.setenv("TRUST_TUI_VAULT", str(tmp_path / "ours.vault"))
    assert TrustApp().vault_path == tmp_path / "ours.vault"


def test_completion_and_man_page_come_from_the_parser(capsys):
    from trust_tui.cli import main

    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert "trust-tui" in script and "restore-backup" in script  # every command
    assert main(["man"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(".TH") and "restore\\-backup" in page


def test_no_escape_code_from_a_name_or_path_reaches_the_terminal(tmp_path, capsys):
    from trust_tui.cli import main

    odd = tmp_path / "pass\x1b[2Jword"
    odd.write_text("")
    odd.chmod(0o600)
    code = main(["--vault", str(tmp_path / "v\x1b]0;x\x07.vault"), "check",
                 "--passphrase-file", str(odd)])
    seen = capsys.readouterr()
    assert code != 0
    assert "\x1b" not in seen.out + seen.err and "\x07" not in seen.out + seen.err


def test_import_reads_standard_input_with_the_passphrase_file_from_the_environment(
        vault, vault_path, files, tmp_path, monkeypatch, capsys):
    """`trust-tui export | trust-tui import -`, the passphrase from
    TRUST_TUI_PASSPHRASE_FILE (stdin carries the export, so it cannot be asked)."""
    import io

    vault.add(Win(text="We walked to the river.", noticed_by=vault.partner_named("Sam").id))
    export_file = tmp_path / "export.json"
    assert run("export", "-o", str(export_file), "--vault", str(vault_path),
               "--passphrase-file", files["sam"]) == 0
    other = tmp_path / "other.vault"
    make_vault(other)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE_FILE", files["alex"])
    stdin = io.TextIOWrapper(io.BytesIO(export_file.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run("import", "-", "--vault", str(other)) == 0
    assert "Brought in 1 record." in capsys.readouterr().out
    assert [w.text for w in Vault.open(other, SAM_PASS).all(Win)] == ["We walked to the river."]
