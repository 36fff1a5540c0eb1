"""load_balancers handlers (to be written)."""
