"""logs handlers (to be written)."""
