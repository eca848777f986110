"""物业服务满意度测评 (``property_rating``): the monthly rating of the property company by
residents — each service area on one five-level scale, parking only for those who park, an
overall score out of 100 worked out by the form, what went wrong and suggestions.

The levels' names are the points (5 … 1), so the score is plain arithmetic: each level is
worth 20 points and the areas rated are averaged (parking counts only when answered). The
score stays empty until every area is rated: an unanswered level is no number, and a
volunteer must not see "NaN" or a score from half the answers."""

from __future__ import annotations

from desktop.visits.forms.model import (
    CALCULATE,
    DATE,
    NOTE,
    SELECT_ONE,
    TEXT,
    Group,
    Question,
)
from desktop.visits.forms.templates._build import (
    MUST_ANSWER,
    NOT_IN_FUTURE,
    NOT_IN_FUTURE_MESSAGE,
    choice_list,
    form,
    is_yes,
    t,
    yes_no,
)

# (question name, 简体, 繁體, English) for each service area rated on the same scale.
AREAS = (
    ("security", "秩序维护（门岗、巡逻）", "保全（門禁、巡邏）", "Security (gate, patrols)"),
    ("cleaning", "环境保洁", "環境清潔", "Cleaning"),
    ("greening", "绿化养护", "綠化維護", "Gardens and greenery"),
    ("repairs", "公共设施维修", "公共設施維修", "Repairs to shared facilities"),
    ("customer_service", "客服接待与投诉处理", "客服接待與申訴處理",
     "Customer service and complaints"),
)
PARKING = ("parking", "停车管理", "停車管理", "Parking")


def _rating(name: str, hans: str, hant: str, en: str, **fields) -> Question:
    # One five-level scale per line ("likert"): the volunteer reads it out once, the resident
    # answers with a number.
    return Question(name, SELECT_ONE, t(hans, hant, en), choice_list="satisfaction",
                    required="yes", required_message=MUST_ANSWER, appearance="likert", **fields)


_SUM = " + ".join(f"${{{name}}}" for name, *_ in AREAS)
_UNRATED = " or ".join(f"${{{name}}} = ''" for name, *_ in AREAS)
OVERALL = (f"if({_UNRATED}, '', int((({_SUM} + coalesce(${{parking}}, 0)) * 20 div "
           f"if(${{parking}} = '', {len(AREAS)}, {len(AREAS) + 1})) + 0.5))")
ANY_LOW = " or ".join(f"${{{name}}} <= 2" for name, *_ in (*AREAS, PARKING))

RATINGS = Group("ratings", t("各项服务评价", "各項服務評價", "Each service"), (
    Question("scale", NOTE, t(
        "请按本月实际感受评价：非常满意、满意、基本满意、不满意、非常不满意。",
        "請依本月實際感受評價：非常滿意、滿意、尚可、不滿意、非常不滿意。",
        "Rate this month as you found it: very satisfied, satisfied, fairly satisfied, "
        "dissatisfied or very dissatisfied.")),
    *(_rating(*area) for area in AREAS),
    yes_no("parks_here", t("您是否在小区内停车", "您是否在社區內停車",
                           "Do you park in the estate?"),
           required="yes", required_message=MUST_ANSWER),
    _rating(*PARKING, relevant=is_yes("parks_here")),
))

PROPERTY_RATING = form(
    "property_rating", t("物业服务满意度测评", "物業服務滿意度評量",
                         "Property management satisfaction rating"), (
        Question("rating_date", DATE, t("测评日期", "評量日期", "Date"),
                 required="yes", required_message=MUST_ANSWER,
                 constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE),
        Question("respondent", SELECT_ONE, t("您的身份", "您的身分", "You are"),
                 choice_list="respondent", required="yes", required_message=MUST_ANSWER),
        RATINGS,
        # The filler shows a calculation with its label, so no note repeats it.
        Question("overall_score", CALCULATE, t("综合得分（满分100分）", "綜合得分（滿分100分）",
                                               "Overall score (out of 100)"),
                 calculation=OVERALL),
        Question("overall", SELECT_ONE, t("对物业服务的总体评价", "對物業服務的整體評價",
                                          "Overall, how satisfied are you?"),
                 choice_list="satisfaction", required="yes", required_message=MUST_ANSWER),
        Question("problems", TEXT, t("不满意的地方", "不滿意的地方", "What was wrong"),
                 hint=t("请写明哪方面、哪里、什么时候", "請寫明哪方面、哪裡、什麼時候",
                        "Which service, where and when"),
                 relevant=ANY_LOW, appearance="multiline"),
        Question("suggestions", TEXT, t("意见和建议", "意見與建議", "Suggestions"),
                 appearance="multiline"),
    ),
    choice_list("respondent",
                ("owner", "业主", "屋主", "Owner"),
                ("tenant", "租户", "租客", "Tenant")),
    choice_list("satisfaction",
                ("5", "非常满意", "非常滿意", "Very satisfied"),
                ("4", "满意", "滿意", "Satisfied"),
                ("3", "基本满意", "尚可", "Fairly satisfied"),
                ("2", "不满意", "不滿意", "Dissatisfied"),
                ("1", "非常不满意", "非常不滿意", "Very dissatisfied")),
)
