"""Every write to publications: prepare a masked draft from a decision, edit its free text, publish
when nothing private remains, withdraw with a public reason. Each one transaction with its ledger event."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from fazhi.core import locking, masking, permissions, public_text, validators
from fazhi.core import selectors as core_selectors
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Organisation, Party, PartyKind, Staff
from fazhi.core.money import yuan
from fazhi.disclosure import rules, selectors, shuanggongshi
from fazhi.disclosure.events import DisclosureEvent
from fazhi.disclosure.models import (
    CreditExport,
    ExportScope,
    FindingReview,
    InspectionItem,
    Publication,
    PublicationStatus,
    ReviewAction,
    Severity,
)
from fazhi.enforcement.models import Notice, PenaltyDecision
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


def _shown_name(party: Party) -> str:
    return (
        masking.mask_name(party.name, public_text.name_rule())
        if party.kind == PartyKind.PERSON
        else party.name
    )


def _take(actor: Staff, publication: Publication, step: str) -> Publication:
    return locking.take_step(actor, publication, rules.STEPS[step], selectors.PublicationRowFacts)


@transaction.atomic(durable=True)
def prepare_publication(
    actor: Staff, decision: PenaltyDecision, *, severity: str = Severity.ORDINARY
) -> Publication:
    """The draft: the party's name by the configured rule, the code and legal representative of an
    organisation, and the free text as the decision has it, for the publisher to check; the text passes
    the public-text gate when published. A decision against a minor is withheld altogether (浙江 办法
    art. 5; 未成年人保护法)."""
    permissions.require_step(actor, rules.STEPS["prepare"])
    case, party, _officers = selectors.case_parts(decision)
    if case.organisation_id != permissions.acting_town(actor).pk:
        raise NotFoundOrHidden()
    rules.check_not_prepared(prepared=Publication.objects.filter(decision=decision).exists())
    notice = Notice.objects.filter(case=case, superseded=False).order_by("-id").first()
    facts = notice.facts if notice else case.summary
    # The amount is added unless the decision's own wording states it (an on-the-spot decision does).
    states_amount = yuan(decision.fine_fen) in decision.penalties
    penalty = decision.penalties + (
        "，罚款人民币%(f)s元" % {"f": yuan(decision.fine_fen)}
        if decision.fine_fen and not states_amount
        else ""
    )
    minor = party.kind == PartyKind.PERSON and masking.is_minor_on(party.birth_date, case.act_on)
    publication = Publication(
        organisation=case.organisation,
        decision=decision,
        status=PublicationStatus.NOT_PUBLISHED if minor else PublicationStatus.DRAFT,
        due_on=rules.PUBLISH.due(decision.decided_on).due,
        severity=severity,
        party_name=_shown_name(party),
        party_kind=shuanggongshi.PARTY_KIND_LABELS[PartyKind(party.kind)],
        party_code=party.uscc if party.uscc != validators.INDIVIDUAL_BUSINESS_PLACEHOLDER else "",
        legal_representative=party.legal_representative if party.kind != PartyKind.PERSON else "",
        decision_number=decision.number.text,
        violation_type=case.power.name if case.power else case.title,
        facts=facts,
        basis=decision.basis,
        penalty_content=penalty,
        fine_fen=decision.fine_fen,
        decided_on=decision.decided_on,
        authority=core_selectors.official_name_of(case.organisation),
        not_published_reason="当事人实施违法行为时未满十八周岁" if minor else "",
    )
    publication.save()
    ledger.record(
        actor,
        DisclosureEvent.WITHHELD if minor else DisclosureEvent.PREPARED,
        publication,
        {"decision": decision.number.text, "due_on": publication.due_on.isoformat(), "minor": minor},
        organisation=case.organisation,
    )
    return publication


@transaction.atomic(durable=True)
def edit_draft(actor: Staff, publication: Publication, *, facts: str, penalty_content: str) -> Publication:
    """A person checks the free text before publication (总局令第45号 art. 5)."""
    publication = _take(actor, publication, "edit")
    publication.facts = facts
    publication.penalty_content = penalty_content
    publication.save(update_fields=["facts", "penalty_content"])
    ledger.record(
        actor,
        DisclosureEvent.EDITED,
        publication,
        {
            "facts_sha256": sha256_hex(publication.facts),
            "penalty_sha256": sha256_hex(publication.penalty_content),
        },
        organisation=publication.organisation,
    )
    return publication


def public_content(publication: Publication, *, free_text: dict[str, str] | None = None) -> dict[str, str]:
    """Exactly what the portal shows, in a fixed order: its SHA-256 is the fingerprint in the ledger. A
    draft's preview passes its free text as the public-text gate will let it through (`free_text`)."""
    free = free_text or {field: getattr(publication, field) for field in rules.FREE_TEXT_LABELS}
    return {
        "行政相对人名称": publication.party_name,
        "行政相对人类别": publication.party_kind,
        "统一社会信用代码": publication.party_code,
        "法定代表人": publication.legal_representative,
        "行政处罚决定书文号": publication.decision_number,
        "违法行为类型": free["violation_type"],
        "违法事实": free["facts"],
        "处罚依据": free["basis"],
        "处罚内容": free["penalty_content"],
        "罚款金额（元）": yuan(publication.fine_fen) if publication.fine_fen else "",
        "处罚决定日期": publication.decided_on.isoformat(),
        "处罚机关": publication.authority,
    }


