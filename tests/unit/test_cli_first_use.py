"""What a new user tripped over on a first try of the command line (issue 17):
a name that would break every plain-text line it is printed in, standard input
named as "-", and a man page that reads like a generated one. In-process through
`main([...])`, with the fast test KDF."""

from __future__ import annotations

import io
import sys

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.vault import FAST_TEST_KDF, keyslots


@pytest.fixture(autouse=True)
def quiet_and_fast(monkeypatch):
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    monkeypatch.setattr(output, "interactive", lambda: False)
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE_FILE", raising=False)
    monkeypatch.delenv("TRUST_TUI_VAULT", raising=False)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)


def passphrase_files(tmp_path):
    made = []
    for name, secret in (("sam.txt", SAM_PASS), ("alex.txt", ALEX_PASS)):
        path = tmp_path / name
        path.write_text(secret + "\n", encoding="utf-8")
        path.chmod(0o600)
        made.append(str(path))
    return made


@pytest.mark.parametrize("odd", ["C\nD", "A\x1b[31mB", "S\tam", "\u202eSam", "Sa\x7fm"])
def test_init_refuses_a_name_with_a_line_break_or_a_control_character(tmp_path, odd, capsys):
    """A name is printed in every plain-text line (`journal`, `wins`, a refusal): a
    line break in it would make a line that looks like another entry."""
    path = tmp_path / "couple.vault"
    sam, alex = passphrase_files(tmp_path)
    code = cli.main(["init", "--partner", odd, "--partner", "Alex", "--passphrase-file", sam,
                     "--passphrase-file", alex, "--vault", str(path)])
    seen = capsys.readouterr()
    assert code == 1
    assert not path.exists()
    assert "control character" in seen.err and len(seen.err.strip().splitlines()) == 1
    assert "\x1b" not in seen.err and "\x7f" not in seen.err and "\u202e" not in seen.err


def test_init_still_takes_names_in_any_script_and_with_emoji(tmp_path, capsys):
    path = tmp_path / "couple.vault"
    sam, alex = passphrase_files(tmp_path)
    assert cli.main(["init", "--partner", "Zoë 👨\u200d👩\u200d👧", "--partner", "[/]",
                     "--passphrase-file", sam, "--passphrase-file", alex,
                     "--vault", str(path)]) == 0
    assert "Created a vault for Zoë" in capsys.readouterr().out


@pytest.mark.parametrize("given, words", [
    (b"", "Standard input was empty"),
    (b"not json at all", "Standard input is not a trust-tui JSON export"),
])
def test_import_from_standard_input_names_it_in_words_not_as_a_dash(vault_path, given, words,
                                                                    monkeypatch, capsys):
    make_vault(vault_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(given)))
    assert cli.main(["import", "-", "--vault", str(vault_path)]) == 2
    err = capsys.readouterr().err
    assert words in err and "nothing was imported" in err
    assert "- is" not in err


def test_help_fits_80_columns_with_each_example_and_what_it_does(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "trust-tui export --format markdown -o us.md\n" in text  # not run into its words
    assert "a document to read (not encrypted)" in text
    assert "  2  refused: a wrong passphrase" in text


def test_the_man_page_names_itself_and_keeps_examples_and_exit_codes_in_columns(capsys):
    assert cli.main(["man"]) == 0
    page = capsys.readouterr().out
    assert "Generated Python Manual" not in page
    name = page.split(".SH NAME\n", 1)[1].splitlines()[0]
    assert name.startswith("trust\\-tui \\- ") and "couple" in name  # whatis and apropos find it
    for section in ("EXAMPLES", "EXIT STATUS"):
        body = page.split(f".SH {section}\n", 1)[1]
        assert body.startswith(".nf\n"), f"{section} would be reflowed into one paragraph"
    assert ".SH COMMENTS" not in page
    exits = page.split(".SH EXIT STATUS\n", 1)[1]
    assert "130" in exits and "refused" in exits


def completed(tmp_path, capsys, *words: str) -> list[str]:
    """What bash offers after `trust-tui WORDS<tab>`, from `trust-tui completion bash`."""
    import shutil
    import subprocess

    if shutil.which("bash") is None:
        pytest.skip("no bash here")
    assert cli.main(["completion", "bash"]) == 0
    script = tmp_path / "trust-tui.bash"
    script.write_text(capsys.readouterr().out)
    line = " ".join(("trust-tui", *words))
    probe = (f'source "{script}"; COMP_WORDS=(trust-tui {" ".join(words)}); '
             f'COMP_CWORD={len(words)}; COMP_LINE="{line}"; COMP_POINT={len(line)}; '
             '_shtab_trust_tui trust-tui; printf "%s\\n" "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize("words", [("import", "back"), ("--vault", "cou"),
                                   ("merge", "cou"), ("export", "-o", "back"),
                                   ("journal", "--passphrase-file", "pa")])
