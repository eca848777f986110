"""Sign-in, the idle lock, operators and the audit log in the window."""