def fingerprint(publication: Publication) -> str:
    canonical = json.dumps(
        public_content(publication), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return sha256_hex(canonical)


@transaction.atomic(durable=True)
def review_finding(
    actor: Staff, publication: Publication, *, field: str, text: str, action: str, reason: str = ""
) -> FindingReview:
    """Whoever prepares a draft hides a span of its free text (one the scan found, or one it missed); the
    head, who publishes, may release a finding with a reason (总局令第45号 art. 5). The ledger keeps the
    span's SHA-256, not the private text itself, with the reason."""
    publication = _take(actor, publication, "release" if action == ReviewAction.RELEASE else "review")
    _check_review(publication, field=field, text=text, action=action, reason=reason)
    found = next(
        (
            finding
            for review in selectors.field_reviews(publication)
            if review.field == field
            for finding in review.findings
            if finding.text == text
        ),
        None,
    )
    review = FindingReview.objects.create(
        publication=publication,
        field=field,
        text=text,
        kind=found.kind if found else masking.FindingKind.MARKED,
        action=action,
        reason=reason.strip() if action == ReviewAction.RELEASE else "",
        reviewed_by=actor,
    )
    ledger.record(
        actor,
        DisclosureEvent.FINDING_HIDDEN if action == ReviewAction.HIDE else DisclosureEvent.FINDING_RELEASED,
        publication,
        {"field": field, "kind": review.kind, "text_sha256": sha256_hex(text), "reason": review.reason},
        organisation=publication.organisation,
    )
    return review


def _check_review(publication: Publication, *, field: str, text: str, action: str, reason: str) -> None:
    errors = {}
    if field not in rules.FREE_TEXT_LABELS:
        errors["field"] = "请选择公示稿中的字段。"
    elif not text.strip():
        errors["text"] = "请填写要处理的内容。"
    elif text not in getattr(publication, field):
        errors["text"] = "“%(t)s”不在%(f)s中，请按原文填写。" % {
            "t": text,
            "f": rules.FREE_TEXT_LABELS[field],
        }
    if action not in ReviewAction.values:
        errors["action"] = "请选择隐去或保留公开。"
    elif action == ReviewAction.RELEASE and not reason.strip():
        errors["reason"] = "保留公开须说明理由。"
    if errors:
        raise InvalidInput("隐私核对信息有误。", field_errors=errors)


@transaction.atomic(durable=True)
def publish(actor: Staff, publication: Publication) -> Publication:
    """发布: the head approves; refused while an ID, phone, bank-card number or address found in the
    free text is not settled. The free text becomes what the public-text gate lets through, and that
    is the snapshot the portal shows and the proof proves.

    Two events: PUBLISHED names the head who approved (for the town and its auditors); POSTED, recorded
    by the system actor with the same fingerprint, is the one the public proof shows, so that proof.json
    proves the content without carrying a staff member's username or id."""
    publication, judged = locking.take_judged(
        actor, publication, rules.STEPS["publish"], selectors.PublicationRowFacts
    )
    # The gate just reviewed the draft's free text; the snapshot is that review applied.
    assert isinstance(judged, selectors.PublicationRowFacts)
    for field, text in selectors.masked_fields(publication, judged.reviews).items():
        setattr(publication, field, text)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_at = timezone.now()
    publication.published_by = actor
    publication.visible_until = rules.visible_until(publication.decided_on, publication.severity)
    publication.content_sha256 = fingerprint(publication)
    publication.save()
    core_services.public_content_changed()
    payload = {
        "decision": publication.decision_number,
        "content_sha256": publication.content_sha256,
        "visible_until": publication.visible_until.isoformat(),
    }
    ledger.record(
        actor,
        DisclosureEvent.PUBLISHED,
        publication,
        {**payload, "on_time": timezone.localdate() <= publication.due_on},
        organisation=publication.organisation,
    )
    ledger.record(
        core_services.system_actor(),
        DisclosureEvent.POSTED,
        publication,
        payload,
        organisation=publication.organisation,
    )
    return publication


@transaction.atomic(durable=True)
def repost_published(publication: Publication) -> bool:
    """A publication published before every public text passed the public-text gate (or before the
    gate learnt a name or a number form): its free text is passed through the gate now, with the
    publisher's recorded decisions, and posted again by the system actor with the new fingerprint, so
    that the portal and its proof show only what the gate lets through. False when nothing changed and
    the publication already had its POSTED event."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.status != PublicationStatus.PUBLISHED:
        return False
    for field, text in selectors.masked_fields(publication).items():
        setattr(publication, field, text)
    content_sha256 = fingerprint(publication)
    if content_sha256 == publication.content_sha256 and selectors.publication_event(publication) is not None:
        return False
    previous = publication.content_sha256
    publication.content_sha256 = content_sha256
    publication.save()
    core_services.public_content_changed()
    ledger.record(
        core_services.system_actor(),
        DisclosureEvent.POSTED,
        publication,
        {
            "decision": publication.decision_number,
            "content_sha256": content_sha256,
            "previous_content_sha256": previous,
            "visible_until": publication.visible_until.isoformat() if publication.visible_until else None,
            "reason": "公示内容经公开文本关口重新核查",
        },
        organisation=publication.organisation,
    )
    return True


@transaction.atomic(durable=True)
def withdraw(actor: Staff, publication: Publication, *, reason: str) -> Publication:
    """撤回 a decision changed, revoked or found unlawful (art. 48): hidden from the list, its page
    says why; the ledger keeps what was shown."""
    publication = _take(actor, publication, "withdraw")
    publication.status = PublicationStatus.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.withdrawal_reason = reason
    publication.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    core_services.public_content_changed()
    ledger.record(
        actor,
        DisclosureEvent.WITHDRAWN,
        publication,
        {"reason": publication.withdrawal_reason},
        organisation=publication.organisation,
    )
    return publication


# ------------------------------------------------------------------------------------- 双公示 export


@dataclass(frozen=True)
class CreditFile:
    export: CreditExport
    content: bytes
    filename: str
    rows: list[shuanggongshi.Row]
    held_back: list[shuanggongshi.Row]


EXPORT_FORMATS = ("xlsx", "csv")


def _check_export_request(*, scope: str, since: datetime.date | None) -> None:
    if scope == ExportScope.SINCE_DATE and since is None:
        raise InvalidInput("请填写起始日期。", field_errors={"since": "请填写起始日期。"})


def _credit_file(
    organisation: Organisation,
    good: list[shuanggongshi.Row],
    problems: list[tuple[shuanggongshi.Row, str, str]],
    *,
    file_format: str,
    now: datetime.datetime,
) -> tuple[bytes, str]:
    """The file's bytes and SHA-256. It is kept under its hash, so the page can offer the file sent and
    the ledger proves it unchanged."""
    title = "%(o)s 双公示行政处罚信息 %(d)s" % {
        "o": organisation.name,
        "d": f"{timezone.localtime(now):%Y-%m-%d}",
    }
    content = (
        shuanggongshi.write_xlsx(good, problems, title=title)
        if file_format == "xlsx"
        else shuanggongshi.write_csv(good)
    )
    sha256 = hashlib.sha256(content).hexdigest()
    stored = export_path(sha256, file_format)
    if not default_storage.exists(stored):
        default_storage.save(stored, ContentFile(content))
    return content, sha256


def export_credit_records(
    actor: Staff,
    organisation: Organisation,
    *,
    file_format: str,
    scope: str = ExportScope.ALL,
    since: datetime.date | None = None,
    today: datetime.date | None = None,
) -> CreditFile:
    """The 双公示 file of the organisation's towns: published decisions still within their disclosure
    period, each row checked; a row that fails a check is held back and reported, and an incremental
    export takes it again. The export, the file's SHA-256 and what was held back go in the ledger."""
    if not actor.is_system:  # the command line runs as the system; a person needs the role
        permissions.require_step(actor, rules.STEPS["export"])
    permissions.require_visible(actor, organisation)
    _check_export_request(scope=scope, since=since)
    with transaction.atomic(durable=True):
        # One export at a time per organisation, so that two incremental exports cannot both start
        # where the previous one ended.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        selected = selectors.credit_export_candidates(
            organisation,
            scope=scope,
            since=since,
            today=today or timezone.localdate(),
            previous=selectors.last_credit_export(organisation),
        )
        rows = [
            shuanggongshi.build_row(publication, fulfil_by=selectors.payment_due(publication))
            for publication in selected
        ]
        good = [row for row in rows if row.valid]
        held_back = [row for row in rows if not row.valid]
        problems = [(row, code, message) for row in held_back for code, message in row.problems]
        now = timezone.now()
        content, sha256 = _credit_file(organisation, good, problems, file_format=file_format, now=now)
        export = CreditExport.objects.create(
            organisation=organisation,
            scope=scope,
            since=since if scope == ExportScope.SINCE_DATE else None,
            file_format=file_format,
            row_count=len(good),
            held_back_ids=[row.publication_id for row in held_back],
            problem_count=len(problems),
            file_sha256=sha256,
            created_at=now,
            created_by=actor,
        )
        ledger.record(
            actor,
            DisclosureEvent.EXPORTED,
            export,
            {
                "scope": scope,
                "since": since.isoformat() if since else None,
                "format": file_format,
                "rows": len(good),
                "held_back": export.held_back_ids,
                "file_sha256": export.file_sha256,
            },
            organisation=organisation,
        )
    return CreditFile(
        export=export, content=content, filename=export_filename(export), rows=good, held_back=held_back
    )


