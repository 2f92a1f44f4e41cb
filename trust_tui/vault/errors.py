"""Everything that can go wrong with a vault, each as one clear sentence.

`str(error)` is shown to people as is (CLI and app), so every message says what
happened and what to do, and never contains a passphrase or any vault content.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base: a problem with the vault that leaves the file as it was."""


class NoVault(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"There is no vault at {path} yet: run `trust-tui` to set one up, "
            "or `trust-tui init` to create one from the command line."
        )


class VaultExists(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"A vault already exists at {path}, so it was left untouched "
            "(choose another path with --vault for a second one)."
        )


class WrongPassphrase(VaultError):
    def __init__(self) -> None:
        super().__init__("That passphrase does not open this vault; please try again.")


class WrongPassphraseEveryTry(WrongPassphrase):
    """The last of the prompt's three tries: the command ends, so no 'try again'."""

    def __init__(self) -> None:
        VaultError.__init__(self, "None of the three passphrases typed opens this vault, so "
                                  "nothing was changed; run the command again to try once more.")


class PassphraseTaken(VaultError):
    def __init__(self) -> None:
        super().__init__("That passphrase already opens this vault for the other partner, "
                         "so nothing was changed; please choose one of your own, so private "
                         "entries stay private.")


class NotAVault(VaultError):
    def __init__(self, path: Path) -> None:
        what = "folder" if Path(path).is_dir() else "file"
        super().__init__(f"The {what} at {path} is not a trust-tui vault, so it was not "
                         "opened or changed.")


class DamagedVault(VaultError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"The vault at {path} is damaged ({what}), so it was not changed; "
            "`trust-tui restore-backup` can put the previous version back."
        )


class NewerFormat(VaultError):
    def __init__(self, version: int) -> None:
        super().__init__(
            f"This vault was written by a newer trust-tui (file format {version}), "
            "so it was not changed; please update trust-tui to open it."
        )


class UnsafeHeader(VaultError):
    def __init__(self, what: str) -> None:
        super().__init__(
            "The vault header asks for key-derivation settings outside safe limits "
            f"({what}), so it was not opened or changed."
        )


class VaultBusy(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Another trust-tui is still saving to {path}, so nothing was changed; "
            "please try again in a moment."
        )


class WriteFailed(VaultError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Could not save to {path} because {reason}; your last saved version is "
            "intact and nothing was half-written."
        )


class VaultLocked(VaultError):
    def __init__(self) -> None:
        super().__init__("The vault is locked; unlock it with a passphrase first.")


class NotYourSlot(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Only {name} can change {name}'s passphrase, after opening the vault "
            f"with {name}'s current passphrase."
        )


class UnknownPartner(VaultError):
    def __init__(self, name: str, known: list[str]) -> None:
        names = " or ".join(known) if known else "nobody yet"
        super().__init__(f"There is no partner called {name!r} in this vault (it has {names}).")


class CannotRead(VaultError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Could not read {path} because {reason}; nothing was changed.")


class NoBackup(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"There is no earlier version to restore at {path}, so nothing was changed."
        )


class UnreadableRecord(VaultError):
    def __init__(self, table: str) -> None:
        # Never the record itself: validation messages quote the input.
        super().__init__(
            f"A record in the {table} part of the vault could not be read (perhaps it "
            "was written by a newer trust-tui), so it was left as it is."
        )


class KeysChanged(VaultError):
    """This session holds keys that were replaced meanwhile (`passwd` or `rekey`
    in another window): it must not read with, or seal under, the old ones."""

    def __init__(self) -> None:
        super().__init__("The vault's keys were changed in another window; please lock "
                         "(ctrl+l) and unlock again to go on.")


class NotEveryone(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(f"New keys need both of your passphrases, and {name}'s was not "
                         "given, so nothing was changed.")
