"""The major-decision figures of the annual report: the decisions of the year's catalogue that were made,
and for those decisions the statutory steps taken against the steps each required (国务院令第713号:
公众参与 art. 14, 专家论证 art. 19 and 风险评估 art. 22 where the decision needs them, 合法性审查
arts. 24–25, 集体讨论决定 art. 30); the legality reviews the legal counsel gave. Registered from
DecisionsConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.figures import Column, Figure, Scope, held_by, link_to
from fazhi.core.roles import Role
from fazhi.decisions.models import (
    Assessment,
    AssessmentKind,
    CollectiveDiscussion,
    CommentPeriod,
    DecisionStatus,
    LegalityReview,
    MajorDecision,
    Outcome,
    PublicComment,
)


def _major_decisions(scope: Scope) -> QuerySet[MajorDecision]:
    """Decisions of the year's catalogue that were made: adopted by the collective discussion, or
    published; one the meeting rejected or postponed was not made."""
    return (
        MajorDecision.objects.filter(scope.within(), catalogue_item__year=scope.year)
        .filter(Q(status=DecisionStatus.PUBLISHED) | Q(discussion__outcome=Outcome.ADOPTED))
        .select_related("catalogue_item")
        .order_by("id")
    )


@dataclass(frozen=True)
class ProcedureStep:
    """A statutory step as the records show it: `taken` names the annotation saying the decision's file
    holds it, `required_by` the decision's flag when only some decisions need it (every decision needs
    the others)."""

    taken: str
    label: str
    required_by: str = ""

    @property
    def needed(self) -> Q:
        return Q(**{self.required_by: True}) if self.required_by else Q()

    @property
    def missing(self) -> Q:
        """Required by the decision and not on its file."""
        return Q(**{self.taken: False}) & self.needed

    def state(self, row: Any) -> str:
        if getattr(row, self.taken):
            return "已履行"
        if self.required_by and not getattr(row, self.required_by):
            return "不需要"
        return "缺少"


PROCEDURE = (
    ProcedureStep("commented", "公众参与"),
    ProcedureStep("expert_assessed", "专家论证", "needs_expert"),
    ProcedureStep("risk_assessed", "风险评估", "needs_risk"),
    ProcedureStep("legality_passed", "合法性审查"),
    ProcedureStep("discussed", "集体讨论决定"),
)
COMPLETE = ~Q(*(step.missing for step in PROCEDURE), _connector=Q.OR)


def _with_steps(scope: Scope) -> QuerySet[MajorDecision]:
    """The year's decisions, each with whether its file holds each step (EXISTS: one query for the
    page, however many decisions)."""
    return _major_decisions(scope).annotate(
        commented=Exists(CommentPeriod.objects.filter(decision=OuterRef("pk"))),
        expert_assessed=Exists(
            Assessment.objects.filter(decision=OuterRef("pk"), kind=AssessmentKind.EXPERT)
        ),
        risk_assessed=Exists(Assessment.objects.filter(decision=OuterRef("pk"), kind=AssessmentKind.RISK)),
        legality_passed=Exists(LegalityReview.objects.filter(decision=OuterRef("pk"), passed=True)),
        discussed=Exists(CollectiveDiscussion.objects.filter(decision=OuterRef("pk"))),
    )


def _where(field: str) -> Callable[[Scope], QuerySet[MajorDecision]]:
    """The year's decisions whose file holds a step, or that need one."""
    return lambda scope: _with_steps(scope).filter(**{field: True})


def _procedure_words(scope: Scope, rows: QuerySet[MajorDecision]) -> str:
    """States only what the records show: a step is said to be taken when every decision that needed it
    has it on file; otherwise how many decisions lack a step, and which."""
    counts = rows.aggregate(
        all=Count("pk"),
        complete=Count("pk", filter=COMPLETE),
        **{f"lacking_{step.taken}": Count("pk", filter=step.missing) for step in PROCEDURE},
        **{
            f"needing_{step.taken}": Count("pk", filter=step.needed) for step in PROCEDURE if step.required_by
        },
    )
    if not counts["all"]:
        return "全年未作出重大行政决策"
    incomplete = counts["all"] - counts["complete"]
    if incomplete:
        missing = "、".join(
            "%(s)s%(n)d项" % {"s": step.label, "n": counts[f"lacking_{step.taken}"]}
            for step in PROCEDURE
            if counts[f"lacking_{step.taken}"]
        )
        return "有%(n)d项未履行全部应履行的法定程序（缺少%(m)s）" % {"n": incomplete, "m": missing}
    words = "各项决策均履行了公众参与、合法性审查和集体讨论决定程序"
    assessed = [step.label for step in PROCEDURE if step.required_by and counts[f"needing_{step.taken}"]]
    if assessed:
        words += "，须%(a)s的均已组织" % {"a": "、".join(assessed)}
    return words


def _comments(scope: Scope) -> QuerySet[PublicComment]:
    return (
        PublicComment.objects.filter(period__decision__in=_major_decisions(scope))
        .select_related("period__decision__catalogue_item")
        .order_by("submitted_at", "id")
    )


