"""FAS9xx: the linter itself."""
