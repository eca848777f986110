"""Visits at the door: the visit records (append-only), the laptop's drafts, the roster
changes learnt at the door (proposals), and what a visitor's screen reads."""
