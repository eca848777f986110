"""Extract, update and compile the translation catalogs: one command for all of it.

    python -m desktop.core.i18n_build                 # extract → update .po → compile .mo
    python -m desktop.core.i18n_build --check         # change nothing; exit 1 if anything is stale
    python -m desktop.core.i18n_build --stats         # how much of each language is translated
    python -m desktop.core.i18n_build --missing zh_Hant   # list what is still untranslated

Run it after adding or changing a ``_()`` / ``N_()`` / ``ngettext()`` string, translate the new
``msgstr`` lines in ``i18n/zh_Hans`` and ``i18n/zh_Hant``, then run it again to compile.

**Extraction.** ``i18n/babel.cfg`` says which files are read (``desktop/**.py``, not the
Alembic migrations); the keywords are ``_``, ``N_`` and ``ngettext:1,2`` only. A comment
starting ``TRANSLATORS:`` right above a string is passed on to translators.

**Stable files.** ``i18n/messages.pot`` is sorted by message, lists source files without line
numbers (moving code does not touch it), is not wrapped, and its header carries no dates and
no Babel version: running the command again without source changes rewrites nothing, byte for
byte. The same holds for the ``.po`` and ``.mo`` files. Files are only written when their
content changes.

**No fuzzy matching.** When a source string changes, the new one arrives untranslated; Babel's
guess from a similar old string is switched off, because a guess that looks like a translation
is worse than none. The old translation stays at the end of the ``.po`` as an obsolete ``#~``
entry for reference, and is brought back as is if exactly that string returns. Entries that
someone marks ``#, fuzzy`` by hand are never compiled and count as untranslated.

**English** is the source language. Its catalog is generated: every ``msgstr`` is a copy of the
source text (nothing to translate, and "100 %" means every message is known to the catalog).
Do not edit it — change the English in the source. The app shows the source strings directly
when English is chosen (``desktop.core.i18n``), so the compiled ``en`` catalog only serves
tools that expect one.

Placeholders are named (``{count}``); a translation whose ``{…}`` names differ from the
source's is reported here and fails ``--check`` and the tests (it would raise at run time).
"""

from __future__ import annotations

import argparse
import os
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from desktop.core.i18n import LANGUAGES
from desktop.core.i18n_catalogs import (  # noqa: F401  (some re-exported for tests)
    BUILD_COMMAND,
    Paths,
    _strings,
    compile_catalog,
    extract_template,
    is_translated,
    messages,
    mo_messages,
    new_catalog,
    read_catalog,
    render_po,
    update_catalog,
)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a brace-format string (ValueError if braces are unbalanced)."""
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Translations whose placeholders differ from the source's, or that would not format."""
    problems = []
    for message in messages(catalog):
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        try:
            allowed = [placeholders(i) for i in ids]
        except ValueError as exc:
            problems.append(f"{ids[0]!r}: the source does not format ({exc})")
            continue
        for text in _strings(message):
            if not text:
                continue
            try:
                found = placeholders(text)
            except ValueError as exc:
                problems.append(f"{ids[0]!r} → {text!r}: does not format ({exc})")
                continue
            if found not in allowed:
                expected = " or ".join(str(sorted(a)) for a in allowed)
                problems.append(f"{ids[0]!r} → {text!r}: placeholders {sorted(found)}, "
                                f"expected {expected}")
    return problems


def source_problems(template: Catalog) -> list[str]:
    """Source strings that break the rules: positional placeholders or unbalanced braces."""
    problems = []
    for message in messages(template):
        for text in message.id if isinstance(message.id, (list, tuple)) else (message.id,):
            try:
                fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            except ValueError as exc:
                problems.append(f"{text!r}: does not format ({exc})")
                continue
            if any(f == "" or f.split(".")[0].split("[")[0].isdigit() for f in fields):
                where = ", ".join(sorted({loc for loc, _ in message.locations}))
                problems.append(f"{text!r} ({where}): use named placeholders, e.g. {{count}}")
    return problems


@dataclass
class LanguageStats:
    language: str
    total: int
    translated: int
    fuzzy: int
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def line(self) -> str:
        extra = f", {self.fuzzy} fuzzy" if self.fuzzy else ""
        return (f"{self.language:8} {self.translated:5}/{self.total} translated "
                f"({self.percent:.1f} %){extra}")


def stats(catalog: Catalog, language: str) -> LanguageStats:
    msgs = messages(catalog)
    missing = [m.id if isinstance(m.id, str) else m.id[0] for m in msgs if not is_translated(m)]
    return LanguageStats(language, len(msgs), len(msgs) - len(missing),
                         sum(1 for m in msgs if m.fuzzy), missing)


