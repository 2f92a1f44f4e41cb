"""First run: both names and passphrases (typed twice), and the safety note."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.validation import Length
from textual.widgets import Button, Footer, Input, Label, Static

from trust_tui.domain.names import CONTROL_IN_NAME, has_control
from trust_tui.domain.passphrase import strength_hint
from trust_tui.models import Partner
from trust_tui.texts import SAFETY_NOTE
from trust_tui.vault import KdfParams, Vault, VaultError
from trust_tui.vault.keyslots import same_passphrase
from trust_tui.vault.vault import MIN_PASSPHRASE
from trust_tui.widgets.devtools_guard import KEYS_LOGGED, keys_are_logged
from trust_tui.widgets.forgetting import let_go_of_this_worker
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.shell import shell_of


class PartnerFields(Vertical):
    """Name and passphrase (twice) for one partner."""

    def __init__(self, side: str, label: str) -> None:
        super().__init__(id=f"partner-{side}", classes="partner-fields")
        self.side = side
        self.label = label

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="partner-title")
        yield LimitedInput(placeholder="Name", id=f"name-{self.side}", noun="a name",
                           limit=limit_of(Partner, "name"), refuse=True,
                           validators=[Length(minimum=1, failure_description="A name, please.")])
        yield Input(placeholder=f"Passphrase ({MIN_PASSPHRASE}+ characters)", password=True,
                    id=f"pass-{self.side}")
        yield Input(placeholder="The same passphrase again", password=True,
                    id=f"again-{self.side}")
        yield Label("", id=f"hint-{self.side}", classes="hint", markup=False)

    @property
    def name_value(self) -> str:
        return self.query_one(f"#name-{self.side}", Input).value.strip()

    @property
    def passphrase(self) -> str:
        return self.query_one(f"#pass-{self.side}", Input).value

    @property
    def again(self) -> str:
        return self.query_one(f"#again-{self.side}", Input).value

    def problem(self) -> str | None:
        if not self.name_value:
            return f"{self.label}: a name, please."
        if has_control(self.name_value):  # a paste keeps them; the screen hides them
            return f"{self.label}: a name {CONTROL_IN_NAME}; please type it again."
        if len(self.passphrase) < MIN_PASSPHRASE:
            return f"{self.label}: a passphrase of at least {MIN_PASSPHRASE} characters, please."
        if self.passphrase != self.again:
            return f"{self.label}: the two passphrases are not the same yet."
        return None

    @on(Input.Changed)
    def _update_hint(self, event: Input.Changed) -> None:
        hint = self.query_one(f"#hint-{self.side}", Label)
        if event.input.id == f"pass-{self.side}":
            hint.update(strength_hint(self.passphrase) if self.passphrase else "")
        elif event.input.id == f"again-{self.side}" and self.again:
            hint.update("Both match." if self.again == self.passphrase
                        else "Not the same as above yet.")


class SetupScreen(Screen):
    """Create the couple's vault."""

    BINDINGS = [Binding("ctrl+s", "create", "Create our vault", id="setup.create")]

    def __init__(self, vault_path: Path, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.kdf = kdf

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup-body"):
            yield Static("Welcome to trust-tui", id="setup-title")
            if keys_are_logged(self.app):  # said first, before anything can be typed
                yield Static(KEYS_LOGGED, id="setup-refused", classes="lead", markup=False)
            yield Static(SAFETY_NOTE, id="safety-note", markup=False)
            yield Static("Each of you chooses a passphrase of your own. Either one opens "
                         "the app; keep yours to yourself.", classes="lead", markup=False)
            with Horizontal(id="setup-partners"):
                yield PartnerFields("left", "Partner 1")
                yield PartnerFields("right", "Partner 2")
            yield Label("", id="setup-message", markup=False)
            yield Button("Create our vault", id="create", variant="primary")
            yield Static(f"Your vault will be saved at {self.vault_path}", classes="where",
                         markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if keys_are_logged(self.app):  # devtools would log each key: nothing to type
            for field in self.query(Input):
                field.disabled = True
            self.query_one("#create", Button).disabled = True
            return
        self.query_one("#name-left", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if keys_are_logged(self.app):
            return
        left = self.query_one("#partner-left", PartnerFields)
        right = self.query_one("#partner-right", PartnerFields)
        problem = left.problem() or right.problem()
        if problem is None and left.name_value.casefold() == right.name_value.casefold():
            problem = "Please use two different names, so the app can tell you apart."
        if problem is None and same_passphrase(left.passphrase, right.passphrase):
            problem = "Please choose two different passphrases: each of you keeps your own."
        if problem:
            self._say(problem)
            return
        self._say("Creating your vault (this takes a moment)...")
        self.query_one("#create", Button).disabled = True
        # In a list the worker empties: a finished Worker keeps its arguments.
        self._create([[(left.name_value, left.passphrase), (right.name_value, right.passphrase)]])

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _create(self, ticket: list[list[tuple[str, str]]]) -> None:
        try:
            vault = Vault.create(self.vault_path, ticket.pop(), kdf=self.kdf)
        except (VaultError, ValueError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        finally:
            let_go_of_this_worker()  # nor this screen, its fields, the passphrases
        self.app.call_from_thread(shell_of(self).vault_unlocked, vault)

    def _failed(self, message: str) -> None:
        self._say(message)
        self.query_one("#create", Button).disabled = False

    def _say(self, text: str) -> None:
        message = self.query_one("#setup-message", Label)
        message.update(text)
        # At 80x24 the message sits below the fold: bring it (and the button) into view.
        self.call_after_refresh(self.query_one("#create", Button).scroll_visible, animate=False)
