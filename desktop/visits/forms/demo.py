"""Survey forms for the demo community: the four built-in templates as the office's own
forms, and one form brought in from the XLSForm file the app ships (``resources/forms``), so
the visits page shows both ways a form arrives on first opening."""

from __future__ import annotations

from desktop.core.paths import resources_dir
from desktop.storage.database import Database
from desktop.visits.forms.model import language_fallbacks

DEMO_XLSFORM = "加装电梯意愿调查.xlsx"


def add_demo_forms(db: Database) -> int:
    """Store the demo's forms; returns how many. A shipped file that cannot be used is a bug
    of the build, not the user's: it raises."""
    from desktop.visits.forms.service import copy_form, save_form
    from desktop.visits.forms.templates import TEMPLATES
    from desktop.visits.forms.xlsform import import_xlsform

    path = resources_dir() / "forms" / DEMO_XLSFORM
    imported = import_xlsform(path.read_bytes(), path.name)
    if imported.form is None:
        raise RuntimeError(f"the demo's XLSForm {path.name} cannot be read: "
                           f"{[p.message for p in imported.problems]}")
    with db.unit_of_work("demo") as uow:
        for template in TEMPLATES:
            title = template.title.get(template.default_language, language_fallbacks(template))
            copy_form(uow, template, title, source="template")
        save_form(uow, imported.form, source="xlsform", file_name=path.name)
    return len(TEMPLATES) + 1
