"""Every write to major decisions: the catalogue, the decision, the public comment period and the
citizens' comments (moderated and answered), expert and risk assessments, the legality review, the
collective discussion behind its gate, publication. Each one transaction with its ledger event."""

from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core import files, locking, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.decisions import archive, rules
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import (
    Answer,
    Assessment,
    AssessmentKind,
    CatalogueItem,
    CollectiveDiscussion,
    CommentPeriod,
    DecisionArchive,
    DecisionStatus,
    LegalityReview,
    MajorDecision,
    Moderation,
    Outcome,
    PostEvaluation,
    PublicComment,
)
from fazhi.ledger import record as ledger
from fazhi.ledger import services as ledger_services
from fazhi.ledger.record import sha256_hex

OFFICE_ROLES = (Role.ADMIN, Role.HEAD)
REVIEWER_ROLES = (Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER)
COMMENT_MAX_CHARS = 2000


@transaction.atomic(durable=True)
def add_catalogue_item(actor: Staff, *, year: int, title: str, department: Organisation) -> CatalogueItem:
    """决策事项目录 (art. 3): the year's matters that go through this procedure."""
    permissions.require_role(actor, *OFFICE_ROLES)
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "请填写决策事项。"
    if not department.path.startswith(town.path):
        errors["department"] = "承办单位应为本镇（街道）的部门。"
    if not 2000 <= year <= 2100:
        errors["year"] = "请填写年度。"
    if (
        not errors
        and CatalogueItem.objects.filter(organisation=town, year=year, title=title.strip()).exists()
    ):
        errors["title"] = "该事项已在本年度目录中。"
    if errors:
        raise InvalidInput("决策事项信息有误。", field_errors=errors)
    item = CatalogueItem.objects.create(
        organisation=town, year=year, title=title.strip(), department=department, added_by=actor
    )
    ledger.record(
        actor,
        DecisionEvent.CATALOGUE_ITEM_ADDED,
        item,
        {"year": year, "title": item.title},
        organisation=town,
    )
    return item


@transaction.atomic(durable=True)
def publish_catalogue(actor: Staff, *, year: int) -> int:
    """The year's catalogue on the portal (art. 3: after the Party committee of the same level agrees)."""
    permissions.require_role(actor, Role.HEAD)
    town = permissions.acting_town(actor)
    items = CatalogueItem.objects.select_for_update().filter(
        organisation=town, year=year, published_at__isnull=True
    )
    titles = list(items.values_list("title", flat=True))
    if not titles:
        raise RuleViolation("本年度目录没有未公布的事项。", citation=f"{rules.ORDER} 第三条")
    items.update(published_at=timezone.now())
    core_services.public_content_changed()
    ledger.record(
        actor, DecisionEvent.CATALOGUE_PUBLISHED, town, {"year": year, "titles": titles}, organisation=town
    )
    return len(titles)


@transaction.atomic(durable=True)
def register_decision(
    actor: Staff, item: CatalogueItem, *, summary: str, needs_expert: bool, needs_risk: bool
) -> MajorDecision:
    """决策启动 (arts. 10–13) for a catalogue item."""
    permissions.require_role(actor, *OFFICE_ROLES)
    town = permissions.require_own(actor, item.organisation)
    if MajorDecision.objects.filter(catalogue_item=item).exists():
        raise RuleViolation("该目录事项已启动决策程序。", citation=f"{rules.ORDER} 第十条")
    if not summary.strip():
        raise InvalidInput("请填写决策草案说明。", field_errors={"summary": "请填写决策草案说明。"})
    decision = MajorDecision.objects.create(
        organisation=town,
        catalogue_item=item,
        summary=summary.strip(),
        needs_expert=needs_expert,
        needs_risk=needs_risk,
        status=DecisionStatus.PREPARING,
        registered_by=actor,
    )
    ledger.record(
        actor,
        DecisionEvent.REGISTERED,
        decision,
        {"title": item.title, "needs_expert": needs_expert, "needs_risk": needs_risk},
        organisation=town,
    )
    return decision


