"""Ledger action names of the decisions app."""

from enum import StrEnum


class DecisionEvent(StrEnum):
    CATALOGUE_ITEM_ADDED = "decisions.catalogue_item.added"
    CATALOGUE_PUBLISHED = "decisions.catalogue.published"
    REGISTERED = "decisions.decision.registered"
    COMMENTS_OPENED = "decisions.decision.comments_opened"
    COMMENT_RECEIVED = "decisions.comment.received"
    COMMENT_MODERATED = "decisions.comment.moderated"
    COMMENT_ANSWERED = "decisions.comment.answered"
    ASSESSED = "decisions.decision.assessed"
    LEGALITY_SUBMITTED = "decisions.decision.legality_submitted"
    LEGALITY_REVIEWED = "decisions.decision.legality_reviewed"
    DISCUSSED = "decisions.decision.discussed"
    PUBLISHED = "decisions.decision.published"
    EVALUATED = "decisions.decision.evaluated"
    ARCHIVED = "decisions.decision.archived"


DECISION_EVENT_LABELS: dict[DecisionEvent, str] = {
    DecisionEvent.CATALOGUE_ITEM_ADDED: "列入决策事项目录",
    DecisionEvent.CATALOGUE_PUBLISHED: "公布决策事项目录",
    DecisionEvent.REGISTERED: "决策启动",
    DecisionEvent.COMMENTS_OPENED: "公开征求意见",
    DecisionEvent.COMMENT_RECEIVED: "收到公众意见",
    DecisionEvent.COMMENT_MODERATED: "审核公众意见",
    DecisionEvent.COMMENT_ANSWERED: "答复公众意见",
    DecisionEvent.ASSESSED: "专家论证或风险评估",
    DecisionEvent.LEGALITY_SUBMITTED: "提交合法性审查",
    DecisionEvent.LEGALITY_REVIEWED: "出具合法性审查意见",
    DecisionEvent.DISCUSSED: "集体讨论决定",
    DecisionEvent.PUBLISHED: "公布决策",
    DecisionEvent.EVALUATED: "决策后评估",
    DecisionEvent.ARCHIVED: "决策归档",
}
