"""The notice archive: drafts, posting with the printed PDF and its hash, status over time."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.errors import ValidationError
from desktop.notices.archive import (
    known_names,
    list_notices,
    load_notice,
    post_notice,
    printed_pdf,
    save_notice,
    withdraw_notice,
)
from desktop.notices.models import NoticePrint
from desktop.notices.spec import NoticeSpec

TODAY = dt.date(2026, 11, 23)


def disclosure(**changes) -> NoticeSpec:
    values = dict(kind="disclosure", title="关于2026年度低保对象名单的公示",
                  body="经审核，以下家庭符合条件。", issuing_body="翠苑一区社区居民委员会",
                  issued_on=TODAY, posted_from=TODAY, posted_until=TODAY + dt.timedelta(days=7),
                  objection="如有异议，请于公示期内向社区居委会反映。", contact_phone="0571-88001234",
                  attachments=("名单",))
    values.update(changes)
    return NoticeSpec(**values)


def test_a_draft_is_saved_loaded_and_listed(db):
    with db.unit_of_work("王社工") as uow:
        notice_id = save_notice(uow, disclosure())
    with db.reading() as session:
        assert load_notice(session, notice_id) == disclosure()
        [row] = list_notices(session, TODAY)
    assert (row.status, row.printed_at, row.sha256) == ("draft", None, None)


def test_posting_keeps_the_exact_pdf_and_statuses_follow_the_dates(db):
    pdf = b"%PDF-1.4 the bytes that went to the printer"
    with db.unit_of_work("王社工") as uow:
        notice_id = save_notice(uow, disclosure())
        record = post_notice(uow, notice_id, pdf, now=dt.datetime(2026, 11, 23, 9, 30))
    with db.reading() as session:
        assert printed_pdf(session, notice_id) == pdf
        [row] = list_notices(session, TODAY)
        assert (row.status, row.sha256) == ("posted", record.sha256)
        assert not row.expires_soon(TODAY)
        assert row.expires_soon(TODAY + dt.timedelta(days=5))
        [later] = list_notices(session, TODAY + dt.timedelta(days=8))
    assert later.status == "expired"
    with db.unit_of_work("王社工") as uow:
        withdraw_notice(uow, notice_id)
    with db.reading() as session:
        assert list_notices(session, TODAY)[0].status == "withdrawn"
        assert printed_pdf(session, notice_id) == pdf  # the archive keeps what was posted


def test_a_kept_pdf_changed_afterwards_is_detected(db):
    with db.unit_of_work("王社工") as uow:
        notice_id = save_notice(uow, disclosure())
        post_notice(uow, notice_id, b"%PDF-1.4 original")
        record = uow.session.query(NoticePrint).one()
        record.pdf = b"%PDF-1.4 forged"
    with db.reading() as session, pytest.raises(ValidationError, match="fingerprint"):
        printed_pdf(session, notice_id)


def test_bad_input_changes_nothing(db):
    with pytest.raises(ValidationError), db.unit_of_work("王社工") as uow:
        save_notice(uow, disclosure(title="  "))
    with pytest.raises(ValidationError), db.unit_of_work("王社工") as uow:
        notice_id = save_notice(uow, disclosure())
        post_notice(uow, notice_id, b"not a pdf")
    with db.reading() as session:
        assert list_notices(session, TODAY) == []


def test_known_names_come_from_the_roster(db):
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=50)
    with db.reading() as session:
        names = known_names(session)
    assert len(names) > 30 and all(len(name) >= 2 for name in names)


def test_the_demo_community_has_a_notice_in_every_state(db):
    from desktop.notices.demo import add_demo_notices
    from desktop.roster.demo import generate_demo

    generate_demo(db, residents=50)
    assert add_demo_notices(db, today=TODAY) == 4
    with db.reading() as session:
        rows = list_notices(session, TODAY)
        statuses = sorted(row.status for row in rows)
        assert statuses == ["draft", "expired", "posted", "posted"]
        assert sum(row.expires_soon(TODAY) for row in rows) == 1
        for row in rows:
            if row.status != "draft":
                assert printed_pdf(session, row.id).startswith(b"%PDF-")
