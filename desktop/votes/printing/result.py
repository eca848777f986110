"""The result notice (表决结果公告): what was decided, by whom and by how much, posted through
the notices module so it looks like every other notice on the board and its printed PDF is
kept in the archive with its fingerprint.

It states the matter and its item of 民法典第278条, the scope, the period, the whole electorate
(dwellings, owners, exclusive area), participation and the three opinions by head and by area
with their shares, each threshold of the law and whether it was met, the outcome and the rule
version that counted it. It names no owner and prints no phone: every figure is a count. The
shares are rounded for display only (counting.percent); "met" comes from the exact count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.i18n import _, format_date, ngettext
from desktop.core.tasks import TaskContext
from desktop.notices.archive import known_names, load_notice, post_notice, save_notice
from desktop.notices.masker import Masker, apply_masking
from desktop.notices.models import Notice
from desktop.notices.render import LINES_PER_PAGE, notice_story
from desktop.notices.spec import NoticeSpec
from desktop.printing.document import ClosingBlock, PageSpec, build_pdf
from desktop.printing.tables import FitTable
from desktop.storage.database import UnitOfWork
from desktop.votes.counting import (
    PARTICIPATION_BAR,
    Tally,
    approval_bar,
    area_text,
    percent,
)
from desktop.votes.printing.labels import (
    bar_label,
    item_label,
    item_number,
    met_label,
    opinion_label,
    rule_label,
)
from desktop.votes.printing.reads import VoteHead, vote_head
from desktop.votes.reading import electorate_rows, stored_result, tally_json, vote_tally
from desktop.votes.tables import Vote

_CN = "一二三四五六七八九十"
TABLE_LINES = 8  # of the page's 22: a heading, the header and the rows of a table


@dataclass(frozen=True)
class ResultFacts:
    """Everything the notice says, as figures (what a test checks against its own count)."""

    head: VoteHead
    tally: Tally
    dwellings: int
    left_out: int
    late_not_counted: int
    include_late: bool


def _heading(number: int, text: str) -> str:
    from desktop.core.i18n import current_language

    if current_language().startswith("zh"):
        return f"{_CN[number - 1]}、{text}"
    return f"{['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'][number - 1]}. {text}"


def _plain(text: str) -> str:
    """A typed text as notice paragraphs: a "|" or a tab would turn its line into a table."""
    lines = []
    for line in text.replace("\t", " ").replace("|", "/").replace("｜", "/").splitlines():
        if line.strip():
            lines.append(line.strip())
    return "\n".join(lines)


def result_facts(session: Session, vote_id: str) -> ResultFacts:
    head = vote_head(session, vote_id)
    counted = vote_tally(session, vote_id)
    every = electorate_rows(session, vote_id)
    left_out = sum(1 for s in every if s.excluded)
    return ResultFacts(head, counted.tally, len(every) - left_out, left_out,
                       counted.late_not_counted, counted.include_late)


def _opinion_rows(t: Tally) -> list[str]:
    # No header may read as a name column (业主, 姓名, "owner"): the notice's masker would
    # mask its figures as names.
    header = "|".join((_("Opinion"), _("Heads"), _("Share of heads taking part"),
                       _("Exclusive area (m²)"), _("Share of area taking part")))
    rows = [header]
    for key, heads, area in (("agree", t.agree_heads, t.agree_area),
                             ("against", t.against_heads, t.against_area),
                             ("abstain", t.abstain_heads, t.abstain_area)):
        rows.append("|".join((opinion_label(key), str(heads),
                              percent(heads, t.participating_heads), area_text(area),
                              percent(area, t.participating_area))))
    rows.append("|".join((_("Taking part"), str(t.participating_heads),
                          percent(t.participating_heads, t.participating_heads),
                          area_text(t.participating_area),
                          percent(t.participating_area, t.participating_area))))
    return rows


def _threshold_rows(t: Tally) -> list[str]:
    part, bar = PARTICIPATION_BAR, approval_bar(t.item)
    part_words = bar_label(part.share.numerator, part.share.denominator, part.at_least)
    bar_words = bar_label(bar.share.numerator, bar.share.denominator, bar.at_least)
    rows = ["|".join((_("Condition"), _("Required"), _("Reached"), _("Met")))]
    for label, need, threshold, value, whole in (
            (_("Exclusive area taking part"),
             _("{bar} of the total area").format(bar=part_words), part,
             t.participating_area, t.total_area),
            (_("Owners taking part"), _("{bar} of all owners").format(bar=part_words), part,
             t.participating_heads, t.total_heads),
            (_("Exclusive area agreeing"),
             _("{bar} of the area taking part").format(bar=bar_words), bar,
             t.agree_area, t.participating_area),
            (_("Owners agreeing"), _("{bar} of the owners taking part").format(bar=bar_words),
             bar, t.agree_heads, t.participating_heads)):
        rows.append("|".join((label, need, percent(value, whole),
                              met_label(threshold.met(value, whole)))))
    return rows


def _outcome(facts: ResultFacts) -> str:
    t, title = facts.tally, facts.head.title
    if t.passed:
        return _("“{title}” is decided by the owners: participation and approval both meet "
                 "article 278 of the Civil Code.").format(title=title)
    if not t.participation_met:
        return _("“{title}” is not decided: the owners taking part do not reach two thirds "
                 "of the area and of the owners that article 278 of the Civil Code "
                 "requires.").format(title=title)
    return _("“{title}” is not approved: the owners agreeing do not reach the share of the "
             "area and of the owners that article 278 of the Civil Code requires.").format(
        title=title)


def result_body(facts: ResultFacts) -> str:
    head, t = facts.head, facts.tally
    lines = [_("Under article 278 of the Civil Code, the owners of {scope} voted in writing "
               "from {start} to {end} on “{title}”. The count is announced as "
               "follows:").format(scope=head.scope, start=format_date(head.opens_on),
                                  end=format_date(head.closes_on), title=head.title),
             _heading(1, _("The matter")),
             _("Kind of matter: article 278, paragraph 1, item {number} of the Civil Code — "
               "{matter}.").format(number=item_number(head.item),
                                   matter=item_label(head.item))]
    if head.proposal.strip():
        lines.append(_plain(head.proposal))
    lines += [_heading(2, _("Who votes")),
              _("{scope}: {dwellings} dwellings with {area} m² of exclusive area in all, "
                "held by {heads} owners (an owner of several dwellings counts once; the "
                "developer's unsold or undelivered dwellings count as one owner).").format(
                  scope=head.scope, dwellings=facts.dwellings, area=area_text(t.total_area),
                  heads=t.total_heads)]
    if facts.left_out:
        lines.append(ngettext(
            "{count} more dwelling of the scope was left out of the count by the office.",
            "{count} more dwellings of the scope were left out of the count by the office.",
            facts.left_out).format(count=facts.left_out))
    lines += [_heading(3, _("Participation")),
              _("{heads} owners took part, {heads_share} of all owners; they hold {area} m² "
                "of exclusive area, {area_share} of the total.").format(
                  heads=t.participating_heads,
                  heads_share=percent(t.participating_heads, t.total_heads),
                  area=area_text(t.participating_area),
                  area_share=percent(t.participating_area, t.total_area))]
    lines += ["", _heading(4, _("The votes")), *_opinion_rows(t), ""]
    if t.mixed_owners:
        lines.append(ngettext(
            "{count} owner voted differently on their dwellings: counted once as taking "
            "part, and not as agreeing.",
            "{count} owners voted differently on their dwellings: each counted once as "
            "taking part, and not as agreeing.", len(t.mixed_owners)).format(
            count=len(t.mixed_owners)))
    if facts.late_not_counted:
        lines.append(ngettext("{count} ballot returned after the period was not counted.",
                              "{count} ballots returned after the period were not counted.",
                              facts.late_not_counted).format(count=facts.late_not_counted))
    elif facts.include_late:
        lines.append(_("Ballots returned after the period were counted, as the office "
                       "decided."))
    lines += [_heading(5, _("Thresholds")), *_threshold_rows(t), "",
              _heading(6, _("Result")), _outcome(facts),
              _("Counting rule: {rule}.").format(
                  rule=rule_label(head.rule_version or t.rule_version))]
    return "\n".join(lines)


def result_notice_spec(session: Session, vote_id: str, issued_on: dt.date | None = None
                       ) -> NoticeSpec:
    facts = result_facts(session, vote_id)
    head = facts.head
    if not head.issuing_body.strip():
        raise ValidationError(_("Set up the community (its issuing body) before printing a "
                                "notice."), field="issuing_body")
    day = issued_on or head.closed_on or dt.date.today()
    return NoticeSpec(kind="announcement",
                      title=_("Announcement of the result of the owners' vote on "
                              "“{title}”").format(title=head.title),
                      body=result_body(facts), issuing_body=head.issuing_body, issued_on=day)


def _set_columns(flowable: Flowable) -> bool:
    """Fixed widths for the two tables (measured from the cells, the heads column was
    squeezed to "He/ads"), their figures centred."""
    if not isinstance(flowable, FitTable):
        return False
    widths = {5: ((7, 4, 9, 9, 9), (1, 2, 3, 4)), 4: ((10, 12, 5, 5), (2, 3))}
    if len(flowable.headers) not in widths:
        return False
    flowable.col_widths, flowable.align_center = widths[len(flowable.headers)]
    return True


def notice_pdf(spec: NoticeSpec, names, ctx: TaskContext | None = None) -> bytes:
    """The notice as the notices module lays it out, with the tables set for their columns
    and moved, with their heading, to the next page when the header and rows would not fit
    under it (a table of five rows split over two pages is hard to read on a board)."""
    masked = apply_masking(spec, Masker(spec, names))
    page = PageSpec(size=spec.paper, official=True)
    out: list[Flowable] = []
    for flowable in notice_story(spec, page, masked):
        parts = flowable.lead if isinstance(flowable, ClosingBlock) else [flowable]
        if [part for part in parts if _set_columns(part)]:
            start = len(out)
            while start and (isinstance(out[start - 1], Spacer)
                             or out[start - 1].getKeepWithNext()):
                start -= 1
            out.insert(start, CondPageBreak(TABLE_LINES * page.frame_box()[3]
                                            / LINES_PER_PAGE))
        out.append(flowable)
    return build_pdf(out, page, masked.title, ctx)


def render_result_notice(session: Session, vote_id: str, issued_on: dt.date | None = None,
                         ctx: TaskContext | None = None) -> bytes:
    """The result notice as PDF bytes (a preview until the count is closed)."""
    spec = result_notice_spec(session, vote_id, issued_on)
    return notice_pdf(spec, known_names(session), ctx)


def _check_unchanged(session: Session, vote: Vote) -> None:
    """The count as it stands must be the count that was closed: a ballot arriving later (a
    door visit synced from a volunteer's laptop, a bundle from another office PC) would make
    the posted notice disagree with the stored result."""
    stored = stored_result(vote)
    now = tally_json(vote_tally(session, vote.id))
    moved = [key for key, value in now.items() if key in stored and stored[key] != value]
    if moved:
        raise ValidationError(_("The ballots of “{title}” changed after its count was closed "
                                "on {date}: check the ballot history before posting the "
                                "result.").format(title=vote.title,
                                                  date=format_date(vote.closed_on)),
                              field="vote")


def post_result_notice(uow: UnitOfWork, vote_id: str, issued_on: dt.date | None = None,
                       now: dt.datetime | None = None) -> str:
    """Save the result notice in the archive, record the PDF printed for the board, and link
    it to the vote (``vote.notice_id``); returns the notice's id. Only a closed count has a
    result to post. Posting again updates the same notice and records a new print."""
    session = uow.session
    vote = session.get(Vote, vote_id)
    if vote is None or vote.deleted:
        raise ValidationError(_("This vote no longer exists."), field="vote")
    if vote.closed_on is None:
        raise ValidationError(_("Close the count of “{title}” before posting its "
                                "result.").format(title=vote.title), field="vote")
    _check_unchanged(session, vote)
    spec = result_notice_spec(session, vote_id, issued_on)
    existing = vote.notice_id
    if existing is not None:
        notice = session.get(Notice, existing)
        if notice is None or notice.deleted or notice.status == "withdrawn":
            existing = None
    notice_id = save_notice(uow, spec, existing)
    pdf = notice_pdf(load_notice(session, notice_id), known_names(session))
    post_notice(uow, notice_id, pdf, now)
    vote.notice_id = notice_id
    session.flush()
    return notice_id
