"""Every key has an id, so a keymap can move it; a left-handed couple can put the
side keys where their hands are, and the panes name the keys they moved (issue 17)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.dom import DOMNode

import trust_tui
from conftest import screen_text
from test_talk_screen import open_talk
from trust_tui.widgets.keys import read_keymap


def every_binding():
    for info in pkgutil.walk_packages(trust_tui.__path__, "trust_tui."):
        if info.name.startswith(("trust_tui.demo", "trust_tui.cli", "trust_tui.__main__")):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == info.name:
                for binding in cls.__dict__.get("BINDINGS", []):
                    yield cls, binding


def test_every_binding_has_an_id():
    missing = [(cls.__name__, getattr(b, "key", b)) for cls, b in every_binding()
               if getattr(b, "id", None) is None]
    assert missing == []


def test_a_bad_keymap_is_said_in_one_sentence_and_changes_nothing(tmp_path):
    bad = tmp_path / "keymap.toml"
    bad.write_text('"floor.side.left.primary" = ["a", "b"]\n')
    keymap, problem = read_keymap(bad)
    assert keymap == {} and problem.endswith("so the usual keys are used.")
    bad.write_text("not = toml = at all")
    assert read_keymap(bad)[0] == {}
    assert read_keymap(tmp_path / "none.toml") == ({}, None)


async def test_a_left_handed_couple_moves_the_side_keys(unlocked_app, tmp_path):
    config = tmp_path / "config" / "trust-tui"
    config.mkdir(parents=True)
    (config / "keymap.toml").write_text('"floor.side.left.primary" = "a"\n'
                                        '"floor.side.left.secondary" = "w"\n')
    app, _, _ = await unlocked_app()
    async with app.run_test(size=(160, 45)) as pilot:
        talk = await open_talk(pilot)
        assert "a  start speaking" in screen_text(app)  # the pane names the moved key
        await pilot.press("a")  # Sam starts speaking with the key they chose
        await pilot.pause()
        assert talk.floor.phase.value == "speaking"
