"""FAS5xx: framework and event-loop API misuse."""
