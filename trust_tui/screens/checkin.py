"""The daily check-in (steps 2 and 4): each partner's feeling word and how safe
they feel today, 1 to 10, stored dated. Either of them can skip; a second
check-in on the same day replaces that partner's first one.

`due_checkin` gives home its gentle line while a check-in is still open today.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Label, OptionList, Static

from trust_tui.models import CheckIn, FEELINGS, Partner
from trust_tui.vault import Vault
from trust_tui.widgets.feeling_picker import FeelingPicker
from trust_tui.screens.base import sheet
from trust_tui.screens.drafts import KEPT, KeepsWords


def todays_check_ins(vault: Vault, today: date) -> dict[str, CheckIn]:
    """partner id -> their check-in today (the latest one if there are several)."""
    found: dict[str, CheckIn] = {}
    for check_in in sorted(vault.all(CheckIn), key=lambda c: c.created_at):
        if check_in.on == today:
            found[check_in.partner_id] = check_in
    return found


def due_checkin(vault: Vault, today: date) -> list[str]:
    """Whose check-in is still open today, said gently (nothing when both did it)."""
    done = todays_check_ins(vault, today)
    partners = vault.partners
    still_open = [p.name for p in partners if p.id not in done]
    if not still_open:
        return []
    if len(still_open) == len(partners) and len(partners) > 1:
        return ["Today's check-in is open for both of you (c), whenever you are ready."]
    return [f"Today's check-in is still open for {' and '.join(still_open)} (c), "
            "whenever you are ready."]


def prefill_feeling(picker: FeelingPicker, feeling: str | None) -> None:
    """Show a feeling chosen before: picked in the list, or typed as their own word."""
    if not feeling:
        return
    if feeling in FEELINGS:
        options = picker.query_one(OptionList)
        options.highlighted = FEELINGS.index(feeling)
        options.action_select()
    else:
        picker.query_one(".own-word", Input).value = feeling


def chosen_words(feeling: str | None) -> Content:
    """The feeling picked so far, in words (the list's highlight alone is not enough)."""
    if not feeling:
        return Content("Feeling: none chosen yet (optional)")
    return Content.assemble("Feeling: ", (feeling, "bold"))


class CheckInModal(KeepsWords, ModalScreen[bool]):
    """Both partners side by side: a feeling word and a 1-10 for today.

    What is filled in when a lock or quit closes it is kept (per partner) and put
    back the next time the check-in opens the same day."""

    CSS_PATH = sheet("journal")

    BINDINGS = [
        Binding("escape", "cancel", "Not now"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saving = False
        self._feelings: dict[int, str | None] = {}  # chosen since it opened, by place
        self._saved_feelings: dict[int, str | None] = {}  # from a check-in saved today

    @property
    def vault(self) -> Vault:
        return self.app.vault  # type: ignore[attr-defined]

    def today(self) -> date:
        return self.app.clock.now().astimezone().date()  # type: ignore[attr-defined]

    def partners(self) -> list[Partner]:
        me = self.vault.me.id
        return sorted(self.vault.partners, key=lambda p: p.id != me)

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-box"):
            yield Static("Daily check-in", id="checkin-title")
            yield Static("One word for how you feel, and how safe you feel today: "
                         "1 is not safe at all, 10 is completely safe. Either of you "
                         "can skip; there is no right answer.", id="checkin-lead")
            with Horizontal(id="checkin-partners"):
                for index, partner in enumerate(self.partners()):
                    with Vertical(classes="checkin-partner"):
                        yield Static(Content(partner.name), classes="checkin-name")
                        yield FeelingPicker(with_intensity=False, id=f"feel-{index}")
                        yield Static(chosen_words(None), id=f"chosen-{index}",
                                     classes="chosen-feeling")
                        with Horizontal(classes="safety-row"):
                            yield Label("Safe today, 1 to 10: ")
                            yield Input(type="integer", max_length=2, compact=True,
                                        placeholder="-",
                                        validators=[Integer(1, 10)], valid_empty=True,
                                        id=f"safe-{index}", classes="safety")
            yield Static("", id="checkin-message")
            with Horizontal(id="checkin-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Not now", id="cancel", compact=True)

    def on_mount(self) -> None:
        done = todays_check_ins(self.vault, self.today())
        for index, partner in enumerate(self.partners()):
            earlier = done.get(partner.id)
            if earlier is None:
                continue
            prefill_feeling(self.query_one(f"#feel-{index}", FeelingPicker), earlier.feeling)
            self.query_one(f"#safe-{index}", Input).value = str(earlier.safety)
            self._saved_feelings[index] = earlier.feeling
        self.query_one("#feel-0", FeelingPicker).focus_list()
        self.draft_key = f"checkin:{self.today().isoformat()}"  # a draft is for its day
        if self.start_keeping():
            self.query_one("#checkin-message", Static).update(KEPT)

    @on(FeelingPicker.Changed)
    def _feeling_changed(self, event: FeelingPicker.Changed) -> None:
        index = (event.picker.id or "feel-0").removeprefix("feel-")
        self.query_one(f"#chosen-{index}", Static).update(chosen_words(event.feeling))
        self._feelings[int(index)] = event.feeling

    # Kept by partner, not by place: the one who unlocks sits first, and that may change.
    def words_to_keep(self) -> dict[str, str]:
        kept = {}
        for index, partner in enumerate(self.partners()):
            kept[f"safe:{partner.id}"] = self._words_live.get(f"safe-{index}", "")
            kept[f"feeling:{partner.id}"] = self._feelings.get(index) or ""
        return kept

    def typed_something(self) -> bool:
        return super().typed_something() or any(
            feeling and feeling != self._saved_feelings.get(index)
            for index, feeling in self._feelings.items())

    def restore_fields(self, fields: dict[str, str]) -> None:
        for index, partner in enumerate(self.partners()):
            feeling = fields.get(f"feeling:{partner.id}")
            if feeling:
                prefill_feeling(self.query_one(f"#feel-{index}", FeelingPicker), feeling)
            safety = fields.get(f"safe:{partner.id}")
            if safety:
                super().restore_fields({f"safe-{index}": safety})

    @on(Input.Submitted, ".safety")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._saving:
            return
        message = self.query_one("#checkin-message", Static)
        today = self.today()
        done = todays_check_ins(self.vault, today)
        records: list[CheckIn] = []
        for index, partner in enumerate(self.partners()):
            feeling = self.query_one(f"#feel-{index}", FeelingPicker).feeling
            box = self.query_one(f"#safe-{index}", Input)
            typed = box.value.strip()
            if not typed and not feeling:
                continue  # this partner skips today
            if not typed or not box.is_valid:
                message.update(Content.assemble(
                    "How safe does ", Content(partner.name),
                    " feel today? A number from 1 to 10 (or leave both empty to skip)."))
                box.focus()
                return
            earlier = done.get(partner.id)
            record = CheckIn(partner_id=partner.id, on=today, feeling=feeling,
                             safety=int(typed), created_at=self.app.clock.now())  # type: ignore[attr-defined]
            if earlier is not None:
                record = record.model_copy(update={"id": earlier.id})
            records.append(record)
        if not records:
            message.update("Nothing to save yet. Fill in either of you, or press escape.")
            return
        self._saving = True

        def write(vault: Vault) -> None:
            for record in records:
                vault.put(record)

        # Thank whoever answered, by name: "both" when one of you skipped today would
        # read as if the other had been counted as missing.
        answered = {r.partner_id for r in records}
        names = [p.name for p in self.partners() if p.id in answered]
        thanks = "Thank you both." if len(names) > 1 else f"Thank you, {names[0]}."
        self.app.save(write, done=lambda _: self.dismiss(True),  # type: ignore[attr-defined]
                      failed=self._not_saved, saved_message=f"Check-in saved. {thanks}")

    def _not_saved(self, _error: Exception) -> None:
        self._saving = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close_unsaved(False)  # what was filled in is kept for later today
