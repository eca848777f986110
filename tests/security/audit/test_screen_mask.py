"""A volunteer never sees a full ID number on screen: whatever the masking setting says and
whatever they click, the ID and the birth date (the ID's middle) stay masked; "Show" uncovers
their phones only. Office staff see what the setting and their clicks say."""

from __future__ import annotations

from desktop.core.access import UNSIGNED
from desktop.roster.screen_mask import ScreenMask
from tests.security.audit.conftest import OFFICE, VOLUNTEER

ID = "11010519491231002X"


def test_a_volunteer_never_sees_a_full_id():
    for on in (False, True):
        mask = ScreenMask(on, VOLUNTEER)
        mask.show(["r1"])
        assert mask.masks("r1")
        assert mask.text("r1", "id_number", ID) != ID and "*" in mask.text("r1", "id_number", ID)
        assert mask.text("r1", "birth_date", "1949-12-31") == "1949-**-**"
        assert mask.text("r1", "phone", "13812345678") == "13812345678"  # shown, or never hidden


def test_office_staff_see_what_the_setting_and_show_say():
    for actor in (OFFICE, UNSIGNED):
        assert ScreenMask(False, actor).text("r1", "id_number", ID) == ID
        mask = ScreenMask(True, actor)
        assert mask.text("r1", "id_number", ID) != ID
        mask.show(["r1"])
        assert mask.text("r1", "id_number", ID) == ID and not mask.masks("r1")
