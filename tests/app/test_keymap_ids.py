"""The key ids README gives for a keymap are the ids the app has (a keymap naming
an id that does not exist changes nothing, without a word), and home's area keys
can be moved like every other (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import settle
from test_keymap import every_binding

from trust_tui.screens.home import HomeScreen

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
    assert named - ids == set()


async def test_a_keymap_moves_an_area_key_on_home_and_home_names_it(unlocked_app, tmp_path):
    config = tmp_path / "config" / "trust-tui"
    config.mkdir(parents=True)
    (config / "keymap.toml").write_text('"home.journal" = "o"\n"app.take_break" = "f3"\n')
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "JournalScreen"
        await pilot.press("escape")
        await settle(pilot)
        shown = "\n".join(str(w.render()) for w in app.screen.query("#home-keys, #steps-list"))
        assert "o  Journal" in shown and "j  Journal" not in shown
        assert "Journal (o)" in shown and "f3  Take a break" in shown


def test_no_two_keys_of_one_screen_share_an_id():
    seen: dict[tuple[type, str], int] = {}
    for cls, binding in every_binding():
        seen[(cls, binding.id)] = seen.get((cls, binding.id), 0) + 1
    assert [key for key, count in seen.items() if count > 1] == []
