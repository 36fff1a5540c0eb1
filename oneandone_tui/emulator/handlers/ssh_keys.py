"""ssh_keys handlers (to be written)."""
