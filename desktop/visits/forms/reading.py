"""The visits page's reads of survey forms: each opens one short read session on the
``Database`` and returns plain data (``FormSummary`` rows, a ``Form``), never an ORM object."""

from __future__ import annotations

from desktop.storage.database import Database
from desktop.visits.forms.model import Form
from desktop.visits.forms.service import FormSummary, list_forms, load_form


def form_rows(db: Database, include_archived: bool = False) -> list[FormSummary]:
    with db.reading() as session:
        return list_forms(session, include_archived)


def form_definition(db: Database, form_id: str) -> Form:
    """The current version of a form (a ValidationError when it is gone)."""
    with db.reading() as session:
        return load_form(session, form_id)
