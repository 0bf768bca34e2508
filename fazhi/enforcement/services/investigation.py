"""调查取证: the investigators (arts. 42, 43), evidence (art. 46) and records (art. 55), and 调查终结 (art. 57)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Staff, StoredBlob
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Evidence,
    EvidenceKind,
    InvestigationRecord,
    InvestigationReport,
    RecordingDevice,
)
from fazhi.enforcement.rules import ReviewGrounds, Stage
from fazhi.enforcement.services.common import (
    as_case_investigators,
    credential_on,
    move,
    require_town_staff,
    take,
)
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@transaction.atomic(durable=True)
def start_investigation(actor: Staff, case: Case, *, investigators: list[Staff]) -> Case:
    """调查取证 by at least two officers whose 执法证 is valid today; auxiliary staff never count (art. 42)."""
    case = take(actor, case, "investigate")
    today = timezone.localdate()
    for person in investigators:
        require_town_staff(person, case.organisation)
    # Art. 43: an officer withdrawn from the case after recusal is not assigned to it again.
    rules.check_investigators(as_case_investigators(case, investigators, today, assigning=True))
    credential_numbers = {person.pk: credential_on(person, today) for person in investigators}
    move(case, Stage.INVESTIGATING)
    case.save(update_fields=["stage", "updated_at"])
    # Back from 法制审核 or after new facts, the officers already on the case stay, with the credential
    # they acted under then; only those newly named are added.
    assigned = set(case.officers.values_list("staff_id", flat=True))
    CaseOfficer.objects.bulk_create(
        [
            CaseOfficer(
                case=case, staff=person, credential_number=credential_numbers[person.pk], assigned_on=today
            )
            for person in investigators
            if person.pk not in assigned
        ]
    )
    ledger.record(
        actor,
        EnforcementEvent.INVESTIGATION_STARTED,
        case,
        {
            "officers": [
                {"staff": person.pk, "credential": credential_numbers[person.pk]} for person in investigators
            ]
        },
        organisation=case.organisation,
    )
    return case


@transaction.atomic(durable=True)
def close_investigation(
    actor: Staff,
    case: Case,
    *,
    outcome: str,
    findings: str,
    review_grounds: ReviewGrounds,
    major_or_complex: bool,
    circumstances: Sequence[str] = (),
) -> Case:
    """调查终结 (art. 57): the end report, the circumstances of arts. 31–33 found, and the flags for art. 57
    discussion and art. 58 review. The outcome must be one the circumstances allow (arts. 30–33, 40); the
    hearing right is not decided here but from the penalty the notice proposes (art. 63). Closing again
    after a return to investigation replaces the report."""
    case = take(actor, case, "close_investigation")
    recorded = dict(rules.RECORDED_CIRCUMSTANCES)
    unknown = [c for c in circumstances if c not in recorded]
    if unknown:
        raise InvalidInput(
            "调查终结信息有误。",
            field_errors={"circumstances": "无法识别的裁量情节：%(c)s。" % {"c": "、".join(unknown)}},
        )
    found = list(dict.fromkeys(circumstances))
    rules.check_outcome(outcome, selectors.case_circumstances(case, recorded=found))
    move(case, Stage.INVESTIGATION_CLOSED)
    case.save(update_fields=["stage", "updated_at"])
    InvestigationReport.objects.update_or_create(
        case=case,
        defaults={
            "outcome": outcome,
            "findings": findings,
            "circumstances": found,
            "review_public_interest": review_grounds.major_public_interest,
            "review_complex": review_grounds.complex_multiple_legal_relations,
            "review_other_law": review_grounds.required_by_other_law,
            "major_or_complex": major_or_complex,
            "closed_by": actor,
            "closed_on": timezone.localdate(),
        },
    )
    ledger.record(
        actor,
        EnforcementEvent.INVESTIGATION_CLOSED,
        case,
        {
            "outcome": outcome,
            "findings_sha256": sha256_hex(findings),
            "review_required": review_grounds.required,
            "major_or_complex": major_or_complex,
            "circumstances": found,
        },
        organisation=case.organisation,
    )
    return case


# Recordings must name the device they were made on (国办发〔2018〕118号, 全过程记录).
RECORDED_KINDS = {EvidenceKind.AUDIO_VISUAL}


@dataclasses.dataclass(frozen=True)
class EvidenceInput:
    kind: str
    description: str
    captured_by: Staff
    captured_at: datetime.datetime
    place: str
    # Who took or received it (art. 42): the capturer, perhaps an auxiliary at the camera, never counts.
    officers: list[Staff]
    device: RecordingDevice | None = None


def _check_evidence(case: Case, data: EvidenceInput, *, has_file: bool) -> None:
    errors: dict[str, str] = {}
    if data.captured_at > timezone.now():
        errors["captured_at"] = "采集时间不能晚于现在。"
    if data.kind in RECORDED_KINDS and not has_file:
        errors["file"] = "视听资料须上传录音录像文件。"
    if errors:
        raise InvalidInput(
            "证据信息有误，请按提示修改。", field_errors=errors, citation=f"{rules.LAW} 第四十六条"
        )
    require_town_staff(data.captured_by, case.organisation)
    for person in data.officers:
        require_town_staff(person, case.organisation)
    _check_evidence_officers(case, data)
    if data.kind in RECORDED_KINDS:
        _check_recording_device(case, data)


def _check_evidence_officers(case: Case, data: EvidenceInput) -> None:
    """Art. 42: two officers with a 执法证 valid on the day took or received it. The capturer, where
    not one of them, is counted as an auxiliary (never counts) but is still refused if recused."""
    day = timezone.localtime(data.captured_at).date()
    people = list(dict.fromkeys([*data.officers, data.captured_by]))
    counted = as_case_investigators(case, people, day)
    if data.captured_by not in data.officers:
        capturer = counted[-1]
        counted[-1] = dataclasses.replace(capturer, is_auxiliary=True, acting=True)
    rules.check_investigators(counted)


def _check_recording_device(case: Case, data: EvidenceInput) -> None:
    if data.device is not None and data.device.organisation_id != case.organisation_id:
        raise NotFoundOrHidden()
    day = timezone.localtime(data.captured_at).date()
    rules.check_recording_device(
        named=data.device is not None,
        carried_by_capturer=data.device is not None
        and any(
            assignment.staff_id == data.captured_by.pk and assignment.covers(day)
            for assignment in data.device.assignments.all()
        ),
        device=data.device.number if data.device else "",
        day=day,
        capturer=data.captured_by.full_name,
    )


@transaction.atomic(durable=True)
def add_evidence(
    actor: Staff, case: Case, data: EvidenceInput, *, stored: tuple[StoredBlob, str] | None = None
) -> Evidence:
    """证据 (art. 46): kind, who captured it, when, where, on which device; its file's SHA-256 goes into
    the ledger with it. The file is stored before this transaction (see files.store)."""
    case = take(actor, case, "evidence")
    _check_evidence(case, data, has_file=stored is not None)
    evidence = Evidence.objects.create(
        case=case,
        kind=data.kind,
        description=data.description,
        captured_by=data.captured_by,
        captured_at=data.captured_at,
        place=data.place,
        device=data.device if data.kind in RECORDED_KINDS else None,
        recorded_by=actor,
    )
    evidence.officers.set(list(dict.fromkeys(data.officers)))
    if stored is not None:
        blob, name = stored
        evidence.attachment = core_services.record_attachment(
            actor,
            subject=case,
            organisation=case.organisation,
            blob=blob,
            name=name,
            description=evidence.description,
        )
        evidence.save(update_fields=["attachment"])
    ledger.record(
        actor,
        EnforcementEvent.EVIDENCE_ADDED,
        case,
        {
            "evidence": evidence.pk,
            "kind": evidence.kind,
            "captured_by": data.captured_by.pk,
            "officers": [person.pk for person in dict.fromkeys(data.officers)],
            "captured_at": data.captured_at.isoformat(),
            "place": evidence.place,
            "device": evidence.device.number if evidence.device else None,
            "sha256": stored[0].sha256 if stored else None,
        },
        organisation=case.organisation,
    )
    return evidence


@dataclasses.dataclass(frozen=True)
class RecordInput:
    kind: str
    place: str
    started_at: datetime.datetime
    ended_at: datetime.datetime
    subject_person: str
    content: str
    officers: list[Staff]
    # Stated on every record, never assumed: art. 55 obliges it, and a record where it was not done
    # is kept as it happened (the case page warns).
    credentials_shown: bool
    subject_details: str = ""
    signed: bool = True
    refusal_noted: bool = False


@transaction.atomic(durable=True)
def add_record(actor: Staff, case: Case, data: RecordInput) -> InvestigationRecord:
    """询问笔录 / 现场检查笔录 (art. 55): made by two officers with valid credentials, signed by the
    person, or the refusal noted; whether the officers showed their 执法证件 as the record states it."""
    case = take(actor, case, "record")
    errors: dict[str, str] = {}
    if data.ended_at < data.started_at:
        errors["ended_at"] = "结束时间不能早于开始时间。"
    if data.ended_at > timezone.now():
        errors["ended_at"] = "结束时间不能晚于现在。"
    if not data.signed and not data.refusal_noted:
        errors["signed"] = "笔录应经被询问人核对签字；拒绝签字的，由执法人员注明。"
    if errors:
        raise InvalidInput(
            "笔录信息有误，请按提示修改。", field_errors=errors, citation=f"{rules.LAW} 第五十五条"
        )
    day = timezone.localtime(data.started_at).date()
    for person in data.officers:
        require_town_staff(person, case.organisation)
    rules.check_investigators(as_case_investigators(case, data.officers, day))
    record = InvestigationRecord.objects.create(
        case=case,
        kind=data.kind,
        place=data.place,
        started_at=data.started_at,
        ended_at=data.ended_at,
        subject_person=data.subject_person,
        subject_details=data.subject_details,
        content=data.content,
        signed=data.signed,
        refusal_noted=data.refusal_noted and not data.signed,
        credentials_shown=data.credentials_shown,
        recorded_by=actor,
    )
    record.officers.set(list(dict.fromkeys(data.officers)))
    ledger.record(
        actor,
        EnforcementEvent.RECORD_ADDED,
        case,
        {
            "record": record.pk,
            "kind": record.kind,
            "started_at": data.started_at.isoformat(),
            "officers": [person.pk for person in dict.fromkeys(data.officers)],
            "content_sha256": sha256_hex(record.content),
            "signed": record.signed,
            "credentials_shown": record.credentials_shown,
        },
        organisation=case.organisation,
    )
    return record
