"""Every write to enforcement data: check who acts and what the law allows (enforcement.rules), change
rows, record the change in the ledger, in one transaction."""

from __future__ import annotations

import dataclasses
import datetime
import secrets
import tempfile
from typing import IO

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import calendar, files, locking, money, numbering, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, RuleViolation
from fazhi.core.models import Organisation, Party, Role, Staff, StoredBlob
from fazhi.enforcement import archive, documents, rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    ClosureReason,
    CollectiveDiscussion,
    CourtApplication,
    DecisionExtension,
    DecisionService,
    DelegatedPower,
    Demand,
    DeviceAssignment,
    DocumentKind,
    DocumentTemplate,
    Evidence,
    EvidenceKind,
    Hearing,
    InvestigationOutcome,
    InvestigationRecord,
    InvestigationReport,
    LeadSource,
    LegalReview,
    Notice,
    Payment,
    PaymentMethod,
    PenaltyDecision,
    RecordingDevice,
    RecordKind,
    RemedyKind,
    RemedyProceeding,
    RemedyResult,
    ReviewOpinionChoice,
    ServiceMethod,
    SummaryDetails,
    UploadSession,
)
from fazhi.enforcement.rules import Investigator, Procedure, ReviewGrounds, Stage
from fazhi.ledger import record as ledger
from fazhi.ledger import services as ledger_services
from fazhi.ledger.record import sha256_hex

FILING_SERIES_KEY = "case-filing"
DECISION_SERIES_KEY = "penalty-decision"


def _set_clock(case: Case, key: str, due: datetime.date | None) -> None:
    case.clock_key = key if due else ""
    case.clock_due = due


def _move(case: Case, target: Stage) -> rules.Transition:
    transition = rules.require_transition(Procedure(case.procedure), Stage(case.stage), target)
    case.stage = target
    return transition


@transaction.atomic(durable=True)
def add_delegated_power(
    actor: Staff, *, code: str, name: str, category: str, legal_basis: str
) -> DelegatedPower:
    permissions.require_role(actor, Role.ADMIN)
    town = permissions.acting_town(actor)
    errors = {
        field: "请填写%(label)s。" % {"label": label}
        for field, label, value in [
            ("code", "事项编码", code),
            ("name", "事项名称", name),
            ("category", "执法领域", category),
            ("legal_basis", "设定依据", legal_basis),
        ]
        if not value.strip()
    }
    if not errors and DelegatedPower.objects.filter(organisation=town, code=code.strip()).exists():
        errors["code"] = "事项编码“%(c)s”已登记。" % {"c": code.strip()}
    if errors:
        raise InvalidInput("赋权事项信息有误。", field_errors=errors)
    power = DelegatedPower.objects.create(
        organisation=town,
        code=code.strip(),
        name=name.strip(),
        category=category.strip(),
        legal_basis=legal_basis.strip(),
    )
    ledger.record(
        actor,
        EnforcementEvent.POWER_ADDED,
        power,
        {"code": power.code, "name": power.name, "category": power.category},
        organisation=town,
    )
    return power


@transaction.atomic(durable=True)
def register_lead(
    actor: Staff,
    *,
    title: str,
    source: str,
    received_on: datetime.date,
    act_on: datetime.date,
    summary: str = "",
    place: str = "",
    reporter: str = "",
    party: Party | None = None,
) -> Case:
    """线索登记 (art. 54): an officer, or an auxiliary in the field, records what was found or reported."""
    permissions.require_role(actor, Role.OFFICER, Role.AUXILIARY, Role.HEAD)
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "请填写案由。"
    if source not in LeadSource.values:
        errors["source"] = "请选择案件来源。"
    if received_on > today:
        errors["received_on"] = "收到线索日期不能晚于今天。"
    if act_on > received_on:
        errors["act_on"] = "违法行为发生日期不能晚于收到线索的日期。"
    if party is not None and party.organisation_id != town.pk:
        raise NotFoundOrHidden()
    if errors:
        raise InvalidInput("线索信息有误，请按提示修改。", field_errors=errors)
    case = Case.objects.create(
        organisation=town,
        procedure=Procedure.ORDINARY,
        stage=rules.FIRST_STAGE[Procedure.ORDINARY],
        title=title.strip(),
        source=source,
        summary=summary.strip(),
        place=place.strip(),
        reporter=reporter.strip(),
        received_on=received_on,
        act_on=act_on,
        party=party,
        created_by=actor,
    )
    payload: dict[str, object] = {
        "title": case.title,
        "source": source,
        "received_on": received_on.isoformat(),
        "act_on": act_on.isoformat(),
        "place": case.place,
        "party": party.pk if party else None,
    }
    if case.reporter:
        payload["reporter_sha256"] = sha256_hex(case.reporter)
    ledger.record(actor, EnforcementEvent.LEAD_REGISTERED, case, payload, organisation=town)
    return case


@transaction.atomic(durable=True)
def file_case(
    actor: Staff,
    case: Case,
    *,
    party: Party,
    power: DelegatedPower,
    act_ended_on: datetime.date,
    endangers_life_health_or_finance: bool,
) -> Case:
    """立案: the head approves (art. 54); the act is within limitation (art. 36); the power is one the
    town holds (art. 24). Allocates the 立案号 and starts the 90-day decision clock (art. 60)."""
    case = locking.lock_own(actor, case)
    rules.check_filing_approved(approved_by_head=permissions.has_role(actor, Role.HEAD))
    transition = _move(case, Stage.FILED)
    if party.organisation_id != case.organisation_id:
        raise NotFoundOrHidden()
    if power.organisation_id != case.organisation_id or not power.active:
        raise RuleViolation(
            "该事项不在本镇（街道）承接并公布的赋权事项范围内，不能立案。", citation="行政处罚法 第二十四条"
        )
    if act_ended_on < case.act_on:
        raise InvalidInput(
            "违法行为终了日期不能早于发生日期。", field_errors={"act_ended_on": "不能早于发生日期。"}
        )
    filed_on = timezone.localdate()
    rules.check_limitation(
        act_ended_on, filed_on, endangers_life_health_or_finance=endangers_life_health_or_finance
    )
    series = numbering.series_for(case.organisation, FILING_SERIES_KEY, document="立案号")
    case.party = party
    case.power = power
    case.act_ended_on = act_ended_on
    case.endangers_life_health_or_finance = endangers_life_health_or_finance
    case.filed_on = filed_on
    case.filing_approved_by = actor
    case.decision_due = rules.DECISION.due(filed_on).due
    _set_clock(case, rules.DECISION.key, case.decision_due)
    case.filing_number = core_services.issue_number(actor, series, year=filed_on.year, subject=case)
    case.save()
    ledger.record(
        actor,
        EnforcementEvent.CASE_FILED,
        case,
        {
            "number": case.filing_number.text,
            "party": party.pk,
            "power": power.code,
            "filed_on": filed_on.isoformat(),
            "act_ended_on": act_ended_on.isoformat(),
            "decision_due": case.decision_due.isoformat(),
            "citation": transition.citation,
        },
        organisation=case.organisation,
    )
    return case


