from sqlalchemy import func, select

from desktop.roster.models import Tag
from desktop.roster.tags import builtin_tag_id, ensure_builtin_tags


def test_builtin_tags_have_the_same_id_on_every_device(tmp_path):
    from desktop.core.paths import DataDir
    from desktop.storage.lifecycle import open_database

    ids = []
    for name in ("office", "laptop"):
        db = open_database(DataDir(tmp_path / name).prepare())
        with db.unit_of_work("x") as uow:
            ids.append(ensure_builtin_tags(uow))
        db.close()
    assert ids[0] == ids[1]
    assert ids[0]["party_member"] == builtin_tag_id("party_member")


def test_ensuring_twice_creates_nothing_new(db):
    with db.unit_of_work("x") as uow:
        first = ensure_builtin_tags(uow)
    with db.unit_of_work("x") as uow:
        ensure_builtin_tags(uow)
    assert not uow.changes
    with db.reading() as s:
        assert s.execute(select(func.count()).select_from(Tag)).scalar() == len(first)