def export_filename(export: CreditExport) -> str:
    return "shuanggongshi-%(c)s-%(t)s.%(f)s" % {
        "c": export.organisation.division_code or export.organisation_id,
        "t": f"{timezone.localtime(export.created_at):%Y%m%d-%H%M%S}",
        "f": export.file_format,
    }


def export_path(sha256: str, file_format: str) -> str:
    return f"exports/{sha256[:2]}/{sha256}.{file_format}"


# ------------------------------------------------------------------------------ random-inspection list

INSPECTION_FIELDS = {
    "name": "抽查事项",
    "subjects": "抽查对象",
    "basis": "抽查依据",
    "department": "检查实施主体",
    "method": "抽查方式",
    "frequency": "抽查比例和频次",
}


@transaction.atomic(durable=True)
def add_inspection_item(actor: Staff, **values: str) -> InspectionItem:
    """An item of the town's 随机抽查事项清单, on the portal at once (国办发〔2018〕118号 事前公开)."""
    permissions.require_step(actor, rules.STEPS["add_inspection_item"])
    town = permissions.acting_town(actor)
    fields = {field: values[field] for field in INSPECTION_FIELDS}
    if InspectionItem.objects.filter(organisation=town, name=fields["name"]).exists():
        raise InvalidInput(
            "随机抽查事项信息有误。",
            field_errors={"name": "抽查事项“%(n)s”已在清单中。" % {"n": fields["name"]}},
        )
    item = InspectionItem.objects.create(organisation=town, added_by=actor, **fields)
    core_services.public_content_changed()
    ledger.record(
        actor,
        DisclosureEvent.INSPECTION_ITEM_ADDED,
        item,
        {"name": item.name, "subjects": item.subjects, "frequency": item.frequency},
        organisation=town,
    )
    return item
