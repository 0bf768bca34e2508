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
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.decisions import archive, rules, selectors
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import (
    Assessment,
    CatalogueItem,
    CollectiveDiscussion,
    CommentPeriod,
    DecisionArchive,
    DecisionStatus,
    LegalityReview,
    MajorDecision,
    Moderation,
    PostEvaluation,
    PublicComment,
)
from fazhi.ledger import record as ledger
from fazhi.ledger import services as ledger_services
from fazhi.ledger.record import sha256_hex


def _take(actor: Staff, decision: MajorDecision, step: str) -> MajorDecision:
    """The town's own decision, locked, once decisions.rules.STEPS lets the actor take `step` on it."""
    today = timezone.localdate()
    return locking.take_step(
        actor,
        decision,
        rules.STEPS[step],
        lambda locked: selectors.DecisionRowFacts(locked, today=today),
        related=("catalogue_item",),
    )


@transaction.atomic(durable=True)
def add_catalogue_item(actor: Staff, *, year: int, title: str, department: Organisation) -> CatalogueItem:
    """决策事项目录 (art. 3): the year's matters that go through this procedure."""
    permissions.require_step(actor, rules.STEPS["add_item"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if not department.path.startswith(town.path):
        errors["department"] = "承办单位应为本镇（街道）的部门。"
    elif CatalogueItem.objects.filter(organisation=town, year=year, title=title).exists():
        errors["title"] = "该事项已在本年度目录中。"
    if errors:
        raise InvalidInput("决策事项信息有误。", field_errors=errors)
    item = CatalogueItem.objects.create(
        organisation=town, year=year, title=title, department=department, added_by=actor
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
    permissions.require_step(actor, rules.STEPS["publish_catalogue"])
    town = permissions.acting_town(actor)
    items = CatalogueItem.objects.select_for_update().filter(
        organisation=town, year=year, published_at__isnull=True
    )
    titles = list(items.values_list("title", flat=True))
    rules.check_catalogue_has_unpublished(len(titles))
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
    permissions.require_step(actor, rules.STEPS["start"])
    town = permissions.require_own(actor, item.organisation)
    rules.check_not_started(started=MajorDecision.objects.filter(catalogue_item=item).exists())
    decision = MajorDecision.objects.create(
        organisation=town,
        catalogue_item=item,
        summary=summary,
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
    decision = _take(actor, decision, "open_comments")
    if opens_on < timezone.localdate():
        raise InvalidInput("开始日期不能早于今天。", field_errors={"opens_on": "开始日期不能早于今天。"})
    rules.check_comment_period(opens_on, closes_on)
    period = CommentPeriod.objects.create(
        decision=decision, draft=draft, opens_on=opens_on, closes_on=closes_on, opened_by=actor
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
    rules.check_comment_window(period.opens_on, period.closes_on, today=today)
    comment = PublicComment.objects.create(
        period=period, text=data.text, name=data.name, contact=data.contact
    )
    ledger.record(
        core_services.system_actor(),
        DecisionEvent.COMMENT_RECEIVED,
        comment,
        {"decision": period.decision_id, "text_sha256": sha256_hex(data.text)},
        organisation=period.decision.organisation,
    )
    return comment


@transaction.atomic(durable=True)
def moderate_comment(actor: Staff, comment: PublicComment, *, approve: bool) -> PublicComment:
    decision = _take(actor, comment.period.decision, "moderate")
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    rules.check_comment_pending(pending=comment.moderation == Moderation.PENDING)
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
    decision = _take(actor, comment.period.decision, "answer")
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    rules.check_comment_answerable(published=comment.moderation == Moderation.APPROVED)
    comment.answer = answer
    comment.answer_reason = reason
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
    decision = _take(actor, decision, "assess")
    if held_on > timezone.localdate():
        raise InvalidInput("论证或评估信息有误。", field_errors={"held_on": "日期不能晚于今天。"})
    assessment = Assessment.objects.create(
        decision=decision,
        kind=kind,
        held_on=held_on,
        assessors=assessors,
        conclusion=conclusion,
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
    decision = _take(actor, decision, "legality_submit")
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
    decision = _take(actor, decision, "legality_opinion")
    review = decision.legality_reviews.select_for_update().filter(passed__isnull=True).first()
    assert review is not None, "the step's gate found the pending review"
    review.passed = passed
    review.opinion = opinion
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
    decision = _take(actor, decision, "discuss")
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if data.meeting_on > today:
        errors["meeting_on"] = "会议日期不能晚于今天。"
    if len(data.attendees) < 2:
        errors["attendees"] = "请选择出席人员。"
    if errors:
        raise InvalidInput("集体讨论记录不完整。", field_errors=errors)
    rules.check_head_spoke_last(data.head_spoke_last, permissions.has_role(data.presided_by, Role.HEAD))
    discussion = CollectiveDiscussion.objects.create(
        decision=decision,
        meeting_on=data.meeting_on,
        meeting=data.meeting,
        presided_by=data.presided_by,
        head_spoke_last=data.head_spoke_last,
        outcome=data.outcome,
        dissent=data.dissent,
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
    decision = _take(actor, decision, "publish")
    decision.status = DecisionStatus.PUBLISHED
    decision.published_on = published_on
    decision.published_where = where
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
    decision = _take(actor, decision, "evaluate")
    if evaluated_on > timezone.localdate():
        raise InvalidInput("后评估信息有误。", field_errors={"evaluated_on": "日期不能晚于今天。"})
    rules.check_evaluator_independent(
        evaluator, earlier_assessors=set(decision.assessments.values_list("assessors", flat=True))
    )
    evaluation = PostEvaluation.objects.create(
        decision=decision,
        evaluated_on=evaluated_on,
        evaluator=evaluator,
        conclusion=conclusion,
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
    decision = MajorDecision.objects.select_related("catalogue_item").get(pk=decision.pk)  # as it stands now
    locking.judge_step(
        actor,
        decision,
        rules.STEPS["archive"],
        lambda record: selectors.DecisionRowFacts(record, today=timezone.localdate()),
    )
    signed = ledger_services.make_checkpoint()
    assert signed is not None, "a published decision has events"
    with tempfile.TemporaryFile() as zipped:
        archive.write_zip(decision, signed, zipped)
        zipped.seek(0)
        blob, name = files.store(zipped, original_name=f"决策档案-{decision}.zip")
    return _record_archive(actor, decision, files.StoredFile(blob, name))


@transaction.atomic(durable=True)
def _record_archive(actor: Staff, decision: MajorDecision, stored: files.StoredFile) -> DecisionArchive:
    # The zip was written outside this transaction: the step is judged again under the lock.
    decision = _take(actor, decision, "archive")
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
    decision = _take(actor, decision, "attach")
    if step not in STEP_LABELS:
        raise InvalidInput("请选择程序环节。", field_errors={"step": "请选择程序环节。"})
    core_services.record_attachment(
        actor,
        subject=decision,
        organisation=decision.organisation,
        blob=stored.blob,
        name=stored.name,
        description=step,
    )
