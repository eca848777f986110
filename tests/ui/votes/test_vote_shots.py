"""Pictures of the Owners' votes page mid-collection — the margin sentence in large words, a
ballot just typed — at the smallest window users have (910×512), in 简体, 繁體 and English,
with the layout check (nothing cut, nothing off the edge). Saved to ``LINLI_VOTE_SHOTS``
(default /tmp/shots) as votes_page_<language>.png, to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from tests.ui.layout_check import layout_problems
from tests.ui.test_layout_small_screen import (  # noqa: F401 - fixtures used by name
    app_fonts,
    demo_folder,
    open_small_window,
    show_view,
)
from tests.ui.votes.vote_data import cast, make_vote

SHOTS = Path(os.environ.get("LINLI_VOTE_SHOTS", "/tmp/shots"))
SIZE = (910, 512)


def _picture(window, name: str, language: str) -> tuple[Path, list[str]]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"votes_{name}_{language}.png"
    window.grab().save(str(path))
    return path, [f"{name}: {p}" for p in layout_problems(window)]


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_vote_page_mid_collection_nothing_cut(qtbot, demo_folder, tmp_path, runner,  # noqa: F811
                                              app_fonts, language):  # noqa: F811
    window, db = open_small_window(qtbot, demo_folder, tmp_path, runner, language, app_fonts,
                                   size=SIZE)
    try:
        vote_id = make_vote(db)
        cast(db, vote_id, share=0.6)
        page = show_view(window, runner, "votes", 0)
        tab = page.votes
        tab.load(vote_id)
        view = tab.view
        row = next(r for r in view.electors if r.opinion is None and not r.excluded)
        view.entry.code.setFocus()
        qtbot.keyClicks(view.entry.code, row.code)
        qtbot.keyClick(view.entry.code, Qt.Key.Key_Return)
        qtbot.keyClick(view.entry.pad, Qt.Key.Key_1)
        assert runner.wait_idle(30)
        qtbot.wait(20)
        assert view.tally_view.margin.text()
        pictures, problems = [], []
        for name, index in (("page", 0), ("ballots", 1), ("outstanding", 2), ("matter", 3)):
            view.views.setCurrentIndex(index)
            qtbot.wait(20)
            path, found = _picture(window, name, language)
            pictures.append(path)
            problems += found
        view.views.setCurrentIndex(0)
        view.count_scroll.ensureWidgetVisible(view.tally_view, 0, 0)
        qtbot.wait(20)
        path, found = _picture(window, "tally", language)
        pictures.append(path)
        problems += found
        page_scroll = page.findChild(QScrollArea, "pageScroll")
        if page_scroll.verticalScrollBar().maximum() > 0:
            problems.append("the page scrolls")
        dialog = tab.new_vote()
        qtbot.wait(20)
        for index, name in ((0, "new_vote"), (1, "new_vote_scope")):
            dialog.pages.setCurrentIndex(index)
            qtbot.wait(10)
            path = SHOTS / f"votes_{name}_{language}.png"
            dialog.grab().save(str(path))
            pictures.append(path)
            problems += [f"{name}: {p}" for p in layout_problems(dialog)]
        dialog.reject()
        share = tab.share_cost()
        share.amount.setText("700000")
        share.compute()
        revisit = None
        for name, shown in (("share", share), ("revisit", None)):
            if shown is None:
                shown = revisit = tab.revisit()
            qtbot.wait(10)
            path = SHOTS / f"votes_{name}_{language}.png"
            shown.grab().save(str(path))
            pictures.append(path)
            problems += [f"{name}: {p}" for p in layout_problems(shown)]
        share.reject()
        revisit.reject()
        tab.close_count(confirm=False)
        runner.wait_idle(30)
        view.count_scroll.verticalScrollBar().setValue(0)
        qtbot.wait(20)
        path, found = _picture(window, "closed", language)
        pictures.append(path)
        problems += found
        page.show_register()
        runner.wait_idle(30)
        qtbot.wait(20)
        path, found = _picture(window, "register", language)  # the register's tab, in place
        pictures.append(path)
        problems += found
        assert problems == [], "\n".join(problems)
        assert all(p.stat().st_size > 5_000 for p in pictures)  # not blank
    finally:
        window.hide()
        runner.wait_idle(30)
        db.close()
