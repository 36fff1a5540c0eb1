"""usages handlers (to be written)."""
