"""The built-in survey form templates an office copies and adapts, each in 简体, 繁體 and
English (简体 first): 入户走访记录表, 居民信息核查, 意见征集, 物业服务满意度测评.

They are plain ``Form`` values (``desktop.visits.forms.model``); copying one into the
office's forms is ``service.copy_form``."""

from __future__ import annotations

from desktop.visits.forms.model import Form
from desktop.visits.forms.templates.home_visit import HOME_VISIT
from desktop.visits.forms.templates.opinion import OPINION
from desktop.visits.forms.templates.property_rating import PROPERTY_RATING
from desktop.visits.forms.templates.roster_check import ROSTER_CHECK

TEMPLATES: tuple[Form, ...] = (HOME_VISIT, ROSTER_CHECK, OPINION, PROPERTY_RATING)


def template(form_id: str) -> Form:
    """The template with this form id; KeyError names the ids there are."""
    for form in TEMPLATES:
        if form.form_id == form_id:
            return form
    raise KeyError(f"no template {form_id!r} (there are: "
                   f"{', '.join(f.form_id for f in TEMPLATES)})")
