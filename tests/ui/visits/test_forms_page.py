"""The survey forms on the Home visits page, used as a social worker would: a template made
the office's own, an XLSForm brought in (and one refused, with its reason and row), a form
sent out as XLSForm, and a form built in the builder with a condition from the menus."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtWidgets import QApplication
from pyxform import xls2xform

from desktop.visits.forms.reading import form_definition, form_rows
from tests.conftest import SHARED_EXTERNAL

FORMS = SHARED_EXTERNAL / "forms"


@pytest.fixture
def page(qtbot, ctx, community, runner):
    from desktop.ui.visits.page import VisitsPage

    page = VisitsPage(ctx, runner)
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.show()
    page.activated()
    page.tabs.setCurrentWidget(page.forms)  # the page opens on Campaigns
    return page


def _wait(runner) -> None:
    assert runner.wait_idle(30)


def _digest(ctx) -> str:
    ctx.db.engine.dispose()
    return hashlib.sha256(ctx.db.path.read_bytes()).hexdigest()


def _problems_dialog(page):
    from desktop.ui.visits.form_problems import ProblemsDialog

    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, ProblemsDialog) and w.isVisible() and w.parent() is page.forms]
    assert found, "no problems dialog"
    return found[-1]


def test_a_template_becomes_the_offices_form_and_shows_as_a_volunteer_sees_it(page, runner):
    from desktop.visits.forms.templates import TEMPLATES

    template = TEMPLATES[0]
    page.forms.from_template(template, "三月入户走访")
    _wait(runner)
    assert [row.title for row in page.forms.rows] == ["三月入户走访"]
    assert page.forms.filler is not None and page.forms.filler.isVisible()
    # Its languages are offered; the typed title is the copy's in the language it was typed
    # in and the default one, and the others keep the template's until edited.
    languages = [page.forms.language.itemData(i) for i in range(page.forms.language.count())]
    assert {"English (en)", "繁體中文 (zh-Hant)"} <= set(languages)
    page.forms.language.setCurrentIndex(languages.index("繁體中文 (zh-Hant)"))
    assert page.forms.current_title() == template.title.get("繁體中文 (zh-Hant)")
    page.forms.language.setCurrentIndex(languages.index("English (en)"))
    assert page.forms.current_title() == "三月入户走访"


def test_an_xlsform_comes_in_and_goes_out_again(page, runner, ctx, tmp_path):
    page.forms.import_xlsform(FORMS / "odk-central-frontend_socio-economic-survey-v20240515.xlsx")
    _wait(runner)
    (row,) = page.forms.rows
    assert row.source == "xlsform" and row.questions == 17
    # What cannot be filled here (a label looked up in another list) is said, by row.
    warned = _problems_dialog(page)
    assert "was imported" in warned.headline.text()
    assert "row" in warned.text.toPlainText() and "SEClass" in warned.text.toPlainText()
    warned.close()
    out = tmp_path / "out.xlsx"
    page.forms.export_xlsform(out)
    _wait(runner)
    xls2xform.convert(str(out))  # pyxform takes it back without an error


def test_a_form_pyxform_rejects_is_refused_with_its_reason_and_nothing_changes(page, runner,
                                                                              ctx):
    before = _digest(ctx)
    page.forms.import_xlsform(FORMS / "onadata_enumerator_weekly.xlsx")
    _wait(runner)
    dialog = _problems_dialog(page)
    assert "label" in dialog.text.toPlainText()  # the duplicate "label" header is named
    assert "not imported" in dialog.headline.text()
    dialog.close()
    assert form_rows(ctx.db) == []
    assert _digest(ctx) == before


def test_a_form_built_in_the_builder_with_a_condition_from_the_menus(page, runner, ctx):
    from desktop.visits.forms.model import SELECT_ONE, TEXT

    builder = page.open_builder()
    builder.title.setText("加装电梯意见")
    builder.title.editingFinished.emit()
    first = builder.add_question(SELECT_ONE)
    builder.editor.label.setPlainText("您是否同意加装电梯？")
    builder.editor.choices.setPlainText("同意\n不同意\n弃权\n")
    second = builder.add_question(TEXT)
    builder.editor.label.setPlainText("不同意的原因")
    # "Show only when ‹the first question› is ‹不同意›", from the menus.
    editor = builder.editor
    editor.when_question.setCurrentIndex(editor.when_question.findData(first))
    editor.when_value.setCurrentIndex(editor.when_value.findText("不同意"))
    assert editor.relevant.text() == f"${{{first}}} = '2'"
    builder.save()
    _wait(runner)
    (row,) = form_rows(ctx.db)
    assert (row.title, row.questions) == ("加装电梯意见", 2)
    form = form_definition(ctx.db, row.id)
    assert form.question(second).relevant == f"${{{first}}} = '2'"
    assert [c.name for c in form.choice_list(form.question(first).choice_list).choices] \
        == ["1", "2", "3"]


def test_the_builder_will_not_save_a_condition_that_does_not_parse(page, runner, ctx):
    from desktop.visits.forms.model import TEXT

    builder = page.open_builder()
    builder.add_question(TEXT)
    builder.editor.label.setPlainText("几口人")
    builder.editor.relevant.setText("${nobody} >")
    builder.editor.relevant.editingFinished.emit()
    before = _digest(ctx)
    builder.save()
    _wait(runner)
    assert builder.isVisible() and "relevant" in builder.problems.text()
    assert form_rows(ctx.db) == [] and _digest(ctx) == before


def test_an_archived_form_leaves_the_list(page, runner, ctx):
    from desktop.visits.forms.templates import TEMPLATES

    page.forms.from_template(TEMPLATES[1], "信息核查")
    _wait(runner)
    page.forms.archive(confirm=False)
    _wait(runner)
    assert page.forms.rows == [] and form_rows(ctx.db) == []
