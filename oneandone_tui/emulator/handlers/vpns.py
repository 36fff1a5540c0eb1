"""vpns handlers (to be written)."""
