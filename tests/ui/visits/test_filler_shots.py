"""Pictures of the filler to look at, at 100 % and 150 % UI scale, in 简体 and English, with
the layout check (nothing cut or off the edge) at the smallest window users have.

Each picture is taken in a fresh process, since QT_SCALE_FACTOR is read when Qt starts:

    python -m tests.ui.visits.test_filler_shots OUT_DIR LANGUAGE   (QT_SCALE_FACTOR=1.5)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHOTS = Path(os.environ.get("LINLI_FILLER_SHOTS", "/tmp/linli_filler_shots"))
SIZE = (900, 500)  # a 1366×768 laptop at 150 % (see tests/ui/test_layout_small_screen.py)


def shoot(out: Path, language: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.core import i18n
    from desktop.core.paths import resources_dir
    from desktop.ui.fonts import apply_fonts
    from desktop.ui.style import apply_style
    from desktop.ui.visits.filler import FormFiller
    from desktop.visits.forms.filling import FormFill
    from desktop.visits.forms.model import language_for
    from tests.ui.layout_check import layout_problems
    from tests.ui.visits.test_filler import household_form, ten_question_form

    app = QApplication.instance() or QApplication([])
    i18n.set_language(language)
    apply_style(app)
    apply_fonts(app, language, resources_dir() / "fonts")
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = f"{language}_{round(float(scale) * 100)}"
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"pictures": [], "problems": []}

    def picture(name: str, form, answers, current, **kwargs) -> None:
        fill = FormFill(form, answers, language=language_for(form, language), **kwargs)
        filler = FormFiller(fill)
        filler.resize(*SIZE)
        filler.show()
        for _ in range(5):
            app.processEvents()
        filler.go_to(current)
        for _ in range(5):
            app.processEvents()
        view, whole = out / f"{name}_{suffix}.png", out / f"{name}_{suffix}_whole.png"
        filler.grab().save(str(view))
        filler.scroll.widget().grab().save(str(whole))
        report["pictures"] += [str(view), str(whole)]
        report["problems"] += [f"{name}: {p}" for p in layout_problems(filler)]

    picture("filler", ten_question_form(), {"age": "140", "living": "family",
                                            "has_needs": "yes"}, ((), "living"))
    form, members = household_form()
    picture("filler_members", form, None, ((("members", 1),), "lives_here"),
            household_members=members)
    from desktop.visits.forms.templates import TEMPLATES

    for template in TEMPLATES:  # what a volunteer sees of each built-in form
        fill = FormFill(template, household_members=members)
        first = next(key for key, state in fill._states.items()
                     if getattr(state, "choices", ()) and state.visible)
        picture(f"template_{template.form_id}", template, None, first,
                household_members=members)
    return report

@pytest.mark.parametrize("scale", ["1", "1.5"])
@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_filler_pictures_nothing_cut(language, scale):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.visits.test_filler_shots", str(SHOTS), language],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    assert all(Path(p).stat().st_size > 5_000 for p in report["pictures"])  # not blank


if __name__ == "__main__":
    print(json.dumps(shoot(Path(sys.argv[1]), sys.argv[2]), ensure_ascii=False))
