"""The solo safety check: one partner alone, a few plain questions, sealed answers.

The partner doing it types their own passphrase, so the answers are kept in
their own locker, sealed with their private key: the other partner cannot read
them, nor see who did a check, when or how many (store/safety.py), and nothing
else in the app mentions it. `r` during the questions shows the one answering
their own earlier checks instead.
ctrl+n hides the screen at once (the answers are dropped and a neutral screen
shows); the app's ctrl+l lock works here too. The app never offers one partner
a way to watch the other.
"""

from __future__ import annotations

import json
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from trust_tui.domain import rituals
from trust_tui.domain.flow import Flow
from trust_tui.models import Partner
from trust_tui.screens.base import sheet
from trust_tui.store import safety
from trust_tui.vault import VaultError
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.passphrase_field import PassphraseField
from trust_tui.widgets.saving import StoreClient
from trust_tui.widgets.shell import Shell, shell_of

STEP_AWAY = (
    "This check is for one of you at a time. If your partner is here, please ask "
    "them to step away for a few minutes.\n\n"
    "Only the one who answers can ever read the answers, with their own passphrase. "
    "Your partner cannot see them, or what they pointed to.\n\n"
    "ctrl+n hides this screen at once; ctrl+l locks the app."
)


def check_text(answers: dict[str, str], skipped: list[str]) -> str:
    """The answers as JSON (the locker they are kept in is of one fixed size)."""
    return json.dumps({"answers": answers, "skipped": skipped,
                       "danger": rituals.signals_danger(answers)})


def read_sealed(text: str) -> dict:
    """A kept check's answers (also one kept padded by an older trust-tui)."""
    data = json.loads(text)
    return json.loads(data["v"]) if "v" in data else data


def earlier_content(checks: list[tuple[datetime | None, str]]) -> Content:
    """Each kept check: when, whether it pointed to danger, and the answers."""
    if not checks:
        return Content("There are no earlier checks of yours here.")
    lines = []
    for at, text in checks:
        when = "An earlier check" if at is None else f"{at.astimezone():%a %-d %b %Y %H:%M}"
        try:
            data = read_sealed(text)
            answers = ", ".join(f"{k}: {v}" for k, v in data.get("answers", {}).items())
            sign = "pointed to danger" if data.get("danger") else "nothing pointed to danger"
        except (ValueError, TypeError, AttributeError):
            answers, sign = "", "could not be read"
        lines.append(Content.assemble((when, "bold"), f" - {sign}\n",
                                      Content(answers or "(no answers given)")))
    return Content("\n\n").join(lines)


class NeutralScreen(Screen):
    """What shows after ctrl+n: nothing about the check, nothing about the couple."""

    CSS_PATH = sheet("safety")

    BINDINGS = keyed("safety", [Binding("escape", "leave", "Back")])

    def compose(self) -> ComposeResult:
        with Vertical(id="neutral-box"):
            yield Static("A quiet moment", classes="section-title")
            yield Static("Breathe in slowly for four counts, and out for six.\n"
                         "Do that a few times, at your own pace.", id="neutral-text")
        yield Footer()

    def action_leave(self) -> None:
        self.dismiss()


