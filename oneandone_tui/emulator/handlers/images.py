"""images handlers (to be written)."""
