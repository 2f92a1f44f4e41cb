"""The baseline for bench 4: a bare Textual app with one Input, nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Input


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="Passphrase", password=True)


if __name__ == "__main__":
    BareApp().run()
