"""Forms written back out as XLSForm: pyxform converts every exported file without errors,
and importing it again gives the same form, as far as XLSForm carries it (rows move, since
blank rows are not written)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.visits.forms import model
from desktop.visits.forms.xlsform import export_xlsform, import_xlsform
from tests.conftest import SHARED_EXTERNAL
from tests.visits.forms.test_xlsform_variants import CHINESE, xlsx

FORMS = SHARED_EXTERNAL / "forms"
REAL = sorted(p.name for p in FORMS.glob("*.xlsx")) if FORMS.is_dir() else []
REFUSED = {"onadata_enumerator_weekly.xlsx"}


def _comparable(form: model.Form) -> dict:
    """The form as data without what XLSForm does not carry back unchanged."""

    def node(n):
        if isinstance(n, model.Group):
            return replace(n, row=None, children=tuple(node(c) for c in n.children))
        if n.type not in (model.UNSUPPORTED, model.METADATA):
            # The type as written ("select one from x or specify other") is spelt the
            # standard way on export; our type and or_other carry its meaning.
            n = replace(n, source_type="")
        if dict(n.label.by_language) == {"default": n.name}:
            n = replace(n, label=model.Text())  # a media-only note gets its name as label
        return replace(n, row=None)

    return model.to_data(replace(form, children=tuple(node(c) for c in form.children)))


def _convert(path):
    from pyxform.xls2xform import convert

    return convert(str(path))  # raises on any error


@pytest.mark.skipif(not REAL, reason="shared/external is not here")
@pytest.mark.parametrize("name", [n for n in REAL if n not in REFUSED])
def test_every_real_form_exports_to_a_file_pyxform_converts_and_reimports_equal(name, tmp_path):
    form = import_xlsform((FORMS / name).read_bytes(), name).form
    out = tmp_path / "exported.xlsx"
    export_xlsform(form, out)
    _convert(out)
    again = import_xlsform(out.read_bytes(), "exported.xlsx")
    assert again.form is not None, again.problems
    if name == "onadata_transportation.xlsx":
        # "begin loop over" is kept as one section and goes back as a group.
        assert [q.name for _p, q in again.form.questions()] == \
            [q.name for _p, q in form.questions()]
        return
    assert _comparable(again.form) == _comparable(form)


def test_chinese_form_round_trips_with_its_language_columns(tmp_path):
    form = import_xlsform(xlsx(**CHINESE), "入户走访.xlsx").form
    out = tmp_path / "入户走访.xlsx"
    export_xlsform(form, out)
    result = _convert(out)
    assert "是否独居？" in result.xform and 'lang="中文 (zh)"' in result.xform
    assert _comparable(import_xlsform(out.read_bytes(), out.name).form) == _comparable(form)


def test_a_form_built_in_the_app_exports(tmp_path):
    yes_no = model.ChoiceList(model.YES_NO_LIST, (
        model.Choice("yes", model.plain("是", "中文 (zh)")),
        model.Choice("no", model.plain("否", "中文 (zh)"))))
    form = model.Form(
        form_id="satisfaction", title=model.plain("物业服务满意度"), version="1",
        languages=("中文 (zh)",), default_language="中文 (zh)",
        choices={model.YES_NO_LIST: yes_no},
        children=(
            model.Question("cleaning_ok", model.YES_NO, model.plain("保洁满意吗？", "中文 (zh)"),
                           required="yes"),
            model.Question("phone", model.TEXT, model.plain("电话对吗？", "中文 (zh)"),
                           roster_field="phone"),
            model.Group("members", model.plain("家庭成员", "中文 (zh)"), repeat=True,
                        prefill=model.PREFILL_HOUSEHOLD_MEMBERS, children=(
                            model.Question("lives_here", model.TEXT,
                                           model.plain("还住这里吗？", "中文 (zh)")),)),
            model.Group("why", model.plain("原因", "中文 (zh)"),
                        relevant="${cleaning_ok} = 'no'", children=(
                            model.Question("reason", model.TEXT,
                                           model.plain("请说明", "中文 (zh)")),)),
        ))
    out = tmp_path / "built.xlsx"
    export_xlsform(form, out)
    _convert(out)
    again = import_xlsform(out.read_bytes(), out.name).form
    # XLSForm has no yes/no type: it comes back as a select_one of the yes_no list.
    assert again.question("cleaning_ok").type == model.SELECT_ONE
    assert again.question("cleaning_ok").choice_list == model.YES_NO_LIST
    assert dict(again.walk())["/why"].relevant == "${cleaning_ok} = 'no'"
    assert again.title.get() == "物业服务满意度"
    # Linli's own columns come back: the roster field a question checks, the prefilled repeat.
    assert again.question("phone").roster_field == "phone"
    assert dict(again.walk())["/members"].prefill == model.PREFILL_HOUSEHOLD_MEMBERS


def test_a_yes_no_question_without_its_list_still_exports(tmp_path):
    form = model.Form(form_id="f", title=model.plain("F"), children=(
        model.Question("ok", model.YES_NO, model.plain("OK?")),))
    out = tmp_path / "f.xlsx"
    export_xlsform(form, out)
    _convert(out)
    again = import_xlsform(out.read_bytes(), out.name).form
    assert [c.name for c in again.choice_list(model.YES_NO_LIST).choices] == ["yes", "no"]


def test_texts_starting_with_an_equals_sign_stay_text(tmp_path):
    form = model.Form(form_id="f", title=model.plain("=F"), children=(
        model.Question("q", model.TEXT, model.plain("=1+1 means two"),
                       hint=model.plain("=SUM(A1:A3)"), default="=0"),))
    out = tmp_path / "f.xlsx"
    export_xlsform(form, out)
    again = import_xlsform(out.read_bytes(), out.name).form
    question = again.question("q")
    assert (question.label.get(), question.hint.get(), question.default) == \
        ("=1+1 means two", "=SUM(A1:A3)", "=0")
    assert again.title.get() == "=F"
