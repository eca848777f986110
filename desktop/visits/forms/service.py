"""Stored survey forms: list them, open one, save an edit (a new version when the current one
has answers), copy one, take one out of the list, and bring in an XLSForm.

Services get a unit of work (``uow``) for writes and a session for reads, and return plain
data. A form is checked before it is stored (``checks.check_form``): a form with an error is
refused with the first error, naming its question and column, and nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _
from desktop.storage.database import UnitOfWork
from desktop.storage.records import synced_tables
from desktop.visits.forms.model import (
    NOTE,
    Form,
    Text,
    from_data,
    language_among,
    language_fallbacks,
    to_data,
)
from desktop.visits.forms.problems import Problem, errors
from desktop.visits.forms.tables import FormRecord, FormVersion


@dataclass(frozen=True)
class FormSummary:
    id: str
    form_key: str
    title: str
    source: str  # tables.SOURCES
    archived: bool
    version_id: str
    number: int  # of the current version
    version: str
    questions: int
    languages: tuple[str, ...]
    titles: Text  # the title in each language the form carries

    def title_in(self, app_language: str) -> str:
        """The title in the app's language where the form has it, else the stored one."""
        language = language_among(self.languages, app_language)
        return (self.titles.by_language.get(language) if language else None) or self.title


@dataclass(frozen=True)
class SavedForm:
    form_id: str
    version_id: str
    number: int
    new_version: bool  # the edit made a new version (the old one has answers)


class FormRefused(ValidationError):
    """A form that cannot be stored: ``problems`` says every reason, by row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        first = errors(problems)[0] if errors(problems) else problems[0]
        super().__init__(describe(first), field=first.question or first.column)
        self.problems = problems


def describe(problem: Problem) -> str:
    """A problem as one line: where, then what."""
    where = []
    if problem.row is not None:
        where.append(_("row {row}").format(row=problem.row))
    if problem.column:
        where.append(_("column {column}").format(column=problem.column))
    if problem.question and problem.row is None:
        where.append(_("question {name}").format(name=problem.question))
    if not where:
        return problem.message
    return _("{where}: {message}").format(where=_(", ").join(where), message=problem.message)


def question_count(form: Form) -> int:
    """Questions as the import report counts them: every question but notes (calculations
    and metadata fields count; groups and repeats are not questions)."""
    return sum(1 for _path, q in form.questions() if q.type != NOTE)


def _current_versions(session: Session):
    newest = (select(FormVersion.form_id, func.max(FormVersion.number).label("number"))
              .where(FormVersion.deleted.is_(False)).group_by(FormVersion.form_id).subquery())
    return (select(FormVersion)
            .join(newest, (newest.c.form_id == FormVersion.form_id)
                  & (newest.c.number == FormVersion.number))
            .where(FormVersion.deleted.is_(False)))


def list_forms(session: Session, include_archived: bool = False) -> list[FormSummary]:
    versions = {v.form_id: v for v in session.execute(_current_versions(session)).scalars()}
    query = select(FormRecord).where(FormRecord.deleted.is_(False))
    if not include_archived:
        query = query.where(FormRecord.archived.is_(False))
    out = []
    for record in session.execute(query.order_by(FormRecord.title)).scalars():
        version = versions.get(record.id)
        if version is None:
            continue  # its versions have not arrived yet (a bundle in two parts)
        form = from_data(json.loads(version.definition))
        out.append(FormSummary(record.id, record.form_key, record.title, record.source,
                               record.archived, version.id, version.number, version.version,
                               question_count(form), form.languages, form.title))
    return out


def _record(session: Session, form_id: str) -> FormRecord:
    record = session.get(FormRecord, form_id)
    if record is None or record.deleted:
        raise ValidationError(_("This form no longer exists."), field="form")
    return record


def current_version(session: Session, form_id: str) -> FormVersion:
    _record(session, form_id)
    version = session.execute(_current_versions(session).where(
        FormVersion.form_id == form_id)).scalars().first()
    if version is None:
        raise ValidationError(_("This form has no version yet."), field="form")
    return version


def load_form(session: Session, form_id: str) -> Form:
    return from_data(json.loads(current_version(session, form_id).definition))


def load_version(session: Session, version_id: str) -> Form:
    """The form exactly as a version has it (what an answer made with it was asked)."""
    version = session.get(FormVersion, version_id)
    if version is None:
        raise ValidationError(_("This form version is not in this copy."), field="form")
    return from_data(json.loads(version.definition))


def version_in_use(session: Session, version_id: str) -> bool:
    """Whether any row of any synced table points at this version (an answer, a campaign):
    found from the schema, so the tables that come later count without naming them here."""
    for table_class in synced_tables().values():
        table = table_class.__table__
        for column in table.columns:
            if any(fk.column.table.name == FormVersion.__tablename__
                   for fk in column.foreign_keys):
                found = session.execute(select(column).where(
                    column == version_id, table.c.deleted.is_(False)).limit(1)).first()
                if found is not None:
                    return True
    return False


def check(form: Form) -> list[Problem]:
    """Every problem of a form before it is stored (checks are imported when first needed:
    the expression parser is not part of opening the app)."""
    from desktop.visits.forms.checks import check_form

    problems = []
    if not form.title:
        problems.append(Problem(_("The form has no title."), column="title"))
    if not form.questions():
        problems.append(Problem(_("The form has no questions."), column="survey"))
    return problems + check_form(form)


def read_xlsform(data: bytes, file_name: str):
    """An XLSForm read and checked as every way in does it (the window, ``linli form
    import``): pyxform's problems, then our checks of the form it gives. Nothing is stored."""
    from desktop.visits.forms.xlsform import import_xlsform

    result = import_xlsform(data, file_name)
    if result.form is not None:
        result = replace(result, problems=[*result.problems, *check(result.form)])
    return result


