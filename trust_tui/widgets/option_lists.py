"""Lists that redraw without losing the person's place."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


def replace_options(listing: OptionList, options: Sequence[Option | None],
                    keep: str | None = None, *, first: bool = True) -> None:
    """Swap in new options; the highlight stays on the option with id `keep` (by
    default, the one highlighted now) if it is still there, else (with `first`) on
    the first option that can be chosen."""
    if keep is None and listing.highlighted_option is not None:
        keep = listing.highlighted_option.id
    listing.set_options(options)
    if keep is not None:
        try:
            listing.highlighted = listing.get_option_index(keep)
        except OptionDoesNotExist:  # that one is gone now
            pass
    if first and listing.highlighted is None:
        for index, option in enumerate(listing.options):
            if not option.disabled:
                listing.highlighted = index
                break
