"""The key ids README gives for a keymap are the ids the app has (a keymap naming
an id that does not exist changes nothing, without a word), and home's area keys
can be moved like every other (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from test_keymap import every_binding

from trust_tui.screens.areas import AREAS

README = Path(__file__).resolve().parents[2] / "README.md"


def keymap_paragraph() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("Every key can be moved")
    return text[start:text.index("\n\n", start)]


def test_every_key_id_readme_names_is_one_the_app_has():
    named = {found for found in re.findall(r"`\"?([a-z_]+(?:\.[a-z_]+)+)\"?", keymap_paragraph())
             if not found.endswith(".toml")}
    assert {"app.take_break", "talk.pause", "floor.side.left.primary"} <= named
    ids = {binding.id for _, binding in every_binding()}
    ids |= {f"floor.side.{side}.{slot}" for side in ("left", "right")
            for slot in ("primary", "secondary", "field")}
    ids |= {f"home.{area.mode}" for area in AREAS}  # bound as home is made
    assert named - ids == set()


def test_no_two_keys_of_one_screen_share_an_id():
    seen: dict[tuple[type, str], int] = {}
    for cls, binding in every_binding():
        seen[(cls, binding.id)] = seen.get((cls, binding.id), 0) + 1
    assert [key for key, count in seen.items() if count > 1] == []
