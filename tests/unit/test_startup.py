"""Start-up stays light: the unlock screen paints before the vault layer loads.

Issue 6 asks for launch-to-first-paint within 1.3x of a bare Textual app
(measured in bench/bench_startup.py). These tests keep the reason it is fast
from quietly regressing: which modules a fresh interpreter has loaded.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pydantic", "tinydb", "cryptography", "trust_tui.models", "trust_tui.vault.vault")


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_opening_the_app_does_not_load_the_vault_layer_before_the_unlock_screen():
    loaded = loaded_after("import trust_tui.cli, trust_tui.app, trust_tui.screens.unlock\n"
                          "from trust_tui.vault import VaultError")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}


def test_the_command_line_parser_loads_neither_textual_nor_the_vault_layer():
    loaded = loaded_after("from trust_tui.cli import build_parser; build_parser()")
    assert "textual" not in loaded
    assert "pydantic" not in loaded


def test_the_parser_and_its_messages_load_nothing_heavy_and_no_sub_command():
    loaded = loaded_after("import trust_tui.cli.parser, trust_tui.cli.output, trust_tui.texts\n"
                          "trust_tui.cli.parser.build_parser()")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert "trust_tui.cli.commands" not in loaded


def test_the_vault_package_still_offers_its_names_on_first_use():
    loaded = loaded_after("from trust_tui.vault import FAST_TEST_KDF, KdfParams, Vault\n"
                          "assert FAST_TEST_KDF.memory_kib == 64 and Vault.open")
    assert "trust_tui.vault.vault" in loaded
