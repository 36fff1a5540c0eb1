"""oneandone-tui: a terminal UI for the 1&1 Cloud Server API, with a built-in emulator."""

__version__ = "0.1.0"
