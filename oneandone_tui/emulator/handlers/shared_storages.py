"""shared_storages handlers (to be written)."""
