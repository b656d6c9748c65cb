"""Frozen tables the rules read: data, not code."""
