"""The campaign's walk list: the issue-5 door-to-door walk list (``roster.printing.lists``) with
this campaign's doors of one visitor (or of each visitor, a section each), where each door
stands so far, and the outcome boxes to tick at the door (□已完成 □不在家 □拒访 □空置 □需回访).

Heads of household are masked as on the door screen (``doors.reading.my_doors``); no phone, no
ID number: the list is carried through the stairwells and may be left on a windowsill.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, ngettext
from desktop.core.tasks import TaskContext
from desktop.printing.document import PageSpec, build_pdf
from desktop.printing.fonts import font_set
from desktop.printing.tables import table
from desktop.printing.text import para, style
from desktop.sync.exchange.export import raw_select
from desktop.visits.campaigns.reading import campaign_summary
from desktop.visits.doors.at_door import OUTCOME_LABELS
from desktop.visits.doors.reading import DoorRow, my_doors
from desktop.visits.records.state import NOT_VISITED

# The boxes in the order the issue lists them (the order a volunteer thinks of them in).
BOX_OUTCOMES = ("completed", "not_home", "refused", "vacant", "revisit")
BOX = "□"


def outcome_boxes() -> str:
    return " ".join(BOX + _(OUTCOME_LABELS[o]) for o in BOX_OUTCOMES)


def _members(session: Session, campaign_id: str) -> dict[str, int]:
    """household id → how many live there now (moved out and deceased not counted)."""
    return dict(raw_select(session.connection(), """
        SELECT r.household_id, COUNT(*) FROM resident r
        WHERE r.deleted = 0 AND r.moved_out = 0 AND r.deceased = 0
          AND r.household_id IN (SELECT household_id FROM campaign_door
                                 WHERE campaign_id = ? AND deleted = 0)
        GROUP BY r.household_id""", (campaign_id,)))


def _so_far(row: DoorRow) -> str:
    state = row.state
    if state.outcome == NOT_VISITED:
        return ""
    label = _(OUTCOME_LABELS.get(state.outcome, state.outcome))
    if state.attempts > 1:
        return ngettext("{state} ({count} visit)", "{state} ({count} visits)",
                        state.attempts).format(state=label, count=state.attempts)
    return label


def render_campaign_walk_list(session: Session, campaign_id: str,
                              visitor_id: str | None = None,
                              ctx: TaskContext | None = None) -> bytes:
    """The walk list PDF (A4): per visitor and building a section starting a page, the doors
    in walking order with outcome boxes."""
    fonts = font_set()
    summary = campaign_summary(session, campaign_id)
    visitors = [v for v in summary.visitors if visitor_id is None or v.id == visitor_id]
    if visitor_id is not None and not visitors:
        raise ValidationError(_("Choose a visitor of this campaign."), field="visitor")
    members = _members(session, campaign_id)
    headers = [_("Unit"), _("Floor"), _("Room"), _("Head of household"), _("Members"),
               _("So far"), _("Outcome"), _("Notes")]
    widths = [4, 4, 5, 10, 5, 13, 27, 9]
    title = _("Door-to-door walk list")
    story: list[Flowable] = []
    boxes = outcome_boxes()
    for index, visitor in enumerate(visitors):
        if ctx is not None:
            ctx.report(index, len(visitors), title)
        sections: dict[str, list[DoorRow]] = {}
        for row in my_doors(session, campaign_id, visitor.id):
            place = " ".join(p for p in (row.place.compound, row.place.building) if p)
            sections.setdefault(place, []).append(row)
        for place, rows in sections.items():
            if story:
                story.append(PageBreak())
            caption = ngettext("{title} · {place} ({count} dwelling)",
                               "{title} · {place} ({count} dwellings)", len(rows)).format(
                title=f"{summary.name} · {visitor.name}", place=place or _("(no address)"),
                count=len(rows))
            cells = [[r.place.unit, str(r.place.floor) if r.place.floor else "", r.place.room,
                      r.head, str(members.get(r.place.household_id, "") or ""), _so_far(r),
                      boxes, ""] for r in rows]
            story.append(table(headers, cells, widths, fonts, caption=caption, font_size=10,
                               min_row_height=30, align_center=(0, 1, 2, 4)))
    if not story:
        story.append(para(_("This visitor has no doors in this campaign."),
                          style("empty", fonts.body, 12)))
    return build_pdf(story, PageSpec(size="A4", landscape=True), title, ctx)
