"""Offline copies that converge: record identity, hybrid logical clocks, per-field stamps."""
