"""Issue 13, item 6: random and mutated exports fed to `trust-tui import`: each is
refused in one line, or imported such that every record reads and the Markdown
export still works."""

from __future__ import annotations

import random

from conftest import SAM_PASS
from hostile_exports import as_bytes, mutate, small_export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trust_tui import cli, export
from trust_tui.models import ALL_RECORDS
from trust_tui.vault import FAST_TEST_KDF, Vault


def _import(folder, raw: bytes, capsys) -> tuple[int, str, Vault]:
    path = folder / "couple.vault"
    Vault.create(path, [("Noor", SAM_PASS), ("Eli", "eli-passphrase")], kdf=FAST_TEST_KDF)
    (folder / "pass").write_text(SAM_PASS)
    (folder / "pass").chmod(0o600)
    (folder / "in.json").write_bytes(raw)
    before = path.read_bytes()
    code = cli.main(["import", str(folder / "in.json"), "--vault", str(path),
                     "--passphrase-file", str(folder / "pass")])
    said = capsys.readouterr()
    vault = Vault.open(path, SAM_PASS)
    if code != 0:
        assert code == 2 and said.err.count("\n") == 1, said
        assert "\x1b" not in said.err and "Traceback" not in said.err
        assert path.read_bytes() == before
    else:
        assert "\x1b" not in said.out + said.err
    return code, said.err, vault


def _still_works(vault: Vault) -> None:
    for model in ALL_RECORDS:
        vault.all(model)
    text = export.export_markdown(vault, vault.settings.created_at.date())
    assert "\x1b" not in text
    export.export_json(vault, vault.settings.created_at)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.data())
def test_a_mutated_export_is_refused_or_imported_whole(tmp_path_factory, capsys, choices):
    data = mutate(small_export(), lambda n: choices.draw(st.integers(0, n - 1)))
    code, _, vault = _import(tmp_path_factory.mktemp("m"), as_bytes(data), capsys)
    _still_works(vault)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=200),
                     st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=8),
                                  lambda inner: st.lists(inner, max_size=3)
                                  | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                  max_leaves=12).map(lambda v: repr(v).encode())))
def test_random_bytes_are_refused_in_one_line(tmp_path_factory, capsys, raw):
    code, _, _ = _import(tmp_path_factory.mktemp("r"), raw, capsys)
    assert code == 2


def test_many_mutations_of_one_export_all_end_well(tmp_path_factory, capsys):
    """Several mutations at once (a seeded sample), beyond one change."""
    chance = random.Random(13)
    for _ in range(5):
        data = small_export()
        for _ in range(4):
            data = mutate(data, lambda n: chance.randrange(n))
        _, _, vault = _import(tmp_path_factory.mktemp("s"), as_bytes(data), capsys)
        _still_works(vault)
