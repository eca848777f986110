"""意见征集 (``opinion``): one proposal put to residents — here a facade repair plan — with
agree / disagree / abstain, the reason (required when they disagree), which of the plan's
options they prefer, and whether they will come to the briefing. An office rewrites the
proposal note and the options for its own matter."""

from __future__ import annotations

from desktop.visits.forms.model import NOTE, SELECT_MULTIPLE, SELECT_ONE, TEXT, Question
from desktop.visits.forms.templates._build import (
    MUST_ANSWER,
    PHONE_CONSTRAINT,
    PHONE_MESSAGE,
    choice_list,
    form,
    is_yes,
    t,
    yes_no,
)

DISAGREES = "${opinion} = 'disagree'"

OPINION = form(
    "opinion", t("意见征集", "意見徵詢", "Residents' opinion"), (
        Question("proposal", NOTE, t(
            "关于小区外立面维修方案的意见征集：小区部分楼栋外墙出现空鼓、脱落，存在安全隐患。"
            "拟对外墙进行修缮并重新粉刷，费用拟从住宅专项维修资金中列支，工期约三个月。"
            "方案一为局部修补，方案二为整体翻新。请您提出宝贵意见。",
            "社區外牆修繕方案意見徵詢：部分大樓外牆出現空鼓、剝落，有安全疑慮。"
            "擬修繕外牆並重新粉刷，費用擬由住宅專項維修資金支應，工期約三個月。"
            "方案一為局部修補，方案二為整體翻新。敬請提供寶貴意見。",
            "Your opinion on the plan to repair the outside walls: on some buildings the "
            "facade render is hollow or falling off, which is a danger. The plan is to repair "
            "and repaint the walls, paid from the housing maintenance fund, over about three "
            "months. Option 1 patches the damaged parts; option 2 redoes the whole facade.")),
        Question("respondent", SELECT_ONE, t("您的身份", "您的身分", "You are"),
                 choice_list="respondent", required="yes", required_message=MUST_ANSWER),
        Question("opinion", SELECT_ONE, t("您对维修方案的意见", "您對修繕方案的意見",
                                          "Your view of the plan"),
                 choice_list="opinion", required="yes", required_message=MUST_ANSWER),
        Question("preferred_option", SELECT_ONE,
                 t("您倾向哪个方案", "您傾向哪個方案", "Which option do you prefer?"),
                 choice_list="options", relevant="${opinion} = 'agree'"),
        Question("objections", SELECT_MULTIPLE,
                 t("不同意的主要原因", "不同意的主要原因", "Main reasons for disagreeing"),
                 hint=t("可多选", "可複選", "Choose all that apply"),
                 choice_list="objections", or_other=True, relevant=DISAGREES),
        Question("reason", TEXT, t("具体理由", "具體理由", "Your reasons"),
                 hint=t("不同意的请写明理由，便于改进方案", "不同意者請寫明理由，以便修正方案",
                        "If you disagree, say why, so the plan can be improved"),
                 relevant="${opinion} = 'disagree' or ${opinion} = 'abstain'",
                 required=DISAGREES,
                 required_message=t("选择“不同意”时请填写理由",
                                    "選擇「不同意」時請填寫理由",
                                    "Please give your reasons for disagreeing"),
                 appearance="multiline"),
        Question("suggestions", TEXT, t("其他意见和建议", "其他意見與建議",
                                        "Other comments and suggestions"),
                 appearance="multiline"),
        yes_no("attend_briefing", t("是否愿意参加方案说明会", "是否願意參加方案說明會",
                                    "Would you come to a meeting where the plan is explained?")),
        Question("contact_phone", TEXT, t("联系电话", "聯絡電話", "Phone"),
                 hint=t("用于通知说明会时间", "用於通知說明會時間",
                        "So that we can tell you when the meeting is"),
                 relevant=is_yes("attend_briefing"),
                 constraint=PHONE_CONSTRAINT, constraint_message=PHONE_MESSAGE),
    ),
    choice_list("respondent",
                ("owner", "业主", "屋主", "Owner"),
                ("tenant", "租户", "租客", "Tenant"),
                ("other_resident", "其他居住人员", "其他住戶", "Other resident")),
    choice_list("opinion",
                ("agree", "同意", "同意", "Agree"),
                ("disagree", "不同意", "不同意", "Disagree"),
                ("abstain", "弃权", "棄權", "Abstain")),
    choice_list("options",
                ("option_1", "方案一：局部修补", "方案一：局部修補", "Option 1: patch repairs"),
                ("option_2", "方案二：整体翻新", "方案二：整體翻新",
                 "Option 2: redo the whole facade"),
                ("either", "都可以", "都可以", "Either")),
    choice_list("objections",
                ("cost", "费用过高或分摊不合理", "費用過高或分攤不合理",
                 "Too costly, or the costs are shared unfairly"),
                ("fund", "不同意动用维修资金", "不同意動用維修資金",
                 "Against using the maintenance fund"),
                ("plan", "维修方案不合理", "修繕方案不合理", "The plan itself is wrong"),
                ("disturbance", "施工期间影响生活", "施工期間影響生活",
                 "The works would disrupt daily life"),
                ("contractor", "对施工单位不放心", "對施工廠商不放心",
                 "No trust in the contractor")),
)