def _ids(catalog: Catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in messages(catalog)}


def template_diff(old: Catalog, new: Catalog) -> tuple[list[str], list[str]]:
    """(added, removed) message ids between two templates (plural messages by their singular)."""
    a, b = _ids(old), _ids(new)
    label = {key: key[1] if isinstance(key[1], str) else key[1][0] for key in a | b}
    return sorted(label[k] for k in b - a), sorted(label[k] for k in a - b)


# ---------------------------------------------------------------------------------------------
# The plan: every file as it should be, computed in memory


@dataclass
class Plan:
    template: Catalog
    catalogs: dict[str, Catalog]
    files: dict[Path, bytes]


def plan(paths: Paths = Paths()) -> Plan:
    template = extract_template(paths)
    catalogs: dict[str, Catalog] = {}
    files: dict[Path, bytes] = {paths.template: render_po(template)}
    for language in LANGUAGES:
        po = paths.po(language)
        catalog = read_catalog(po, language) if po.is_file() else new_catalog(language)
        catalog = update_catalog(catalog, template, language)
        catalogs[language] = catalog
        files[po] = render_po(catalog)
        files[paths.mo(language)] = compile_catalog(catalog)
    return Plan(template, catalogs, files)


def check(paths: Paths = Paths()) -> list[str]:
    """Everything that is not current; an empty list means all is well."""
    problems: list[str] = []
    fresh = extract_template(paths)
    if not paths.template.is_file():
        problems.append(f"{paths.template} is missing")
    else:
        existing = read_catalog(paths.template)
        if render_po(existing) != render_po(fresh):
            added, removed = template_diff(existing, fresh)
            detail = "".join(f"\n    + {m!r}" for m in added) + "".join(
                f"\n    - {m!r}" for m in removed)
            problems.append(f"{paths.template.name} is not current with the sources"
                            + (detail or " (source files or comments changed)"))
    for language in LANGUAGES:
        po, mo = paths.po(language), paths.mo(language)
        if not po.is_file():
            problems.append(f"{po} is missing")
            continue
        catalog = read_catalog(po, language)
        updated = update_catalog(read_catalog(po, language), fresh, language)
        if render_po(catalog) != render_po(updated):
            problems.append(f"{po} is not updated from the template")
        problems += [f"{language}: {p}" for p in placeholder_problems(catalog)]
        if not mo.is_file():
            problems.append(f"{mo} is missing")
        elif mo_messages(mo.read_bytes()) != mo_messages(compile_catalog(catalog)):
            problems.append(f"{mo} is stale: compile {po.name} again")
    return problems


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def build(paths: Paths = Paths(), out=sys.stdout) -> Plan:
    previous = read_catalog(paths.template) if paths.template.is_file() else None
    result = plan(paths)
    for path, data in result.files.items():
        if _write_if_changed(path, data):
            print(f"wrote {path.relative_to(paths.root)}", file=out)
    count = len(messages(result.template))
    if previous is not None:
        added, removed = template_diff(previous, result.template)
        print(f"{count} messages ({len(added)} new, {len(removed)} removed)", file=out)
    else:
        print(f"{count} messages", file=out)
    for problem in source_problems(result.template):
        print(f"source: {problem}", file=out)
    for language, catalog in result.catalogs.items():
        for problem in placeholder_problems(catalog):
            print(f"{language}: {problem}", file=out)
    print_stats(result, out)
    return result


def print_stats(result: Plan, out=sys.stdout) -> None:
    for language, catalog in result.catalogs.items():
        print(stats(catalog, language).line(), file=out)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=BUILD_COMMAND, description="Extract, update and compile the translation catalogs.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true",
                       help="change nothing; exit 1 if the template, a catalog or a .mo is stale")
    group.add_argument("--stats", action="store_true",
                       help="change nothing; print how much of each language is translated")
    group.add_argument("--missing", metavar="LANG", choices=sorted(LANGUAGES),
                       help="change nothing; list the untranslated messages of LANG")
    args = parser.parse_args(None if argv is None else list(argv))
    paths = Paths()
    if args.check:
        problems = check(paths)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"Run `{BUILD_COMMAND}` and translate what is new.", file=sys.stderr)
            return 1
        print("translation catalogs are current")
        return 0
    if args.stats or args.missing:
        result = plan(paths)
        if args.missing:
            for msgid in stats(result.catalogs[args.missing], args.missing).missing:
                print(msgid)
        else:
            print_stats(result)
        return 0
    build(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
