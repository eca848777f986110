"""Who is signed in and what their role lets them do.

Two roles: office staff, and volunteers (at residents' doors with a copy of part of the
roster). Volunteers may not export spreadsheets, print full (unmasked) lists, see unmasked ID
numbers or manage operators. The services check this, not only the buttons: every export and
print goes through a few central places that call ``require``.

Roles are not encryption. Whoever holds the data key could read the whole file; what a
volunteer's copy holds at all is decided by what the office puts in the bundle (its scope
and minimised fields).

Qt-free and SQLAlchemy-free: the signed-in ``Actor`` travels on the ``Database`` and in each
session's ``info`` (``actor_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.errors import LinliError
from desktop.core.i18n import N_, _


class Role(StrEnum):
    OFFICE = "office"
    VOLUNTEER = "volunteer"


ROLE_LABELS = {Role.OFFICE: N_("Office staff"), Role.VOLUNTEER: N_("Volunteer")}


class Permission(StrEnum):
    EXPORT_SPREADSHEET = "export_spreadsheet"  # .xlsx / .csv of people
    PRINT_FULL_LIST = "print_full_list"  # a printout with names, IDs or phones unmasked
    SEE_UNMASKED_IDS = "see_unmasked_ids"
    MANAGE_OPERATORS = "manage_operators"


# What each role may do; a role absent from a permission's set may not.
_ALLOWED = {
    Permission.EXPORT_SPREADSHEET: {Role.OFFICE},
    Permission.PRINT_FULL_LIST: {Role.OFFICE},
    Permission.SEE_UNMASKED_IDS: {Role.OFFICE},
    Permission.MANAGE_OPERATORS: {Role.OFFICE},
}

_REFUSALS = {
    Permission.EXPORT_SPREADSHEET: N_(
        "Volunteers cannot export spreadsheets. Ask the office to export it."),
    Permission.PRINT_FULL_LIST: N_(
        "Volunteers cannot print lists with full names, ID numbers or phones. Print it masked, "
        "or ask the office."),
    Permission.SEE_UNMASKED_IDS: N_("Volunteers cannot see full ID numbers."),
    Permission.MANAGE_OPERATORS: N_("Only office staff can manage operators."),
}


@dataclass(frozen=True)
class Actor:
    """The operator signed in: their name (recorded with every change) and role."""

    name: str
    role: Role = Role.OFFICE
    # False for a copy without sign-in (the demo; a folder not yet protected).
    signed_in: bool = False

    def may(self, permission: Permission) -> bool:
        return self.role in _ALLOWED[permission]

    @property
    def role_label(self) -> str:
        return _(ROLE_LABELS[self.role])


# The demo and the test suite's plain databases: no sign-in, office rights.
UNSIGNED = Actor("", Role.OFFICE, signed_in=False)


class NotPermitted(LinliError):
    """The signed-in operator's role does not allow this; nothing was done."""

    def __init__(self, permission: Permission) -> None:
        super().__init__(_(_REFUSALS[permission]))
        self.permission = permission


def require(actor: Actor, permission: Permission) -> None:
    """Raise ``NotPermitted`` unless ``actor`` may do ``permission``."""
    if not actor.may(permission):
        raise NotPermitted(permission)


def actor_of(session) -> Actor:
    """The actor a session (or unit of work) was opened for (``UNSIGNED`` when none)."""
    info = getattr(session, "info", None)
    if info is None:
        info = getattr(getattr(session, "session", None), "info", {})
    return info.get("actor", UNSIGNED)
