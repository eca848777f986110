"""The areas of the app not built yet, each with a page saying what it will do."""

from __future__ import annotations

from desktop.core.i18n import _
from desktop.ui.widgets.coming_soon import ComingSoonPage


def visits_page() -> ComingSoonPage:
    return ComingSoonPage(
        "visits", _("Home visits"),
        _("Door-to-door visits to households, planned in rounds and recorded on the spot."),
        [
            _("Plan a round of visits over chosen buildings and share it among staff and "
              "volunteers."),
            _("Record each visit: completed, not at home, refused, vacant, or visit again."),
            _("Survey forms with skip logic, and owners' votes counted by floor area and by "
              "head count."),
        ],
    )


def meetings_page() -> ComingSoonPage:
    return ComingSoonPage(
        "meetings", _("Meeting minutes"),
        _("Joint meetings with the owners' committee and the property company, and residents' "
          "consultation meetings."),
        [
            _("Agenda, attendance and decisions with their votes; printed sign-in sheets and "
              "minutes."),
            _("The three lists — problem, who is responsible, remedy, deadline — followed from "
              "meeting to meeting until each item is closed."),
            _("Overdue items stand out, and open ones carry over to the next meeting."),
        ],
    )


def notices_page() -> ComingSoonPage:
    return ComingSoonPage(
        "notices", _("Notices"),
        _("Disclosures, announcements and notices for the notice board, in the official "
          "layout."),
        [
            _("Write from templates; the issuing body, date and posting period are filled in."),
            _("Names and phone numbers are masked by default; ID numbers are never printed."),
            _("Preview, print, or save as PDF — Chinese fonts included."),
        ],
    )


def sync_page() -> ComingSoonPage:
    return ComingSoonPage(
        "sync", _("Data sync"),
        _("Carry data between the office computers and volunteers' laptops without a "
          "network."),
        [
            _("An encrypted bundle file, protected by a passphrase, on a USB stick or by "
              "message."),
            _("Give a volunteer only the buildings they visit, with no more personal data than "
              "the work needs."),
            _("Changes from both sides are merged field by field; when two people changed the "
              "same thing, nothing is lost — both versions are shown for review."),
        ],
    )
