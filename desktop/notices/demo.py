"""Notices for the demo community: one posted 公示 with its printed PDF, a 通知 that expires
soon, an expired 公告 and a draft, so the notices page shows every state on first opening.

The texts are Chinese whatever the window's language: they are what an office would post.
"""

from __future__ import annotations

import datetime as dt

from desktop.notices.archive import known_names, post_notice, save_notice
from desktop.notices.render import render_notice
from desktop.notices.spec import NoticeSpec
from desktop.roster.community import current_community
from desktop.storage.database import Database

_DISCLOSURE_BODY = """经社区居委会入户调查、民主评议，街道审核，现将2026年度最低生活保障复核结果公示如下：
一、复核结果
（一）继续享受低保待遇的家庭共12户，名单见附件。
（二）因家庭收入变化不再符合条件的家庭共2户。
二、其他说明
居民如对名单有异议，可在公示期内实名反映，社区将在3个工作日内核实并答复。"""

_WATER_BODY = """因市政供水管网改造，11月28日（星期五）8:00至17:00小区停止供水。
一、请各户提前储水，关好水龙头，避免来水时跑水。
二、高层住户来水初期水压较低，属正常现象。
如有特殊困难（独居老人、行动不便等），请联系所在网格员，社区将协助送水。"""

_LIFT_BODY = """根据《中华人民共和国民法典》第二百七十八条，3幢业主于10月20日至10月31日就加装电梯事项进行了书面表决。
一、表决情况
3幢共有业主36户，专有部分面积合计3120.5平方米，参与表决36户。
二、表决结果
同意34户，占参与表决人数的94.4%，占参与表决专有面积的95.1%，达到法定要求。"""

_FIRE_BODY = """为做好冬季消防安全工作，社区将于12月上旬联合物业开展入户检查。
一、检查内容
1. 电动自行车是否入户充电；
2. 楼道是否堆放杂物；
3. 燃气软管是否老化。
二、请各户配合检查人员工作。"""


def add_demo_notices(db: Database, today: dt.date | None = None) -> int:
    """Add the demo notices; returns how many."""
    today = today or dt.date.today()
    day = dt.timedelta(days=1)
    with db.reading() as session:
        community = current_community(session)
        names = known_names(session)
    issuer = (community.issuing_body or community.name) if community else "社区居民委员会"
    notices = [
        (NoticeSpec("disclosure", "关于2026年度最低生活保障复核结果的公示", _DISCLOSURE_BODY,
                    issuer, today - 2 * day, posted_from=today - 2 * day,
                    posted_until=today + 5 * day,
                    objection="如有异议，请于公示期内以书面形式向社区居委会反映。",
                    contact_phone="0571-88886666", attachments=("低保复核家庭名单",)), True),
        (NoticeSpec("notice", "关于11月28日小区停水的通知", _WATER_BODY, issuer, today - day,
                    posted_from=today - day, posted_until=today + 2 * day), True),
        (NoticeSpec("announcement", "关于3幢加装电梯表决结果的公告", _LIFT_BODY, issuer,
                    today - 20 * day, posted_from=today - 20 * day,
                    posted_until=today - 10 * day), True),
        (NoticeSpec("notice", "关于开展冬季消防安全入户检查的通知", _FIRE_BODY, issuer, today),
         False),
    ]
    with db.unit_of_work("演示数据") as uow:
        for spec, posted in notices:
            notice_id = save_notice(uow, spec)
            if posted:
                post_notice(uow, notice_id, render_notice(spec, known_names=names),
                            now=dt.datetime.combine(spec.issued_on, dt.time(9, 0)))
    return len(notices)