def _counsel_reviews(scope: Scope) -> QuerySet[LegalityReview]:
    return (
        LegalityReview.objects.filter(
            scope.within("decision__organisation"),
            held_by("reviewer", Role.LEGAL_COUNSEL),
            reviewed_on__year=scope.year,
        )
        .select_related("decision__catalogue_item", "reviewer")
        .order_by("reviewed_on", "id")
    )


def _comment_link(row: PublicComment) -> str:
    """A comment's drill-down row opens its decision, where it is moderated and answered."""
    return reverse("decisions:detail", args=[row.period.decision_id])


def _review_link(row: LegalityReview) -> str:
    return reverse("decisions:detail", args=[row.decision_id])


TITLE = Column("决策事项", lambda row: row.catalogue_item.title)
DECISION_COLUMNS = (TITLE, Column("状态", lambda row: row.get_status_display()))
PROCEDURE_COLUMNS = (
    TITLE,
    *(Column(step.label, step.state) for step in PROCEDURE),
)
COMMENT_COLUMNS = (
    Column("提交日期", lambda row: timezone.localtime(row.submitted_at).date()),
    Column("决策事项", lambda row: row.period.decision.catalogue_item.title),
    Column("审核", lambda row: row.get_moderation_display()),
    Column("答复", lambda row: row.get_answer_display() or "未答复"),
)
REVIEW_COLUMNS = (
    Column("审查日期", lambda row: row.reviewed_on),
    Column("决策事项", lambda row: row.decision.catalogue_item.title),
    Column("审查结论", lambda row: "通过" if row.passed else "未通过"),
    Column("法律顾问", lambda row: row.reviewer.full_name),
)
OF_THE_YEAR = "列入当年目录、经集体讨论通过或已公布的重大行政决策"


def _decisions_figure(
    key: str, label: str, source: str, rows: Callable[[Scope], QuerySet[MajorDecision]]
) -> Figure:
    return Figure(key, label, "项", source, rows, PROCEDURE_COLUMNS, link_to("decisions:detail"))


FIGURES = (
    Figure(
        "major_decisions",
        "重大行政决策",
        "项",
        OF_THE_YEAR,
        _major_decisions,
        DECISION_COLUMNS,
        link_to("decisions:detail"),
        dashboard="decisions",
    ),
    _decisions_figure(
        "decisions_comment_periods",
        "公开征求意见的重大行政决策",
        OF_THE_YEAR + "中，向社会公开征求过意见的（第十四条）",
        _where("commented"),
    ),
    Figure(
        "decision_comments",
        "重大行政决策收到公众意见",
        "条",
        OF_THE_YEAR + "在公开征求意见期间收到的公众意见（含未公开的）",
        _comments,
        COMMENT_COLUMNS,
        _comment_link,
    ),
    _decisions_figure(
        "decisions_expert_required",
        "须专家论证的重大行政决策",
        OF_THE_YEAR + "中，登记为专业性、技术性较强须专家论证的（第十九条）",
        _where("needs_expert"),
    ),
    _decisions_figure(
        "decisions_expert_reviewed",
        "组织专家论证的重大行政决策",
        OF_THE_YEAR + "中，记录了专家论证的",
        _where("expert_assessed"),
    ),
    _decisions_figure(
        "decisions_risk_required",
        "须风险评估的重大行政决策",
        OF_THE_YEAR + "中，登记为涉及社会稳定、公共安全须风险评估的（第二十二条）",
        _where("needs_risk"),
    ),
    _decisions_figure(
        "decisions_risk_assessed",
        "开展风险评估的重大行政决策",
        OF_THE_YEAR + "中，记录了风险评估的",
        _where("risk_assessed"),
    ),
    _decisions_figure(
        "decisions_legality_reviewed",
        "经合法性审查通过的重大行政决策",
        OF_THE_YEAR + "中，有审查通过的合法性审查意见的（第二十四条、第二十五条）",
        _where("legality_passed"),
    ),
    _decisions_figure(
        "decisions_discussed",
        "经集体讨论决定的重大行政决策",
        OF_THE_YEAR + "中，记录了集体讨论决定的（第三十条）",
        _where("discussed"),
    ),
    Figure(
        "decisions_procedure_complete",
        "履行全部应履行法定程序的重大行政决策比例",
        "",
        OF_THE_YEAR + "中，公开征求意见、合法性审查通过、集体讨论决定均有记录，须专家论证、风险评估的"
        "也有相应记录的比例",
        _with_steps,
        PROCEDURE_COLUMNS,
        link_to("decisions:detail"),
        kind="share",
        counted=lambda scope: COMPLETE,
    ),
    Figure(
        "decisions_procedure_wording",
        "重大行政决策法定程序履行情况（报告表述）",
        "",
        OF_THE_YEAR + "履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序的情况，"
        "只表述记录中有的程序",
        _with_steps,
        PROCEDURE_COLUMNS,
        link_to("decisions:detail"),
        kind="phrase",
        words=_procedure_words,
    ),
    Figure(
        "counsel_decision_reviews",
        "法律顾问出具重大行政决策合法性审查意见",
        "件",
        "当年由法律顾问出具合法性审查意见的重大行政决策送审稿（按审查日期计，含未通过的）",
        _counsel_reviews,
        REVIEW_COLUMNS,
        _review_link,
    ),
)
