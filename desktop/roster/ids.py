"""Typed ids of the roster's rows, so a signature says which row it wants.

Every synced row's id is a UUIDv7 string; ``ResidentId`` and ``HouseholdId`` are the same
text at run time (``NewType`` costs nothing), but a type checker and a reader see at once that
``move_resident(uow, resident_id, to_household_id)`` takes a resident and a household, not
two interchangeable strings.
"""

from __future__ import annotations

from typing import NewType

CommunityId = NewType("CommunityId", str)
GridId = NewType("GridId", str)
CompoundId = NewType("CompoundId", str)
BuildingId = NewType("BuildingId", str)
DwellingId = NewType("DwellingId", str)
HouseholdId = NewType("HouseholdId", str)
ResidentId = NewType("ResidentId", str)
TagId = NewType("TagId", str)
