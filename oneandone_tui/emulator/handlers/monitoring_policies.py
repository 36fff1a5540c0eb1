"""monitoring_policies handlers (to be written)."""
