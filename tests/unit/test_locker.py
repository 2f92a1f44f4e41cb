"""Safety-check lockers (issue 13, item 3): one fixed size, only their owner reads
them, and checks kept by an older trust-tui move in."""

from __future__ import annotations

from conftest import ALEX_PASS, SAM_PASS

from trust_tui.models import SafetyCheck, Win
from trust_tui.vault import Vault
from trust_tui.vault.locker import LOCKERS


def locker_sizes(vault: Vault) -> set[int]:
    return {len(d["sealed"]["ciphertext"]) for d in vault._storage.read()[LOCKERS].values()}


def test_a_full_locker_keeps_its_size_and_lets_the_oldest_checks_go(vault: Vault):
    sizes = locker_sizes(vault)
    me = vault.me.id
    for n in range(60):
        vault.add_to_locker(vault.hold_key(me), f"check number {n} " + "x" * 100, f"day {n}")
    assert locker_sizes(vault) == sizes and len(sizes) == 1
    texts = [c["text"] for c in vault.locker(me) or []]
    assert 15 < len(texts) < 60 and texts[-1].startswith("check number 59 ")


def test_checks_kept_by_an_older_version_move_into_their_owners_locker(vault: Vault,
                                                                     vault_path):
    sam = vault.me.id
    old = SafetyCheck(partner_id=sam, sealed=vault.seal("an older check"))
    vault.add(old)  # this very save moves it: Sam's key is here
    assert vault.all(SafetyCheck) == []
    assert [c["text"] for c in vault.locker(sam) or []] == ["an older check"]
    alex = Vault.open(vault_path, ALEX_PASS)
    assert alex.locker(sam) is None  # Alex holds only the shared key
    alex.add(Win(text="a win from Alex", noticed_by=alex.me.id))
    again = Vault.open(vault_path, SAM_PASS)
    assert [c["text"] for c in again.locker(sam) or []] == ["an older check"]
