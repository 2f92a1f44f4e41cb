"""Repair words mid-talk (issue 16): either partner brings up a card with their own
key, and the phrase they reach for is noted in the talk's history and export."""

from __future__ import annotations

from conftest import SAM_PASS, screen_text, settle
from test_talk_screen import open_talk

from trust_tui.domain import live
from trust_tui.domain.repair import REPAIR_CARD
from trust_tui.export import export_markdown
from trust_tui.models import TalkSession
from trust_tui.vault import Vault
from trust_tui.widgets.repair_card import RepairCard


def test_the_card_groups_phrases_by_what_they_do_without_blame():
    assert [g.key for g in REPAIR_CARD] == ["owning", "calming", "agreeing", "appreciating"]
    for group in REPAIR_CARD:
        assert group.phrases
        for phrase in group.phrases:
            for word in ("you always", "you never", "your fault", "calm down"):
                assert word not in phrase.lower()


async def test_a_partner_reaches_for_repair_words_and_it_is_noted(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        talk = await open_talk(pilot)
        await pilot.press("f")  # Sam starts speaking
        await pilot.press("semicolon")  # Alex's card, with Alex's own key
        await pilot.pause()
        assert isinstance(app.screen, RepairCard)
        assert "Alex: words to reach for" in screen_text(app)
        assert "Slowing down" in screen_text(app)
        await pilot.press("3")  # "I need a minute..."
        await settle(pilot)
        assert app.screen is talk
        [moved] = [e for e in talk.floor.session.events if e.kind == live.REPAIR]
        assert moved.by == talk.sides[1] and moved.text.startswith("I need a minute")
        await pilot.press("a", "escape")  # Sam's card, put away: nothing noted
        await settle(pilot)
        assert len([e for e in talk.floor.session.events if e.kind == live.REPAIR]) == 1
    vault = Vault.open(path, SAM_PASS)
    [kept] = vault.all(TalkSession)
    assert any(e.kind == live.REPAIR for e in kept.events)
    from trust_tui.domain.talk_history import past_talk

    past = past_talk(kept, [p.id for p in vault.partners])
    assert [vault.name_of(by) for by, _ in past.repairs] == ["Alex"]
    text = export_markdown(vault, clock.now().date())
    assert "- Alex reached for repair words: I need a minute." in text
