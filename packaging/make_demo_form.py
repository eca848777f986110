"""Write resources/forms/加装电梯意愿调查.xlsx, the XLSForm the demo community imports.

The form was written for this project (a lift-retrofit opinion survey of one building, in
简体, 繁體 and English); the committed .xlsx is what the app ships, this script is how it was
made. Run it again after changing a row: ``python packaging/make_demo_form.py``.
Rows are plain lists in the order of HEADER; None leaves a cell empty.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

LANGS = ("简体中文 (zh-Hans)", "繁體中文 (zh-Hant)", "English (en)")
OUT = Path(__file__).resolve().parents[1] / "resources" / "forms" / "加装电梯意愿调查.xlsx"


def per_language(column: str) -> list[str]:
    return [f"{column}::{lang}" for lang in LANGS]


HEADER = ["type", "name", *per_language("label"), *per_language("hint"), "required",
          *per_language("required_message"), "relevant", "constraint",
          *per_language("constraint_message"), "calculation", "appearance"]

MUST = ("此题必答", "此題必答", "Please answer this question")
NONE3 = (None, None, None)
PHONE = "regex(., '^1[3-9][0-9]{9}$')"
PHONE_MESSAGE = ("请填写11位手机号码", "請填寫11位手機號碼", "Enter an 11-digit mobile number")


def row(type_, name, label, hint=NONE3, required=None, required_message=NONE3, relevant=None,
        constraint=None, constraint_message=NONE3, calculation=None, appearance=None):
    return [type_, name, *label, *hint, required, *required_message, relevant, constraint,
            *constraint_message, calculation, appearance]


SURVEY = [
    # 民法典 第278条: a lift is 改建 of common parts, so three quarters of those taking part
    # must agree, by area and by number.
    row("note", "intro", (
        ("本楼拟加装电梯，现征求每户意见。加装电梯须经本单元专有部分面积占比三分之二以上、"
         "且人数占比三分之二以上的业主参与表决，并经参与表决的专有部分面积四分之三以上、"
         "且人数四分之三以上的业主同意。"),
        ("本棟擬加裝電梯，現徵詢每戶意見。加裝電梯須經本單元專有部分面積佔比三分之二以上、"
         "且人數佔比三分之二以上的屋主參與表決，並經參與表決者專有部分面積四分之三以上、"
         "且人數四分之三以上的屋主同意。"),
        ("A lift is planned for this building and every household is asked. Owners holding "
         "two thirds of the floor area, and two thirds of the owners, must take part; of "
         "those taking part, owners holding three quarters of the area, and three quarters "
         "of them by number, must agree."))),
    row("begin_group", "home", ("住户信息", "住戶資料", "Your home")),
    row("text", "building", ("楼栋", "樓棟", "Building"),
        hint=("如：3幢", "如：3棟", "e.g. Building 3"), required="yes", required_message=MUST),
    row("text", "unit", ("单元", "單元", "Entrance (unit)"), hint=("如：2单元", "如：2單元",
                                                                 "e.g. entrance 2")),
    row("integer", "floor", ("所在楼层", "所在樓層", "Floor"), required="yes",
        required_message=MUST, constraint=". >= 1 and . <= 9",
        constraint_message=("楼层应在1到9之间", "樓層應在1到9之間",
                            "The floor must be from 1 to 9")),
    row("text", "room", ("门牌号", "門牌號碼", "Flat number"), hint=("如：502", "如：502",
                                                                  "e.g. 502")),
    row("select_one role", "role", ("您的身份", "您的身分", "You are"), required="yes",
        required_message=MUST),
    row("text", "owner_contact", ("业主姓名及电话", "屋主姓名及電話", "The owner's name and phone"),
        hint=("加装电梯由业主表决，请留下业主的联系方式", "加裝電梯由屋主表決，請留下屋主聯絡方式",
              "Owners decide on the lift; please leave the owner's contact"),
        relevant="${role} = 'tenant'"),
    row("end_group", "home", NONE3),
    # No label: a working value the volunteer need not see (the filler hides an unlabelled
    # calculation, as ODK hides every one); empty until the floor is known.
    row("calculate", "low_floor", NONE3,
        calculation="if(${floor} = '', '', if(${floor} <= 2, 'yes', 'no'))"),
    row("begin_group", "views", ("您的意见", "您的意見", "Your view")),
    row("select_one opinion", "opinion", ("您是否同意本楼加装电梯", "您是否同意本棟加裝電梯",
                                          "Do you agree to a lift for this building?"),
        required="yes", required_message=MUST),
    row("select_one share", "share_cost", ("是否愿意按楼层分摊费用", "是否願意依樓層分攤費用",
                                           "Will you share the cost by floor?"),
        hint=("楼层越高分摊越多，一、二层一般不分摊", "樓層越高分攤越多，一、二樓通常不分攤",
              "The higher the floor, the larger the share; floors 1 and 2 usually pay nothing"),
        required="yes", required_message=MUST,
        relevant="${opinion} = 'agree' and ${role} = 'owner' and ${low_floor} = 'no'"),
    row("integer", "max_share", ("您能接受的分摊金额（元）", "您能接受的分攤金額（元）",
                                 "The most you would pay (yuan)"),
        relevant="${share_cost} = 'depends'", constraint=". > 0 and . <= 300000",
        constraint_message=("请填写1到300000之间的金额", "請填寫1到300000之間的金額",
                            "Enter an amount from 1 to 300000")),
    row("select_multiple concerns", "concerns",
        ("您的顾虑", "您的顧慮", "What worries you"),
        hint=("可多选", "可複選", "Choose all that apply"),
        relevant="${opinion} = 'disagree' or ${opinion} = 'undecided'",
        constraint="not(selected(., 'none') and count-selected(.) > 1)",
        # No “…” in the texts: pyxform turns curly quotes into ASCII ones in every cell.
        constraint_message=("选择没有顾虑时，不能再选其他项", "選了「沒有顧慮」就不能再選其他項目",
                            "'No worries' cannot be chosen with other answers")),
    # An explicit "other" choice and its text rather than or_other: pyxform's or_other gives
    # "Other" in English only in a translated form (it warns so).
    row("text", "concerns_other", ("其他顾虑", "其他顧慮", "Other worries"),
        required="yes", required_message=MUST, relevant="selected(${concerns}, 'other')"),
    row("text", "compensation", ("低层住户的补偿诉求", "低樓層住戶的補償訴求",
                                 "What a low-floor household asks in return"),
        hint=("如采光、噪音、通行受影响的补偿", "如採光、噪音、通行受影響的補償",
              "For lost light, noise or access, for example"),
        relevant="${low_floor} = 'yes' and ${opinion} != 'agree'", appearance="multiline"),
    row("select_one yes_no", "mobility", ("家中是否有上下楼困难的老人或残疾人",
                                          "家中是否有上下樓不便的長者或身心障礙者",
                                          "Does anyone at home find the stairs hard?")),
    row("end_group", "views", NONE3),
    row("text", "phone", ("联系电话", "聯絡電話", "Phone"), constraint=PHONE,
        constraint_message=PHONE_MESSAGE),
    row("text", "remarks", ("其他意见", "其他意見", "Anything else"), appearance="multiline"),
]

CHOICES = [
    ("role", "owner", "业主", "屋主", "Owner"),
    ("role", "tenant", "租户", "租客", "Tenant"),
    ("opinion", "agree", "同意", "同意", "Agree"),
    ("opinion", "disagree", "不同意", "不同意", "Disagree"),
    ("opinion", "undecided", "还没想好", "還沒決定", "Not sure yet"),
    ("share", "yes", "愿意", "願意", "Yes"),
    ("share", "no", "不愿意", "不願意", "No"),
    ("share", "depends", "看金额多少", "視金額而定", "Depends on the amount"),
    ("concerns", "cost", "费用太高", "費用太高", "The cost"),
    ("concerns", "light", "影响采光", "影響採光", "Less daylight"),
    ("concerns", "noise", "运行噪音", "運轉噪音", "Noise from the lift"),
    ("concerns", "access", "占用通道或绿地", "佔用通道或綠地", "It takes a path or a lawn"),
    ("concerns", "upkeep", "日后维护费用", "日後維護費用", "Upkeep later"),
    ("concerns", "works", "施工期间扰民", "施工期間擾鄰", "Disruption while it is built"),
    ("concerns", "other", "其他", "其他", "Something else"),
    ("concerns", "none", "没有顾虑", "沒有顧慮", "No worries"),
    ("yes_no", "yes", "是", "是", "Yes"),
    ("yes_no", "no", "否", "否", "No"),
]

SETTINGS = {"form_title": "加装电梯意愿调查", "form_id": "lift_retrofit",
            "version": "2026120601", "default_language": LANGS[0]}


def build(path: Path = OUT) -> Path:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(HEADER)
    for values in SURVEY:
        survey.append(values)
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", *per_language("label")])
    for values in CHOICES:
        choices.append(list(values))
    settings = book.create_sheet("settings")
    settings.append(list(SETTINGS))
    settings.append(list(SETTINGS.values()))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


if __name__ == "__main__":
    print(build())
