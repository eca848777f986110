"""The searchable text of a set of residents, laid out for scans at C speed.

Each kind of field (names, pinyin initials, full pinyin, digits) is one big "\\n"-joined string
with the start offset of every entry. A search is ``str.find`` (or one compiled regex) over
that string; a hit's offset maps back to its entry by bisection, and the scan jumps to the
next entry, so the Python loop runs once per matching entry, never once per resident.

Names are kept once per distinct spelling (200,000 residents have ~70,000 distinct names) and
map to the residents who bear them. Everything here is immutable once built: a search on the
UI thread can use a corpus while a worker builds the next one.
"""

from __future__ import annotations

import itertools
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from desktop.roster.address import AddressKey, building_number
from desktop.roster.pinyin import initials_of, marked_spelling, syllable_spellings
from desktop.roster.simplified import to_simplified_lines

# Between entries, and between the fields of one entry: no search text contains either, so a
# hit never spans two residents or two fields.
ENTRY_SEPARATOR = "\n"
FIELD_SEPARATOR = "\t"
HOUSEHOLD_MARK = "#"


class ResidentText(NamedTuple):
    """The searchable fields of one resident, in the order search_records selects them."""

    id: str
    name: str
    phone: str
    phone2: str
    id_number: str
    id_number_original: str
    household_number: str
    building_name: str | None
    building_sort_key: int | None
    unit: str | None
    room: str | None
    household_id: str | None


class Haystack:
    """Entries joined into one string; finds which entries contain a text or a pattern."""

    def __init__(self, entries: Sequence[str]) -> None:
        self.text = ENTRY_SEPARATOR.join(entries) + ENTRY_SEPARATOR
        starts = array("i")
        offset = 0
        for entry in entries:
            starts.append(offset)
            offset += len(entry) + 1
        starts.append(offset)  # a sentinel: the end of the last entry
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def find(self, needle: str) -> list[int]:
        """Indexes of the entries containing ``needle`` (each once, in order)."""
        if not needle or ENTRY_SEPARATOR in needle:
            return []
        text, starts, found = self.text, self.starts, []
        find, append = text.find, found.append
        position = find(needle)
        while position >= 0:
            entry = bisect_right(starts, position) - 1
            append(entry)
            position = find(needle, starts[entry + 1])
        return found

    def find_last_field(self, value: str) -> list[int]:
        """Indexes of the entries whose last field is exactly ``value``."""
        needle = FIELD_SEPARATOR + value + ENTRY_SEPARATOR
        text, starts, found = self.text, self.starts, []
        position = text.find(needle)
        while position >= 0:
            entry = bisect_right(starts, position) - 1
            found.append(entry)
            position = text.find(needle, starts[entry + 1])
        return found

    def search(self, pattern: re.Pattern[str]) -> list[int]:
        """Indexes of the entries where ``pattern`` matches (each once, in order)."""
        text, starts, found = self.text, self.starts, []
        search, append = pattern.search, found.append
        match = search(text)
        while match is not None:
            entry = bisect_right(starts, match.start()) - 1
            append(entry)
            match = search(text, starts[entry + 1])
        return found


@lru_cache(maxsize=256)
def spelling_pattern(letters: str) -> re.Pattern[str]:
    """Full pinyin starting at a syllable: the first letter a capital (see marked_spelling)."""
    head, rest = letters[0], letters[1:]
    return re.compile(re.escape(head.upper()) +
                      "".join(f"[{c}{c.upper()}]" for c in rest))


class PackedIds:
    """Row ids (UUIDs, all of one length) kept in one string.

    200,000 ids take 7 MB this way where a list of strings takes 17 MB; and strings read row
    by row from a cursor, between fields that are dropped, would pin half-empty memory pages
    to the process long after the build."""

    def __init__(self, ids: list[str]) -> None:
        self._count = len(ids)
        width = len(ids[0]) if ids else 0
        if width and all(len(i) == width for i in ids):
            self._packed, self._width, self._list = "".join(ids), width, []
        else:  # ids of mixed lengths (never made by this app): kept as they are
            self._packed, self._width, self._list = "", 0, ids

    def __len__(self) -> int:
        return self._count

    def pick(self, positions: Iterable[int]) -> set[str]:
        packed, width = self._packed, self._width
        if width:
            return {packed[p * width:(p + 1) * width] for p in positions}
        return set(map(self._list.__getitem__, positions))


