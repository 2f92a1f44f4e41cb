"""The app's looks and keys as the couple chose them: their theme (registered with
Textual, TEXTUAL_THEME at start, their choice kept in their settings) and their
keymap (widgets/keys.py)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from textual.theme import Theme

from trust_tui import paths
from trust_tui.theme import THEMES
from trust_tui.widgets.keys import read_keymap

if TYPE_CHECKING:
    from trust_tui.vault import Vault


class TheirLooks:
    """Mixed into TrustApp (an App: it has themes, a keymap, notify and the vault)."""

    keymap_loaded: dict[str, str]
    _keymap_problem: str | None

    @property
    def available_themes(self) -> dict[str, Theme]:
        # Ours are registered in __init__, but Textual resolves the starting theme
        # inside App.__init__, before that: they are known here from the start too.
        # (Asked on every style lookup, so the copy is made only until then.)
        themes: dict[str, Theme] = super().available_themes  # type: ignore[misc]
        if THEMES[-1].name in themes:
            return themes
        return {**themes, **{theme.name: theme for theme in THEMES}}

    def use_their_looks(self) -> None:
        """At start: our themes registered, and the keys they moved (a bad keymap
        file is said once, on mount, and changes nothing)."""
        app: Any = self
        for theme in THEMES:
            app.register_theme(theme)
        self.keymap_loaded, self._keymap_problem = read_keymap(paths.keymap_path())
        if self.keymap_loaded:
            app.set_keymap(self.keymap_loaded)

    def say_keymap_problem(self) -> None:
        if self._keymap_problem:
            app: Any = self
            app.notify(self._keymap_problem, timeout=10, markup=False)

    def _use_their_theme(self, vault: Vault) -> None:
        """The theme kept in their settings, unless TEXTUAL_THEME asks for one."""
        chosen = vault.settings.theme
        if "TEXTUAL_THEME" not in os.environ and chosen in self.available_themes:
            app: Any = self
            app.theme = chosen

    def watch_theme(self, theme_name: str) -> None:
        """A theme chosen (ctrl+p, Theme) is kept in the couple's settings."""
        app: Any = self
        if app.vault_open and app.vault.settings.theme != theme_name:
            from trust_tui.store import bind
            from trust_tui.store import settings as settings_store
            from trust_tui.widgets.saving import SaveRequest

            app.request_save(SaveRequest(bind(settings_store.change, {"theme": theme_name}),
                                         saved_message=None))
