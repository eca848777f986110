"""The roster's search box: which residents a typed text means.

``SearchIndex.build(session)`` reads every resident once (a worker's job: ~2 s for 200,000;
it never touches Qt) and ``index.match(text)`` answers from memory as the user types:

- digits, 4 or more (an "X" may end them): part of a phone number, ID number or household
  number — "5678", "1234X", "13812345678"; 1–3 digits: a household number;
- "3-2-501", "3-501", "3栋2单元501室", "3号楼": building, unit and room;
- letters: pinyin initials anywhere in the name ("zs", "xm"), or full pinyin from the start of
  any syllable ("zhangsan", "zhangs", "san"); every reading of a surname counts (曾: z and c);
- Chinese: part of the name, traditional and simplified alike (張 finds 张 and the reverse).

Words separated by spaces must all match ("张 3-2-501"). Moved-out and deceased residents are
in the index; the roster query decides whether to show them.

After edits, ``index.update(session, resident_ids)`` re-reads just those residents into a
small overlay corpus that shadows the big one; the big one is rebuilt only when the overlay
grows large. Both are immutable and swapped in one assignment, so ``match`` may run on the UI
thread while ``update`` runs on a worker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desktop.roster.address import parse_shorthand
from desktop.roster.models import Building, Dwelling, Household, Resident
from desktop.roster.search_corpus import Corpus, ResidentText
from desktop.roster.simplified import to_simplified

# Shorter digit strings match too much of every phone and ID number to be useful.
MIN_DIGITS = 4
# Edits kept in the overlay before the big corpus is rebuilt (an import touches thousands).
OVERLAY_LIMIT = 5000
# SQLite allows 32,766 bound parameters; stay well below.
_ID_CHUNK = 900

_DIGITS = re.compile(r"\d+[xX]?")
_LETTERS = re.compile(r"[a-zA-Z]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# What people type between the groups of a phone number: "138 1234 5678", "0571-8888 1234"
_PHONE_PUNCTUATION = str.maketrans("", "", " -()（）")


@dataclass(frozen=True)
class _Snapshot:
    base: Corpus
    overlay: Corpus
    replaced: frozenset[str]  # ids the overlay shadows in the base (edited or deleted)
    overlay_records: dict[str, ResidentText]


class SearchIndex:
    """Threads: ``build`` and ``update`` read the database (a worker's job; ``update``
    rebuilds everything, ~2 s at 200,000, once edits pile up past OVERLAY_LIMIT) and must not
    run two at a time; ``match`` and ``match_households`` only read memory and may run on any
    thread, also while an update runs (they see the index before or after it, never half)."""

    def __init__(self, base: Corpus) -> None:
        self._snapshot = _Snapshot(base, Corpus([]), frozenset(), {})

    @classmethod
    def build(cls, session: Session) -> SearchIndex:
        return cls(Corpus(search_records(session)))

    def __len__(self) -> int:
        snap = self._snapshot
        return len(snap.base) - len(snap.replaced) + len(snap.overlay)

    def update(self, session: Session, resident_ids: Iterable[str]) -> None:
        """Re-read these residents (new, changed or tombstoned) after an edit."""
        wanted = set(resident_ids)
        if not wanted:
            return
        snap = self._snapshot
        records = dict(snap.overlay_records)
        for resident_id in wanted:
            records.pop(resident_id, None)
        for row in search_records(session, wanted):
            records[row[0]] = ResidentText(*row)
        if len(records) > OVERLAY_LIMIT:
            self._snapshot = _Snapshot(Corpus(search_records(session)), Corpus([]),
                                       frozenset(), {})
            return
        self._snapshot = _Snapshot(snap.base, Corpus(list(records.values())),
                                   snap.replaced | wanted, records)

    def match(self, text: str) -> set[str] | None:
        """Ids of the residents ``text`` finds; None when there is nothing to search for."""
        text = _normalise(text)
        if not text:
            return None
        snap = self._snapshot
        base = _match_text(snap.base, text)
        found = snap.base.ids_of(base)
        if snap.replaced:
            found.difference_update(snap.replaced)
        if len(snap.overlay):
            found.update(snap.overlay.ids_of(_match_text(snap.overlay, text)))
        return found

    def match_households(self, text: str) -> set[str] | None:
        """Ids of the households with a resident ``text`` finds (any resident, moved out
        and deceased too); None when there is nothing to search for."""
        text = _normalise(text)
        if not text:
            return None
        snap = self._snapshot
        positions = _match_text(snap.base, text)
        if snap.replaced:
            replaced, base = snap.replaced, snap.base
            positions = [p for p in positions if base.ids_of((p,)).isdisjoint(replaced)]
        found = snap.base.households_of(positions)
        if len(snap.overlay):
            found.update(snap.overlay.households_of(_match_text(snap.overlay, text)))
        return found


def _normalise(text: str) -> str:
    # Chinese input methods type full-width digits and letters (１２３４, ｚｓ): NFKC makes
    # them ASCII and leaves Chinese characters alone.
    return unicodedata.normalize("NFKC", text).strip()


def _match_text(corpus: Corpus, text: str) -> Iterable[int]:
    """Resident positions in ``corpus``: the whole text as one address, else every word."""
    address = parse_shorthand(text)
    if address is not None:
        return corpus.match_address(address)
    phone = text.translate(_PHONE_PUNCTUATION)
    if phone != text and len(phone) >= MIN_DIGITS and _DIGITS.fullmatch(phone):
        return corpus.match_digits(phone)
    words = text.split()
    if len(words) == 1:
        return _match_word(corpus, words[0])
    result = set(_match_word(corpus, words[0]))
    for word in words[1:]:
        if not result:
            break
        result.intersection_update(_match_word(corpus, word))
    return result


def _match_word(corpus: Corpus, word: str) -> Iterable[int]:
    address = parse_shorthand(word)
    if address is not None:
        return corpus.match_address(address)
    if _DIGITS.fullmatch(word):
        if len(word) >= MIN_DIGITS:
            return corpus.match_digits(word)
        return corpus.match_household_number(word) if word.isdigit() else ()
    if _LETTERS.fullmatch(word):
        return corpus.match_letters(word.lower())
    if _HAN.search(word):
        return corpus.match_name(to_simplified(word))
    return corpus.match_name(word)


def search_records(session: Session, ids: Iterable[str] | None = None
                   ) -> Iterator[ResidentText]:
    """The searchable fields of every resident not deleted (or of just ``ids``).

    Rows stream from the driver's cursor: the ORM's row objects for 200,000 residents would
    cost a second and ~150 MB that the index never needs."""
    stmt = (
        select(Resident.id, Resident.name, Resident.phone, Resident.phone2,
               Resident.id_number, Resident.id_number_original, Household.number,
               Building.name, Building.sort_key, Dwelling.unit, Dwelling.room,
               Household.id)
        .select_from(Resident)
        .outerjoin(Household, (Household.id == Resident.household_id)
                   & Household.deleted.is_(False))
        .outerjoin(Dwelling, (Dwelling.id == Household.dwelling_id)
                   & Dwelling.deleted.is_(False))
        .outerjoin(Building, (Building.id == Dwelling.building_id)
                   & Building.deleted.is_(False))
        .where(Resident.deleted.is_(False))
    )
    if ids is None:
        yield from driver_rows(session, stmt)
        return
    id_list = list(ids)
    for start in range(0, len(id_list), _ID_CHUNK):
        chunk = id_list[start:start + _ID_CHUNK]
        yield from driver_rows(session, stmt.where(Resident.id.in_(chunk)))


def driver_rows(session: Session, stmt: Select) -> Iterator[tuple]:
    """Rows of ``stmt`` straight from sqlite3, as plain tuples (raw column values: dates
    come back as ISO text)."""
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect,
                            compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    positional = [params[name] for name in compiled.positiontup or ()]
    cursor = connection.connection.driver_connection.cursor()
    try:
        yield from cursor.execute(str(compiled), positional)
    finally:
        cursor.close()
