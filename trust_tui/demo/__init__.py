"""A sample couple, Noor and Eli, with years of plausible records of every kind.

Newcomers use it to look around without typing their own secrets; the
benchmarks use it for realistic sizes (about 400 journal entries and 200 other
records a year). Generated here, no network; the same seed and end day give the
same records (ids included). Every record is built first, then saved in one write.

  story.py  who they are and the words they use (plain data)
  build.py  their records, made through the app's own rules (domain/)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from trust_tui.demo.build import JOURNAL_CHANCE, PRIVATE_CHANCE, Sample, Seal
from trust_tui.demo.story import (
    APOLOGIES,
    CONCERNS,
    HEARD_FROM_ELI,
    HEARD_FROM_NOOR,
    HEAVY_OPENINGS,
    HONESTY,
    LATE_FEELINGS,
    SAMPLE_NAMES,
    SETBACKS,
    SLIPS,
    THANKS,
    WINS,
)
from trust_tui.models import Partner, Record
from trust_tui.vault import KdfParams, Vault

# Printed by `trust-tui demo`: sample data, nobody's secret.
SAMPLE_PASSPHRASES = ("noor-sample-passphrase", "eli-sample-passphrase")
DEFAULT_SEED = 6

__all__ = [
    "APOLOGIES", "CONCERNS", "DEFAULT_SEED", "HEARD_FROM_ELI", "HEARD_FROM_NOOR",
    "HEAVY_OPENINGS", "HONESTY", "JOURNAL_CHANCE", "LATE_FEELINGS", "PRIVATE_CHANCE",
    "SAMPLE_NAMES", "SAMPLE_PASSPHRASES", "SETBACKS", "SLIPS", "THANKS", "WINS", "Seal",
    "create_demo", "sample_records",
]


def sample_records(noor_id: str, eli_id: str, *, years: int = 1, seed: int = DEFAULT_SEED,
                   end: date, seal: Seal | None = None) -> list[Record]:
    """Every record of the sample couple (partners excluded), oldest first.

    Pure apart from `seal` (which encrypts a few of Noor's entries as private):
    the same ids, seed, years and end day give the same records."""
    if years < 1:
        raise ValueError("A sample needs at least one year.")
    return Sample(noor_id, eli_id, years, seed, end, seal).build()


def create_demo(path: Path, *, years: int = 1, seed: int = DEFAULT_SEED,
                passphrases: Sequence[str] = SAMPLE_PASSPHRASES, end: date,
                kdf: KdfParams | None = None) -> tuple[Vault, int]:
    """A new vault for the sample couple (refuses an existing file), filled in one
    write. Returns it unlocked as Noor, and the number of records added."""
    vault = Vault.create(Path(path), [(SAMPLE_NAMES[0], passphrases[0]),
                                      (SAMPLE_NAMES[1], passphrases[1])], kdf=kdf)
    noor = vault.partner_named(SAMPLE_NAMES[0])
    eli = vault.partner_named(SAMPLE_NAMES[1])
    # They have been at it since the sample's first day, not since today.
    began = datetime.combine(end - timedelta(days=365 * years - 1), time(9, 0),
                             tzinfo=timezone.utc)
    for partner in (noor, eli):
        vault.update(Partner, partner.id, lambda p: p.model_copy(update={"created_at": began}))
    records = sample_records(noor.id, eli.id, years=years, seed=seed, end=end,
                             seal=lambda text: vault.seal(text, noor.id))
    return vault, vault.add_many(records)
