"""The journal: the screen (a paged list beside the entry in full), its filters,
the entry editor, and opening private entries with a passphrase."""

from trust_tui.screens.journal.editor import MAX_TEXT, EntryEditor
from trust_tui.screens.journal.private import PrivateKeyModal
from trust_tui.screens.journal.screen import PAGE, JournalScreen
from trust_tui.widgets.paged_list import MORE

__all__ = ["MAX_TEXT", "MORE", "PAGE", "EntryEditor", "JournalScreen", "PrivateKeyModal"]
