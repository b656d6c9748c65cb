"""FAS4xx: CPU-bound work on the event loop."""
