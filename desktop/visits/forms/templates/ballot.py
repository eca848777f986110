"""业主表决票 (``ballot``): the form a vote's door-to-door campaign fills in — the proposal,
the owner's opinion (agree / against / abstain, the keys an owners' vote counts), who signed
and whether by proxy. It is not among the templates an office copies by hand: a vote makes its
own copy with its proposal in the note (``desktop.votes.ballot_form``), so a ballot at the door
always shows the text the owners are voting on."""

from __future__ import annotations

from desktop.visits.forms.model import NOTE, SELECT_ONE, TEXT, Question
from desktop.visits.forms.templates._build import (
    MUST_ANSWER,
    choice_list,
    form,
    is_yes,
    t,
    yes_no,
)

# The question whose answer is the ballot, and its choices' keys (votes.tables.OPINIONS).
OPINION_QUESTION = "opinion"
PROPOSAL_NOTE = "proposal"

BALLOT = form(
    "ballot", t("业主表决票", "業主表決票", "Owner's ballot"), (
        Question(PROPOSAL_NOTE, NOTE, t("表决事项", "表決事項", "The matter voted on")),
        Question(OPINION_QUESTION, SELECT_ONE,
                 t("表决意见（只能选一项）", "表決意見（只能選一項）",
                   "Your vote (choose one)"),
                 choice_list=OPINION_QUESTION, required="yes", required_message=MUST_ANSWER),
        Question("signer", TEXT, t("签名人姓名", "簽名人姓名", "Name of the person signing"),
                 required="yes", required_message=MUST_ANSWER),
        yes_no("by_proxy", t("是否由代理人代为表决", "是否由代理人代為表決",
                             "Is a proxy voting for the owner?")),
        Question("proxy_name", TEXT, t("代理人姓名", "代理人姓名", "The proxy's name"),
                 relevant=is_yes("by_proxy"), required="yes",
                 required_message=MUST_ANSWER),
    ),
    choice_list(OPINION_QUESTION,
                ("agree", "同意", "同意", "Agree"),
                ("against", "反对", "反對", "Against"),
                ("abstain", "弃权", "棄權", "Abstain")),
)
