"""private_networks handlers (to be written)."""
