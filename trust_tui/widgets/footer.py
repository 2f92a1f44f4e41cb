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

It also leaves out a key that does not fit whole before the palette key: at 80
columns Textual's Footer cut the last one mid-word ("esc Home  f2▏^p palette", a
stray "f2" with no word). Wider again, every key is back.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
        self.call_after_refresh(self._leave_out_cut_keys)

    def on_resize(self, _event: events.Resize) -> None:
        for key in self._plain_keys():
            key.display = True
        self.call_after_refresh(self._leave_out_cut_keys)

    def _plain_keys(self) -> list[FooterKey]:
        return [key for key in self.query_children(FooterKey)
                if not key.has_class("-command-palette")]

    def _leave_out_cut_keys(self) -> None:
        palette = [key for key in self.query_children(FooterKey)
                   if key.has_class("-command-palette")]
        edge = palette[0].region.x if palette else self.region.right
        cut = False
        for key in self._plain_keys():
            cut = cut or key.region.right > edge
            if cut:
                key.display = False
