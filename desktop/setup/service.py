"""Setting up a data folder: one Qt-free service for the window's first-run dialog and for
``linli setup``. Either the office's own community (the dialog's four answers), or a volunteer's
laptop started from the office's bundle (this device's name and the operator's; the community
comes from the bundle). A refusal changes nothing in the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import LinliError, ValidationError
from desktop.core.i18n import _
from desktop.core.settings import Settings
from desktop.roster.community import (
    CommunitySummary,
    SetupAnswers,
    current_community,
    save_device_only,
    save_setup,
    validate_setup,
)
from desktop.storage.database import Database
from desktop.storage.device import device_name, rename_device
from desktop.storage.engine import writing

log = logging.getLogger(__name__)

DEVICE_FIELDS = ("device_name", "operator")


class SetupProblems(ValidationError):
    """Answers that cannot be saved: field name → translated problem, all of them at once."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(message, field=field)
        self.problems = problems


class AlreadySetUp(LinliError):
    """The folder already serves a community: setting it up again would make a second one."""

    def __init__(self, community: CommunitySummary, folder: Path) -> None:
        super().__init__(_(
            "{folder} is already set up for {community}; nothing was changed. Change the names "
            "in Settings, or choose another folder with --data-dir."
        ).format(folder=folder, community=community.name))
        self.community = community


@dataclass(frozen=True)
class SetupDone:
    community: CommunitySummary
    from_bundle: bool
    # The remembered operator could not be saved (the settings file); the setup itself is done.
    settings_problem: LinliError | None = None


def device_problems(answers: SetupAnswers) -> dict[str, str]:
    """What is wrong with this device's name and the operator's (all a laptop needs)."""
    return {k: v for k, v in validate_setup(answers).items() if k in DEVICE_FIELDS}


def _refuse_if_set_up(db: Database) -> None:
    with db.reading() as session:
        community = current_community(session)
    if community is not None:
        raise AlreadySetUp(community, db.path.parent)


def set_up_community(db: Database, settings: Settings, answers: SetupAnswers) -> SetupDone:
    """The office's own community, this device's name, the operator remembered."""
    problems = validate_setup(answers)
    if problems:
        raise SetupProblems(problems)
    _refuse_if_set_up(db)
    with db.unit_of_work(answers.operator.strip()) as uow:
        save_setup(uow, answers)
        community = current_community(uow.session)
    db.refresh_identity()
    log.info("set up a community")
    return SetupDone(community, False, _remember_operator(settings, answers.operator))


def check_bundle_answers(db: Database, answers: SetupAnswers) -> None:
    """Before the file and passphrase are asked for: the names a laptop needs, and a folder
    that is not set up yet."""
    problems = device_problems(answers)
    if problems:
        raise SetupProblems(problems)
    _refuse_if_set_up(db)


def set_up_from_bundle(db: Database, settings: Settings, answers: SetupAnswers, path: Path,
                       passphrase: str) -> SetupDone:
    """Name this device and import the office's bundle, its signer trusted (the user compared
    the fingerprint, or handed the file over in person). Any refusal — wrong passphrase, a
    damaged file, a bundle without a community — leaves the database as it was."""
    from desktop.sync.transfer import import_bundle, open_incoming

    check_bundle_answers(db, answers)
    incoming = open_incoming(db, Path(path), passphrase)  # the passphrase checked; no writes
    counts = incoming.preview.per_table.get("community")
    if counts is None or not counts.new:
        raise LinliError(_("The bundle {file} holds no community; ask the office for a bundle "
                           "of its places.").format(file=Path(path).name))
    with db.reading() as session:
        old_name = device_name(session.connection())
    with db.unit_of_work(answers.operator.strip()) as uow:
        save_device_only(uow, answers)
    db.refresh_identity()
    try:
        import_bundle(db, Path(path), passphrase, trust_signer=True)
    except BaseException:
        with writing(db.engine) as conn:  # the name back as it was: nothing was imported
            rename_device(conn, old_name)
        db.refresh_identity()
        raise
    _volunteer_laptop(db)
    with db.reading() as session:
        community = current_community(session)
    log.info("set up from a bundle")
    return SetupDone(community, True, _remember_operator(settings, answers.operator))


def _volunteer_laptop(db: Database) -> None:
    """A copy made from a volunteer's bundle (some places, or ID numbers left out) is a
    volunteer's laptop: whoever set it up signs in as a volunteer there (no spreadsheets, no
    unmasked lists). A copy of everything (another office PC) keeps its office operator."""
    from desktop.core.access import Actor, Role
    from desktop.security.tables import Operator
    from desktop.sync.exchange.reading import is_volunteer_copy

    if not db.actor.signed_in or not is_volunteer_copy(db):
        return
    with db.unit_of_work(db.actor.name) as uow:
        row = uow.session.get(Operator, db.actor.name)
        if row is not None:
            row.role = Role.VOLUNTEER.value
    db.actor = Actor(db.actor.name, Role.VOLUNTEER, signed_in=True)


def _remember_operator(settings: Settings, operator: str) -> LinliError | None:
    try:
        settings.set("operator", operator.strip())
        settings.save()
    except LinliError as exc:
        return exc
    return None
