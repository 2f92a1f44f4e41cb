"""A lock overwrites the key material it held (bytearrays), and never under a
save still using it: that save's end does it."""

from __future__ import annotations

import threading

from trust_tui.vault import Vault


def held_keys(vault: Vault) -> list[bytes]:
    return [vault._private_key, vault._storage.data_key_held]  # type: ignore[list-item]


def test_lock_overwrites_the_keys_it_held(vault):
    keys = held_keys(vault)
    assert all(any(key) for key in keys)
    vault.lock()
    assert [bytes(key) for key in keys] == [bytes(len(key)) for key in keys]


def test_a_save_in_flight_keeps_its_key_until_it_ends(vault):
    keys = held_keys(vault)
    inside, go_on = threading.Event(), threading.Event()

    def save() -> None:
        with vault.transaction():
            inside.set()
            go_on.wait(5)

    writer = threading.Thread(target=save)
    writer.start()
    assert inside.wait(5)
    vault.lock()
    assert all(any(key) for key in keys)  # still in use by the save
    go_on.set()
    writer.join(5)
    assert not any(any(key) for key in keys)
