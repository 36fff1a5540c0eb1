"""monitoring_center handlers (to be written)."""
