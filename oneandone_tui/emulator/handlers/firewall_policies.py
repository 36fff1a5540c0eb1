"""firewall_policies handlers (to be written)."""
