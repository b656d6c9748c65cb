"""FAS3xx: background tasks that are dropped or cancelled."""
