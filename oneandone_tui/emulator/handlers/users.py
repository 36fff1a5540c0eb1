"""users handlers (to be written)."""
