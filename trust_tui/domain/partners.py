"""The two partners, in the order a screen shows them."""

from __future__ import annotations

from collections.abc import Iterable

from trust_tui.models import Partner


def me_first(partners: Iterable[Partner], me_id: str) -> list[Partner]:
    """The partner who unlocked first (they sit on the left), the other after."""
    return sorted(partners, key=lambda p: p.id != me_id)
