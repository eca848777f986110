"""Small builders shared by the built-in templates: a text in the three languages every
template carries, a choice list from rows, and the form around them.

The templates' texts are form content an office edits like any other question, not strings
of the app's interface: they do not go through ``_()`` and are written here in each language
(繁體 as Taiwan and Hong Kong write it, not converted character by character).
"""

from __future__ import annotations

from desktop.visits.forms.model import (
    FORM_LANGUAGES,
    YES_NO,
    YES_NO_LIST,
    Choice,
    ChoiceList,
    Form,
    Group,
    Node,
    Question,
    Text,
)

# The languages a form made in the app carries (one definition, in the model).
ZH_HANS, ZH_HANT, EN = (FORM_LANGUAGES[key] for key in ("zh_Hans", "zh_Hant", "en"))
LANGUAGES = (ZH_HANS, ZH_HANT, EN)

# Built-in templates are stamped with the date their wording was last settled; a copy an
# office makes keeps it until the office edits the copy.
VERSION = "2026120601"


def t(hans: str, hant: str, en: str) -> Text:
    return Text({ZH_HANS: hans, ZH_HANT: hant, EN: en})


def choice_list(name: str, *rows: tuple[str, str, str, str]) -> ChoiceList:
    """A list from (name, 简体, 繁體, English) rows, in the order given."""
    return ChoiceList(name, tuple(Choice(key, t(hans, hant, en))
                                  for key, hans, hant, en in rows))


YES_NO_CHOICES = choice_list(
    YES_NO_LIST,
    ("yes", "是", "是", "Yes"),
    ("no", "否", "否", "No"),
)

# Messages several templates share.
MUST_ANSWER = t("此题必答", "此題必答", "Please answer this question")
PHONE_CONSTRAINT = "regex(., '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$')"
PHONE_MESSAGE = t("请填写11位手机号码，或带区号的固定电话（如 0571-87654321）",
                  "請填寫11位手機號碼，或連同區號的市話（如 0571-87654321）",
                  "Enter an 11-digit mobile number, or a landline with its area code "
                  "(e.g. 0571-87654321)")
NOT_IN_FUTURE = ". <= today()"
NOT_IN_FUTURE_MESSAGE = t("日期不能晚于今天", "日期不能晚於今天",
                          "The date cannot be later than today")


def yes_no(name: str, label: Text, **fields) -> Question:
    return Question(name, YES_NO, label, choice_list=YES_NO_LIST, **fields)


def is_yes(name: str) -> str:
    return f"${{{name}}} = 'yes'"


def form(form_id: str, title: Text, children: tuple[Node, ...],
         *lists: ChoiceList) -> Form:
    """A template: its lists (and the yes/no list when a yes/no question uses it), in the
    three languages with 简体 as the default."""
    used = {q.choice_list for q in _questions(children)}
    wanted = [*lists, *([YES_NO_CHOICES] if YES_NO_LIST in used else [])]
    return Form(form_id=form_id, title=title, children=children,
                choices={cl.name: cl for cl in wanted}, version=VERSION,
                languages=LANGUAGES, default_language=ZH_HANS)


def _questions(nodes: tuple[Node, ...]):
    for node in nodes:
        if isinstance(node, Group):
            yield from _questions(node.children)
        else:
            yield node
