"""The audit log as the lower layers write to it.

The log itself — its table, its hash chain — is the security layer's
(``desktop.security.audit``), which sits beside sync and so cannot be imported by it. Sync
still has to record the bundles it makes and imports in the same unit of work as the bundle's
own log row: it calls ``append`` here, which the security layer installs when it is imported
(its feature declaration imports it, and every declaration is loaded before a database is
opened). Never a silent no-op: without the security layer, ``append`` raises.
"""

from __future__ import annotations

from collections.abc import Callable

_writer: Callable | None = None


def install(writer: Callable) -> None:
    """``writer(uow, action, subject, detail)`` appends one entry in ``uow``."""
    global _writer
    _writer = writer


def append(uow, action: str, subject: str = "", **detail) -> None:
    """One audit entry in ``uow`` by the unit of work's actor."""
    if _writer is None:
        from desktop.core.features import load_declarations

        load_declarations()
    if _writer is None:
        raise RuntimeError("the audit log was not installed (desktop.security.audit)")
    _writer(uow, action, subject, detail)
