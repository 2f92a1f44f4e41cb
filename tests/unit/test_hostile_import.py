"""Issue 13, item 6: a hostile JSON export is refused in one sentence with nothing
changed, reading is bounded, and no control character from the file reaches the
terminal. Driven through `trust-tui import FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault
from damaged import a_seal

from trust_tui import cli, export
from trust_tui.models import JournalEntry, Win
from trust_tui.vault import Vault


def _sample(tmp_path: Path) -> dict:
    source = make_vault(tmp_path / "source.vault")
    me = source.me.id
    source.add_many([Win(text="a walk together", noticed_by=me),
                     JournalEntry(author=me, text="open words")])
    source.add(JournalEntry(author=me, private=True, sealed=a_seal(me)))
    return json.loads(export.export_json(source, Win(text="x", noticed_by=me).created_at))


def _first(data: dict, table: str) -> dict:
    return data["tables"][table][0]


def _private(data: dict) -> dict:
    return next(e for e in data["tables"]["journal"] if e.get("sealed"))


def _nest(levels: int) -> object:
    value: object = "deep"
    for _ in range(levels):
        value = {"x": value}
    return value


HOSTILE = {
    "a win with no time zone": lambda d: _first(d, "wins").update(
        created_at="2024-01-01T10:00:00"),
    "year 1": lambda d: _first(d, "wins").update(created_at="0001-01-01T00:00:00+00:00"),
    "year 9999": lambda d: _first(d, "wins").update(created_at="9999-12-31T23:59:00+00:00"),
    "an empty nonce": lambda d: _private(d)["sealed"].update(nonce=""),
    "a short nonce": lambda d: _private(d)["sealed"].update(nonce="AAAA"),
    "a nonce not base64": lambda d: _private(d)["sealed"].update(nonce="\x1b[31m"),
    "a short ciphertext": lambda d: _private(d)["sealed"].update(ciphertext="AAAA"),
    "Infinity": lambda d: _first(d, "wins").update(extra=float("inf")),
    "NaN": lambda d: _first(d, "wins").update(extra=float("nan")),
    "a huge number": lambda d: _first(d, "wins").update(extra=10**40),
    "400 levels deep": lambda d: _first(d, "wins").update(extra=_nest(400)),
    "a huge field": lambda d: _first(d, "wins").update(text="w" * 300_000),
    "too many records": lambda d: d["tables"]["wins"].extend(
        [_first(d, "wins")] * 100_000),
}


def _import(tmp_path: Path, data_or_bytes, capsys) -> tuple[int, str, str, Path, bytes]:
    target = tmp_path / "couple.vault"
    if not target.exists():
        make_vault(target)
    source = tmp_path / "export.json"
    if isinstance(data_or_bytes, bytes):
        source.write_bytes(data_or_bytes)
    else:
        source.write_text(json.dumps(data_or_bytes))  # Infinity and NaN as Python writes them
    (tmp_path / "pass").write_text(SAM_PASS)
    (tmp_path / "pass").chmod(0o600)  # not the other partner's business: no warning
    before = target.read_bytes()
    code = cli.main(["import", str(source), "--vault", str(target),
                     "--passphrase-file", str(tmp_path / "pass")])
    said = capsys.readouterr()
    return code, said.out, said.err, target, before


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_export_is_refused_in_one_sentence_and_changes_nothing(tmp_path, capsys,
                                                                         name):
    data = _sample(tmp_path)
    HOSTILE[name](data)
    code, out, err, target, before = _import(tmp_path, data, capsys)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "nothing was imported" in err
    assert "Traceback" not in err and "\x1b" not in err
    assert "open words" not in err and "mine alone" not in err
    assert target.read_bytes() == before


def test_the_sample_itself_imports(tmp_path, capsys):
    code, out, err, target, _ = _import(tmp_path, _sample(tmp_path), capsys)
    assert code == 0, err
    assert "Brought in" in out


def test_reading_is_bounded(tmp_path, capsys):
    make_vault(tmp_path / "couple.vault")
    (tmp_path / "pass").write_text(SAM_PASS)
    (tmp_path / "pass").chmod(0o600)  # not the other partner's business: no warning
    code = cli.main(["import", "/dev/zero", "--vault", str(tmp_path / "couple.vault"),
                     "--passphrase-file", str(tmp_path / "pass")])
    err = capsys.readouterr().err
    assert code == 2 and "larger than any trust-tui export" in err
    assert err.count("\n") == 1


def test_no_control_character_from_a_file_reaches_the_terminal(tmp_path, capsys):
    data = _sample(tmp_path)
    data["tables"]["\x1b]0;owned\x07future\x1b[2J"] = []
    code, out, err, target, _ = _import(tmp_path, data, capsys)
    assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b]0;owned\\x07future" in out  # named, made visible
    # Partner names from the export in a refusal: visible codes, one line.
    data["partners"] = ["Kim\x1b[31m", "Lee\nrm -rf"]
    data["tables"]["partners"][0]["name"] = "Kim\x1b[31m"
    data["tables"]["partners"][1]["name"] = "Lee\nrm -rf"
    for partner in data["tables"]["partners"]:
        partner["id"] = partner["id"][::-1]
    code, out, err, target, before = _import(tmp_path, data, capsys)
    assert code == 2 and "\x1b" not in err and err.count("\n") == 1
    assert "Kim\\x1b[31m" in err
    assert target.read_bytes() == before


def test_a_file_name_with_escapes_is_said_inert(tmp_path, capsys):
    make_vault(tmp_path / "couple.vault")
    (tmp_path / "pass").write_text(SAM_PASS)
    (tmp_path / "pass").chmod(0o600)  # not the other partner's business: no warning
    code = cli.main(["import", str(tmp_path / "no\x1b[2Jsuch.json"), "--vault",
                     str(tmp_path / "couple.vault"), "--passphrase-file", str(tmp_path / "pass")])
    err = capsys.readouterr().err
    assert code == 2 and "\x1b" not in err and "no\\x1b[2Jsuch.json" in err
    assert Vault.open(tmp_path / "couple.vault", ALEX_PASS).all(Win) == []


def test_the_json_export_shows_no_terminal_control_yet_keeps_every_character(tmp_path):
    vault = make_vault(tmp_path / "a.vault")
    words = "C1 \x9b31m, DEL \x7f, override \u202e, ESC \x1b[2J, line \u2028 end"
    vault.add(Win(text=words, noticed_by=vault.me.id))
    text = export.export_json(vault, Win(text="x", noticed_by=vault.me.id).created_at)
    assert not any(ch in text for ch in "\x9b\x7f\u202e\x1b\u2028")
    assert [w["text"] for w in json.loads(text)["tables"]["wins"]] == [words]
