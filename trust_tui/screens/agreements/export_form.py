"""Ask where the agreements go before anything is written in the clear."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Static

from trust_tui.screens.agreements.form_base import AgreementFormModal
from trust_tui.widgets.form_modal import form_keys

EXPORT_NAME = "our-agreements.md"


class ExportForm(AgreementFormModal[Path]):
    """Nothing typed here is kept: a path is not words to keep (escape just closes)."""

    SAVE_LABEL = "Export"
    BINDINGS = form_keys(save=SAVE_LABEL)
    FIRST = "#export-path"
    ENTER_SAVES = True

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested
        self._agr_warned_about: Path | None = None

    def compose_fields(self) -> ComposeResult:
        yield Static("Export our agreements", classes="form-title")
        yield Static("This writes your agreed expectations and boundaries to a Markdown "
                     "file. The file is not encrypted, so keep it somewhere private. "
                     "Where should it go?", classes="hint")
        yield Input(str(self.suggested), id="export-path")

    def collect(self) -> Path | None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.say("Type where the file should go.")
            return None
        path = Path(raw).expanduser()
        try:
            if path.is_dir():
                path = path / EXPORT_NAME
            there = path.exists()
        except (OSError, ValueError) as error:  # a name too long, a NUL pasted in
            reason = getattr(error, "strerror", None) or "not a usable place for a file"
            self.say(f"That place cannot take a file ({reason}). Nothing was written; "
                     "try a shorter path.")
            return None
        if there and path != self._agr_warned_about:
            self._agr_warned_about = path
            self.say("There is already a file there. Press Export again to replace it.")
            return None
        return path
