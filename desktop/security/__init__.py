"""Protecting the data at rest and in use: key slots for the encrypted database, operators and
their roles, sign-in throttling, and the audit log of who exported, printed or opened what.

Qt-free (layer 2, beside sync and printing); the window's dialogs are in ``desktop/ui/security``.
"""
