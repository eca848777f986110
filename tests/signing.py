"""Opening a test's data folder as its operator: folders set up by ``linli setup`` are
protected (encrypted, with key slots), and the tests sign in with the suite's password."""

from __future__ import annotations

from desktop.core.paths import DataDir
from tests.conftest import TEST_PASSWORD


def open_as_operator(data_dir: DataDir, operator: str | None = None, **options):
    """The folder's database: signed in when protected (the first operator by default),
    else opened as it is."""
    from desktop.security.opening import (
        FolderState,
        folder_state,
        open_signed_in,
        slot_operators,
    )
    from desktop.storage.lifecycle import open_database

    if folder_state(data_dir) is not FolderState.PROTECTED:
        return open_database(data_dir, **options)
    name = operator or slot_operators(data_dir)[0]
    return open_signed_in(data_dir, name, TEST_PASSWORD, **options)


def set_up_protected(root, community: str, device: str, operator: str = "王小红") -> DataDir:
    """A data folder as ``linli setup`` leaves it: protected with the suite's password (the
    window signs in through LINLI_PASSWORD), the community saved."""
    from desktop.roster.community import SetupAnswers, save_setup
    from desktop.security.opening import protect_folder

    data_dir = DataDir(root).prepare()
    db, _code = protect_folder(data_dir, operator, TEST_PASSWORD, device_name=device)
    try:
        with db.unit_of_work(operator) as uow:
            save_setup(uow, SetupAnswers(community, "", device, operator))
    finally:
        db.close()
    return data_dir