@transaction.atomic(durable=True)
def open_comment_period(
    actor: Staff, decision: MajorDecision, *, draft: str, opens_on: datetime.date, closes_on: datetime.date
) -> CommentPeriod:
    """向社会公开征求意见 on the portal, for at least 30 days (art. 14)."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    if hasattr(decision, "comment_period"):
        raise RuleViolation("已公开征求过意见。", citation=f"{rules.ORDER} 第十四条")
    if not draft.strip():
        raise InvalidInput("请填写征求意见稿。", field_errors={"draft": "请填写征求意见稿。"})
    if opens_on < timezone.localdate():
        raise InvalidInput("开始日期不能早于今天。", field_errors={"opens_on": "开始日期不能早于今天。"})
    rules.check_comment_period(opens_on, closes_on)
    period = CommentPeriod.objects.create(
        decision=decision, draft=draft.strip(), opens_on=opens_on, closes_on=closes_on, opened_by=actor
    )
    core_services.public_content_changed()
    ledger.record(
        actor,
        DecisionEvent.COMMENTS_OPENED,
        decision,
        {
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "draft_sha256": sha256_hex(period.draft),
        },
        organisation=decision.organisation,
    )
    return period


@dataclass(frozen=True)
class CommentInput:
    text: str
    name: str = ""
    contact: str = ""


@transaction.atomic(durable=True)
def submit_comment(period: CommentPeriod, data: CommentInput, *, today: datetime.date) -> PublicComment:
    """A citizen's comment from the portal, without an account; it waits for moderation. The ledger
    keeps its fingerprint, not its words or who sent it."""
    if not period.opens_on <= today <= period.closes_on:
        raise RuleViolation(
            "征求意见期限为 %(a)s 至 %(b)s，现在不能提交意见。"
            % {"a": period.opens_on.isoformat(), "b": period.closes_on.isoformat()},
            citation=f"{rules.ORDER} 第十四条",
        )
    text = data.text.strip()
    if not text:
        raise InvalidInput("请填写意见。", field_errors={"text": "请填写意见。"})
    if len(text) > COMMENT_MAX_CHARS:
        raise InvalidInput(
            "意见不超过 %(n)d 字。" % {"n": COMMENT_MAX_CHARS}, field_errors={"text": "意见过长。"}
        )
    comment = PublicComment.objects.create(
        period=period, text=text, name=data.name.strip()[:50], contact=data.contact.strip()[:100]
    )
    ledger.record(
        core_services.system_actor(),
        DecisionEvent.COMMENT_RECEIVED,
        comment,
        {"decision": period.decision_id, "text_sha256": sha256_hex(text)},
        organisation=period.decision.organisation,
    )
    return comment


@transaction.atomic(durable=True)
def moderate_comment(actor: Staff, comment: PublicComment, *, approve: bool) -> PublicComment:
    permissions.require_role(actor, *OFFICE_ROLES)
    decision = locking.lock_own(actor, comment.period.decision, related=("catalogue_item",))
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    if comment.moderation != Moderation.PENDING:
        raise RuleViolation("该意见已审核。", citation=f"{rules.ORDER} 第十八条")
    comment.moderation = Moderation.APPROVED if approve else Moderation.REJECTED
    comment.save(update_fields=["moderation"])
    core_services.public_content_changed()
    ledger.record(
        actor,
        DecisionEvent.COMMENT_MODERATED,
        comment,
        {"moderation": comment.moderation},
        organisation=decision.organisation,
    )
    return comment


@transaction.atomic(durable=True)
def answer_comment(actor: Staff, comment: PublicComment, *, answer: str, reason: str) -> PublicComment:
    """采纳 or 不采纳, with the reason, shown beside the comment on the portal (art. 18)."""
    permissions.require_role(actor, *OFFICE_ROLES)
    decision = locking.lock_own(actor, comment.period.decision, related=("catalogue_item",))
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    errors: dict[str, str] = {}
    if comment.moderation != Moderation.APPROVED:
        raise RuleViolation("只答复已审核公开的意见。", citation=f"{rules.ORDER} 第十八条")
    if answer not in Answer.values:
        errors["answer"] = "请选择采纳或不采纳。"
    if not reason.strip():
        errors["reason"] = "请说明理由。"
    if errors:
        raise InvalidInput("答复不完整。", field_errors=errors)
    comment.answer = answer
    comment.answer_reason = reason.strip()
    comment.answered_by = actor
    comment.save(update_fields=["answer", "answer_reason", "answered_by"])
    core_services.public_content_changed()
    ledger.record(
        actor,
        DecisionEvent.COMMENT_ANSWERED,
        comment,
        {"answer": answer, "reason_sha256": sha256_hex(comment.answer_reason)},
        organisation=decision.organisation,
    )
    return comment


@transaction.atomic(durable=True)
def record_assessment(
    actor: Staff,
    decision: MajorDecision,
    *,
    kind: str,
    held_on: datetime.date,
    assessors: str,
    conclusion: str,
) -> Assessment:
    """专家论证 (arts. 19–21) or 风险评估 (arts. 22–24)."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    errors: dict[str, str] = {}
    if kind not in AssessmentKind.values:
        errors["kind"] = "请选择专家论证或风险评估。"
    if held_on > timezone.localdate():
        errors["held_on"] = "日期不能晚于今天。"
    if not assessors.strip():
        errors["assessors"] = "请填写专家或评估机构。"
    if not conclusion.strip():
        errors["conclusion"] = "请填写结论。"
    if errors:
        raise InvalidInput("论证或评估信息有误。", field_errors=errors)
    assessment = Assessment.objects.create(
        decision=decision,
        kind=kind,
        held_on=held_on,
        assessors=assessors.strip(),
        conclusion=conclusion.strip(),
        recorded_by=actor,
    )
    ledger.record(
        actor,
        DecisionEvent.ASSESSED,
        decision,
        {"kind": kind, "held_on": held_on.isoformat()},
        organisation=decision.organisation,
    )
    return assessment