class SoloSafetyScreen(StoreClient, Screen):
    """A private screen for one partner at a time."""

    CSS_PATH = sheet("safety")

    BINDINGS = keyed("safety", [
        Binding("ctrl+n", "hide", "Hide now", priority=True),
        Binding("escape", "leave", "Leave"),
        Binding("b", "back", "Previous question", show=False),
        Binding("r", "earlier", "Your earlier checks", show=False),
        *[Binding(str(n + 1), f"answer({n})", show=False) for n in range(len(rituals.ANSWERS))],
    ])

    def __init__(self) -> None:
        super().__init__()
        self.partner: Partner | None = None
        self.flow: Flow | None = None
        self.danger: bool | None = None
        self._put_away = False

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="safety-intro", id="safety-switcher"):
            with Vertical(id="safety-intro"):
                yield Static("A private safety check", classes="section-title")
                yield Static(STEP_AWAY, id="safety-step-away")
                yield Static("Whoever is doing the check: type your own passphrase.",
                             classes="lead")
                # The vault's own sentence when it does not open, never the passphrase.
                yield PassphraseField(self._unlock, busy="Checking...", wrong=None,
                                      empty="Type your own passphrase, then press Enter.",
                                      catch=(VaultError, LookupError),
                                      field_id="safety-passphrase",
                                      message_id="safety-message", release=self._let_go)
            with Vertical(id="safety-questions"):
                yield Static("", id="safety-position", classes="hint")
                yield Static("", id="safety-question")
                yield OptionList(*[Option(f"{i + 1}  {a}", id=f"answer-{i}")
                                   for i, a in enumerate(rituals.ANSWERS)],
                                 id="safety-answers")
                yield Static("Press 1-4, or choose with the arrows and Enter. "
                             "b: previous question. r: read your earlier checks instead.",
                             classes="hint")
            with VerticalScroll(id="safety-earlier"):
                yield Static("Your earlier checks", classes="section-title")
                yield Static("", id="safety-earlier-list")
                yield Static("Only you can read these, with your passphrase. "
                             "Press escape to leave this screen.", classes="hint")
            with VerticalScroll(id="safety-result"):
                yield Static("", id="safety-verdict")
                yield Static("Where to turn", classes="section-title")
                yield Static(Content("\n".join(f"- {line}" for line in rituals.WHERE_TO_TURN)),
                             id="safety-where")
                yield Static("Your answers are sealed with your passphrase. "
                             "Press escape to leave this screen.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PassphraseField).focus()

    @property
    def shell(self) -> Shell:
        return shell_of(self)

    @property
    def vault(self):
        return self.shell.vault

    # --- who is answering ---------------------------------------------------------

    def _unlock(self, passphrase: str) -> Partner:
        """Runs in the field's worker: a slow key derivation."""
        return self.vault.unlock_private(passphrase)

    def _let_go(self, partner: Partner) -> None:
        """Opened after the screen was hidden, left or locked: the key is not kept."""
        if self.shell.vault_open:
            self.vault.forget_private(partner.id)

    @on(PassphraseField.Accepted)
    def _begin(self, event: PassphraseField.Accepted) -> None:
        if self._put_away:  # hidden, left or locked while the passphrase was checked
            event.release()
            return
        self.partner = partner = event.result
        self.flow = Flow(rituals.SAFETY_CHECK, self.shell.clock, (partner.id,))
        self.query_one(ContentSwitcher).current = "safety-questions"
        self._show_question()

    # --- the questions ----------------------------------------------------------------

    def _show_question(self) -> None:
        assert self.flow is not None and self.flow.step is not None
        step = self.flow.step
        self.query_one("#safety-position", Static).update(
            f"Question {self.flow.index + 1} of {len(self.flow.ritual.steps)}")
        self.query_one("#safety-question", Static).update(step.title)
        answers = self.query_one("#safety-answers", OptionList)
        chosen = self.flow.chosen.get(step.key)
        answers.highlighted = rituals.ANSWERS.index(chosen) if chosen else None
        answers.focus()

    @on(OptionList.OptionSelected, "#safety-answers")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_answer(event.option_index)

    def action_answer(self, index: int) -> None:
        if self.flow is None or self.flow.done:
            return
        answer = rituals.ANSWERS[index]
        if answer == rituals.RATHER_NOT:
            self.flow.chosen.pop(self.flow.step.key, None)
            self.flow.skip()  # left out, and recorded as left out
        else:
            self.flow.choose(answer)
            self.flow.next()
        if self.flow.done:
            self._finish()
        else:
            self._show_question()

    def action_back(self) -> None:
        if self.flow is not None and not self.flow.done and self.flow.index > 0:
            self.flow.back()
            self._show_question()

    def _finish(self) -> None:
        assert self.flow is not None and self.partner is not None
        answers = dict(self.flow.chosen)
        self.danger = rituals.signals_danger(answers)
        text = check_text(answers, self.flow.skipped())
        held = self.vault.hold_key(self.partner.id)  # for this one save only
        self._forget()
        self.flow = None
        verdict = rituals.DANGER_MESSAGE if self.danger else rituals.CLEAR_MESSAGE
        self.query_one("#safety-verdict", Static).update(verdict)
        self.set_class(self.danger, "-danger")
        self.query_one(ContentSwitcher).current = "safety-result"
        self.query_one("#safety-result").focus()
        # Quiet on success, as before: nothing else in the app mentions the check.
        self.store(safety.keep_check, held, text, self.shell.clock.now(), saved_message=None)

    def action_earlier(self) -> None:
        """The one answering reads their own earlier checks (their key is here now)."""
        if self.flow is None or self.partner is None or self.flow.done:
            return
        checks = safety.earlier_checks(self.vault, self.partner.id)
        self._forget()
        self.flow = None
        self.query_one("#safety-earlier-list", Static).update(earlier_content(checks))
        self.query_one(ContentSwitcher).current = "safety-earlier"
        self.query_one("#safety-earlier").focus()

    # --- leaving ------------------------------------------------------------------------

    def _forget(self) -> None:
        if self.partner is not None:
            self._let_go(self.partner)

    def _clear(self) -> None:
        self._put_away = True
        self._forget()
        self.partner = None
        self.flow = None
        self.danger = None

    def action_hide(self) -> None:
        """Instantly away: the answers are dropped and a neutral screen shows."""
        self._clear()
        self.app.switch_screen(NeutralScreen())

    def action_leave(self) -> None:
        self._clear()
        self.dismiss()

    def on_unmount(self) -> None:
        # Memory only: the answers and the private key are dropped; nothing is written.
        self._clear()
