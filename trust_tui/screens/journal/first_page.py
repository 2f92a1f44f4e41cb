"""Years of entries: the journal draws its newest page first (read alone) and reads
the rest just after that frame. At 30 years (12,000 entries) reading them all took
longer than everything else its opening does (bench/bench_journal.py); the first
page is the one a full read shows first, and whatever needs every entry (a filter,
older pages, drafts, the counts) reads the rest at once if it comes first."""

from __future__ import annotations

from typing import Any

from textual import events

from trust_tui.domain.journal import filter_entries, readable
from trust_tui.models import JournalEntry

FIRST_PAGE_FROM = 1_000  # entries; fewer are read all at once (1 year: 400)


class FirstPageFirst:
    """JournalScreen's first page (a part of it: the screen's own attributes are
    used here). Its `on_mount` calls `_read_first_page()`."""

    _first_page_of: int | None
    _journal_rest_asked: bool
    _journal_left: bool
    vault: Any

    def _read_first_page(self) -> bool:
        """Years of entries: read and draw only the newest page (the list as the
        empty filters show it) and say so; False when there are few enough to
        read them all at once."""
        vault = self.vault
        newest, about = vault.newest(JournalEntry, self.listing.shown)
        if about < FIRST_PAGE_FROM:
            return False
        self._names = {p.id: p.name for p in vault.partners}
        self.items = [readable(entry, self._unseal_shown, has_key=self.reads_private)
                      for entry in newest]
        self._by_id = {item.entry.id: item for item in self.items}
        self._first_page_of = about
        how, note = self.current_filter()
        self._drawn = (how, note, self.shown_entries)
        self.matching = filter_entries(self.items, how)
        self._draw_list()
        self._draw_status(note, how)
        self._draw_detail()
        return True

    def _compositor_refresh(self) -> None:
        # Textual 8.2 composes (and sends) a frame here. The rest of the entries are
        # read once the first page is out: call_after_refresh, the layout signal and
        # idle all came before the first frame of a new mode's screen.
        super()._compositor_refresh()
        if self._first_page_of is not None and self.is_current and not self._journal_rest_asked:
            self._journal_rest_asked = True
            self.call_next(self._read_the_rest)

    def _read_the_rest(self) -> None:
        """Every entry, when only the first page was read: just after its frame, or
        at once for anything that needs them all (a filter, older pages, drafts)."""
        if self._first_page_of is None:
            return
        self._first_page_of = None
        if self.is_attached and self.trust_app.vault_open:
            self.reload()
            self._purge_old_deletions()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Not left yet since it was made: its widgets were styled as they mounted, and
        # a new mode's screen gets two resumes, each restyling every widget again.
        if not self._journal_left:
            event.refresh_styles = False

    def on_screen_suspend(self) -> None:
        self._journal_left = True
