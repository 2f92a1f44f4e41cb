"""Issue 13, item 5: every malformed or hostile vault header is refused in one
sentence, before any costly key derivation, and the app gives the field back."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import SAM_PASS, make_vault
from doctored import rewrite

from trust_tui.cli import main
from trust_tui.vault import KdfParams, Vault, fileformat, keyslots
from trust_tui.vault.errors import DamagedVault, UnsafeHeader, VaultError


def _kdf(**changes):
    return lambda h: h["slots"][0]["kdf"].update(**changes)


HOSTILE = [
    ("generation Infinity", lambda h: h.update(generation=float("inf"))),
    ("generation NaN", lambda h: h.update(generation=float("nan"))),
    ("generation huge", lambda h: h.update(generation=10**300)),
    ("generation negative", lambda h: h.update(generation=-1)),
    ("generation text", lambda h: h.update(generation="7")),
    ("generation float", lambda h: h.update(generation=3.5)),
    ("generation true", lambda h: h.update(generation=True)),
    ("memory Infinity", _kdf(memory_kib=float("inf"))),
    ("memory NaN", _kdf(memory_kib=float("nan"))),
    ("memory huge", _kdf(memory_kib=10**300)),
    ("memory 1e999", _kdf(memory_kib=1e300 * 1e300)),
    ("lanes list", _kdf(lanes=[4])),
    ("iterations null", _kdf(iterations=None)),
    ("name number", _kdf(name=7)),
    ("name escape", _kdf(name="\x1b[2J")),
    ("slot id surrogate", lambda h: h["slots"][0].update(id="\ud800")),
    ("slot id escape", lambda h: h["slots"][0].update(id="\x1b]0;owned\x07")),
    ("slot id number", lambda h: h["slots"][0].update(id=12)),
    ("slot id long", lambda h: h["slots"][0].update(id="a" * 1000)),
    ("slot a list", lambda h: h["slots"].__setitem__(0, [1, 2])),
    ("kdf a list", lambda h: h["slots"][0].update(kdf=[])),
    ("salt a number", lambda h: h["slots"][0].update(salt=5)),
    ("salt not ascii", lambda h: h["slots"][0].update(salt="\u00e9\u00e9")),
    ("slots a dict", lambda h: h.update(slots={"a": 1})),
    ("header a list", lambda h: [h]),
    ("scrypt 1 GiB", _kdf(name="scrypt", memory_kib=2**20, iterations=8, lanes=1)),
    ("scrypt r too big for n", _kdf(name="scrypt", memory_kib=2, iterations=32, lanes=16)),
    ("argon2 512 MiB", _kdf(memory_kib=512 * 1024, iterations=1)),
]


@pytest.mark.parametrize("name, edit", HOSTILE, ids=[n for n, _ in HOSTILE])
def test_a_hostile_header_is_refused_in_one_sentence(vault_path: Path, name, edit, capsys):
    make_vault(vault_path)
    rewrite(vault_path, edit)
    before = vault_path.read_bytes()
    with pytest.raises(VaultError) as refused:
        Vault.open(vault_path, SAM_PASS)
    sentence = str(refused.value)
    assert sentence.endswith(".") and "\n" not in sentence
    assert all(c.isprintable() for c in sentence)
    # And `check` says it in one line, with no traceback.
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--vault", str(vault_path), "check"])
    assert code != 0
    said = out.getvalue() + err.getvalue()
    assert "Traceback" not in said and "\x1b" not in said
    assert vault_path.read_bytes() == before


def test_a_derivation_that_runs_out_of_memory_is_a_sentence(monkeypatch):
    def no_memory(self, secret):
        raise MemoryError()

    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    monkeypatch.setattr(Argon2id, "derive", no_memory)
    with pytest.raises(UnsafeHeader, match="more memory than this computer could give"):
        KdfParams(memory_kib=64, iterations=1, lanes=1).derive("a passphrase", b"s" * 16)


def test_the_defaults_stay_within_the_caps_and_are_not_weakened():
    for params in (KdfParams(), KdfParams(name="scrypt", memory_kib=2**17, iterations=8,
                                          lanes=1)):
        params.check_caps()
        assert params.work >= 3 * 128 * 1024  # 128 MiB x 3 passes, or its scrypt match
    assert KdfParams.default().memory_kib >= 128 * 1024
    # Two partners' default slots fit together, with room for a third (a rekey).
    assert 3 * KdfParams().work <= keyslots.MAX_TOTAL_WORK
    assert keyslots.MAX_MEMORY_KIB <= 256 * 1024
    assert keyslots.MAX_SCRYPT_MEMORY <= 256 * 1024 * 1024


def test_a_huge_generation_is_not_peeked_either(vault_path: Path):
    make_vault(vault_path)
    rewrite(vault_path, lambda h: h.update(generation=float("inf")))
    assert fileformat.peek_generation(vault_path) is None
    with pytest.raises(DamagedVault, match="header is unreadable"):
        Vault.read_file(vault_path)