class Corpus:
    """The search structures of one set of residents (the whole roster, or recent edits)."""

    def __init__(self, records: Iterable[ResidentText]) -> None:
        """One pass over ``records`` (a database cursor will do: nothing keeps the rows)."""
        ids: list[str] = []
        names: list[str] = []
        digits: list[str] = []
        addresses: list[str] = []
        numbers: dict[str, str] = {}  # building name → its number: a regex once per name
        household_slot: dict[str | None, int] = {None: -1}
        self.household_of = array("i")  # resident position → household slot, -1 for none
        join = FIELD_SEPARATOR.join
        for position, r in enumerate(records):
            ids.append(r[0])
            slot = household_slot.get(r[11])
            if slot is None:
                slot = household_slot[r[11]] = len(household_slot) - 1
            self.household_of.append(slot)
            names.append(r[1] or "")
            household_number = r[6] or ""
            # The household number comes last, also without leading zeros and marked, so an
            # exact look-up is one find of "#123\n".
            digits.append(join((r[2] or "", r[3] or "", (r[4] or "").upper(),
                                (r[5] or "").upper(), household_number,
                                _household_key(household_number))))
            building_name = r[7]
            if building_name is None:
                addresses.append("")
            else:
                number = numbers.get(building_name)
                if number is None:
                    number = numbers[building_name] = building_number(building_name, r[8])
                addresses.append(join((number, (r[9] or "").lstrip("0"),
                                       (r[10] or "").lstrip("0"))))
        # Everything kept is made from here on, after the loop: small objects made inside it,
        # between the dropped ones, would keep the process's memory from shrinking back.
        self.resident_ids = PackedIds(ids)
        del ids
        del household_slot[None]
        self.household_ids = PackedIds(list(household_slot))
        del household_slot
        self.digits = Haystack(digits)
        del digits
        self._index_names(names)
        del names
        self._index_places(addresses)

    def __len__(self) -> int:
        return len(self.resident_ids)

    def households_of(self, positions: Iterable[int]) -> set[str]:
        """The ids of the households of the residents at ``positions``."""
        slot_of = self.household_of
        return self.household_ids.pick(slot for slot in {slot_of[p] for p in positions}
                                        if slot >= 0)

    def ids_of(self, positions: Iterable[int]) -> set[str]:
        """The ids of the residents at ``positions``."""
        return self.resident_ids.pick(positions)

    # -- building ---------------------------------------------------------------------------

    def _index_names(self, names: list[str]) -> None:
        # Convert each distinct spelling once (张 and 張 then share one slot).
        raw_distinct = list(dict.fromkeys(names))
        slot_of: dict[str, int] = {}
        slot_of_raw: dict[str, int] = {}
        for raw, simplified in zip(raw_distinct, to_simplified_lines(raw_distinct)):
            slot_of_raw[raw] = slot_of.setdefault(simplified, len(slot_of))
        slot_of_resident = [slot_of_raw[name] for name in names]
        del names, slot_of_raw
        # The residents of each slot, packed: slot s owns members[starts[s]:starts[s + 1]]
        # (one array instead of 70,000 lists of boxed ints).
        counts = [0] * (len(slot_of) + 1)
        for slot in slot_of_resident:
            counts[slot + 1] += 1
        starts = array("i", itertools.accumulate(counts))
        members = array("i", bytes(4 * len(slot_of_resident)))
        fill = array("i", starts)
        for resident, slot in enumerate(slot_of_resident):
            members[fill[slot]] = resident
            fill[slot] += 1
        self.slot_starts, self.slot_members = starts, members
        distinct = list(slot_of)
        self.names = Haystack(distinct)
        initials: list[str] = []
        spelled: list[str] = []
        owners = array("i")
        by_letter: dict[str, array] = {}
        for slot, name in enumerate(distinct):
            letters: set[str] = set()
            for syllables in syllable_spellings(name):
                initial = initials_of(syllables)
                letters.update(initial)
                initials.append(initial)
                spelled.append(marked_spelling(syllables))
                owners.append(slot)
            for letter in letters:
                residents = by_letter.get(letter)
                if residents is None:
                    residents = by_letter[letter] = array("i")
                residents.extend(members[starts[slot]:starts[slot + 1]])
        self.initials = Haystack(initials)
        self.spelled = Haystack(spelled)
        self.spelling_owner = owners  # spelling entry → distinct-name slot
        # One letter is the first keystroke of most pinyin searches and matches a quarter of
        # the roster: answered from a ready list instead of a scan.
        self.residents_by_letter = by_letter

    def _index_places(self, addresses: list[str]) -> None:
        by_text: dict[str, array] = {}
        for position, address in enumerate(addresses):
            if address:
                residents = by_text.get(address)
                if residents is None:
                    residents = by_text[address] = array("i")
                residents.append(position)
        # Residents by full address; partial addresses map to the full ones they cover, so
        # the big table holds one list per dwelling number, not four.
        self.by_address: dict[tuple[str, ...], array] = {
            tuple(key.split(FIELD_SEPARATOR)): residents for key, residents in by_text.items()}
        partial: dict[tuple[str | None, ...], list[tuple[str, ...]]] = {}
        for key in self.by_address:
            building, unit, room = key
            for short in ((building, None, room), (building, unit, None),
                          (building, None, None)):
                partial.setdefault(short, []).append(key)
        self.partial_address = partial

    # -- matching (each returns resident positions in this corpus) ---------------------------

    def match_name(self, simplified: str) -> Iterable[int]:
        return self._residents_of_names(self.names.find(simplified))

    def match_letters(self, letters: str) -> Iterable[int]:
        if len(letters) == 1:  # a syllable starts with it iff an initial is it
            return self.residents_by_letter.get(letters, ())
        owner = self.spelling_owner
        slots = {owner[e] for e in self.initials.find(letters)}
        slots.update(owner[e] for e in self.spelled.search(spelling_pattern(letters)))
        return self._residents_of_names(slots)

    def match_digits(self, digits: str) -> Iterable[int]:
        return self.digits.find(digits.upper())

    def match_household_number(self, number: str) -> Iterable[int]:
        return self.digits.find_last_field(_household_key(number))

    def match_address(self, key: AddressKey) -> Iterable[int]:
        unit, room = key.unit, key.room
        if unit is not None and room is not None:
            return self.by_address.get((key.building, unit, room), ())
        full_keys = self.partial_address.get((key.building, unit, room), ())
        found = array("i")
        for full in full_keys:
            found.extend(self.by_address[full])
        return found

    def _residents_of_names(self, slots: Iterable[int]) -> array:
        starts, members = self.slot_starts, self.slot_members
        found = array("i")
        for slot in slots:
            found.extend(members[starts[slot]:starts[slot + 1]])
        return found


def _household_key(number: str) -> str:
    """"#123" for household number "000123"; "" for none (so "0" finds no one)."""
    return HOUSEHOLD_MARK + (number.lstrip("0") or "0") if number else ""
