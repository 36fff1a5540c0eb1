"""Maintenance tools run by hand (``python -m oneandone_tui.tools.<name>``), never by the app."""
