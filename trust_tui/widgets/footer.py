"""A Footer that rebuilds once for a burst of binding changes.

Textual's Footer rebuilds its keys (every FooterKey removed and mounted again)
after the next refresh each time its screen says the bindings changed, and a
screen's first show says so several times (the screen resumed, the focus set,
the focus announced again after a refresh): at 20-30 ms a rebuild, most of the
time of a journal opening at one year went there. This one:

- asks for one rebuild per burst: the first change waits a refresh (the others
  of the burst land meanwhile), then asks Textual's Footer for its rebuild, which
  reads the bindings when it runs, so it shows the last of them. A change that
  comes once the rebuild has begun asks for another;
- does not rebuild while its screen is out of sight (home, when an area opens over
  it): the screen's bindings change again when it is shown, and it rebuilds then.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Footer (same look, same arguments) rebuilt once per burst of binding changes."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._keys_rebuild_due = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._keys_rebuild_due:
            return  # the rebuild on its way reads the bindings as they are then
        if self.is_attached and not screen.is_current:
            return  # out of sight: shown again, its bindings change again
        self._keys_rebuild_due = True
        self.call_after_refresh(self._ask_rebuild, screen)

    def _ask_rebuild(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        # Textual's Footer rebuilds only in this case (else it just notes that the
        # bindings are ready, for its first compose).
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            self._keys_rebuild_due = False

    async def recompose(self) -> None:
        self._keys_rebuild_due = False
        await super().recompose()
