"""A pydantic plugin installed beside the app (tracing, telemetry) is never loaded:
it would be handed every decrypted record as the models validate it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_an_installed_pydantic_plugin_never_sees_a_record(tmp_path: Path):
    # A package that registers itself as a pydantic plugin, as such packages do.
    (tmp_path / "watching_plugin.py").write_text(textwrap.dedent("""
        SEEN = []
        class Plugin:
            def new_schema_validator(self, *args, **kwargs):
                SEEN.append(args)
                return None, None, None
        plugin = Plugin()
    """))
    info = tmp_path / "watching_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: watching-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nwatching = watching_plugin:plugin\n")
    probe = textwrap.dedent("""
        import sys
        from trust_tui.models import JournalEntry
        JournalEntry(author="a", text="the words")
        print("loaded" if "watching_plugin" in sys.modules else "not loaded")
    """)
    env = {"PYTHONPATH": f"{tmp_path}:{Path(__file__).resolve().parents[2]}", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "not loaded"
