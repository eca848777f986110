"""The translation catalogs: they compile, Chinese is complete, placeholders match the source,
and nothing is stale. No Qt here.

When one of these fails after you added or changed a string, run
``python -m desktop.core.i18n_build``, translate the new ``msgstr`` lines in
``i18n/zh_Hans`` and ``i18n/zh_Hant``, and run it again.
"""

from __future__ import annotations

import io
import shutil
import textwrap
from datetime import date

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from desktop.core import i18n
from desktop.core import i18n_build as build

PATHS = build.Paths()
TRANSLATED = ("zh_Hans", "zh_Hant")
RUN = f"Run `{build.BUILD_COMMAND}`"


@pytest.fixture(scope="module")
def template():
    """The template as the sources say it should be, extracted in memory."""
    return build.extract_template(PATHS)


def _listing(ids) -> str:
    return "".join(f"\n    {msgid!r}" for msgid in ids)


# --- every catalog compiles -------------------------------------------------------------------


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_catalog_compiles(language):
    path = PATHS.po(language)
    assert path.is_file(), f"{path} is missing. {RUN}."
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, abort_invalid=True)
    errors = [f"{m.id!r}: {e}" for m, errs in catalog.check() for e in errs]
    assert not errors, "Babel finds errors in " + path.name + _listing(errors)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    assert build.mo_messages(buf.getvalue())  # gettext reads it back


# --- Chinese is complete ----------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_chinese_is_fully_translated(language, template):
    # Measured against the sources, so a string not yet in the catalog counts as missing too.
    catalog = build.update_catalog(build.read_catalog(PATHS.po(language), language), template,
                                   language)
    missing = build.stats(catalog, language).missing
    assert not missing, (
        f"{len(missing)} message(s) not translated into {language} (empty or fuzzy). {RUN}, "
        f"then translate them in {PATHS.po(language).relative_to(PATHS.root)}:" + _listing(missing)
    )


def test_english_catalog_is_the_source_text():
    catalog = build.read_catalog(PATHS.po("en"), "en")
    differs = [m.id for m in build.messages(catalog) if m.string != m.id
               and tuple(m.string) != tuple(m.id)]
    assert not differs, f"The en catalog is generated; do not edit it. {RUN}." + _listing(differs)


# --- placeholders -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_placeholders_match_the_source(language):
    problems = build.placeholder_problems(build.read_catalog(PATHS.po(language), language))
    assert not problems, f"Placeholders in {language} differ from the source:" + _listing(problems)


def test_sources_use_named_placeholders(template):
    problems = build.source_problems(template)
    assert not problems, "Source strings must use named placeholders:" + _listing(problems)


# --- nothing is stale -------------------------------------------------------------------------


def test_template_is_current_with_the_sources(template):
    assert PATHS.template.is_file(), f"{PATHS.template} is missing. {RUN}."
    added, removed = build.template_diff(build.read_catalog(PATHS.template), template)
    assert not (added or removed), (
        f"i18n/messages.pot is not current with the sources. {RUN} and translate what is new."
        + "".join(f"\n  new:     {m!r}" for m in added)
        + "".join(f"\n  removed: {m!r}" for m in removed)
    )


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_catalog_has_every_template_message(language):
    template = build.read_catalog(PATHS.template)
    added, removed = build.template_diff(build.read_catalog(PATHS.po(language), language), template)
    assert not (added or removed), (
        f"{language}/LC_MESSAGES/linli.po is not updated from messages.pot. {RUN}."
        + "".join(f"\n  new:     {m!r}" for m in added)
        + "".join(f"\n  removed: {m!r}" for m in removed)
    )


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_compiled_catalog_is_current(language):
    mo = PATHS.mo(language)
    assert mo.is_file(), f"{mo} is missing. {RUN}."
    expected = build.mo_messages(build.compile_catalog(build.read_catalog(PATHS.po(language),
                                                                          language)))
    actual = build.mo_messages(mo.read_bytes())
    stale = sorted(str(k) for k in expected.keys() ^ actual.keys()) + sorted(
        str(k) for k in expected.keys() & actual.keys() if expected[k] != actual[k] and k)
    assert expected == actual, f"{mo.name} of {language} is stale. {RUN}." + _listing(stale)


def test_build_check_passes():
    problems = build.check(PATHS)
    assert not problems, "\n".join(problems)


# --- the app uses them ------------------------------------------------------------------------


def test_set_language_translates():
    assert i18n.set_language("zh_Hans") == "zh_Hans"
    assert i18n._("Linli Desk") == "邻里"
    assert i18n._(i18n.N_("Han")) == "汉族"
    i18n.set_language("zh_Hant")
    assert i18n._("Linli Desk") == "鄰里"
    assert i18n._("Han") == "漢族"
    i18n.set_language("en")
    assert i18n._("Han") == "Han"


@pytest.mark.parametrize("language, expected", [
    ("zh_Hans", "2026年11月22日"),
    ("zh_Hant", "2026年11月22日"),
    ("en", "November 22, 2026"),
])
def test_format_date(language, expected):
    assert i18n.format_date(date(2026, 11, 22), language) == expected


# --- the build command itself, on a small project in a temporary folder -----------------------


