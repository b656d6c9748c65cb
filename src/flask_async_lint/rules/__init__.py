"""One module per rule, grouped by family; discovered by registry.py."""
