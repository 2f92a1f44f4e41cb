"""The shared widgets the journal brought: the one passphrase prompt and the paged list."""

from __future__ import annotations

from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from conftest import ALEX_PASS, SAM_PASS, settle
from trust_tui.models import FormDraft
from trust_tui.vault import VaultError
from trust_tui.widgets.paged_list import MORE, PagedList
from trust_tui.widgets.passphrase_prompt import PassphraseModal, TryAgain


def check_for(app):
    def check(passphrase: str) -> str:
        if passphrase == "wrong":
            raise VaultError("no")
        if passphrase == ALEX_PASS:
            raise TryAgain("That is Alex's passphrase; this needs Sam's.")
        if passphrase != SAM_PASS:
            raise RuntimeError(f"leaky {passphrase}")
        return "opened"
    return check


async def test_a_passphrase_is_checked_in_a_worker_and_never_stays_on_screen(unlocked_app):
    app, _, _ = await unlocked_app()
    results: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PassphraseModal(check_for(app), title="Your private entries",
                                        wrong="That did not open it. Please try again."),
                        results.append)
        await pilot.pause()
        modal = app.screen
        box = modal.query_one("#passphrase", Input)

        def said() -> str:
            return str(modal.query_one("#form-message", Static).content)

        for typed, sentence in (("wrong", "That did not open it. Please try again."),
                                (ALEX_PASS, "That is Alex's passphrase; this needs Sam's."),
                                ("other", "That did not work (RuntimeError). Please try again.")):
            box.value = typed
            await pilot.press("enter")
            assert box.value == ""  # cleared at once, before the check has run
            await settle(pilot)
            assert said() == sentence and "other" not in said()
            assert not box.disabled and app.screen is modal
        box.value = SAM_PASS
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results == ["opened"] and app.screen is not modal

        app.push_screen(PassphraseModal(check_for(app), title="Again"), results.append)
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).value = "half typed"
        await pilot.press("escape")  # changed their mind: nothing kept, nothing returned
        await settle(pilot)
        assert results == ["opened", None]
        assert app.vault.all(FormDraft) == []


async def test_a_paged_list_offers_older_items_a_page_at_a_time(unlocked_app):
    app, _, _ = await unlocked_app()
    items = [f"item-{n}" for n in range(7)]
    async with app.run_test(size=(80, 24)) as pilot:

        class Wall(PagedList):  # as a screen would: draw again when more is wanted
            def on_paged_list_more_wanted(self, _message: PagedList.MoreWanted) -> None:
                draw()

        listing = Wall(page=3, older="Show older cards")

        def draw() -> None:
            listing.show([Option(i, id=i) for i in items[: listing.shown]], total=len(items))
        await app.screen.mount(listing)
        draw()
        listing.focus()
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids == ["item-0", "item-1", "item-2", MORE]
        assert "(4 more; press enter)" in str(listing.get_option_at_index(3).prompt)
        listing.highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        assert listing.shown == 6 and listing.option_count == 7
        assert listing.highlighted_option.id == "item-3"  # reading carries on there
        listing.highlighted = 1
        draw()  # a redraw keeps the highlight where it was
        assert listing.highlighted_option.id == "item-1"
        listing.reset_pages()
        items.clear()
        draw()
        assert listing.option_count == 1 and listing.get_option_at_index(0).disabled