@transaction.atomic(durable=True)
def decline_case(actor: Staff, case: Case, *, reason: str) -> Case:
    """不予立案, with its reason: failing to file a case that qualifies is itself sanctioned (art. 76)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.HEAD)
    _move(case, Stage.NOT_FILED)
    if not reason.strip():
        raise InvalidInput(
            "请写明不予立案的理由。",
            field_errors={"reason": "请写明理由。"},
            citation="行政处罚法 第七十六条",
        )
    case.not_filed_reason = reason.strip()
    case.save(update_fields=["stage", "not_filed_reason", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.CASE_NOT_FILED,
        case,
        {"reason": case.not_filed_reason},
        organisation=case.organisation,
    )
    return case


@transaction.atomic(durable=True)
def start_investigation(actor: Staff, case: Case, *, investigators: list[Staff]) -> Case:
    """调查取证 by at least two officers whose 执法证 is valid today; auxiliary staff never count (art. 42)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    today = timezone.localdate()
    team: list[Investigator] = []
    credential_numbers: dict[int, str] = {}
    for person in investigators:
        if person.organisation is None or not person.organisation.path.startswith(case.organisation.path):
            raise NotFoundOrHidden()
        valid = [credential for credential in person.credentials.all() if credential.is_valid_on(today)]
        credential_numbers[person.pk] = valid[0].number if valid else ""
        team.append(
            Investigator(
                name=person.full_name,
                is_auxiliary=not permissions.has_role(person, Role.OFFICER),
                has_valid_credential=bool(valid),
            )
        )
    rules.check_investigators(team)
    _move(case, Stage.INVESTIGATING)
    case.save(update_fields=["stage", "updated_at"])
    CaseOfficer.objects.bulk_create(
        [
            CaseOfficer(
                case=case, staff=person, credential_number=credential_numbers[person.pk], assigned_on=today
            )
            for person in investigators
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
    hearing_right: bool,
) -> Case:
    """调查终结 (art. 57): the end report, and the flags for art. 57 discussion, art. 58 review and art. 63
    hearing. Closing again after a return to investigation replaces the report."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    if outcome not in InvestigationOutcome.values:
        raise InvalidInput("请选择调查结论。", field_errors={"outcome": "请选择调查结论。"})
    if not findings.strip():
        raise InvalidInput(
            "请写明事实、证据和处理建议。", field_errors={"findings": "请写明事实、证据和处理建议。"}
        )
    _move(case, Stage.INVESTIGATION_CLOSED)
    case.save(update_fields=["stage", "updated_at"])
    InvestigationReport.objects.update_or_create(
        case=case,
        defaults={
            "outcome": outcome,
            "findings": findings.strip(),
            "review_public_interest": review_grounds.major_public_interest,
            "review_major_rights_after_hearing": review_grounds.major_rights_after_hearing,
            "review_complex": review_grounds.complex_multiple_legal_relations,
            "review_other_law": review_grounds.required_by_other_law,
            "major_or_complex": major_or_complex,
            "hearing_right": hearing_right,
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
            "findings_sha256": sha256_hex(findings.strip()),
            "review_required": review_grounds.required,
            "major_or_complex": major_or_complex,
            "hearing_right": hearing_right,
        },
        organisation=case.organisation,
    )
    return case


@transaction.atomic(durable=True)
def issue_notice(
    actor: Staff,
    case: Case,
    *,
    proposed_penalties: str,
    proposed_fine_fen: int,
    facts: str,
    served_on: datetime.date,
    statement_working_days: int,
) -> Notice:
    """事先告知 (art. 44): the intended penalty, facts, reasons and basis, and the rights to 陈述、申辩 (and
    听证 in art. 63 cases). The statement period is local practice, so it is given, in working days."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    errors: dict[str, str] = {}
    if not proposed_penalties.strip():
        errors["proposed_penalties"] = "请写明拟作出的处罚。"
    if not facts.strip():
        errors["facts"] = "请写明事实、理由及依据。"
    if proposed_fine_fen < 0:
        errors["proposed_fine_fen"] = "罚款金额不能为负数。"
    if served_on > timezone.localdate():
        errors["served_on"] = "送达日期不能晚于今天。"
    if errors:
        raise InvalidInput("告知内容有误，请按提示修改。", field_errors=errors)
    _move(case, Stage.NOTIFIED)
    case.save(update_fields=["stage", "updated_at"])
    case.notices.update(superseded=True)
    ends = (
        calendar.compute_working_days(served_on, statement_working_days).due
        if statement_working_days
        else None
    )
    notice = Notice.objects.create(
        case=case,
        proposed_penalties=proposed_penalties.strip(),
        proposed_fine_fen=proposed_fine_fen,
        facts=facts.strip(),
        served_on=served_on,
        statement_period_ends=ends,
        issued_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.NOTICE_ISSUED,
        case,
        {
            "notice": notice.pk,
            "proposed_penalties": notice.proposed_penalties,
            "proposed_fine_fen": proposed_fine_fen,
            "served_on": served_on.isoformat(),
            "statement_period_ends": ends.isoformat() if ends else None,
        },
        organisation=case.organisation,
    )
    return notice


@transaction.atomic(durable=True)
def record_defence(actor: Staff, case: Case, *, statement: str, waived: bool) -> Notice:
    """陈述、申辩 heard and re-checked, or expressly waived (art. 45)."""
    case = locking.lock_own(actor, case)
    notice = selectors.current_notice(case)
    if notice is None or case.stage != Stage.NOTIFIED:
        raise RuleViolation("尚未告知当事人，无从记录陈述申辩。", citation=f"{rules.LAW} 第四十四条")
    if not waived and not statement.strip():
        raise InvalidInput(
            "请记录当事人的陈述申辩意见，或注明其明确放弃。", field_errors={"statement": "请填写。"}
        )
    notice.statement = statement.strip()
    notice.defence_waived = waived
    notice.save(update_fields=["statement", "defence_waived"])
    ledger.record(
        actor,
        EnforcementEvent.DEFENCE_RECORDED,
        case,
        {"notice": notice.pk, "waived": waived, "statement_sha256": sha256_hex(notice.statement)},
        organisation=case.organisation,
    )
    return notice


@transaction.atomic(durable=True)
def request_hearing(actor: Staff, case: Case, *, requested_on: datetime.date) -> Case:
    """The party asks for a hearing: only in an art. 63 case, within 5 working days of the notice."""
    case = locking.lock_own(actor, case)
    notice = selectors.current_notice(case)
    report = InvestigationReport.objects.filter(case=case).first()
    if notice is None or report is None or not report.hearing_right:
        raise RuleViolation("本案不属于当事人有权要求听证的情形。", citation=f"{rules.LAW} 第六十三条")
    deadline = rules.HEARING_REQUEST.due(notice.served_on)
    if requested_on > deadline.due:
        raise RuleViolation(
            "要求听证的期限已于 %(due)s 届满（告知后五个工作日内）。" % {"due": deadline.due.isoformat()},
            citation=deadline.citation,
        )
    _move(case, Stage.HEARING)
    case.save(update_fields=["stage", "updated_at"])
    notice.hearing_requested_on = requested_on
    notice.save(update_fields=["hearing_requested_on"])
    ledger.record(
        actor,
        EnforcementEvent.HEARING_REQUESTED,
        case,
        {"requested_on": requested_on.isoformat()},
        organisation=case.organisation,
    )
    return case


def _check_hearing_arrangements(
    case: Case, *, chair: Staff, notice_sent_on: datetime.date, held_on: datetime.date
) -> None:
    """Art. 64: chaired by someone who did not investigate, notified at least seven working days before."""
    if case.stage != Stage.HEARING:
        raise RuleViolation("当事人未要求听证，或听证已经结束。", citation=f"{rules.LAW} 第六十三条")
    _require_town_staff(chair, case.organisation)
    investigators = [officer.staff.full_name for officer in case.officers.select_related("staff")]
    rules.check_hearing_chair(chair.full_name, investigators)
    earliest = rules.hearing_must_start_no_earlier_than(notice_sent_on)
    if held_on < earliest:
        raise RuleViolation(
            "应当在举行听证的七个工作日前通知当事人；%(sent)s 通知的，最早 %(earliest)s 举行。"
            % {"sent": notice_sent_on.isoformat(), "earliest": earliest.isoformat()},
            citation=f"{rules.LAW} 第六十四条第二项",
        )


@transaction.atomic(durable=True)
def schedule_hearing(
    actor: Staff,
    case: Case,
    *,
    chair: Staff,
    notice_sent_on: datetime.date,
    held_on: datetime.date,
    place: str,
) -> Hearing:
    """安排听证: the chair, the date and the place, so that the 听证通知书 can be served (art. 64)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    if not place.strip():
        raise InvalidInput("请填写听证地点。", field_errors={"place": "请填写听证地点。"})
    _check_hearing_arrangements(case, chair=chair, notice_sent_on=notice_sent_on, held_on=held_on)
    if case.hearings.filter(record_signed=False).exists():
        raise RuleViolation("本案已安排听证，尚未举行。", citation=f"{rules.LAW} 第六十四条")
    hearing = Hearing.objects.create(
        case=case, chair=chair, notice_sent_on=notice_sent_on, held_on=held_on, place=place.strip()
    )
    ledger.record(
        actor,
        EnforcementEvent.HEARING_SCHEDULED,
        case,
        {
            "hearing": hearing.pk,
            "chair": chair.pk,
            "notice_sent_on": notice_sent_on.isoformat(),
            "held_on": held_on.isoformat(),
            "place": hearing.place,
        },
        organisation=case.organisation,
    )
    return hearing


@transaction.atomic(durable=True)
def hold_hearing(
    actor: Staff,
    case: Case,
    *,
    chair: Staff,
    notice_sent_on: datetime.date,
    held_on: datetime.date,
    record_signed: bool,
    place: str = "",
) -> Hearing:
    """听证 held (art. 64), with the record signed or the refusal noted. Completes the scheduled
    hearing, or records one that was arranged outside the system."""
    case = locking.lock_own(actor, case)
    _check_hearing_arrangements(case, chair=chair, notice_sent_on=notice_sent_on, held_on=held_on)
    if held_on > timezone.localdate():
        raise InvalidInput("举行日期不能晚于今天。", field_errors={"held_on": "听证尚未举行。"})
    if not record_signed:
        raise InvalidInput(
            "听证笔录应当交当事人或其代理人核对无误后签字或盖章；拒绝签字的，由主持人注明。",
            field_errors={"record_signed": "请确认笔录已签字或已注明拒签。"},
            citation=f"{rules.LAW} 第六十四条第八项",
        )
    hearing = case.hearings.filter(record_signed=False).first() or Hearing(case=case)
    hearing.chair = chair
    hearing.notice_sent_on = notice_sent_on
    hearing.held_on = held_on
    hearing.place = place.strip() or hearing.place
    hearing.record_signed = True
    hearing.save()
    ledger.record(
        actor,
        EnforcementEvent.HEARING_HELD,
        case,
        {"chair": chair.pk, "notice_sent_on": notice_sent_on.isoformat(), "held_on": held_on.isoformat()},
        organisation=case.organisation,
    )
    return hearing


@transaction.atomic(durable=True)
def submit_legal_review(actor: Staff, case: Case) -> Case:
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    _move(case, Stage.LEGAL_REVIEW)
    case.save(update_fields=["stage", "updated_at"])
    ledger.record(actor, EnforcementEvent.REVIEW_SUBMITTED, case, {}, organisation=case.organisation)
    return case


@transaction.atomic(durable=True)
def review_case(actor: Staff, case: Case, *, opinion: str, reasons: str) -> LegalReview:
    """法制审核 (art. 58) by a 法制审核人员 holding the 法律职业资格. 存在问题 returns the case to the
    notified stage, to be fixed and resubmitted."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.LEGAL_REVIEWER)
    if case.stage != Stage.LEGAL_REVIEW:
        raise RuleViolation("案件未提交法制审核。", citation=f"{rules.LAW} 第五十八条")
    if opinion not in ReviewOpinionChoice.values:
        raise InvalidInput("请选择审核意见。", field_errors={"opinion": "请选择“同意”或“存在问题”。"})
    if not reasons.strip():
        raise InvalidInput("请写明审核理由。", field_errors={"reasons": "请写明审核理由。"})
    if not actor.legal_qualification_no:
        raise RuleViolation(
            "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。",
            citation=f"{rules.LAW} 第五十八条第二款",
        )
    review = LegalReview.objects.create(
        case=case,
        reviewer=actor,
        reviewer_qualification_no=actor.legal_qualification_no,
        opinion=opinion,
        reasons=reasons.strip(),
        reviewed_on=timezone.localdate(),
    )
    if opinion == ReviewOpinionChoice.PROBLEMS:
        _move(case, Stage.NOTIFIED)
        case.save(update_fields=["stage", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.REVIEW_GIVEN,
        case,
        {"review": review.pk, "opinion": opinion},
        organisation=case.organisation,
    )
    return review


@transaction.atomic(durable=True)
def record_collective_discussion(
    actor: Staff,
    case: Case,
    *,
    held_on: datetime.date,
    attendees: str,
    minutes: str,
    conclusion: str,
    dissent: str = "",
) -> CollectiveDiscussion:
    """集体讨论 (art. 57): the heads decide together on complex or major cases."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.HEAD)
    _move(case, Stage.COLLECTIVE_DISCUSSION)
    errors = {
        name: "请填写。"
        for name, value in [("attendees", attendees), ("minutes", minutes), ("conclusion", conclusion)]
        if not value.strip()
    }
    if errors:
        raise InvalidInput("集体讨论记录不完整。", field_errors=errors)
    case.save(update_fields=["stage", "updated_at"])
    discussion = CollectiveDiscussion.objects.create(
        case=case,
        held_on=held_on,
        attendees=attendees.strip(),
        minutes=minutes.strip(),
        conclusion=conclusion.strip(),
        dissent=dissent.strip(),
    )
    ledger.record(
        actor,
        EnforcementEvent.DISCUSSION_RECORDED,
        case,
        {
            "held_on": held_on.isoformat(),
            "minutes_sha256": sha256_hex(discussion.minutes),
            "dissent": bool(discussion.dissent),
        },
        organisation=case.organisation,
    )
    return discussion


@transaction.atomic(durable=True)
def decide(
    actor: Staff, case: Case, *, penalties: str, fine_fen: int, basis: str, overdue_reason: str = ""
) -> PenaltyDecision:
    """行政处罚决定: every gate of rules.check_decision, then a 文号 from the penalty-decision series.
    Past the 90 days of art. 60 the decision is not blocked, but needs its reason."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.HEAD)
    today = timezone.localdate()
    facts = dataclasses.replace(selectors.decision_facts(case), decided_fine_fen=fine_fen)
    rules.check_decision(facts, today=today)
    _move(case, Stage.DECIDED)
    errors: dict[str, str] = {}
    if not penalties.strip():
        errors["penalties"] = "请写明处罚种类和内容。"
    if not basis.strip():
        errors["basis"] = "请写明处罚依据。"
    if case.decision_due and today > case.decision_due and not overdue_reason.strip():
        errors["overdue_reason"] = "已超过立案之日起九十日（至 %(due)s），请写明理由。" % {
            "due": case.decision_due.isoformat()
        }
    if errors:
        raise InvalidInput(
            "决定内容不完整。", field_errors=errors, citation=f"{rules.LAW} 第五十九条、第六十条"
        )
    series = numbering.series_for(case.organisation, DECISION_SERIES_KEY, document="行政处罚决定书")
    service_due = rules.SERVICE.due(today).due
    _set_clock(case, rules.SERVICE.key, service_due)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    decision = PenaltyDecision(
        case=case,
        decided_on=today,
        service_due=service_due,
        penalties=penalties.strip(),
        fine_fen=fine_fen,
        basis=basis.strip(),
        overdue_reason=overdue_reason.strip(),
        decided_by=actor,
        number=core_services.issue_number(actor, series, year=today.year, subject=case),
    )
    decision.save()
    ledger.record(
        actor,
        EnforcementEvent.DECIDED,
        case,
        {
            "number": decision.number.text,
            "penalties": decision.penalties,
            "fine_fen": fine_fen,
            "decided_on": today.isoformat(),
            "overdue": bool(decision.overdue_reason),
        },
        organisation=case.organisation,
    )
    return decision


# ------------------------------------------------------------------------------ extension and service

PRE_DECISION_STAGES = {
    Stage.FILED,
    Stage.INVESTIGATING,
    Stage.INVESTIGATION_CLOSED,
    Stage.NOTIFIED,
    Stage.HEARING,
    Stage.LEGAL_REVIEW,
    Stage.COLLECTIVE_DISCUSSION,
}


@transaction.atomic(durable=True)
def extend_decision_period(actor: Staff, case: Case, *, days: int, reason: str) -> DecisionExtension:
    """延长办案期限: the head approves a longer period than art. 60's 90 days, with a reason."""
    case = locking.lock_own(actor, case)
    if Stage(case.stage) not in PRE_DECISION_STAGES or case.decision_due is None:
        raise RuleViolation(
            "只有已立案、尚未作出决定的案件才能延长办案期限。", citation=f"{rules.LAW} 第六十条"
        )
    rules.check_extension(days=days, reason=reason, approved_by_head=permissions.has_role(actor, Role.HEAD))
    previous = case.decision_due
    if timezone.localdate() > previous:
        # Art. 60 lets the head extend a period "不能在规定期限内作出处罚决定的" — before it has run out,
        # not afterwards to make a late decision look timely.
        raise RuleViolation(
            "办案期限已于 %(d)s 届满，不能事后延长；逾期作出决定的，请在决定时说明理由。"
            % {"d": previous.isoformat()},
            citation=f"{rules.LAW} 第六十条",
        )
    case.decision_due = previous + datetime.timedelta(days=days)
    _set_clock(case, rules.DECISION.key, case.decision_due)
    case.save(update_fields=["decision_due", "clock_key", "clock_due", "updated_at"])
    extension = DecisionExtension.objects.create(
        case=case,
        days=days,
        reason=reason.strip(),
        previous_due=previous,
        new_due=case.decision_due,
        approved_by=actor,
        approved_on=timezone.localdate(),
    )
    ledger.record(
        actor,
        EnforcementEvent.PERIOD_EXTENDED,
        case,
        {"days": days, "previous_due": previous.isoformat(), "new_due": case.decision_due.isoformat()},
        organisation=case.organisation,
    )
    return extension


@transaction.atomic(durable=True)
def serve_decision(
    actor: Staff,
    case: Case,
    *,
    method: str,
    served_on: datetime.date,
    recipient: str,
    proof: str,
    refused: bool = False,
    late_reason: str = "",
) -> DecisionService:
    """送达 (art. 61), which starts the 15 days to pay (art. 67)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    decision = selectors.decision_of(case)
    errors: dict[str, str] = {}
    if method not in ServiceMethod.values:
        errors["method"] = "请选择送达方式。"
    if not recipient.strip():
        errors["recipient"] = "请填写受送达人（签收人）。"
    if not proof.strip():
        errors["proof"] = "请填写送达凭证（回证签收、邮件单号或公告载体）。"
    if served_on > timezone.localdate():
        errors["served_on"] = "送达日期不能晚于今天。"
    if errors:
        raise InvalidInput(
            "送达信息有误，请按提示修改。", field_errors=errors, citation=f"{rules.LAW} 第六十一条"
        )
    rules.check_service_time(decided_on=decision.decided_on, served_on=served_on, late_reason=late_reason)
    _move(case, Stage.SERVED)
    payment_due = rules.PAYMENT.due(served_on).due if decision.fine_fen else None
    _set_clock(case, rules.PAYMENT.key, payment_due)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    service = DecisionService.objects.create(
        case=case,
        method=method,
        served_on=served_on,
        recipient=recipient.strip(),
        proof=proof.strip(),
        refused=refused,
        late_reason=late_reason.strip() if served_on > (decision.service_due or served_on) else "",
        payment_due=payment_due,
        served_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.SERVED,
        case,
        {
            "method": method,
            "served_on": served_on.isoformat(),
            "refused": refused,
            "late": bool(service.late_reason),
            "payment_due": payment_due.isoformat() if payment_due else None,
        },
        organisation=case.organisation,
    )
    return service


# ------------------------------------------------------------------------------ payment and execution


@transaction.atomic(durable=True)
def start_remedy(actor: Staff, case: Case, *, kind: str, started_on: datetime.date) -> RemedyProceeding:
    """The party applied for 复议 or sued: enforcement and the surcharge wait (art. 73)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD, Role.LEGAL_REVIEWER)
    if Stage(case.stage) not in (Stage.SERVED, Stage.EXECUTING):
        raise RuleViolation(
            "只能对已送达、尚未执行完毕的决定登记复议或诉讼。", citation=f"{rules.LAW} 第七十三条"
        )
    if kind not in RemedyKind.values:
        raise InvalidInput("请选择行政复议或行政诉讼。", field_errors={"kind": "请选择。"})
    if started_on > timezone.localdate():
        raise InvalidInput("日期不能晚于今天。", field_errors={"started_on": "日期不能晚于今天。"})
    if case.remedies.filter(ended_on__isnull=True).exists():
        raise RuleViolation("已有尚未结束的复议或诉讼，请先登记其结果。", citation=f"{rules.LAW} 第七十三条")
    remedy = RemedyProceeding.objects.create(case=case, kind=kind, started_on=started_on)
    ledger.record(
        actor,
        EnforcementEvent.REMEDY_STARTED,
        case,
        {"remedy": remedy.pk, "kind": kind, "started_on": started_on.isoformat()},
        organisation=case.organisation,
    )
    return remedy


@transaction.atomic(durable=True)
def end_remedy(
    actor: Staff, case: Case, *, ended_on: datetime.date, result: str, outcome: str = ""
) -> RemedyProceeding:
    """The 复议 decision or the judgment. A decision changed, revoked, or found unlawful or void must
    come off the portal within 3 working days (disclosure.selectors.publications_to_withdraw)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD, Role.LEGAL_REVIEWER)
    remedy = case.remedies.filter(ended_on__isnull=True).first()
    if remedy is None:
        raise RuleViolation("本案没有进行中的复议或诉讼。", citation=f"{rules.LAW} 第七十三条")
    errors: dict[str, str] = {}
    if ended_on < remedy.started_on or ended_on > timezone.localdate():
        errors["ended_on"] = "结束日期应在 %(s)s 至今天之间。" % {"s": remedy.started_on.isoformat()}
    if result not in RemedyResult.values:
        errors["result"] = "请选择复议或诉讼的结果。"
    if errors:
        raise InvalidInput("复议或诉讼结果有误。", field_errors=errors)
    remedy.ended_on = ended_on
    remedy.result = result
    remedy.outcome = outcome.strip()[:200]
    remedy.save(update_fields=["ended_on", "result", "outcome"])
    ledger.record(
        actor,
        EnforcementEvent.REMEDY_ENDED,
        case,
        {"remedy": remedy.pk, "ended_on": ended_on.isoformat(), "result": result, "outcome": remedy.outcome},
        organisation=case.organisation,
    )
    return remedy


@transaction.atomic(durable=True)
def record_payment(
    actor: Staff, case: Case, *, paid_on: datetime.date, paid_fen: int, receipt_number: str
) -> Payment:
    """罚款缴纳 at the designated bank (art. 67), with the surcharge owed that day (art. 72)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    if paid_on > timezone.localdate():
        raise InvalidInput("缴纳日期不能晚于今天。", field_errors={"paid_on": "缴纳日期不能晚于今天。"})
    decision = selectors.decision_of(case)
    if decision.fine_fen == 0:
        raise RuleViolation("本决定没有罚款，无须登记缴纳。", citation=f"{rules.LAW} 第六十七条")
    fine, surcharge = selectors.amount_owed(case, on=paid_on)
    rules.check_payment(
        fine_fen=fine, surcharge_owed_fen=surcharge, paid_fen=paid_fen, receipt_number=receipt_number
    )
    _move(case, Stage.PAID)
    _set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    payment = Payment.objects.create(
        case=case,
        method=PaymentMethod.BANK,
        paid_on=paid_on,
        fine_fen=fine,
        surcharge_fen=surcharge,
        receipt_number=receipt_number.strip(),
        recorded_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.PAID,
        case,
        {
            "paid_on": paid_on.isoformat(),
            "fine_fen": fine,
            "surcharge_fen": surcharge,
            "receipt": payment.receipt_number,
        },
        organisation=case.organisation,
    )
    return payment


@transaction.atomic(durable=True)
def issue_demand(actor: Staff, case: Case, *, served_on: datetime.date) -> Demand:
    """催告 (行政强制法 art. 54): the party has not paid by the due date; ten working days to perform."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    service = DecisionService.objects.filter(case=case).first()
    if served_on > timezone.localdate():
        raise InvalidInput("送达日期不能晚于今天。", field_errors={"served_on": "送达日期不能晚于今天。"})
    rules.check_demand(
        payment_due=service.payment_due if service else None,
        today=served_on,
        remedy_pending=case.remedies.filter(ended_on__isnull=True).exists(),
    )
    if case.stage == Stage.SERVED:
        _move(case, Stage.EXECUTING)
    elif case.stage != Stage.EXECUTING:
        rules.require_transition(Procedure(case.procedure), Stage(case.stage), Stage.EXECUTING)
    wait = rules.DEMAND_WAIT.due(served_on).due
    _set_clock(case, rules.DEMAND_WAIT.key, wait)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    demand = Demand.objects.create(case=case, served_on=served_on, wait_until=wait, issued_by=actor)
    ledger.record(
        actor,
        EnforcementEvent.DEMAND_ISSUED,
        case,
        {"served_on": served_on.isoformat(), "wait_until": wait.isoformat()},
        organisation=case.organisation,
    )
    return demand


@transaction.atomic(durable=True)
def apply_to_court(actor: Staff, case: Case, *, court: str, applied_on: datetime.date) -> CourtApplication:
    """申请人民法院强制执行 (行政强制法 arts. 53, 54): a town has no power to enforce a fine itself."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.HEAD)
    if case.stage != Stage.EXECUTING:
        raise RuleViolation("申请强制执行前应当先行催告。", citation="行政强制法 第五十四条")
    if not court.strip():
        raise InvalidInput("请填写受理法院。", field_errors={"court": "请填写受理法院。"})
    if applied_on > timezone.localdate():
        raise InvalidInput("申请日期不能晚于今天。", field_errors={"applied_on": "申请日期不能晚于今天。"})
    if CourtApplication.objects.filter(case=case).exists():
        raise RuleViolation("本案已申请人民法院强制执行。", citation="行政强制法 第五十三条")
    demand = case.demands.order_by("-id").first()
    service = DecisionService.objects.get(case=case)
    rules.check_court_application(
        demand_wait_until=demand.wait_until if demand else None,
        served_on=service.served_on,
        applied_on=applied_on,
        remedy_pending=case.remedies.filter(ended_on__isnull=True).exists(),
    )
    _set_clock(case, "", None)
    case.save(update_fields=["clock_key", "clock_due", "updated_at"])
    application = CourtApplication.objects.create(
        case=case, court=court.strip(), applied_on=applied_on, applied_by=actor
    )
    ledger.record(
        actor,
        EnforcementEvent.COURT_APPLIED,
        case,
        {"court": application.court, "applied_on": applied_on.isoformat()},
        organisation=case.organisation,
    )
    return application


# ---------------------------------------------------------------------------------- closure and archive


@transaction.atomic(durable=True)
def close_case(actor: Staff, case: Case, *, reason: str, summary: str) -> Closure:
    """结案 with the head's approval, on a reason the case's record supports."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.HEAD)
    if not summary.strip():
        raise InvalidInput("请写明处理结果。", field_errors={"summary": "请写明处理结果。"})
    rules.check_closure(selectors.closure_facts(case), reason, dict(ClosureReason.choices))
    _move(case, Stage.CLOSED)
    _set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    closure = Closure.objects.create(
        case=case, reason=reason, summary=summary.strip(), approved_by=actor, closed_on=timezone.localdate()
    )
    ledger.record(
        actor,
        EnforcementEvent.CLOSED,
        case,
        {"reason": reason, "closed_on": closure.closed_on.isoformat()},
        organisation=case.organisation,
    )
    return closure


# ---------------------------------------------------------------------------------- summary procedure

SUMMARY_SERIES_KEY = "summary-decision"


@dataclasses.dataclass(frozen=True)
class OnSpotDecision:
    """What an officer enters on a phone for a 简易程序 decision (arts. 51, 52)."""

    party: Party
    power: DelegatedPower
    co_officer: Staff
    title: str
    place: str
    act_on: datetime.date
    facts: str
    basis: str
    warning_only: bool
    fine_fen: int
    statement: str = ""
    defence_waived: bool = False
    party_signed: bool = True
    refusal_noted: bool = False
    collected_on_spot: bool = False
    receipt_number: str = ""
    hard_to_enforce_later: bool = False
    remote_area_on_request: bool = False


def _check_on_spot_input(data: OnSpotDecision, today: datetime.date) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "请填写违法行为（案由）。"
    if not data.place.strip():
        errors["place"] = "请填写违法地点。"
    if not data.facts.strip():
        errors["facts"] = "请写明违法事实。"
    if not data.basis.strip():
        errors["basis"] = "请写明处罚依据。"
    if data.act_on > today:
        errors["act_on"] = "违法行为日期不能晚于今天。"
    if data.fine_fen < 0:
        errors["fine"] = "罚款金额不能为负数。"
    if not data.warning_only and data.fine_fen == 0:
        errors["fine"] = "请填写罚款金额，或选择“仅警告”。"
    if data.warning_only and data.fine_fen:
        errors["fine"] = "选择“仅警告”时不能同时罚款。"
    if not data.defence_waived and not data.statement.strip():
        errors["statement"] = "请记录当事人的陈述申辩，或注明其放弃（第四十四条、第四十五条）。"
    if not data.party_signed and not data.refusal_noted:
        errors["party_signed"] = "当事人拒绝签收的，应在决定书上注明（第六十一条）。"
    if data.collected_on_spot and not data.receipt_number.strip():
        errors["receipt_number"] = "当场收缴罚款应当出具专用票据，请填写票据号（第七十条）。"
    if errors:
        raise InvalidInput("当场处罚信息有误，请按提示修改。", field_errors=errors)


def _on_spot_team(actor: Staff, co_officer: Staff, town_path: str, today: datetime.date) -> list[Staff]:
    team = [actor, co_officer]
    if co_officer.organisation is None or not co_officer.organisation.path.startswith(town_path):
        raise NotFoundOrHidden()
    rules.check_investigators(
        [
            Investigator(
                name=person.full_name,
                is_auxiliary=not permissions.has_role(person, Role.OFFICER),
                has_valid_credential=any(c.is_valid_on(today) for c in person.credentials.all()),
            )
            for person in dict.fromkeys(team)
        ]
    )
    return team


@transaction.atomic(durable=True)
def decide_on_spot(actor: Staff, data: OnSpotDecision) -> Case:
    """简易程序: facts certain, a legal basis, a warning or a small fine (art. 51); the numbered decision
    is handed over on the spot (art. 52) and, within art. 68's limits, the fine collected there."""
    permissions.require_role(actor, Role.OFFICER)
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    if data.party.organisation_id != town.pk:
        raise NotFoundOrHidden()
    if data.power.organisation_id != town.pk or not data.power.active:
        raise RuleViolation(
            "该事项不在本镇（街道）承接并公布的赋权事项范围内。", citation=f"{rules.LAW} 第二十四条"
        )
    _check_on_spot_input(data, today)
    rules.check_summary_procedure(
        party_kind=data.party.kind, fine_fen=data.fine_fen, warning_only=data.warning_only
    )
    if data.collected_on_spot:
        rules.check_on_the_spot_collection(
            fine_fen=data.fine_fen,
            hard_to_enforce_later=data.hard_to_enforce_later,
            remote_area_on_request=data.remote_area_on_request,
        )
    rules.check_limitation(data.act_on, today, endangers_life_health_or_finance=False)
    team = _on_spot_team(actor, data.co_officer, town.path, today)
    series = numbering.series_for(
        town, SUMMARY_SERIES_KEY, document="当场处罚决定书", citation=f"{rules.LAW} 第五十二条"
    )
    case = Case.objects.create(
        organisation=town,
        procedure=Procedure.SUMMARY,
        stage=rules.FIRST_STAGE[Procedure.SUMMARY],
        title=data.title.strip(),
        source=LeadSource.PATROL,
        summary=data.facts.strip(),
        place=data.place.strip(),
        received_on=today,
        act_on=data.act_on,
        act_ended_on=data.act_on,
        party=data.party,
        power=data.power,
        filed_on=today,
        created_by=actor,
    )
    for person in dict.fromkeys(team):
        valid = [c for c in person.credentials.all() if c.is_valid_on(today)]
        CaseOfficer.objects.create(
            case=case, staff=person, credential_number=valid[0].number if valid else "", assigned_on=today
        )
    decision = PenaltyDecision.objects.create(
        case=case,
        decided_on=today,
        penalties="警告" if data.warning_only else "罚款 %(f)s 元" % {"f": money.yuan(data.fine_fen)},
        fine_fen=data.fine_fen,
        basis=data.basis.strip(),
        decided_by=actor,
        number=core_services.issue_number(actor, series, year=today.year, subject=case),
    )
    # The numbered form handed over on the spot is the case's number too (no 立案 in this procedure).
    case.filing_number = decision.number
    SummaryDetails.objects.create(
        case=case,
        warning_only=data.warning_only,
        party_signed=data.party_signed,
        refusal_noted=data.refusal_noted,
        statement=data.statement.strip(),
        defence_waived=data.defence_waived,
        collected_on_spot=data.collected_on_spot,
    )
    ledger.record(
        actor,
        EnforcementEvent.DECIDED_ON_SPOT,
        case,
        {
            "number": decision.number.text,
            "party": data.party.pk,
            "power": data.power.code,
            "fine_fen": data.fine_fen,
            "warning_only": data.warning_only,
            "officers": [person.pk for person in dict.fromkeys(team)],
            "defence_waived": data.defence_waived,
        },
        organisation=town,
    )
    _move(case, Stage.SERVED)
    payment_due = rules.PAYMENT.due(today).due if data.fine_fen else None
    DecisionService.objects.create(
        case=case,
        method=ServiceMethod.ON_THE_SPOT,
        served_on=today,
        recipient=data.party.name,
        proof="当场交付，当事人签收" if data.party_signed else "当事人拒绝签收，已在决定书上注明",
        refused=not data.party_signed,
        payment_due=payment_due,
        served_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.SERVED,
        case,
        {
            "method": ServiceMethod.ON_THE_SPOT,
            "served_on": today.isoformat(),
            "refused": not data.party_signed,
        },
        organisation=town,
    )
    _set_clock(case, rules.PAYMENT.key, payment_due)
    if data.collected_on_spot:
        _move(case, Stage.PAID)
        hand_in_due = rules.CASH_HAND_IN.due(today).due
        _set_clock(case, rules.CASH_HAND_IN.key, hand_in_due)
        Payment.objects.create(
            case=case,
            method=PaymentMethod.ON_THE_SPOT,
            paid_on=today,
            fine_fen=data.fine_fen,
            receipt_number=data.receipt_number.strip(),
            cash_hand_in_due=hand_in_due,
            recorded_by=actor,
        )
        ledger.record(
            actor,
            EnforcementEvent.PAID,
            case,
            {
                "paid_on": today.isoformat(),
                "fine_fen": data.fine_fen,
                "surcharge_fen": 0,
                "receipt": data.receipt_number.strip(),
                "on_the_spot": True,
            },
            organisation=town,
        )
    case.save()
    return case


@transaction.atomic(durable=True)
def record_with_agency(actor: Staff, case: Case) -> Case:
    """备案 (art. 52): the officer's on-the-spot decision is reported to the agency."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    details = SummaryDetails.objects.filter(case=case).first()
    if details is None:
        raise RuleViolation("只有简易程序案件需要备案。", citation=f"{rules.LAW} 第五十二条")
    rules.check_recording_with_agency(paid=case.stage == Stage.PAID, warning_only=details.warning_only)
    _move(case, Stage.RECORDED_WITH_AGENCY)
    _set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    details.recorded_with_agency_on = timezone.localdate()
    details.save(update_fields=["recorded_with_agency_on"])
    ledger.record(
        actor,
        EnforcementEvent.RECORDED_WITH_AGENCY,
        case,
        {"recorded_on": details.recorded_with_agency_on.isoformat()},
        organisation=case.organisation,
    )
    return case


# ------------------------------------------------------------------------------------ recording devices


def _require_town_staff(person: Staff, town: Organisation) -> None:
    if person.organisation is None or not person.organisation.path.startswith(town.path):
        raise NotFoundOrHidden()


@transaction.atomic(durable=True)
def add_device(actor: Staff, *, number: str, model_name: str = "") -> RecordingDevice:
    permissions.require_role(actor, Role.ADMIN, Role.HEAD)
    town = permissions.acting_town(actor)
    if not number.strip():
        raise InvalidInput("请填写设备编号。", field_errors={"number": "请填写设备编号。"})
    if RecordingDevice.objects.filter(organisation=town, number=number.strip()).exists():
        raise InvalidInput(
            "设备编号“%(n)s”已登记。" % {"n": number.strip()}, field_errors={"number": "该编号已登记。"}
        )
    device = RecordingDevice.objects.create(
        organisation=town, number=number.strip(), model_name=model_name.strip()
    )
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_ADDED,
        device,
        {"number": device.number, "model": device.model_name},
        organisation=town,
    )
    return device


@transaction.atomic(durable=True)
def assign_device(
    actor: Staff, device: RecordingDevice, *, staff: Staff, valid_from: datetime.date
) -> DeviceAssignment:
    """配发: one carrier at a time; handing a device to someone else ends the previous assignment."""
    permissions.require_role(actor, Role.ADMIN, Role.HEAD)
    town = permissions.acting_town(actor)
    if device.organisation_id != town.pk:
        raise NotFoundOrHidden()
    _require_town_staff(staff, town)
    if not device.active:
        raise InvalidInput("该设备已停用，不能配发。", field_errors={"device": "设备已停用。"})
    if not permissions.has_role(staff, Role.OFFICER, Role.AUXILIARY):
        raise InvalidInput(
            "执法记录仪配发给执法人员或辅助执法人员。",
            field_errors={"staff": "请选择执法人员或辅助执法人员。"},
        )
    current = device.assignments.select_for_update().filter(valid_to__isnull=True).first()
    if current is not None:
        if valid_from <= current.valid_from:
            raise InvalidInput(
                "该设备自 %(d)s 起由 %(who)s 使用，新的配发日期应晚于此日。"
                % {"d": current.valid_from.isoformat(), "who": current.staff.full_name},
                field_errors={"valid_from": "日期应晚于上一次配发。"},
            )
        current.valid_to = valid_from - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    assignment = DeviceAssignment.objects.create(device=device, staff=staff, valid_from=valid_from)
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_ASSIGNED,
        device,
        {
            "staff": staff.pk,
            "valid_from": valid_from.isoformat(),
            "previous": current.pk if current else None,
        },
        organisation=town,
    )
    return assignment


@transaction.atomic(durable=True)
def return_device(actor: Staff, device: RecordingDevice, *, valid_to: datetime.date) -> DeviceAssignment:
    permissions.require_role(actor, Role.ADMIN, Role.HEAD)
    town = permissions.acting_town(actor)
    if device.organisation_id != town.pk:
        raise NotFoundOrHidden()
    current = device.assignments.select_for_update().filter(valid_to__isnull=True).first()
    if current is None:
        raise InvalidInput("该设备当前未配发。", field_errors={"device": "设备未配发。"})
    if valid_to < current.valid_from:
        raise InvalidInput(
            "收回日期不能早于配发日期 %(d)s。" % {"d": current.valid_from.isoformat()},
            field_errors={"valid_to": "不能早于配发日期。"},
        )
    current.valid_to = valid_to
    current.save(update_fields=["valid_to"])
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_RETURNED,
        device,
        {"staff": current.staff_id, "valid_to": valid_to.isoformat()},
        organisation=town,
    )
    return current


# ------------------------------------------------------------------------------- evidence and records

EVIDENCE_STAGES = {
    Procedure.ORDINARY: {
        Stage.LEAD,
        Stage.FILED,
        Stage.INVESTIGATING,
    },
    Procedure.SUMMARY: {Stage.DECIDED_ON_SPOT, Stage.SERVED, Stage.PAID},
}
# Recordings must name the device they were made on (国办发〔2018〕118号, 全过程记录).
RECORDED_KINDS = {EvidenceKind.AUDIO_VISUAL}


@dataclasses.dataclass(frozen=True)
class EvidenceInput:
    kind: str
    description: str
    captured_by: Staff
    captured_at: datetime.datetime
    place: str
    device: RecordingDevice | None = None


def _check_evidence(case: Case, data: EvidenceInput, *, has_file: bool) -> None:
    if Stage(case.stage) not in EVIDENCE_STAGES[Procedure(case.procedure)]:
        raise RuleViolation(
            "证据在立案前后的调查取证中收集；案件已处于“%(stage)s”阶段，须补充证据的，应退回调查取证。"
            % {"stage": rules.STAGE_LABELS[Stage(case.stage)]},
            citation=f"{rules.LAW} 第四十六条、第五十四条、第五十五条",
        )
    errors: dict[str, str] = {}
    if data.kind not in EvidenceKind.values:
        errors["kind"] = "请选择第四十六条规定的证据种类。"
    if not data.description.strip():
        errors["description"] = "请填写证据名称及说明。"
    if not data.place.strip():
        errors["place"] = "请填写采集地点。"
    if data.captured_at > timezone.now():
        errors["captured_at"] = "采集时间不能晚于现在。"
    if data.kind in RECORDED_KINDS and not has_file:
        errors["file"] = "视听资料须上传录音录像文件。"
    if errors:
        raise InvalidInput(
            "证据信息有误，请按提示修改。", field_errors=errors, citation=f"{rules.LAW} 第四十六条"
        )
    _require_town_staff(data.captured_by, case.organisation)
    if data.kind in RECORDED_KINDS:
        day = timezone.localtime(data.captured_at).date()
        if data.device is None:
            raise RuleViolation(
                "录音录像须注明所用的执法记录仪。", citation="国办发〔2018〕118号 执法全过程记录制度"
            )
        if data.device.organisation_id != case.organisation_id:
            raise NotFoundOrHidden()
        if not any(
            assignment.staff_id == data.captured_by.pk and assignment.covers(day)
            for assignment in data.device.assignments.all()
        ):
            raise RuleViolation(
                "执法记录仪 %(d)s 在 %(day)s 未配发给 %(who)s；请核对设备编号或配发记录。"
                % {"d": data.device.number, "day": day.isoformat(), "who": data.captured_by.full_name},
                citation="国办发〔2018〕118号 执法全过程记录制度",
            )


@transaction.atomic(durable=True)
def add_evidence(
    actor: Staff, case: Case, data: EvidenceInput, *, stored: tuple[StoredBlob, str] | None = None
) -> Evidence:
    """证据 (art. 46): kind, who captured it, when, where, on which device; its file's SHA-256 goes into
    the ledger with it. The file is stored before this transaction (see files.store)."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.AUXILIARY, Role.HEAD)
    _check_evidence(case, data, has_file=stored is not None)
    evidence = Evidence.objects.create(
        case=case,
        kind=data.kind,
        description=data.description.strip(),
        captured_by=data.captured_by,
        captured_at=data.captured_at,
        place=data.place.strip(),
        device=data.device if data.kind in RECORDED_KINDS else None,
        recorded_by=actor,
    )
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
    subject_details: str = ""
    signed: bool = True
    refusal_noted: bool = False


@transaction.atomic(durable=True)
def add_record(actor: Staff, case: Case, data: RecordInput) -> InvestigationRecord:
    """询问笔录 / 现场检查笔录 (art. 55): made by two officers with valid credentials, signed by the
    person, or the refusal noted."""
    case = locking.lock_own(actor, case)
    permissions.require_role(actor, Role.OFFICER, Role.HEAD)
    if case.stage != Stage.INVESTIGATING:
        raise RuleViolation("笔录在调查取证阶段制作。", citation=f"{rules.LAW} 第五十五条")
    errors: dict[str, str] = {}
    if data.kind not in RecordKind.values:
        errors["kind"] = "请选择笔录种类。"
    for field, value, label in [
        ("place", data.place, "地点"),
        ("subject_person", data.subject_person, "被询问人（现场负责人）"),
        ("content", data.content, "笔录内容"),
    ]:
        if not value.strip():
            errors[field] = "请填写%(l)s。" % {"l": label}
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
        _require_town_staff(person, case.organisation)
    rules.check_investigators(
        [
            Investigator(
                name=person.full_name,
                is_auxiliary=not permissions.has_role(person, Role.OFFICER),
                has_valid_credential=any(c.is_valid_on(day) for c in person.credentials.all()),
            )
            for person in dict.fromkeys(data.officers)
        ]
    )
    record = InvestigationRecord.objects.create(
        case=case,
        kind=data.kind,
        place=data.place.strip(),
        started_at=data.started_at,
        ended_at=data.ended_at,
        subject_person=data.subject_person.strip(),
        subject_details=data.subject_details.strip(),
        content=data.content.strip(),
        signed=data.signed,
        refusal_noted=data.refusal_noted and not data.signed,
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
        },
        organisation=case.organisation,
    )
    return record


