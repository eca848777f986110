"""Printed output.

notice_render_ms   a one-page 公示 rendered to PDF bytes, fonts already loaded (median of 20
                   after a warm-up render)
notice_pdf_kb      the size of that PDF
roster_pdf_10k_s   the 花名册 of a 10,000-resident demo community: every living resident,
                   default columns, masked, grouped by building (median of --repeat, ≥ 3)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from run import benchmark, dataset, figure

BODY = """经社区居委会研究，现将2026年度最低生活保障申请人员情况公示如下：
一、申请人员
1. 张三明，3幢2单元501，家庭人口3人，联系电话13812345678。
2. 李小红，5幢1单元302，家庭人口2人。
二、公示说明
居民如对上述人员有异议，请在公示期内向社区居委会反映。"""


@benchmark("printing", figures=("notice_render_ms", "notice_pdf_kb", "roster_pdf_10k_s"))
def bench_printing(args) -> list[dict]:
    from desktop.core.i18n import set_language
    from desktop.notices.render import render_notice
    from desktop.notices.spec import NoticeSpec
    from desktop.roster.printing.lists import RosterListOptions, render_roster_list
    from desktop.storage.lifecycle import open_database

    set_language("zh_Hans")
    spec = NoticeSpec(kind="disclosure", title="关于2026年度最低生活保障申请人员的公示",
                      body=BODY, issuing_body="翠苑一区社区居民委员会",
                      issued_on=dt.date(2026, 11, 23), posted_from=dt.date(2026, 11, 23),
                      posted_until=dt.date(2026, 11, 30),
                      objection="如有异议，请在公示期内以书面形式向社区居委会反映。",
                      contact_phone="0571-88886666")
    names = ["张三明", "李小红"]
    pdf = render_notice(spec, known_names=names)  # warm-up: fonts loaded
    samples = []
    for _ in range(20):
        start = time.perf_counter()
        pdf = render_notice(spec, known_names=names)
        samples.append((time.perf_counter() - start) * 1000)
    figures = [figure("notice_render_ms", statistics.median(samples), "ms", samples),
               figure("notice_pdf_kb", len(pdf) / 1024, "KB")]
    db = open_database(dataset(10_000))
    roster = []
    try:
        for _ in range(max(3, args.repeat)):
            with db.reading() as session:
                start = time.perf_counter()
                render_roster_list(session, RosterListOptions())
                roster.append(time.perf_counter() - start)
    finally:
        db.close()
    figures.append(figure("roster_pdf_10k_s", statistics.median(roster), "s", roster))
    return figures
