"""FAS1xx: blocking calls on the event loop (and FAS202, awaiting one)."""
