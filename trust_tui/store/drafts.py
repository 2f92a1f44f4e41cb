"""Words typed in a form and kept for next time (`FormDraft`), one per form and window.

Two windows may keep words in the same form: each writes over only the draft it
opened (or wrote) itself; if the other window changed that draft meanwhile, the
words become a draft of their own beside it, so neither is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from trust_tui.models import FormDraft
from trust_tui.vault import Vault


def latest(vault: Vault, form: str, seated: str | None = None) -> FormDraft | None:
    """The newest words kept for this form, if any; for the partner `seated` at a
    window of their own, not the other's (theirs come back in their window)."""
    drafts = [d for d in vault.all(FormDraft)
              if d.form == form and (seated is None or d.by in (None, seated))]
    return max(drafts, key=lambda d: d.created_at, default=None)


def keep(vault: Vault, form: str, fields: Mapping[str, str], *, at: datetime,
         draft_id: str | None = None, ours: Sequence[Mapping[str, str]] = (),
         by: str | None = None) -> str:
    """Keep these words as the form's draft; returns the id they were written under.

    `draft_id` is the draft this form opened or last wrote, `ours` every set of
    words it saw in it: a draft still holding one of those (or gone) is written
    over; one another window changed meanwhile is left as it is, beside a new one.
    `by`: the partner seated at this window when the two of you sit apart.
    """
    with vault.transaction():
        if draft_id is not None:
            on_disk = vault.get(FormDraft, draft_id)
            if on_disk is not None and on_disk.fields not in [dict(f) for f in ours]:
                draft_id = None  # another window's words now: keep both
        draft = FormDraft(form=form, fields=dict(fields), created_at=at, by=by)
        if draft_id is not None:
            draft = draft.model_copy(update={"id": draft_id})
        vault.put(draft)
        return draft.id


def let_go(vault: Vault, draft_id: str) -> None:
    """The form was saved, or emptied and closed: its kept words are not needed."""
    vault.remove(FormDraft, draft_id)  # gone already (another window): nothing to do
