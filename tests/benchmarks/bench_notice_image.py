"""A notice as an image for a phone.

notice_image_ms   a one-screen 公示 drawn to PNG bytes for a phone (masking, layout, drawing and
                  compression), font already loaded (median of 20 after a warm-up)
notice_image_kb   the size of that PNG (a chat wants well under 300 KB)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from bench_printing import BODY
from run import benchmark, figure


@benchmark("notice_image", figures=("notice_image_ms", "notice_image_kb"))
def bench_notice_image(args) -> list[dict]:
    from desktop.core.i18n import set_language
    from desktop.notices.phone import render_notice_image
    from desktop.notices.spec import NoticeSpec

    set_language("zh_Hans")
    day = dt.date(2026, 11, 23)
    spec = NoticeSpec(kind="disclosure", title="关于2026年度最低生活保障申请人员的公示",
                      body=BODY, issuing_body="翠苑一区社区居民委员会", issued_on=day,
                      posted_from=day, posted_until=dt.date(2026, 11, 30),
                      objection="如有异议，请在公示期内以书面形式向社区居委会反映。",
                      contact_phone="0571-88886666")
    kw = {"known_names": ["张三明", "李小红"], "community": "翠苑一区社区", "today": day}
    [png] = render_notice_image(spec, **kw)  # warm-up: the font loaded
    samples = []
    for _ in range(20):
        start = time.perf_counter()
        [png] = render_notice_image(spec, **kw)
        samples.append((time.perf_counter() - start) * 1000)
    return [figure("notice_image_ms", statistics.median(samples), "ms", samples),
            figure("notice_image_kb", len(png) / 1024, "KB")]
