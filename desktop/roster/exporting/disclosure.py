"""What may go out beside a mask: the one rule deciding, for an export (.xlsx, .csv) or a printed
list, which chosen columns are written in full, masked, shortened to the year, or left out.

Why: a mask is undone by the columns beside it. A masked ID number 331002********8272 hides
exactly the eight digits of the birth date: beside 1998-11-26 it is the whole number again
(its check digit is even shown). So in any masked output — export or printout, whichever
columns are chosen, since two masked files of the same people can be joined — the rule is:

=================  =====================================================================
name, phones       masked (desktop.core.masking: 张*明, 138****5678)
ID number          masked (330106********1234) in a file; never printed on a masked list
                   (printed lists get posted: DESIGN §3, "ID numbers never printed")
birth date         **the year only** (1998), under the header "Year of birth": the month
                   and day are the hidden digits of the ID number. The age is kept: it
                   says no more than the year.
registered address left out: the first six digits of a masked ID already give its region,
(户籍地址)          the rest of the address narrows a person down to a village or a street
notes              left out: free text holds whatever was typed (a relative's full name,
                   "电话13812345678", an ID number, an illness) and no mask can find it all
sex                kept: the masked ID's last four already show the sex digit (odd = male);
                   the sex column adds nothing that undoes the mask
address, building, kept: the flat is what the list is for (visits, hand-outs); the mask
room, compound     keeps the full name and numbers off the sheet, it is not anonymisation
everything else    kept (codes, tags, work unit, household number, age, status)
=================  =====================================================================

An unmasked output (staff, or the office's own systems) carries every chosen column in full.
``disclose`` applies the rule; ``row_converter`` (columns.py), the writers, the printed lists,
the command line and both dialogs take their columns and their wording from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.i18n import _

FULL, MASKED, YEAR, LEFT_OUT = "full", "masked", "year", "left_out"

MASKED_COLUMNS = frozenset({"name", "id_number", "phone", "phone2"})
YEAR_COLUMNS = frozenset({"birth_date"})
LEFT_OUT_COLUMNS = frozenset({"hukou_address", "notes"})
# A masked printed list never carries ID numbers at all, not even masked.
LEFT_OUT_OF_PRINT = frozenset({"id_number"})


@dataclass(frozen=True)
class Disclosure:
    masked: bool
    columns: tuple[str, ...]  # the columns written, in the chosen order
    treatment: Mapping[str, str]  # column → FULL, MASKED or YEAR
    left_out: tuple[str, ...] = ()  # chosen but not written

    def of(self, key: str) -> str:
        return self.treatment.get(key, LEFT_OUT)

    @property
    def shortened(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if self.treatment[c] == YEAR)


def left_out_columns(*, printed: bool = False) -> frozenset[str]:
    """The columns a masked export (or a masked printed list) never carries: the dialogs
    disable them while masking is on."""
    return LEFT_OUT_COLUMNS | LEFT_OUT_OF_PRINT if printed else LEFT_OUT_COLUMNS


def disclose(columns: Sequence[str], mask: bool, *, printed: bool = False) -> Disclosure:
    """The rule applied to the chosen ``columns`` (duplicates dropped, order kept)."""
    chosen = tuple(dict.fromkeys(columns))
    if not mask:
        return Disclosure(False, chosen, dict.fromkeys(chosen, FULL))
    withheld = left_out_columns(printed=printed)
    treatment: dict[str, str] = {}
    for key in chosen:
        if key in withheld:
            continue
        treatment[key] = (MASKED if key in MASKED_COLUMNS else
                          YEAR if key in YEAR_COLUMNS else FULL)
    return Disclosure(True, tuple(treatment), treatment,
                      tuple(c for c in chosen if c not in treatment))


def masking_rule(*, printed: bool = False) -> str:
    """What masking does, in one sentence for the dialogs (whatever the columns)."""
    if printed:
        return _("Masked list: names and phone numbers are partly hidden, birth dates keep "
                 "only the year, and ID numbers, registered addresses and notes are left out.")
    return _("Masked: names, phone numbers and ID numbers are partly hidden; birth dates keep "
             "only the year (the hidden digits of an ID number are the birth date); registered "
             "addresses and notes are left out.")


def disclosure_notes(disclosure: Disclosure) -> list[str]:
    """What the mask changed among the chosen columns, as sentences for the user (empty when
    nothing was shortened or left out)."""
    from desktop.roster.exporting.columns import column_label

    notes = []
    if disclosure.shortened:
        notes.append(_("Birth dates keep only the year: a masked ID number hides the birth "
                       "date."))
    if disclosure.left_out:
        notes.append(_("Left out because personal data is masked: {columns}.").format(
            columns=", ".join(column_label(c) for c in disclosure.left_out)))
    return notes
