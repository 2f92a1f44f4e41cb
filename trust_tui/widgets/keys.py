"""Every key has an id, so a keymap can move it (a left-handed or non-QWERTY couple
can put the side keys where their hands are).

`keyed(prefix, bindings)` gives each binding without one the id
"<prefix>.<action>" ("talk.pause", "app.take_break", "home.check_in"). A keymap is a small TOML
file in the user's config folder (`keymap.toml`: `"floor.left.primary" = "a"`),
read once at start and handed to Textual's `App.set_keymap`; `shown_key` says the
key a partner should press, as the keymap has it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.binding import Binding

_NOT_ID = re.compile(r"[^a-z0-9_]+")
MAX_KEYMAP_BYTES = 64 * 1024


def binding_id(prefix: str, action: str) -> str:
    """'side('left', 'primary')' -> 'side.left.primary', 'take_break' -> 'take_break'
    and 'app.check_in' -> 'check_in', under the prefix ("app.take_break",
    "home.check_in"): an action's own name, as README gives them."""
    words = [w for w in _NOT_ID.split(action.lower()) if w.strip("_")]
    if prefix != "app" and words[:1] == ["app"] and len(words) > 1:
        words = words[1:]  # the app's action, bound on this screen
    return ".".join([prefix, *words])


def keyed(prefix: str, bindings: Iterable[Binding | tuple[str, ...]]) -> list[Binding]:
    out = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            binding = Binding(*binding)
        if binding.id is None:
            binding = dataclasses.replace(binding, id=binding_id(prefix, binding.action))
        out.append(binding)
    return out


def read_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """The keymap in `path` (id -> keys), or ({}, one sentence why it was not used).
    A missing file is no keymap and no problem."""
    import tomllib

    try:
        raw = path.read_bytes()[:MAX_KEYMAP_BYTES + 1]
    except FileNotFoundError:
        return {}, None
    except OSError:
        return {}, "The keymap file could not be read, so the usual keys are used."
    if len(raw) > MAX_KEYMAP_BYTES:
        return {}, "The keymap file is too long, so the usual keys are used."
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}, "The keymap file is not valid TOML, so the usual keys are used."
    keymap = {name: keys for name, keys in table.items()
              if isinstance(keys, str) and _plain(name) and _plain(keys, extra="+,_ ")}
    if len(keymap) != len(table):
        return {}, ("The keymap file holds something other than id = \"keys\" lines, "
                    "so the usual keys are used.")
    return keymap, None


def _plain(text: str, extra: str = "._-") -> bool:
    return 0 < len(text) <= 80 and all(c.isalnum() or c in extra for c in text)


def shown_key(keymap: Mapping[str, str], binding: str, usual: str) -> str:
    """The key to name on screen for this binding id (the first, if it has several)."""
    keys = keymap.get(binding, usual)
    return keys.split(",")[0].strip() or usual
