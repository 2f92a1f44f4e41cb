"""Where the vault lives: `--vault PATH`, else TRUST_TUI_VAULT, else the user's
data folder (platformdirs: ~/.local/share/trust-tui on Linux, ~/Library/Application
Support/trust-tui on macOS, %LOCALAPPDATA%\\trust-tui on Windows)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "trust-tui"
VAULT_NAME = "couple.vault"
DEMO_NAME = "demo.vault"
ENV_VAULT = "TRUST_TUI_VAULT"
ENV_STATE = "TRUST_TUI_STATE_DIR"  # where this machine's notes go (tests set it)


def data_folder() -> Path:
    # Imported here: only the commands that need the default pay for it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def state_folder() -> Path:
    """This machine's own notes about vaults it opened (never inside a vault):
    platformdirs' state folder (~/.local/state/trust-tui on Linux)."""
    from_env = os.environ.get(ENV_STATE, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def keymap_path() -> Path:
    """The couple's own keys, if they moved any (keymap.toml in the config folder)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "keymap.toml"


def default_vault_path() -> Path:
    """The couple's vault when no --vault is given (TRUST_TUI_VAULT wins)."""
    from_env = os.environ.get(ENV_VAULT, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return data_folder() / VAULT_NAME


def vault_path(given: str | os.PathLike[str] | None) -> Path:
    """--vault PATH over TRUST_TUI_VAULT over the data folder."""
    if given is not None and str(given) != "":
        return Path(given).expanduser()
    return default_vault_path()


def demo_vault_path(given: str | os.PathLike[str] | None) -> Path:
    """The sample couple's vault: --vault PATH, else a file of its own beside the
    default vault, so a demo never lands on (or next to a setting for) the real one."""
    if given is not None and str(given) != "":
        return Path(given).expanduser()
    return data_folder() / DEMO_NAME
