"""The demo community's people: households of realistic make-up and the residents in them.

A household is drawn as a composition (a young couple with a child, three generations, an old
couple, someone old living alone, renters sharing a flat …), its members get ages that fit each
other (a mother is at least 21 years older than her child), names that follow the family
(children take the father's surname) and the fashions of their birth decade, and valid ID
numbers whose region code says where they were born.

Everything is drawn from one seeded ``random.Random`` in a fixed order, so a seed always gives
the same people. This runs 200,000 times for a large demo: no per-person objects beyond the row
dict itself, and the weighted draws use precomputed cumulative weights.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from itertools import accumulate

from desktop.roster import demo_names as names
from desktop.roster.id_number import age_on, check_char
from desktop.roster.regions import region_full_name

# Household compositions and their weights per kind of compound: old walk-ups hold more old
# people and renters, new estates more young families.
COMPOSITIONS = ("single", "young_couple", "one_child", "two_children", "three_gen_old_head",
                "three_gen_with_parents", "adult_child", "old_couple", "old_alone", "renters",
                "single_middle", "single_parent")
_BASE_WEIGHTS = (9, 9, 17, 6, 5, 5, 9, 14, 8, 9, 7, 2)  # a mean of ~2.5 people
_KIND_FACTORS = {
    "old": {"old_couple": 1.6, "old_alone": 2.0, "renters": 1.5, "one_child": 0.7,
            "two_children": 0.6},
    "reformed": {"old_couple": 1.8, "old_alone": 2.2, "renters": 1.3, "one_child": 0.7,
                 "two_children": 0.5},
    "work_unit": {"old_couple": 1.8, "old_alone": 2.0, "one_child": 0.7},
    "affordable": {"single": 2.0, "young_couple": 1.5, "renters": 1.5, "old_couple": 0.5,
                   "old_alone": 0.5},
    "resettlement": {"three_gen_old_head": 2.0, "three_gen_with_parents": 1.5},
    "self_built": {"renters": 4.0},
}


_GIVEN = (
    ((names.OLD_MALE, names.OLD_MALE_PARTS), (names.OLD_FEMALE, names.OLD_FEMALE_PARTS)),
    ((names.MIDDLE_MALE, names.MIDDLE_MALE_PARTS),
     (names.MIDDLE_FEMALE, names.MIDDLE_FEMALE_PARTS)),
    ((names.YOUNG_MALE, names.YOUNG_MALE_PARTS), (names.YOUNG_FEMALE, names.YOUNG_FEMALE_PARTS)),
)


def _cumulative(weights) -> list[float]:
    return list(accumulate(weights))


def _kind_cumulative(kind: str) -> list[float]:
    factors = _KIND_FACTORS.get(kind, {})
    return _cumulative(w * factors.get(c, 1.0) for c, w in zip(COMPOSITIONS, _BASE_WEIGHTS))


_ETHNICITIES = (("01", 9840), ("22", 30), ("03", 25), ("08", 20), ("06", 15), ("11", 15),
                ("15", 15), ("07", 10), ("10", 10), ("02", 5), ("05", 5), ("04", 5),
                ("12", 5))
_PHONE_SECOND = (("3", 30), ("5", 25), ("8", 25), ("9", 10), ("7", 8), ("6", 2))
_DAYS_PER_YEAR = 365.2425
RESIDENCE_BY_ORIGIN = {
    # origin → (status, weight) …
    "local": (("permanent", 93), ("separated", 6), ("registered_only", 1)),
    "zhejiang": (("permanent", 75), ("separated", 20), ("temporary", 5)),
    "migrant": (("permanent", 55), ("temporary", 35), ("floating", 10)),
}


class PeopleMaker:
    """Draws people and households; keeps ID numbers and mobile numbers unique."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.random = rng.random
        self.today = today
        self._today_ord = today.toordinal()
        self._surnames = [s for s, _w in names.SURNAMES]
        self._surname_cum = _cumulative(w for _s, w in names.SURNAMES)
        self._eth = [c for c, _w in _ETHNICITIES]
        self._eth_cum = _cumulative(w for _c, w in _ETHNICITIES)
        self._phone2 = [c for c, _w in _PHONE_SECOND]
        self._phone2_cum = _cumulative(w for _c, w in _PHONE_SECOND)
        self._regions = {
            origin: ([c for c, _w in pairs], _cumulative(w for _c, w in pairs))
            for origin, pairs in (("local", names.HANGZHOU_REGIONS),
                                  ("zhejiang", names.ZHEJIANG_REGIONS),
                                  ("migrant", names.MIGRANT_REGIONS))
        }
        self._status = {
            origin: ([s for s, _w in pairs], _cumulative(w for _s, w in pairs))
            for origin, pairs in RESIDENCE_BY_ORIGIN.items()
        }
        self._compositions = {}
        self._region_names: dict[str, str] = {}
        self._date_digits: dict[int, str] = {}
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()

    # -- single facts ---------------------------------------------------------------------

    # random.Random's randint/choice/randrange cost ~0.5 µs each through several Python
    # frames; these draw from the same stream in one step (a 200k demo makes millions).
    def randint(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def _pick(self, values, cum):
        return values[bisect(cum, self.random() * cum[-1])]

    def surname(self) -> str:
        return self._pick(self._surnames, self._surname_cum)

    def given_name(self, sex: str, birth_year: int) -> str:
        male = sex == "1"
        if birth_year < names.OLD_BEFORE_YEAR:
            era = 0
        elif birth_year < names.YOUNG_FROM_YEAR:
            era = 1
        else:
            era = 2
        pool, (first, second) = _GIVEN[era][0 if male else 1]
        if self.random() < 0.4:
            return self.choice(pool)  # a name people of that time really were given
        a, b = self.choice(first), self.choice(second)
        return a + b if a != b else a

    def born(self, age: int) -> dt.date:
        """A birth date for someone who is ``age`` today."""
        start = self._today_ord - int((age + 1) * _DAYS_PER_YEAR) + 1
        return dt.date.fromordinal(start + int(self.random() * 365))

    def region(self, origin: str) -> str:
        values, cum = self._regions[origin]
        return self._pick(values, cum)

    def region_full_name(self, code: str) -> str:
        name = self._region_names.get(code)
        if name is None:
            name = self._region_names[code] = region_full_name(code) or ""
        return name

    def id_number(self, region: str, birth: dt.date, sex: str) -> str:
        """A valid, unused 18-character number: region + birth date + sequence + check."""
        ordinal = birth.toordinal()
        digits = self._date_digits.get(ordinal)
        if digits is None:
            digits = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}"
            self._date_digits[ordinal] = digits
        random = self.random
        parity = 1 if sex == "1" else 0  # an odd sequence number is a man
        while True:
            first17 = f"{region}{digits}{int(random() * 500) * 2 + parity:03d}"
            number = first17 + check_char(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        random = self.random
        while True:
            number = f"1{self._pick(self._phone2, self._phone2_cum)}{int(random() * 1e9):09d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def ethnicity(self, surname: str) -> str:
        if surname == "朴":
            return "10"  # 朴 is above all a Korean-Chinese (朝鲜族) surname
        return self._pick(self._eth, self._eth_cum)

    def residence_status(self, origin: str) -> str:
        values, cum = self._status[origin]
        return self._pick(values, cum)

    def outsider(self) -> tuple[str, str, str]:
        """Name, phone and ID number of an owner who does not live in the community."""
        rng = self.rng
        sex = "1" if rng.random() < 0.55 else "2"
        birth = self.born(self.randint(30, 72))
        name = self.surname() + self.given_name(sex, birth.year)
        origin = "local" if rng.random() < 0.7 else "zhejiang"
        return name, self.phone(), self.id_number(self.region(origin), birth, sex)

    # -- households -----------------------------------------------------------------------

    def composition(self, kind: str) -> str:
        cum = self._compositions.get(kind)
        if cum is None:
            cum = self._compositions[kind] = _kind_cumulative(kind)
        return self._pick(COMPOSITIONS, cum)

    def members(self, composition: str) -> list[list]:
        """[relationship, sex, age, surname, event] for each member; the head first.

        ``event`` is "" or "deceased" / "moved_out" (only ever a member other than the head,
        so every household keeps one living head).
        """
        rng = self.rng
        randint = self.randint
        out: list[list] = []

        def person(rel: str, sex: str, age: int, surname: str | None = None) -> list:
            row = [rel, sex, max(age, 0), surname or self.surname(), ""]
            out.append(row)
            return row

        def couple(low: int, high: int) -> tuple[list, list]:
            husband_age = randint(low, high)
            wife_age = max(low - 2, husband_age - randint(-2, 5))
            if rng.random() < 0.72:
                head = person("02", "1", husband_age)
                spouse = person("10", "2", wife_age)
                return head, spouse
            head = person("02", "2", wife_age)
            spouse = person("10", "1", husband_age)
            return spouse, head  # (husband, wife) whoever is head

        def children(father: list, mother: list, count: int, max_age: int) -> None:
            top = min(max_age, mother[2] - 21, father[2] - 21)
            for _ in range(count):
                if top < 0:
                    return
                sex = "1" if rng.random() < 0.52 else "2"
                surname = father[3] if rng.random() < 0.95 else mother[3]
                person("20" if sex == "1" else "30", sex, randint(0, top), surname)

        if composition == "single":
            person("02", self.choice("12"), randint(22, 35))
        elif composition == "single_middle":
            person("02", self.choice("12"), randint(35, 60))
        elif composition == "young_couple":
            couple(24, 35)
        elif composition in ("one_child", "two_children"):
            husband, wife = couple(28, 46) if composition == "one_child" else couple(32, 48)
            children(husband, wife, 1 if composition == "one_child" else 2, 17)
        elif composition == "adult_child":
            husband, wife = couple(46, 62)
            top = min(husband[2], wife[2]) - 22
            sex = "1" if rng.random() < 0.5 else "2"
            child = person("20" if sex == "1" else "30", sex, randint(18, max(18, top)),
                           husband[3])
            if rng.random() < 0.10:
                child[4] = "moved_out"
        elif composition == "old_couple":
            husband, wife = couple(60, 88)
            if rng.random() < 0.05:
                (wife if husband[0] == "02" else husband)[4] = "deceased"
        elif composition == "old_alone":
            person("02", "2" if rng.random() < 0.65 else "1", randint(62, 95))
        elif composition == "single_parent":
            parent = person("02", "2" if rng.random() < 0.75 else "1", randint(30, 50))
            top = min(17, parent[2] - 21)
            sex = "1" if rng.random() < 0.5 else "2"
            person("20" if sex == "1" else "30", sex, randint(0, max(0, top)), parent[3])
        elif composition == "three_gen_old_head":
            self._three_gen_old_head(person, couple)
        elif composition == "three_gen_with_parents":
            husband, wife = couple(32, 48)
            children(husband, wife, 1 if rng.random() < 0.6 else 2, 15)
            head = out[0]
            own_side = rng.random() < 0.6  # the head's own parents, or the spouse's
            parent_of = head if own_side else (wife if head is husband else husband)
            if own_side:
                codes = ("51", "52")
            else:
                codes = ("55", "56") if head is husband else ("53", "54")
            base = parent_of[2] + randint(25, 32)
            if rng.random() < 0.55:  # both parents
                father = person(codes[0], "1", base + randint(0, 3), parent_of[3])
                person(codes[1], "2", base)
                if rng.random() < 0.04:
                    father[4] = "deceased"
            elif rng.random() < 0.3:  # a widowed father
                person(codes[0], "1", base + randint(0, 3), parent_of[3])
            else:  # a widowed mother, the common case: women live longer
                person(codes[1], "2", base)
        elif composition == "renters":
            count = self.choice((1, 1, 2, 2, 2, 3, 4))
            if count == 2 and rng.random() < 0.5:
                couple(22, 40)
            else:
                person("02", self.choice("12"), randint(20, 40))
                for _ in range(count - 1):
                    mate = person("99", self.choice("12"), randint(20, 40))
                    if rng.random() < 0.08:
                        mate[4] = "moved_out"
        return out

    def _three_gen_old_head(self, person, couple) -> None:
        rng = self.rng
        randint = self.randint
        husband, wife = couple(56, 80)
        head = husband if husband[0] == "02" else wife
        younger = min(husband[2], wife[2])
        child_age = younger - randint(24, 32)
        child_age = max(child_age, 20)
        if rng.random() < 0.6:  # a son, his wife and their children
            son = person("20", "1", child_age, husband[3])
            inlaw = person("38", "2", child_age - randint(-1, 4))
            father, mother, codes = son, inlaw, ("41", "42")
        else:  # a daughter, her husband and their children
            daughter = person("30", "2", child_age, husband[3])
            inlaw = person("28", "1", child_age + randint(-1, 4))
            father, mother, codes = inlaw, daughter, ("43", "44")
        top = min(15, mother[2] - 21, father[2] - 21)
        for _ in range(1 if rng.random() < 0.65 else 2):
            if top < 0:
                break
            sex = "1" if rng.random() < 0.52 else "2"
            person(codes[0] if sex == "1" else codes[1], sex, randint(0, top), father[3])
        if head is not husband and rng.random() < 0.5:
            return  # the wife heads the household and her husband lives with them
        if rng.random() < 0.2:
            # Widowed: the head's spouse has died (kept on the roster with the date).
            (wife if head is husband else husband)[4] = "deceased"

    def age(self, birth: dt.date) -> int:
        return age_on(birth, self.today)
