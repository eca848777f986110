"""Turning a drawn household into database rows: residents, their tags, the dwelling's owners.

The facts that depend on a person's age and the household's situation are decided here:
residence status and hukou address, political status, work, phones, the care groups the office
tags (elderly, children, people living alone, gig workers …) and who owns the flat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from desktop.roster import demo_names as names
from desktop.roster.demo_people import PeopleMaker
from desktop.roster.id_number import age_on

HUNDRED = Decimal(100)
HALF = Decimal(50)
LOCAL_REGION = names.COMMUNITY_REGION
# Relationships whose ID region follows the head's birthplace rather than the spouse's.
_HEAD_SIDE = frozenset({"02", "51", "52", "20", "30"})
_SPOUSE_SIDE = frozenset({"10", "53", "54", "55", "56"})


class HouseholdFiller:
    """Builds the rows of one household at a time; ``tags`` maps tag codes to Tag ids."""

    def __init__(self, people: PeopleMaker, tags: dict[str, str], operator: str,
                 new_id: Callable[[], str], new_stamp: Callable[[], str]) -> None:
        self.people = people
        self.rng = people.rng
        self.today = people.today
        self.tags = tags
        self.operator = operator
        self.new_id = new_id
        self.new_stamp = new_stamp
        self._today_ord = people.today.toordinal()

    def _meta(self) -> dict:
        return {"id": self.new_id(), "created_hlc": self.new_stamp(),
                "created_by": self.operator, "deleted": False}

    def _past_date(self, after: dt.date) -> dt.date:
        """A date within the last three years, and not before ``after``."""
        ordinal = self._today_ord - self.people.randint(20, 1099)
        return dt.date.fromordinal(max(ordinal, after.toordinal() + 1))

    def household_rows(self, composition: str, members: list[list], household_id: str,
                       dwelling_address: str, residents: list[dict],
                       resident_tags: list[dict]) -> tuple[dict, dict | None]:
        """Append the members' rows to ``residents`` and their tags to ``resident_tags``.

        Returns the head's and the spouse's rows (the spouse None if there is no living one),
        so the caller can record who owns the dwelling.
        """
        people = self.people
        random = people.random
        renters = composition == "renters"
        if renters:
            origin = "migrant" if random() < 0.75 else "zhejiang"
        else:
            roll = random()
            origin = "local" if roll < 0.6 else ("zhejiang" if roll < 0.75 else "migrant")
        if renters:
            status = ("temporary" if random() < 0.55 else "floating") \
                if origin == "migrant" else "separated"
        else:
            status = people.residence_status(origin)
        head_region = people.region(origin)
        spouse_region = people.region(origin) if random() < 0.75 else people.region("local")
        if status in ("permanent", "registered_only"):
            hukou = dwelling_address
        elif status == "separated":
            elsewhere = people.region("local")
            if elsewhere == LOCAL_REGION:
                elsewhere = "330105"
            hukou = (f"{people.region_full_name(elsewhere)}{people.choice(names.ROADS)}"
                     f"{people.randint(1, 300)}号")
        else:
            hukou = (f"{people.region_full_name(head_region)}{people.choice(names.VILLAGES)}村"
                     f"{people.randint(1, 120)}号")
        settled = status not in ("temporary", "floating")
        living = sum(1 for m in members if not m[4])
        tags = self.tags
        new_id, new_stamp, operator = self.new_id, self.new_stamp, self.operator
        poor = random() < (0.012 if composition in ("old_couple", "old_alone") else 0.004)
        hardship = poor and random() < 0.5 or random() < 0.003
        gig_rate = 0.15 if renters else 0.05

        head_row: dict | None = None
        spouse_row: dict | None = None
        for rel, sex, age, surname, event in members:
            birth = people.born(age)
            age = age_on(birth, self.today)
            if rel in _HEAD_SIDE or renters:
                region = head_region if not renters or rel == "02" else people.region(origin)
            elif rel in _SPOUSE_SIDE:
                region = spouse_region
            else:  # in-laws of the next generation, grandchildren
                region = people.region(origin if rel in ("28", "38") else "local")
            if age < 18 and settled and rel in ("20", "30") and random() < 0.7:
                region = LOCAL_REGION  # born here after the family settled
            number = people.id_number(region, birth, sex)
            original = ""
            if birth.year < 1980 and random() < 0.003:
                # Still carries a 15-digit number from before 1999 on file.
                original = number[:6] + number[8:17]

            phone = people.phone() if age >= 14 and (age < 85 or random() < 0.5) else ""
            phone2 = people.phone() if age >= 70 and random() < 0.3 else ""
            political = "13"
            if age >= 18:
                roll = random()
                party = 0.13 if age >= 60 else (0.09 if age >= 36 else 0.06)
                if roll < party:
                    political = "01"
                elif age <= 40 and roll < party + 0.004:
                    political = "02"
                elif age >= 30 and roll < party + 0.007:
                    political = "04"
                elif roll < party + 0.008:
                    political = "12"
            if political == "13" and 14 <= age <= 28 and random() < 0.35:
                political = "03"
            gig = False
            if age < 3:
                work = ""
            elif age < 18 or (age <= 22 and random() < 0.6):
                work = names.STUDENT
            elif age >= 60 or (sex == "2" and age >= 55):
                work = names.RETIRED
            elif age <= 50 and random() < gig_rate:
                gig = True
                work = people.choice(names.GIG_WORK_UNITS)
            else:
                work = people.choice(names.WORK_UNITS)

            deceased = event == "deceased"
            moved_out = event == "moved_out"
            row = {
                "id": new_id(), "created_hlc": new_stamp(), "created_by": operator,
                "deleted": False, "household_id": household_id,
                "name": surname + people.given_name(sex, birth.year),
                "id_number": number, "id_number_original": original, "sex": sex,
                "birth_date": birth, "phone": phone, "phone2": phone2, "relationship": rel,
                "residence_status": status, "ethnicity": people.ethnicity(surname),
                "political_status": political, "hukou_address": hukou, "work_unit": work,
                "moved_out": moved_out,
                "moved_out_on": self._past_date(birth) if moved_out else None,
                "deceased": deceased,
                "deceased_on": self._past_date(birth) if deceased else None,
                "notes": "",
            }
            residents.append(row)
            if rel == "02":
                head_row = row
            elif rel == "10" and not event:
                spouse_row = row
            if event:
                continue  # care groups are for the people who live here now

            codes = []
            if age >= 60:
                codes.append("elderly")
                if living == 1:
                    codes.append("lives_alone")
            elif age < 14:
                codes.append("child")
            if political in ("01", "02"):
                codes.append("party_member")
            if gig:
                codes.append("new_employment")
            if random() < (0.045 if age >= 60 else 0.012):
                codes.append("disabled")
            if poor:
                codes.append("low_income")
            if hardship:
                codes.append("hardship")
            if sex == "1" and 35 <= age <= 85 and random() < 0.03:
                codes.append("veteran")
            if 18 <= age <= 75:
                chance = 0.25 if political == "01" else (0.06 if age >= 55 else 0.02)
                if random() < chance:
                    codes.append("volunteer")
                if age >= 35 and settled and random() < 0.015:
                    codes.append("resident_representative")
            resident_id = row["id"]
            for code in codes:
                resident_tags.append({
                    "id": new_id(), "created_hlc": new_stamp(), "created_by": operator,
                    "deleted": False, "resident_id": resident_id, "tag_id": tags[code],
                })
        assert head_row is not None
        return head_row, spouse_row

    def owner_rows(self, dwelling_id: str, composition: str | None, head: dict | None,
                   spouse: dict | None, owners: list[dict]) -> None:
        """Who owns the dwelling: mostly the head, sometimes head and spouse half each, an
        outside landlord for renters and for most empty flats."""
        rng = self.rng
        rented = composition == "renters" or (
            head is not None and head["residence_status"] in ("temporary", "floating"))
        if head is None or rented:
            if head is None and rng.random() < 0.15:
                return  # an empty flat whose owner the office does not know
            name, phone, number = self.people.outsider()
            row = self._meta()
            row.update(dwelling_id=dwelling_id, resident_id=None, outside_name=name,
                       outside_phone=phone, outside_id_number=number, share_percent=HUNDRED)
            owners.append(row)
            return
        shares = [(head, HUNDRED)]
        if spouse is not None and rng.random() < 0.3:
            shares = [(head, HALF), (spouse, HALF)]
        for person, share in shares:
            row = self._meta()
            row.update(dwelling_id=dwelling_id, resident_id=person["id"], outside_name="",
                       outside_phone="", outside_id_number="", share_percent=share)
            owners.append(row)
