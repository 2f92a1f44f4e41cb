"""Words kept in a form while the two of you sit apart are the seated partner's
(`FormDraft.by`): they come back in that partner's window, not the other's, and
at one keyboard they come back for both, as a draft from an older vault (no `by`)
does everywhere."""

from __future__ import annotations

from conftest import ids, utc

from trust_tui.models import FormDraft
from trust_tui.store import drafts


def test_a_draft_kept_apart_is_its_partners_and_both_see_it_at_one_keyboard(vault):
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    drafts.keep(vault, "card:win", {"card-text": "Sam's words"}, at=utc(2026, 3, 2, 9),
                by=sam)
    assert drafts.latest(vault, "card:win", alex) is None  # not in Alex's window
    assert drafts.latest(vault, "card:win", sam).fields == {"card-text": "Sam's words"}
    assert drafts.latest(vault, "card:win").fields == {"card-text": "Sam's words"}


def test_a_draft_from_an_older_vault_comes_back_in_either_window(vault):
    sam, alex = ids(vault)["Sam"], ids(vault)["Alex"]
    older = {"form": "card:win", "fields": {"card-text": "kept before seats"},
             "created_at": utc(2026, 3, 1, 9)}  # written before `by` was a field
    vault.add(FormDraft.model_validate(older))
    for seated in (sam, alex, None):
        assert drafts.latest(vault, "card:win", seated).fields == {
            "card-text": "kept before seats"}