def _title(form: Form) -> str:
    return form.title.get(form.default_language, language_fallbacks(form))[:200]


def _free_key(session: Session, wanted: str, own_id: str | None = None) -> str:
    taken = set(session.execute(select(FormRecord.form_key).where(
        FormRecord.deleted.is_(False), FormRecord.id != (own_id or ""))).scalars())
    key, n = wanted or "form", 2
    while key in taken:
        key, n = f"{wanted}_{n}", n + 1
    return key


def save_form(uow: UnitOfWork, form: Form, form_id: str | None = None, *,
              source: str = "builder", file_name: str = "") -> SavedForm:
    """Store a new form, or an edit of one: in place while nobody has answered its current
    version, else as a new version (the answers keep theirs)."""
    problems = check(form)
    if errors(problems):
        raise FormRefused(problems)
    session = uow.session
    definition = json.dumps(to_data(form), ensure_ascii=False)
    if form_id is None:
        record = FormRecord(form_key=_free_key(session, form.form_id), title=_title(form),
                            source=source)
        session.add(record)
        session.flush()
        version = FormVersion(form_id=record.id, number=1, version=form.version,
                              definition=definition, file_name=file_name)
        session.add(version)
        session.flush()
        return SavedForm(record.id, version.id, 1, new_version=True)
    record = _record(session, form_id)
    record.title = _title(form)
    current = current_version(session, form_id)
    if current.definition == definition:
        return SavedForm(form_id, current.id, current.number, new_version=False)
    if not version_in_use(session, current.id):
        current.definition, current.version = definition, form.version
        session.flush()
        return SavedForm(form_id, current.id, current.number, new_version=False)
    version = FormVersion(form_id=form_id, number=current.number + 1, version=form.version,
                          definition=definition, file_name=file_name)
    session.add(version)
    session.flush()
    return SavedForm(form_id, version.id, version.number, new_version=True)


def copy_form(uow: UnitOfWork, form: Form, title: str, language: str | None = None, *,
              source: str = "builder") -> SavedForm:
    """A new form from ``form`` (a template or another form) under the title the person typed:
    in the language they typed it in and in the form's default language (the one the list
    shows), so the copy is found under that title; the other languages keep theirs until
    edited."""
    titles = dict(form.title.by_language)
    keys = {language, form.default_language} - {None, ""}
    for key in keys or {next(iter(titles), "default")}:
        titles[key] = title
    return save_form(uow, replace(form, title=Text(titles), version=""), source=source)


def set_archived(uow: UnitOfWork, form_id: str, archived: bool = True) -> None:
    _record(uow.session, form_id).archived = archived
    uow.session.flush()


def form_by_key(session: Session, form_key: str) -> str | None:
    """The listed form with this form id (an XLSForm brought in again updates it)."""
    return session.execute(select(FormRecord.id).where(
        FormRecord.deleted.is_(False), FormRecord.form_key == form_key)
        .order_by(FormRecord.created_hlc).limit(1)).scalar()


def find_form(session: Session, name: str) -> str:
    """The form called ``name`` (its form id or its title), for the command line."""
    found = session.execute(select(FormRecord.id).where(
        FormRecord.deleted.is_(False),
        (FormRecord.form_key == name) | (FormRecord.title == name) | (FormRecord.id == name)
    )).scalars().all()
    if not found:
        raise ValidationError(_("There is no form named {name}.").format(name=name),
                              field="form")
    if len(found) > 1:
        raise ValidationError(_("Several forms are named {name}; give its form id instead.")
                              .format(name=name), field="form")
    return found[0]
