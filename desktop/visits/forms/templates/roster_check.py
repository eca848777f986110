"""居民信息核查 (``roster_check``): confirm at the door what the roster says about each member
of the household — moved away or died, phones, residence status, registered address, work
place — and note who lives here without being on the roster.

Every question that confirms a roster field names it (``Question.roster_field``, a
``Resident`` column). In the repeat prefilled with the household's members such a question
also has the field's name, so it starts from the member's value on the roster (the filler
prefills an entry by question name) and the volunteer only changes what is wrong; a
select's choice names are the roster's own codes (``desktop/roster/codes.py``), so a
confirmed answer can be written back as it is."""

from __future__ import annotations

from desktop.visits.forms.model import (
    DATE,
    NOTE,
    PREFILL_HOUSEHOLD_MEMBERS,
    SELECT_ONE,
    TEXT,
    Group,
    Question,
)
from desktop.visits.forms.templates._build import (
    MUST_ANSWER,
    NOT_IN_FUTURE,
    NOT_IN_FUTURE_MESSAGE,
    PHONE_CONSTRAINT,
    PHONE_MESSAGE,
    choice_list,
    form,
    is_yes,
    t,
    yes_no,
)

STILL_HERE = "${moved_away} != 'yes' and ${died} != 'yes'"

MEMBERS = Group("members", t("登记在本户的人员", "登記在本戶的人員",
                             "People on the roster for this household"), (
    Question("name", TEXT, t("姓名", "姓名", "Name"), read_only=True,
             roster_field="name"),
    # The yes/no checks of the roster's booleans are not named after them: a prefilled entry
    # would start from the roster's True/False, and the volunteer must ask, not confirm.
    yes_no("moved_away", t("已搬离本户", "已遷離本戶", "Has moved away"),
           required="yes", required_message=MUST_ANSWER, roster_field="moved_out"),
    Question("moved_out_on", DATE, t("搬离日期", "遷離日期", "Moved away on"),
             hint=t("记不清具体日期可填当月1日", "記不清確切日期可填當月1日",
                    "If nobody remembers the day, use the 1st of the month"),
             relevant=is_yes("moved_away"), roster_field="moved_out_on",
             constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE),
    yes_no("died", t("已去世", "已過世", "Has died"),
           hint=t("仅在家属告知或已核实时选“是”", "僅在家屬告知或已查證時選「是」",
                  "Choose “Yes” only if the family said so or it has been confirmed"),
           relevant="${moved_away} = 'no'", roster_field="deceased"),
    Question("deceased_on", DATE, t("去世日期", "過世日期", "Died on"),
             relevant=is_yes("died"), roster_field="deceased_on",
             constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE),
    Question("phone", TEXT, t("联系电话", "聯絡電話", "Phone"),
             hint=t("核对登记的号码，有误请直接改正", "核對登記的號碼，有誤請直接更正",
                    "Check the number on record and correct it if it is wrong"),
             relevant=STILL_HERE, roster_field="phone",
             constraint=PHONE_CONSTRAINT, constraint_message=PHONE_MESSAGE),
    Question("phone2", TEXT, t("备用电话", "備用電話", "Second phone"),
             hint=t("如子女或紧急联系人的电话", "如子女或緊急聯絡人的電話",
                    "A child's or an emergency contact's number, for example"),
             relevant=STILL_HERE, roster_field="phone2",
             constraint=PHONE_CONSTRAINT, constraint_message=PHONE_MESSAGE),
    Question("residence_status", SELECT_ONE, t("居住状态", "居住狀態", "Residence status"),
             relevant=STILL_HERE, required="yes", required_message=MUST_ANSWER,
             choice_list="residence_status", roster_field="residence_status"),
    Question("hukou_address", TEXT, t("户籍地址", "戶籍地址", "Registered (hukou) address"),
             hint=t("人户分离的，写明户口所在地", "人戶分離者，請寫明戶籍所在地",
                    "For someone registered elsewhere: where the hukou is"),
             relevant=STILL_HERE + " and ${residence_status} = 'separated'",
             roster_field="hukou_address"),
    Question("work_unit", TEXT, t("工作单位或学校", "工作單位或學校", "Workplace or school"),
             relevant=STILL_HERE, roster_field="work_unit"),
), repeat=True, prefill=PREFILL_HOUSEHOLD_MEMBERS)

NEWCOMERS = Group("newcomers", t("未登记的居住人员", "未登記的居住人員",
                                 "People living here who are not on the roster"), (
    Question("new_name", TEXT, t("姓名", "姓名", "Name"), required="yes",
             required_message=MUST_ANSWER, roster_field="name"),
    Question("new_sex", SELECT_ONE, t("性别", "性別", "Sex"), choice_list="sex",
             roster_field="sex"),
    Question("new_birth_date", DATE, t("出生日期", "出生日期", "Date of birth"),
             roster_field="birth_date",
             constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE),
    Question("new_phone", TEXT, t("联系电话", "聯絡電話", "Phone"), roster_field="phone",
             constraint=PHONE_CONSTRAINT, constraint_message=PHONE_MESSAGE),
    Question("new_residence_status", SELECT_ONE,
             t("居住状态", "居住狀態", "Residence status"),
             choice_list="residence_status", roster_field="residence_status"),
), repeat=True, relevant=is_yes("has_newcomers"))

ROSTER_CHECK = form(
    "roster_check", t("居民信息核查", "居民資料核對", "Roster check"), (
        Question("intro", NOTE, t(
            "逐一核对登记在本户的人员；信息有误的直接改正，没有变化的不用改动。",
            "逐一核對登記在本戶的人員；資料有誤請直接更正，沒有變動的不必修改。",
            "Go through everyone on the roster for this household; correct what is wrong "
            "and leave the rest as it is.")),
        Question("check_date", DATE, t("核查日期", "核對日期", "Date of the check"),
                 required="yes", required_message=MUST_ANSWER,
                 constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE),
        Question("checked_by", TEXT, t("核查人", "核對人員", "Checked by"),
                 required="yes", required_message=MUST_ANSWER),
        MEMBERS,
        yes_no("has_newcomers", t("是否有未登记的人员在此居住", "是否有未登記的人員住在這裡",
                                  "Does anyone live here who is not on the roster?"),
               required="yes", required_message=MUST_ANSWER),
        NEWCOMERS,
        Question("remarks", TEXT, t("其他情况", "其他情況", "Anything else"),
                 appearance="multiline"),
    ),
    # The roster's codes (codes.RESIDENCE_STATUSES), worded as offices say them at the door:
    # 人户分离 from this address's side is 人在户不在, 空挂户 is 户在人不在.
    choice_list("residence_status",
                ("permanent", "常住（户在人在）", "常住（戶籍與居住地相同）",
                 "Permanent: registered and living here"),
                ("separated", "人户分离（人在户不在）", "人戶分離（人住這裡，戶籍在外地）",
                 "Lives here, registered elsewhere"),
                ("registered_only", "空挂户（户在人不在）", "空掛戶（戶籍在此，人不住這裡）",
                 "Registered here, lives elsewhere"),
                ("temporary", "暂住", "暫住", "Temporary resident"),
                ("floating", "流动人口", "流動人口", "Floating population")),
    choice_list("sex",
                ("1", "男", "男", "Male"),
                ("2", "女", "女", "Female")),
)
