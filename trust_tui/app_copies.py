"""The app's side of a sync service's other copy of the vault (vault/sync_copies.py).

After each unlock, and when the vault changed on disk (a sync service replacing
it), the folder beside the vault is looked at, off the event loop. A copy found
is said once (a notification), and home's "Today" list keeps a line about it
with its key (m; also "Bring in the other copy" in the palette).
The key shows what bringing it in would change (the merge's dry run, on the save
worker), in a yes/no question; yes merges it through the same worker and moves
the copy into `merged/` beside the vault. A copy that does not open with the
passphrase the app was unlocked with is said in one sentence, and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from trust_tui.store.sync_copies import CopyBrought, CopyLook
    from trust_tui.vault.sync_copies import SyncCopy

SHOWN_LINES = 8  # what would change, in the question; the rest is counted
TITLE = "Another copy of your vault"


def _services(copies: list[SyncCopy]) -> str:
    names = list(dict.fromkeys(copy.service for copy in copies))
    return " and ".join(names)


def found_sentence(copies: list[SyncCopy]) -> str:
    """The one notification when copies are found."""
    if len(copies) == 1:
        start = (f"{copies[0].service} left another copy of your vault beside it: two "
                 "computers saved before they had synced.")
    else:
        start = (f"{_services(copies)} left {len(copies)} other copies of your vault beside "
                 "it: computers saved before they had synced.")
    return (f"{start} Press m on home to see what bringing in its changes would do; "
            "nothing changes until you say yes.")


def home_line(copies: list[SyncCopy]) -> str:
    if len(copies) == 1:
        return (f"Another copy of the vault, from {copies[0].service}, is beside it: see "
                "what it would bring in (m).")
    return (f"{len(copies)} other copies of the vault, from {_services(copies)}, are beside "
            "it: see what each would bring in, one at a time (m).")


def question_words(copy: SyncCopy, look: CopyLook) -> tuple[str, str, str]:
    """(question, detail, yes label) for the offer."""
    from trust_tui.import_checks import PATH_CHARS, inert
    from trust_tui.vault.sync_copies import MERGED_FOLDER

    name = inert(copy.name, PATH_CHARS)
    aside = (f"Afterwards the copy is moved into {MERGED_FOLDER}/ beside the vault; "
             "nothing is deleted.")
    if not look.lines:
        return (f"The other copy from {copy.service} holds nothing new",
                f"{name}\nEverything in it is already in this vault. {aside}",
                "Move it aside")
    head, *details = look.lines
    shown = [f"- {line}" for line in details[:SHOWN_LINES]]
    left = len(details) - len(shown)
    if left:
        shown.append(f"- and {left} more (`trust-tui merge --dry-run` lists them all).")
    return (f"Bring in the other copy from {copy.service}?",
            "\n".join([name, head, *shown, aside]),
            "Bring it in")


class SyncCopiesBeside:
    """Mixed into TrustApp (an App with the vault, the save worker and notify)."""

    vault_path: Path
    _sync_copies: list[SyncCopy] | None = None
    _copies_told: set[Path] | None = None  # said once per app, even across a lock
    _copy_asked = False  # a look or a question under way: m again waits for it

    @property
    def sync_copies(self) -> list[SyncCopy]:
        return list(self._sync_copies or [])

    def sync_copy_lines(self) -> list[str]:
        """Home's line about copies beside the vault (none when there are none)."""
        copies = self.sync_copies
        return [home_line(copies)] if copies else []

    def look_after_unlock(self) -> None:
        """A fresh unlock: a question the lock took away is not waited for."""
        self._copy_asked = False
        self.look_for_sync_copies()

    @work(thread=True, exclusive=True, group="sync-copies", exit_on_error=False)
    def look_for_sync_copies(self) -> None:
        """The folder beside the vault, looked at off the event loop."""
        from trust_tui.vault.sync_copies import find_sync_copies

        found = find_sync_copies(self.vault_path)
        app: Any = self
        app.call_from_thread(self._found_copies, found)

    def _found_copies(self, found: list[SyncCopy]) -> None:
        app: Any = self
        if not app.vault_open:
            return
        # Not `_copy_asked`: a look comes with every write of the other app (seats),
        # and a merge under way must still keep m from starting a second one.
        # A look comes with every refresh of the screens (home's among them): home
        # is drawn again only when what is beside the vault has changed.
        changed = found != self._sync_copies
        self._sync_copies = found
        told = self._copies_told if self._copies_told is not None else set()
        self._copies_told = told
        if [copy for copy in found if copy.path not in told]:
            told.update(copy.path for copy in found)
            app.notify(found_sentence(found), title=TITLE, timeout=20, markup=False)
        if changed:
            self._refresh_home()

    def _refresh_home(self) -> None:
        from trust_tui.screens.home import HomeScreen

        app: Any = self
        for screen in app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    def action_bring_in_copy(self) -> None:
        """The dry run for the first copy, then the question."""
        app: Any = self
        if not app.vault_open:
            return
        copies = self.sync_copies
        if self._copy_asked:
            return
        if not copies:
            app.notify("There is no other copy of the vault beside it.", timeout=5,
                       markup=False)
            return
        from trust_tui.store import bind
        from trust_tui.store.sync_copies import look_at
        from trust_tui.widgets.saving import SaveRequest

        copy = copies[0]
        self._copy_asked = True
        app.request_save(SaveRequest(bind(look_at, copy.path), saved_message=None,
                                     done=lambda look: self._offer(copy, look),
                                     failed=lambda _error: self._copy_done()))

    def _copy_done(self, *_answer: object) -> None:
        self._copy_asked = False

    def _offer(self, copy: SyncCopy, look: CopyLook) -> None:
        from trust_tui.widgets.confirm import ConfirmModal

        app: Any = self
        if look.problem:
            self._copy_done()
            app.notify(look.problem, title=TITLE, severity="warning", timeout=30,
                       markup=False)
            self.look_for_sync_copies()  # gone or changed meanwhile: home says it as it is
            return
        question, detail, yes = question_words(copy, look)
        app.clear_notifications()  # the note that found it has been acted on: not over this

        def answered(bring: bool | None) -> None:
            if bring and app.vault_open:
                self._bring_in(copy)  # asked until it is in
            else:
                self._copy_done()

        app.push_screen(ConfirmModal(question, yes, "Not now", detail=detail), answered)

    def _bring_in(self, copy: SyncCopy) -> None:
        from trust_tui.store import bind
        from trust_tui.store.sync_copies import bring_in
        from trust_tui.widgets.saving import SaveRequest

        app: Any = self
        app.request_save(SaveRequest(bind(bring_in, copy.path), saved_message=None,
                                     done=self._brought, failed=self._copy_done))

    def _brought(self, result: CopyBrought) -> None:
        from trust_tui.import_checks import PATH_CHARS, inert
        from trust_tui.vault.sync_copies import MERGED_FOLDER

        app: Any = self
        self._copy_done()
        if result.problem:
            app.notify(result.problem, title=TITLE, severity="warning", timeout=30,
                       markup=False)
            return
        came = ("Its changes are in." if result.lines
                else "It held nothing new, so the vault is as it was.")
        if result.moved_to is not None:
            app.notify(f"{came} The copy is now in {MERGED_FOLDER}/ beside the vault, as "
                       f"{inert(result.moved_to.name, PATH_CHARS)}.", title=TITLE,
                       timeout=10, markup=False)
            self._sync_copies = [c for c in self.sync_copies if c.path != result.path]
        else:
            app.notify(result.not_moved or came, title=TITLE, severity="warning",
                       timeout=30, markup=False)
        app._refresh_screens()  # home among them: its line about the copy goes
