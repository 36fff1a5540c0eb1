"""block_storages handlers (to be written)."""