@transaction.atomic(durable=True)
def submit_legality_review(actor: Staff, decision: MajorDecision, *, due_on: datetime.date) -> LegalityReview:
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    if decision.legality_reviews.filter(passed__isnull=True).exists():
        raise RuleViolation("合法性审查尚在进行。", citation=f"{rules.ORDER} 第二十五条")
    today = timezone.localdate()
    rules.check_review_time(today, due_on)
    review = LegalityReview.objects.create(
        decision=decision, submitted_on=today, due_on=due_on, submitted_by=actor
    )
    ledger.record(
        actor,
        DecisionEvent.LEGALITY_SUBMITTED,
        decision,
        {"submitted_on": today.isoformat(), "due_on": due_on.isoformat()},
        organisation=decision.organisation,
    )
    return review


@transaction.atomic(durable=True)
def give_legality_opinion(
    actor: Staff, decision: MajorDecision, *, passed: bool, opinion: str
) -> LegalityReview:
    """The legal counsel's or the 司法所's opinion (art. 28)."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    if not permissions.has_role(actor, *REVIEWER_ROLES):
        raise RuleViolation(
            "合法性审查意见只能由法律顾问或司法所审核人员出具。", citation=f"{rules.ORDER} 第二十八条"
        )
    review = decision.legality_reviews.select_for_update().filter(passed__isnull=True).first()
    if review is None:
        raise RuleViolation("没有待审查的送审稿。", citation=f"{rules.ORDER} 第二十五条")
    if not opinion.strip():
        raise InvalidInput("请填写审查意见。", field_errors={"opinion": "请填写审查意见。"})
    review.passed = passed
    review.opinion = opinion.strip()
    review.reviewer = actor
    review.reviewed_on = timezone.localdate()
    review.save(update_fields=["passed", "opinion", "reviewer", "reviewed_on"])
    ledger.record(
        actor,
        DecisionEvent.LEGALITY_REVIEWED,
        decision,
        {"passed": passed, "opinion_sha256": sha256_hex(review.opinion)},
        organisation=decision.organisation,
    )
    return review


def readiness(decision: MajorDecision, *, today: datetime.date) -> rules.Readiness:
    period = getattr(decision, "comment_period", None)
    latest = decision.legality_reviews.order_by("-submitted_on", "-id").first()
    unanswered = (
        period.comments.filter(moderation=Moderation.PENDING).count()
        + period.comments.filter(moderation=Moderation.APPROVED, answer="").count()
        if period
        else 0
    )
    kinds = set(decision.assessments.values_list("kind", flat=True))
    return rules.Readiness(
        legality_passed=bool(latest and latest.passed),
        legality_pending=bool(latest and latest.passed is None),
        comment_period_closed=(period.closes_on < today) if period else None,
        unanswered_comments=unanswered,
        needs_expert=decision.needs_expert,
        has_expert=AssessmentKind.EXPERT in kinds,
        needs_risk=decision.needs_risk,
        has_risk=AssessmentKind.RISK in kinds,
    )


@dataclass(frozen=True)
class DiscussionInput:
    meeting_on: datetime.date
    meeting: str
    attendees: list[Staff]
    presided_by: Staff
    head_spoke_last: bool
    outcome: str
    dissent: str


@transaction.atomic(durable=True)
def record_discussion(actor: Staff, decision: MajorDecision, data: DiscussionInput) -> CollectiveDiscussion:
    """集体讨论决定 (arts. 30, 31), behind the gate of rules.check_discussion_ready."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    if hasattr(decision, "discussion"):
        raise RuleViolation("已记录集体讨论。", citation=f"{rules.ORDER} 第三十条")
    today = timezone.localdate()
    rules.check_discussion_ready(readiness(decision, today=today))
    errors: dict[str, str] = {}
    if data.meeting_on > today:
        errors["meeting_on"] = "会议日期不能晚于今天。"
    if not data.meeting.strip():
        errors["meeting"] = "请填写会议名称。"
    if len(data.attendees) < 2:
        errors["attendees"] = "请选择出席人员。"
    if data.outcome not in Outcome.values:
        errors["outcome"] = "请选择决定。"
    if errors:
        raise InvalidInput("集体讨论记录不完整。", field_errors=errors)
    rules.check_head_spoke_last(data.head_spoke_last, permissions.has_role(data.presided_by, Role.HEAD))
    discussion = CollectiveDiscussion.objects.create(
        decision=decision,
        meeting_on=data.meeting_on,
        meeting=data.meeting.strip(),
        presided_by=data.presided_by,
        head_spoke_last=data.head_spoke_last,
        outcome=data.outcome,
        dissent=data.dissent.strip(),
        recorded_by=actor,
    )
    discussion.attendees.set(dict.fromkeys([*data.attendees, data.presided_by]))
    decision.status = DecisionStatus.DISCUSSED
    decision.save(update_fields=["status"])
    ledger.record(
        actor,
        DecisionEvent.DISCUSSED,
        decision,
        {
            "meeting_on": data.meeting_on.isoformat(),
            "outcome": data.outcome,
            "attendees": sorted(person.pk for person in discussion.attendees.all()),
            "dissent_sha256": sha256_hex(discussion.dissent) if discussion.dissent else None,
        },
        organisation=decision.organisation,
    )
    return discussion


