"""Seats: this app holds its partner's seat; is the other partner seated elsewhere?

An app unlocked by one partner takes that partner's seat (vault/seats.py: an
operating-system lock beside the vault, let go of by the kernel when the app
ends however it ends). When the other partner's seat is held by another app,
the two apps share the session under way and each partner's keys act only in
the app holding their seat. One app alone (both at one keyboard) sees no other
seat and works as it always has.
"""

from __future__ import annotations

from trust_tui.vault import Vault
from trust_tui.vault.seats import SeatHold, held_elsewhere


def take(vault: Vault) -> SeatHold:
    """This app's hold on its partner's seat (held if nobody else holds it; an app
    opened twice by the same partner sits in the first one's seat)."""
    hold = SeatHold(vault.path, vault.me.slot_id)
    hold.take()
    return hold


def seated_elsewhere(vault: Vault) -> str | None:
    """The other partner, when another app holds their seat (None: nobody else sits
    at this vault, or only this partner again)."""
    me = vault.me
    for partner in vault.partners:
        if partner.id != me.id and held_elsewhere(vault.path, partner.slot_id):
            return partner.id
    return None