# ----------------------------------------------------------------------------------- resumable uploads


def start_upload(actor: Staff, case: Case, *, original_name: str, total_bytes: int) -> UploadSession:
    """Open a resumable upload for a large file (body-camera video) of a case the actor works on. A
    technical step: the ledger records the evidence when the file is complete, not the session."""
    permissions.require_own(actor, case.organisation)
    permissions.require_role(actor, Role.OFFICER, Role.AUXILIARY, Role.HEAD)
    name = files.check_upload_name(original_name)
    limit = settings.EVIDENCE_UPLOAD_MAX_BYTES
    if total_bytes <= 0:
        raise InvalidInput("文件是空的（0 字节）。", field_errors={"file": "文件是空的。"})
    if total_bytes > limit:
        raise InvalidInput(
            "文件超过大小上限 %(gb).1f GB。" % {"gb": limit / 1024**3}, field_errors={"file": "文件过大。"}
        )
    return UploadSession.objects.create(
        key=secrets.token_hex(16), case=case, owner=actor, original_name=name, total_bytes=total_bytes
    )


def access_upload(actor: Staff, key: str) -> UploadSession:
    """Only the officer who began an upload continues it."""
    session = (
        UploadSession.objects.select_related("case__organisation").filter(key=key, completed=False).first()
    )
    if session is None or session.owner_id != actor.pk:
        raise NotFoundOrHidden()
    return session


