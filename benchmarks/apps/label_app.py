"""The reference for start-up and idle: the smallest Textual app (one Label)."""

from textual.app import App, ComposeResult
from textual.widgets import Label

TEXT = "minimal-textual-app-ready"


class LabelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(TEXT)


if __name__ == "__main__":
    LabelApp().run()
