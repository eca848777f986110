"""The minutes PDF, its posted version and the meeting's sign-in sheet, read back with
pdftotext and pdffonts: what a reader of the paper would see."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from sqlalchemy import select

from desktop.core.i18n import set_language
from desktop.core.masking import mask_name
from desktop.core.tasks import TaskContext
from desktop.meetings.actions import ActionDraft, add_action
from desktop.meetings.minutes import (
    post_minutes,
    render_meeting_sign_in,
    render_minutes,
)
from desktop.meetings.service import (
    AttendeeDraft,
    MeetingDraft,
    next_meeting,
    save_agenda_item,
    save_decision,
    save_meeting,
    save_series,
    set_attendees,
)
from desktop.notices.archive import list_notices, load_notice, printed_pdf
from desktop.roster.models import Resident
from desktop.setup.demo import fill_demo

STAFF = AttendeeDraft("王建国", "community", organisation="翠苑一区社区", title="主任",
                      phone="13900001111")
CHAIRMAN = AttendeeDraft("陈志强", "owners_committee", title="业委会主任", phone="13900002222")
MANAGER = AttendeeDraft("刘海波", "property_company", organisation="绿城物业", title="项目经理",
                        attendance="observer", phone="13900003333")
FIREMAN = AttendeeDraft("赵消防", "outside", organisation="消防大队", attendance="excused")
RESIDENT_PHONE = "13712345678"
ID_NUMBER = "330106199003071234"


def _pdf_text(pdf: bytes, tmp_path, name: str = "m.pdf") -> list[str]:
    path = tmp_path / name
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _flat(pages: list[str]) -> str:
    """The text as one run, without the page numbers (— 2 —) that fall inside a paragraph."""
    return re.sub(r"\s+", "", re.sub(r"— \d+ —", "", "".join(pages)))


@pytest.fixture
def roster(db):
    fill_demo(db, 300, TaskContext(), campaigns=False)
    with db.reading() as session:
        names = session.execute(select(Resident.name).where(Resident.deleted.is_(False))
                                .order_by(Resident.name)).scalars().all()
    # Three-character names: their mask (张*明) cannot be read as the name.
    return [n for n in dict.fromkeys(names) if len(n) == 3][:3]


def _meeting(db, roster, items: int = 3) -> tuple[str, str]:
    """Two meetings of a series: the first opens ``items`` items, the second carries them and
    opens one more. Returns (first, second)."""
    resident, representative, mentioned = roster
    with db.unit_of_work("test") as uow:
        series = save_series(uow, "翠苑一区三方联席会议", "tripartite")
        first = save_meeting(uow, MeetingDraft(
            kind="tripartite", title="翠苑一区三方联席会议", starts_at=dt.datetime(2026, 11, 5, 14, 30),
            place="社区二楼会议室", chair="王建国", recorder="李文静", number="〔2026〕第11期",
            series_id=series))
        set_attendees(uow, first, [
            STAFF, CHAIRMAN, MANAGER, FIREMAN,
            AttendeeDraft(resident, "resident", phone=RESIDENT_PHONE),
            AttendeeDraft(representative, "representative", title="居民代表",
                          attendance="absent", phone="13787654321")])
        agenda = save_agenda_item(
            uow, first, "电梯维修资金使用", raised_by=resident,
            discussion=f"{mentioned}反映3幢电梯多次困人，联系电话{RESIDENT_PHONE}，"
                       f"身份证{ID_NUMBER}。\n"
                       "1. 物业提出维修方案\n2. 业委会同意申请维修资金")
        save_decision(uow, first, f"同意使用维修资金更换3幢电梯（{mentioned}提议）",
                      agenda_item_id=agenda, rule="majority_of_members", votes_for=5,
                      votes_against=1, abstentions=1, members=9)
        save_decision(uow, first, "增设非机动车充电桩", agenda_item_id=agenda,
                      rule="simple_majority", votes_for=2, votes_against=3, abstentions=0)
        for n in range(items):
            add_action(uow, ActionDraft(
                problem=f"问题{n + 1:03d}：3幢电梯困人（{mentioned}反映，电话{RESIDENT_PHONE}）",
                responsible="property_company", responsible_unit="绿城物业",
                responsible_person="刘海波", remedy=f"整改措施{n + 1:03d}：更换曳引机",
                due=dt.date(2026, 11, 30)), meeting_id=first)
    with db.unit_of_work("test") as uow:
        second = next_meeting(uow, first, dt.datetime(2026, 12, 5, 14, 30))
        add_action(uow, ActionDraft(problem="新问题：消防通道堵塞", responsible="community",
                                    responsible_person="王建国", due=dt.date(2026, 12, 20)),
                   meeting_id=second)
    return first, second


def test_minutes_show_every_attendee_by_party_every_decision_and_item(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    resident, representative, _mentioned = roster
    with db.reading() as session:
        pages = _pdf_text(render_minutes(session, first), tmp_path)
    text = _flat(pages)
    assert "Number:〔2026〕第11期" in text and "Chair:王建国" in text
    assert "Present(3)" in text and "Observer(1)" in text and "Excused(1)" in text
    assert "Absent(1)" in text
    assert "Community(1):王建国(翠苑一区社区主任)" in text
    assert "Owners'committee(1):陈志强(业委会主任)" in text
    assert "Propertycompany(1):刘海波(绿城物业项目经理)" in text
    assert "Outside(1):赵消防(消防大队)" in text
    assert f"Resident(1):{resident}" in text
    assert f"Representative(1):{representative}(居民代表)" in text
    # Decisions with their counts and verdicts, computed exactly.
    assert "1.同意使用维修资金更换3幢电梯" in text
    assert "Votes:for5,against1,abstentions1." in text
    assert "morethanhalfofallmembersisneeded(5).Passed." in text
    assert "2.增设非机动车充电桩" in text and "Votes:for2,against3,abstentions0." in text
    assert "Notpassed." in text
    for n in range(1, 4):
        assert f"问题{n:03d}" in text and f"整改措施{n:03d}" in text
    assert "绿城物业/刘海波" in text and "2026" in text
    assert "Chair(signature)" in text and "Recorder(signature)" in text
    assert "1.物业提出维修方案" in text  # the discussion, in the office's version
    assert f"电话{RESIDENT_PHONE}" in text  # the office's minutes keep phones
    assert ID_NUMBER not in text and "身份证(withheld)" in text  # never an ID number


def test_carried_items_come_first_in_the_next_minutes(db, roster, tmp_path):
    _first, second = _meeting(db, roster, items=2)
    with db.reading() as session:
        text = _flat(_pdf_text(render_minutes(session, second), tmp_path))
    carried = text.index("Itemscarriedoverfromearliermeetings")
    new = text.index("Itemsopenedatthismeeting")
    assert carried < text.index("问题001") < text.index("问题002") < new
    assert new < text.index("新问题：消防通道堵塞")
    assert "Todo,overdue" in text  # due 30 November, still open on 5 December


def test_action_table_repeats_its_header_on_every_page(db, roster, tmp_path):
    first, _second = _meeting(db, roster, items=60)
    with db.reading() as session:
        pages = _pdf_text(render_minutes(session, first), tmp_path)
    _assert_header_on_every_page(pages)
    with db.reading() as session:  # the table ends the posted version, before 特此公告
        pages = _pdf_text(render_minutes(session, first, posted=True), tmp_path)
    _assert_header_on_every_page(pages)
    assert "问题060" in pages[-1] and "Thisisherebyannounced." in re.sub(r"\s+", "", pages[-1])


def _assert_header_on_every_page(pages: list[str]) -> None:
    table_pages = [p for p in pages if re.search(r"问题\d{3}", p)]
    assert len(table_pages) >= 3
    for page in table_pages:
        flat = re.sub(r"\s+", "", page)
        assert flat.count("Responsibleunit/person") == 1, page  # the header, once a page
        assert "Remedy" in flat and "Due" in flat
        # The header comes before the first row of the page.
        assert flat.index("Responsibleunit/person") < re.search(r"问题\d{3}", flat).start()


def test_headings_go_over_with_the_table_they_head(db, roster, tmp_path):
    """With the page nearly full, the headings above the action table start the next page with
    it rather than standing alone at the foot of this one."""
    _first, second = _meeting(db, roster, items=40)
    for posted in (False, True):
        with db.reading() as session:
            pages = _pdf_text(render_minutes(session, second, posted=posted), tmp_path)
        for title in ("Problems,responsibilitiesandremedies",
                      "Itemscarriedoverfromearliermeetings", "Itemsopenedatthismeeting"):
            [page] = [re.sub(r"\s+", "", p) for p in pages if title in re.sub(r"\s+", "", p)]
            assert "Responsibleunit/person" in page[page.index(title):], (title, posted)


def test_posted_version_has_no_phone_and_no_unmasked_resident(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    resident, representative, mentioned = roster
    with db.reading() as session:
        pages = _pdf_text(render_minutes(session, first, posted=True), tmp_path)
    text = _flat(pages)
    for name in (resident, representative, mentioned):
        assert name not in text
        assert name[0] + "*" + name[-1] in text
    for phone in (RESIDENT_PHONE, "13787654321", "13900001111"):
        assert phone not in text
    assert not re.search(r"1[3-9]\d{9}", text)
    assert "电话(withheld)" in text  # left out where it was written
    assert "****" not in text  # left out, not masked
    # Staff and official parties are named.
    for name in ("王建国", "陈志强", "刘海波", "李文静", "绿城物业"):
        assert name in text
    assert "1.物业提出维修方案" not in text  # the discussion stays in the office
    assert "Thisisherebyannounced." in text
    assert "问题003" in text and "Passed." in text


def test_fonts_are_embedded(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    for posted in (False, True):
        with db.reading() as session:
            pdf = render_minutes(session, first, posted=posted)
        path = tmp_path / f"m{posted}.pdf"
        path.write_bytes(pdf)
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert lines
        for line in lines:
            assert line.split()[-5] == "yes", line  # emb


def test_post_minutes_keeps_the_posted_pdf_as_an_announcement(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    with db.unit_of_work("test") as uow:
        notice_id = post_minutes(uow, first, now=dt.datetime(2026, 11, 6, 9, 0))
    with db.reading() as session:
        kept = printed_pdf(session, notice_id)
        expected = render_minutes(session, first, posted=True)
        spec = load_notice(session, notice_id)
        [row] = [r for r in list_notices(session, dt.date(2026, 11, 6)) if r.id == notice_id]
    assert kept == expected
    assert row.status == "posted" and row.kind == "announcement" and spec.mask
    assert RESIDENT_PHONE not in spec.body and roster[0] not in spec.body
    assert "同意使用维修资金更换3幢电梯" in spec.body


def test_minutes_of_a_deleted_meeting_is_refused_and_nothing_posted(db, roster):
    from desktop.core.errors import ValidationError
    from desktop.meetings.service import delete_meeting

    first, _second = _meeting(db, roster)
    with db.unit_of_work("test") as uow:
        delete_meeting(uow, first)
    with db.reading() as session:
        before = list_notices(session, dt.date(2026, 11, 6))
    with pytest.raises(ValidationError), db.unit_of_work("test") as uow:
        post_minutes(uow, first)
    with db.reading() as session:
        assert list_notices(session, dt.date(2026, 11, 6)) == before


def test_attendee_deleted_from_roster_keeps_the_name(db, roster, tmp_path):
    with db.reading() as session:
        person = session.execute(select(Resident).where(Resident.name == roster[0])).scalars()\
            .first()
        resident_id = person.id
    with db.unit_of_work("test") as uow:
        meeting = save_meeting(uow, MeetingDraft(kind="consultation", title="红茶议事会",
                                                 starts_at=dt.datetime(2026, 11, 8, 9, 0)))
        set_attendees(uow, meeting, [AttendeeDraft(roster[0], "resident",
                                                   resident_id=resident_id)])
    with db.unit_of_work("test") as uow:
        uow.session.get(Resident, resident_id).deleted = True
    with db.reading() as session:
        text = _flat(_pdf_text(render_minutes(session, meeting), tmp_path))
    assert f"Resident(1):{roster[0]}" in text


def test_sign_in_sheet_lists_the_people_by_party(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    with db.reading() as session:
        text = _flat(_pdf_text(render_meeting_sign_in(session, first), tmp_path))
    order = [text.index(w) for w in ("Community翠苑一区社区主任", "Owners'committee",
                                     "Propertycompany绿城物业", "Resident", "Outside消防大队")]
    assert order == sorted(order)
    # Staff and official parties are named; residents and representatives are masked.
    assert "王建国" in text and "139****1111" in text and "13900001111" not in text
    resident, representative, _mentioned = roster
    for name in (resident, representative):
        assert name not in text and mask_name(name) in text
    assert "Signature" in text


def test_chinese_minutes_use_official_headings(db, roster, tmp_path):
    first, _second = _meeting(db, roster)
    set_language("zh_Hans")
    with db.reading() as session:
        text = _flat(_pdf_text(render_minutes(session, first), tmp_path))
    assert "一、" in text and "四、" in text and "王建国、" not in text  # one per party
    assert "2026年11月5日" in text
