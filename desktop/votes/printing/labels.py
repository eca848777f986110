"""The words a vote's printouts use for its codes: the matters of 民法典第278条第一款, the
opinions, the thresholds. Translated where shown (``_()`` at the call), never stored."""

from __future__ import annotations

from desktop.core.i18n import N_, _

# 民法典第二百七十八条第一款 (一)–(九), in the law's order.
ITEM_LABELS = {
    1: N_("Making or amending the rules of procedure of the owners' assembly"),
    2: N_("Making or amending the management statute"),
    3: N_("Electing the owners' committee or replacing its members"),
    4: N_("Hiring or dismissing the property service company or another manager"),
    5: N_("Using the maintenance funds of the building and its facilities"),
    6: N_("Raising the maintenance funds of the building and its facilities"),
    7: N_("Rebuilding or reconstructing the building and its facilities"),
    8: N_("Changing the use of common parts or using them for business"),
    9: N_("Another major matter of common ownership and joint management"),
}
_CN_ITEM = "一二三四五六七八九"

OPINION_LABELS = {"agree": N_("Agree"), "against": N_("Against"), "abstain": N_("Abstain")}


def item_label(item: int) -> str:
    return _(ITEM_LABELS[item]) if item in ITEM_LABELS else str(item)


def item_number(item: int) -> str:
    """"（七）" as the law numbers its items; "(7)" in English."""
    from desktop.core.i18n import current_language

    if current_language().startswith("zh") and 1 <= item <= 9:
        return f"（{_CN_ITEM[item - 1]}）"
    return f"({item})"


# Where a ballot was entered, in the same words on screen and on paper.
SOURCE_LABELS = {"office": N_("Typed at the office"), "sheet": N_("Imported from a sheet"),
                 "door": N_("Collected at the door")}


# The readings of the law a stored result names (counting.RULE_VERSION and any before it).
RULE_LABELS = {
    "cc278-2021+spc-building-ownership-8-9-2020": N_(
        "Civil Code art. 278 (2021) and the Supreme People's Court's interpretation on "
        "building ownership, arts. 8–9 (2020 amendment)"),
}


def rule_label(version: str) -> str:
    """The rule a result was counted by, in the reader's words (the stored id if unknown)."""
    return _(RULE_LABELS[version]) if version in RULE_LABELS else version


def opinion_label(opinion: str | None) -> str:
    if not opinion:
        return ""
    return _(OPINION_LABELS[opinion]) if opinion in OPINION_LABELS else opinion


def opinion_or_none(opinion: str | None) -> str:
    """The opinion, or that the dwelling has no ballot yet."""
    return opinion_label(opinion) if opinion else _("No ballot yet")


def source_label(source: str | None) -> str:
    return _(SOURCE_LABELS[source]) if source in SOURCE_LABELS else (source or "")


def bar_label(share_numerator: int, share_denominator: int, at_least: bool) -> str:
    """A threshold as the law words it: 三分之二以上 / 四分之三以上 / 过半数."""
    if (share_numerator, share_denominator) == (2, 3):
        return _("at least two thirds")
    if (share_numerator, share_denominator) == (3, 4):
        return _("at least three quarters")
    if (share_numerator, share_denominator) == (1, 2) and not at_least:
        return _("more than half")
    return f"{'≥' if at_least else '>'} {share_numerator}/{share_denominator}"


def met_label(met: bool) -> str:
    return _("met") if met else _("not met")


def developer_label() -> str:
    return _("Developer (unsold or undelivered)")
