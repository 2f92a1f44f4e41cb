"""No passphrase is typed while Textual's devtools (or its debug mode) are on:
they log every key event, passphrase keys included.

    if keys_are_logged(self.app):   # TEXTUAL=devtools / debug, `textual run --dev`
        ...say KEYS_LOGGED and leave the passphrase fields disabled

A vault opened without typing (the sample couple of `trust-tui demo`) still runs,
so the app can be looked at with devtools; any real vault stays shut.
"""

from __future__ import annotations

from typing import Any

KEYS_LOGGED = ("Textual's devtools are on and would log every key, so trust-tui asks for no "
               "passphrase now: start it without them (`trust-tui demo` opens a sample "
               "couple without one).")


def keys_are_logged(app: Any) -> bool:
    features = getattr(app, "features", frozenset())
    return "devtools" in features or bool(getattr(app, "debug", False))