def test_bash_completes_file_names_where_a_file_is_asked_for(tmp_path, capsys, words):
    for name in ("backup.json", "couple.vault", "pass.txt"):
        (tmp_path / name).write_text("")
    offered = completed(tmp_path, capsys, *words)
    assert offered and all(name.startswith(words[-1]) for name in offered)
    assert {"backup.json", "couple.vault", "pass.txt"} & set(offered)


def test_the_markdown_export_gives_a_private_entry_its_day_and_no_made_up_time(
        vault_path, local_utc):
    """Its time is sealed; the midday kept in the clear was written out as "12:00"."""
    from datetime import date, datetime, timezone

    from trust_tui import export
    from trust_tui.domain.journal import EntryDraft
    from trust_tui.store.journal import save_entry
    from trust_tui.vault import Vault

    make_vault(vault_path)
    as_alex = Vault.open(vault_path, ALEX_PASS)
    save_entry(as_alex, EntryDraft(author=as_alex.me.id, kind="entry", feeling=None,
                                   text="only mine", private=True),
               datetime(2026, 3, 2, 17, 41, tzinfo=timezone.utc))
    page = export.export_markdown(Vault.open(vault_path, SAM_PASS), date(2026, 3, 3))
    head = page.split("A private entry, kept sealed.")[0].rstrip().splitlines()[-1]
    assert head == "## 2 March 2026: Alex"


def test_a_folder_given_as_the_vault_is_called_a_folder(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    assert cli.main(["--vault", str(folder), "wins"]) == 2
    err = capsys.readouterr().err
    assert f"The folder at {folder} is not a trust-tui vault" in err


def test_add_without_arguments_names_what_it_needs_in_the_usage_words(capsys):
    assert cli.main(["add"]) == 1
    err = capsys.readouterr().err
    assert "required: win|journal, --by, TEXT." in err  # not "what", a name from the code


class Endless:
    """Standard input that never ends (`yes | trust-tui add journal --by Sam -`)."""

    def read(self, size: int = -1) -> str:
        if size is None or size < 0:
            raise AssertionError("read to the end of a pipe that never ends")
        return "y\n" * (size // 2) + "y" * (size % 2)


def test_add_from_a_pipe_that_never_ends_stops_reading_past_what_fits(vault_path,
                                                                    monkeypatch, capsys):
    """It read the whole pipe first: 1 GB took 25 s and 2 GB of memory to refuse."""
    make_vault(vault_path)
    monkeypatch.setattr(sys, "stdin", Endless())
    assert cli.main(["add", "journal", "--by", "Sam", "-", "--vault", str(vault_path)]) == 1
    err = capsys.readouterr().err
    assert "more than 100,000 characters" in err and "nothing was added" in err


@pytest.mark.parametrize("argv", [["journal", "-n", "ten"], ["checkin", "--days", "2.5"],
                                  ["demo", "--years", "many"], ["serve", "--port", "http"]])
def test_a_number_that_is_not_one_is_said_in_words(argv, capsys):
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "takes a whole number, such as" in err and "is not one" in err
    assert "invalid int value" not in err