def _project(tmp_path, source: str):
    root = tmp_path / "repo"
    (root / "i18n").mkdir(parents=True, exist_ok=True)
    shutil.copy(PATHS.mapping, root / "i18n" / "babel.cfg")
    (root / "desktop" / "storage" / "migrations").mkdir(parents=True, exist_ok=True)
    (root / "desktop" / "storage" / "migrations" / "v1.py").write_text('_("Not extracted")\n')
    (root / "desktop" / "mod.py").write_text(textwrap.dedent(source))
    return build.Paths(root)


def _set(paths, language, msgid, text):
    catalog = build.read_catalog(paths.po(language), language)
    message = catalog.get(msgid)
    message.string = (text,) if isinstance(message.id, tuple) else text
    paths.po(language).write_bytes(build.render_po(catalog))


SOURCE = '''
    from desktop.core.i18n import N_, _, ngettext
    # TRANSLATORS: a greeting on the start page
    HELLO = _("Hello {name}")
    CANCEL = N_("Cancel")
    FILES = ngettext("{count} file", "{count} files", 2)
'''


def test_build_is_stable_and_fills_english(tmp_path):
    paths = _project(tmp_path, SOURCE)
    out = io.StringIO()
    result = build.build(paths, out=out)
    ids = [m.id for m in build.messages(result.template)]
    assert sorted(map(str, ids)) == sorted(
        ["Hello {name}", "Cancel", str(("{count} file", "{count} files"))])
    assert "a greeting on the start page" in paths.template.read_text(encoding="utf-8")
    assert "Creation-Date" not in paths.template.read_text(encoding="utf-8")
    for language in TRANSLATED:
        assert build.stats(result.catalogs[language], language).translated == 0
    assert build.stats(result.catalogs["en"], "en").percent == 100.0

    before = {p: p.read_bytes() for p in paths.i18n.rglob("*") if p.is_file()}
    out = io.StringIO()
    build.build(paths, out=out)
    assert "wrote" not in out.getvalue()
    assert before == {p: p.read_bytes() for p in paths.i18n.rglob("*") if p.is_file()}
    assert build.check(paths) == []


def test_check_finds_new_strings_missing_translations_and_stale_mo(tmp_path):
    paths = _project(tmp_path, SOURCE)
    build.build(paths, out=io.StringIO())
    _set(paths, "zh_Hans", "Hello {name}", "你好，{name}")
    problems = build.check(paths)
    assert any("linli.mo is stale" in p and "zh_Hans" in p for p in problems), problems

    build.build(paths, out=io.StringIO())
    assert build.check(paths) == []
    assert build.mo_messages(paths.mo("zh_Hans").read_bytes())["Hello {name}"] == "你好，{name}"

    # A changed source string arrives untranslated: no fuzzy guess from the old one.
    (paths.root / "desktop" / "mod.py").write_text(
        textwrap.dedent(SOURCE).replace("Hello {name}", "Hello there, {name}"))
    problems = build.check(paths)
    assert any("'Hello there, {name}'" in p and "'Hello {name}'" in p for p in problems), problems
    result = build.build(paths, out=io.StringIO())
    new = result.catalogs["zh_Hans"].get("Hello there, {name}")
    assert not new.string and not new.fuzzy
    assert "Hello there, {name}" in build.stats(result.catalogs["zh_Hans"], "zh_Hans").missing

    # ...and when the old string comes back, so does its translation.
    (paths.root / "desktop" / "mod.py").write_text(textwrap.dedent(SOURCE))
    result = build.build(paths, out=io.StringIO())
    assert result.catalogs["zh_Hans"].get("Hello {name}").string == "你好，{name}"


def test_missing_and_fuzzy_translations_are_reported(tmp_path):
    paths = _project(tmp_path, SOURCE)
    build.build(paths, out=io.StringIO())
    for msgid, text in [("Hello {name}", "你好，{name}"), ("Cancel", "取消"),
                        ("{count} file", "{count} 个文件")]:
        _set(paths, "zh_Hans", msgid, text)
    build.build(paths, out=io.StringIO())
    catalog = build.read_catalog(paths.po("zh_Hans"), "zh_Hans")
    assert build.stats(catalog, "zh_Hans").missing == []

    catalog.get("Cancel").flags.add("fuzzy")
    paths.po("zh_Hans").write_bytes(build.render_po(catalog))
    result = build.build(paths, out=io.StringIO())
    assert build.stats(result.catalogs["zh_Hans"], "zh_Hans").missing == ["Cancel"]
    assert "Cancel" not in build.mo_messages(paths.mo("zh_Hans").read_bytes())


def test_placeholder_mismatch_is_reported(tmp_path):
    paths = _project(tmp_path, SOURCE)
    build.build(paths, out=io.StringIO())
    _set(paths, "zh_Hans", "Hello {name}", "你好，{名字}")
    _set(paths, "zh_Hans", "{count} file", "{count 个文件")
    problems = build.placeholder_problems(build.read_catalog(paths.po("zh_Hans"), "zh_Hans"))
    assert len(problems) == 2, problems
    assert any("Hello {name}" in p for p in build.check(paths))


def test_positional_placeholders_in_sources_are_reported(tmp_path):
    paths = _project(tmp_path, 'from desktop.core.i18n import _\n_("{} of {}")\n_("{0} left")\n')
    problems = build.source_problems(build.extract_template(paths))
    assert len(problems) == 2, problems
