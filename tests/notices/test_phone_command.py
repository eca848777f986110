"""``linli notice image`` masks the residents of the data folder's roster, keeps the office's
contacts of its settings, and puts the community's name at the foot: the same image the API
draws with the same names (what the window will copy)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from desktop.notices.phone import notice_layout, render_notice_image
from desktop.notices.spec import NoticeSpec


def test_the_command_masks_the_rosters_names_and_names_the_community(tmp_path, db, data_dir):
    from desktop.cli import main
    from desktop.notices.archive import known_names
    from desktop.notices.cli import office_contacts
    from desktop.roster.community import current_community
    from desktop.roster.demo import generate_demo
    from desktop.roster.models import Resident

    generate_demo(db, residents=40)
    with db.reading() as session:
        resident = min(n for n in session.execute(select(Resident.name)).scalars()
                       if len(n) == 3)
        names = known_names(session)
        community = current_community(session).name
    data = {"kind": "notice", "title": "停水通知", "issuing_body": "翠苑社区",
            "issued_on": "2026-11-22", "body": f"请{resident}于明日到社区领取水桶。"}
    spec_path = tmp_path / "n.json"
    spec_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "n.png"
    assert main(["notice", "image", str(spec_path), "--out", str(out),
                 "--data-dir", str(data_dir.root)]) == 0
    spec = NoticeSpec.from_json(data)
    kw = {"office": office_contacts(str(data_dir.root)), "community": community,
          "today": dt.date.today()}
    assert out.read_bytes() == render_notice_image(spec, known_names=names, **kw)[0]
    assert out.read_bytes() != render_notice_image(spec, **kw)[0]
    layout = notice_layout(spec, known_names=names, **kw)
    assert resident not in layout.text and community in layout.text
