"""The encrypted vault: one file, TinyDB inside, pydantic models in and out."""

from trust_tui.vault.errors import VaultError
from trust_tui.vault.fileformat import KdfParams
from trust_tui.vault.vault import Vault

# Small key-derivation settings for tests and benchmarks only; the header records
# them, and nothing a user can switch on selects them.
FAST_TEST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)

__all__ = ["FAST_TEST_KDF", "KdfParams", "Vault", "VaultError"]