@transaction.atomic(durable=True)
def publish_decision(
    actor: Staff, decision: MajorDecision, *, published_on: datetime.date, where: str
) -> MajorDecision:
    """Art. 32: a decision adopted in collective discussion is made public."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    discussion = getattr(decision, "discussion", None)
    if discussion is None or discussion.outcome != Outcome.ADOPTED:
        raise RuleViolation("只有经集体讨论通过的决策可以公布。", citation=f"{rules.ORDER} 第三十二条")
    if not where.strip():
        raise InvalidInput("请填写公布载体。", field_errors={"where": "如：镇政府网站、公示栏。"})
    decision.status = DecisionStatus.PUBLISHED
    decision.published_on = published_on
    decision.published_where = where.strip()
    decision.save(update_fields=["status", "published_on", "published_where"])
    core_services.public_content_changed()
    ledger.record(
        actor,
        DecisionEvent.PUBLISHED,
        decision,
        {"published_on": published_on.isoformat(), "where": decision.published_where},
        organisation=decision.organisation,
    )
    return decision


@transaction.atomic(durable=True)
def record_post_evaluation(
    actor: Staff, decision: MajorDecision, *, evaluated_on: datetime.date, evaluator: str, conclusion: str
) -> PostEvaluation:
    """决策后评估 (arts. 34–37), not by those who assessed the decision before it was made."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES)
    if decision.status != DecisionStatus.PUBLISHED:
        raise RuleViolation("决策公布实施后才能进行后评估。", citation=f"{rules.ORDER} 第三十五条")
    errors: dict[str, str] = {}
    if evaluated_on > timezone.localdate():
        errors["evaluated_on"] = "日期不能晚于今天。"
    if not evaluator.strip():
        errors["evaluator"] = "请填写评估机构或人员。"
    if not conclusion.strip():
        errors["conclusion"] = "请填写评估结论。"
    if errors:
        raise InvalidInput("后评估信息有误。", field_errors=errors)
    earlier = set(decision.assessments.values_list("assessors", flat=True))
    if evaluator.strip() in earlier:
        raise RuleViolation(
            "后评估不得由参与决策论证或评估的机构和人员进行：“%(e)s”曾参与%(k)s。"
            % {"e": evaluator.strip(), "k": "决策前的论证或评估"},
            citation=f"{rules.ORDER} 第三十六条",
        )
    evaluation = PostEvaluation.objects.create(
        decision=decision,
        evaluated_on=evaluated_on,
        evaluator=evaluator.strip(),
        conclusion=conclusion.strip(),
        recorded_by=actor,
    )
    ledger.record(
        actor,
        DecisionEvent.EVALUATED,
        decision,
        {"evaluated_on": evaluated_on.isoformat(), "evaluator": evaluation.evaluator},
        organisation=decision.organisation,
    )
    return evaluation


