"""roles handlers (to be written)."""
