"""Sharing a campaign's doors among its visitors (pure functions over doors in walking order).

Evenly: each visitor gets a run of doors next to each other in walking order, of nearly equal
length, cut at a stairwell where one is near (a volunteer climbs whole stairwells rather than
half of one). By places: each visitor gets the doors of the places named as theirs; a door
no one's places hold is an error naming its place, so nobody's door is silently unvisited.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.visits.campaigns.places import DoorPlace, clean_scope

# How far a cut may move to reach a stairwell's end, as a share of one visitor's doors.
_SLACK = 0.15


def share_evenly(doors: Sequence[DoorPlace], visitors: int) -> list[int]:
    """The visitor (0 … visitors-1) of each door: contiguous runs in walking order."""
    count = len(doors)
    if visitors <= 0:
        raise ValueError("a campaign needs a visitor")
    if count == 0:
        return []
    cuts = [0]
    share = count / visitors
    slack = int(share * _SLACK)
    for j in range(1, visitors):
        ideal = round(j * share)
        cut = ideal
        for distance in range(slack + 1):  # the nearest stairwell end within the slack
            for candidate in (ideal - distance, ideal + distance):
                if cuts[-1] < candidate < count and \
                        doors[candidate - 1].unit_key != doors[candidate].unit_key:
                    cut = candidate
                    break
            else:
                continue
            break
        cuts.append(max(cut, cuts[-1]))
    cuts.append(count)
    owners = []
    for visitor in range(visitors):
        owners += [visitor] * (cuts[visitor + 1] - cuts[visitor])
    return owners


def share_by_places(doors: Sequence[DoorPlace], places: Sequence[dict]) -> list[int | None]:
    """The visitor of each door whose named places hold it (the first named, if several);
    None for a door no visitor's places hold."""
    chosen = []
    for scope in places:
        scope = clean_scope(scope)
        chosen.append((set(scope["grids"]), set(scope["compounds"]), set(scope["buildings"]),
                       {(b, u) for b, u in scope["units"]}))
    owners: list[int | None] = []
    for door in doors:
        owner = None
        for index, (grids, compounds, buildings, units) in enumerate(chosen):
            if (door.grid_id in grids or door.compound_id in compounds
                    or door.building_id in buildings or door.unit_key in units):
                owner = index
                break
        owners.append(owner)
    return owners