def archive_decision(actor: Staff, decision: MajorDecision) -> DecisionArchive:
    """归档 (art. 33): the complete file as one zip, written before the transaction that records it."""
    permissions.require_own(actor, decision.organisation)
    permissions.require_role(actor, *OFFICE_ROLES)
    decision = MajorDecision.objects.select_related("catalogue_item").get(pk=decision.pk)  # as it stands now
    if decision.status != DecisionStatus.PUBLISHED:
        raise RuleViolation("决策公布后归档。", citation=f"{rules.ORDER} 第三十三条")
    if hasattr(decision, "archive"):
        raise RuleViolation("本决策已归档。", citation=f"{rules.ORDER} 第三十三条")
    signed = ledger_services.make_checkpoint()
    assert signed is not None, "a published decision has events"
    with tempfile.TemporaryFile() as zipped:
        archive.write_zip(decision, signed, zipped)
        zipped.seek(0)
        blob, name = files.store(zipped, original_name=f"决策档案-{decision}.zip")
    return _record_archive(actor, decision, files.StoredFile(blob, name))


@transaction.atomic(durable=True)
def _record_archive(actor: Staff, decision: MajorDecision, stored: files.StoredFile) -> DecisionArchive:
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    if DecisionArchive.objects.filter(decision=decision).exists():
        raise RuleViolation("本决策已归档。", citation=f"{rules.ORDER} 第三十三条")
    record = DecisionArchive.objects.create(
        decision=decision, archived_on=timezone.localdate(), sha256=stored.blob.sha256, archived_by=actor
    )
    core_services.record_attachment(
        actor,
        subject=decision,
        organisation=decision.organisation,
        blob=stored.blob,
        name=stored.name,
        description="决策档案",
    )
    ledger.record(
        actor,
        DecisionEvent.ARCHIVED,
        decision,
        {"sha256": stored.blob.sha256},
        organisation=decision.organisation,
    )
    return record


STEP_LABELS = (
    "决策启动",
    "公众参与",
    "专家论证",
    "风险评估",
    "合法性审查",
    "集体讨论决定",
    "公布",
    "决策后评估",
)


@transaction.atomic(durable=True)
def attach_file(actor: Staff, decision: MajorDecision, *, step: str, stored: files.StoredFile) -> None:
    """A step's file (the signed expert opinion, the risk report, the meeting minutes…), kept with the
    decision under the step's name and put in its archive."""
    decision = locking.lock_own(actor, decision, related=("catalogue_item",))
    permissions.require_role(actor, *OFFICE_ROLES, *REVIEWER_ROLES)
    if step not in STEP_LABELS:
        raise InvalidInput("请选择程序环节。", field_errors={"step": "请选择程序环节。"})
    if hasattr(decision, "archive"):
        raise RuleViolation("决策已归档，不能再添加材料。", citation=f"{rules.ORDER} 第三十三条")
    core_services.record_attachment(
        actor,
        subject=decision,
        organisation=decision.organisation,
        blob=stored.blob,
        name=stored.name,
        description=step,
    )