@transaction.atomic
def receive_piece(
    actor: Staff, key: str, stream: files.Readable, *, offset: int, length: int
) -> UploadSession:
    """Accept the piece that starts where the stored bytes end. A piece at another offset is refused
    with the offset to resume from, so a client that lost a reply asks and continues."""
    session = access_upload(actor, key)
    session = UploadSession.objects.select_for_update().get(pk=session.pk)
    if offset != session.received_bytes:
        raise UploadOffsetMismatch(session.received_bytes)
    if length <= 0 or length > settings.UPLOAD_CHUNK_MAX_BYTES or offset + length > session.total_bytes:
        raise InvalidInput(
            "分片大小不正确：每片 1 字节至 %(mb)d MB，且不超过声明的文件大小。"
            % {"mb": settings.UPLOAD_CHUNK_MAX_BYTES // 1024**2}
        )
    written = files.append_piece(session.key, stream, offset=offset, limit=length)
    if written != length:
        raise InvalidInput(
            "分片不完整（收到 %(got)d 字节，应为 %(want)d 字节），请重传此片。"
            % {"got": written, "want": length}
        )
    session.received_bytes = offset + written
    session.save(update_fields=["received_bytes"])
    return session


class UploadOffsetMismatch(InvalidInput):
    def __init__(self, expected: int) -> None:
        super().__init__("已收到 %(n)d 字节，请从此处继续上传。" % {"n": expected})
        self.expected = expected


def finish_upload(actor: Staff, key: str) -> tuple[StoredBlob, str, UploadSession]:
    """Hash and keep the complete file (streamed, never whole in memory); the caller then records it
    as evidence with add_evidence."""
    session = access_upload(actor, key)
    if session.received_bytes != session.total_bytes:
        raise InvalidInput(
            "文件尚未传完：已收到 %(got)d / %(total)d 字节。"
            % {"got": session.received_bytes, "total": session.total_bytes}
        )
    blob, name = files.store_partial(
        session.key, original_name=session.original_name, max_bytes=settings.EVIDENCE_UPLOAD_MAX_BYTES
    )
    UploadSession.objects.filter(pk=session.pk).update(completed=True)
    return blob, name, session


# ------------------------------------------------------------------------------------ the daily job


@transaction.atomic(durable=True)
def refresh_clock(actor: Staff, case: Case) -> bool:
    """Count the running clock again: a holiday entered after the clock started (a later year's
    schedule, published in November) moves its due date. The move is recorded."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    due = selectors.recounted_due(case)
    if due is None or due == case.clock_due:
        return False
    previous = case.clock_due
    case.clock_due = due
    if case.clock_key == rules.DECISION.key:
        case.decision_due = due
    case.save(update_fields=["clock_due", "decision_due", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.CLOCK_RECOUNTED,
        case,
        {
            "clock": case.clock_key,
            "previous_due": previous.isoformat() if previous else None,
            "due": due.isoformat(),
        },
        organisation=case.organisation,
    )
    return True


@dataclasses.dataclass(frozen=True)
class ReminderRun:
    recounted: int
    reminded_cases: int
    purged_uploads: int


# An upload nobody has continued for this long is abandoned: its partial file is removed.
STALE_UPLOAD_DAYS = 7


def purge_stale_uploads(*, before: datetime.datetime) -> int:
    stale = list(UploadSession.objects.filter(completed=False, created_at__lt=before))
    for session in stale:
        files.partial_path(session.key).unlink(missing_ok=True)
    UploadSession.objects.filter(pk__in=[session.pk for session in stale]).delete()
    return len(stale)


def send_clock_reminders(*, today: datetime.date) -> ReminderRun:
    """The daily job: recount every running clock, then tell the case's officers and the town's heads
    about each one that has lapsed or lapses within selectors.WARNING_DAYS."""
    system = core_services.system_actor()
    running = Case.objects.exclude(clock_key="").filter(clock_due__isnull=False).only("pk")
    recounted = sum(refresh_clock(system, case) for case in running.iterator())
    reminded = 0
    soon = today + datetime.timedelta(days=selectors.WARNING_DAYS)
    for case in (
        Case.objects.filter(clock_due__lte=soon).select_related("organisation", "filing_number").iterator()
    ):
        assert case.clock_due is not None
        days = (case.clock_due - today).days
        state = "已超期 %(d)d 日" % {"d": -days} if days < 0 else "还剩 %(d)d 日" % {"d": days}
        text = "【%(state)s】%(case)s %(title)s：%(clock)s期限 %(due)s" % {
            "state": state,
            "case": case,
            "title": case.title,
            "clock": case.clock_label,
            "due": case.clock_due.isoformat(),
        }
        officers = [officer.staff for officer in case.officers.select_related("staff")]
        heads = list(
            Staff.objects.filter(
                is_active=True,
                organisation__path__startswith=case.organisation.path,
                role_grants__role=Role.HEAD,
            )
        )
        with transaction.atomic():
            core_services.notify(
                [*officers, *heads],
                key="case-clock:%(id)d:%(clock)s" % {"id": case.pk, "clock": case.clock_key},
                day=today,
                text=text,
                url=reverse("enforcement:case-detail", args=[case.pk]),
            )
        reminded += 1
    purged = purge_stale_uploads(before=timezone.now() - datetime.timedelta(days=STALE_UPLOAD_DAYS))
    core_services.forget_old_form_tokens(before=timezone.now() - datetime.timedelta(days=1))
    return ReminderRun(recounted=recounted, reminded_cases=reminded, purged_uploads=purged)


# ------------------------------------------------------------------------------------------ archive


def archive_case(actor: Staff, case: Case, *, archive_number: str) -> Closure:
    """归档: the complete case file as one zip, kept under its SHA-256, which the ledger records.
    The zip is written before the transaction that records it, so no write lock waits on the disk."""
    permissions.require_own(actor, case.organisation)
    permissions.require_role(actor, Role.HEAD, Role.ADMIN)
    number = archive_number.strip()
    if not number:
        raise InvalidInput("请填写档案号。", field_errors={"archive_number": "请填写档案号。"})
    if Closure.objects.filter(case__organisation=case.organisation, archive_number=number).exists():
        raise InvalidInput(
            "档案号“%(n)s”已被使用。" % {"n": number}, field_errors={"archive_number": "档案号已被使用。"}
        )
    rules.require_transition(Procedure(case.procedure), Stage(case.stage), Stage.ARCHIVED)
    signed = ledger_services.make_checkpoint()
    assert signed is not None, "a closed case has events"
    with tempfile.TemporaryFile() as zipped:
        archive.write_zip(case, signed, zipped)
        zipped.seek(0)
        blob, name = files.store(
            zipped,
            original_name="案卷-%(case)s.zip" % {"case": case},
            max_bytes=settings.EVIDENCE_UPLOAD_MAX_BYTES * 4,
        )
    return _record_archive(actor, case, number=number, blob=blob, name=name)


@transaction.atomic(durable=True)
def _record_archive(actor: Staff, case: Case, *, number: str, blob: StoredBlob, name: str) -> Closure:
    case = locking.lock_own(actor, case)
    _move(case, Stage.ARCHIVED)
    case.save(update_fields=["stage", "updated_at"])
    closure = Closure.objects.select_for_update().get(case=case)
    closure.archive_number = number
    closure.archived_on = timezone.localdate()
    closure.archive_sha256 = blob.sha256
    closure.save(update_fields=["archive_number", "archived_on", "archive_sha256"])
    core_services.record_attachment(
        actor, subject=case, organisation=case.organisation, blob=blob, name=name, description="电子案卷"
    )
    ledger.record(
        actor,
        EnforcementEvent.ARCHIVED,
        case,
        {"archive_number": number, "sha256": blob.sha256, "size": blob.size},
        organisation=case.organisation,
    )
    return closure


# ------------------------------------------------------------------------------- document templates


def replace_document_template(
    actor: Staff, *, kind: str, stream: IO[bytes], original_name: str
) -> DocumentTemplate:
    """A town's own template for one kind of document. It is checked (a .docx, valid tags, only the
    names the kind provides) and stored before the transaction that puts it in force."""
    permissions.require_role(actor, Role.ADMIN)
    town = permissions.acting_town(actor)
    if kind not in DocumentKind.values:
        raise InvalidInput("请选择文书种类。", field_errors={"kind": "请选择文书种类。"})
    if not original_name.lower().endswith(".docx"):
        raise InvalidInput("模板须为 .docx 文件。", field_errors={"file": "模板须为 .docx 文件。"})
    documents.check_template(stream, DocumentKind(kind))
    blob, name = files.store(stream, original_name=original_name)
    return _put_template_in_force(actor, town, DocumentKind(kind), blob, name)


@transaction.atomic(durable=True)
def _put_template_in_force(
    actor: Staff, town: Organisation, kind: DocumentKind, blob: StoredBlob, name: str
) -> DocumentTemplate:
    DocumentTemplate.objects.filter(organisation=town, kind=kind, active=True).update(active=False)
    attachment = core_services.record_attachment(
        actor, subject=town, organisation=town, blob=blob, name=name, description="文书模板：" + kind.label
    )
    template = DocumentTemplate.objects.create(
        organisation=town, kind=kind, attachment=attachment, uploaded_by=actor
    )
    ledger.record(
        actor,
        EnforcementEvent.TEMPLATE_REPLACED,
        template,
        {"kind": kind.value, "sha256": blob.sha256, "name": name},
        organisation=town,
    )
    return template


@transaction.atomic(durable=True)
def restore_bundled_template(actor: Staff, *, kind: str) -> int:
    """Back to the bundled template (or the district's): the town's own is kept, no longer in force."""
    permissions.require_role(actor, Role.ADMIN)
    town = permissions.acting_town(actor)
    if kind not in DocumentKind.values:
        raise InvalidInput("请选择文书种类。", field_errors={"kind": "请选择文书种类。"})
    stopped = list(DocumentTemplate.objects.filter(organisation=town, kind=kind, active=True))
    for template in stopped:
        template.active = False
        template.save(update_fields=["active"])
        ledger.record(
            actor,
            EnforcementEvent.TEMPLATE_RESTORED,
            template,
            {"kind": kind},
            organisation=town,
        )
    return len(stopped)
