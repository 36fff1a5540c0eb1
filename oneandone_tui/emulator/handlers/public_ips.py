"""public_ips handlers (to be written)."""
