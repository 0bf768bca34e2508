"""The party's rights before a decision: 事先告知 (art. 44), 陈述申辩 (art. 45) and 听证 (arts. 63–65)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from fazhi.core import calendar
from fazhi.core import rules as core_rules
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    Hearing,
    HearingClosedReason,
    HearingWaiver,
    InvestigationReport,
    Notice,
)
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.services.common import move, require_town_staff, take
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@transaction.atomic(durable=True)
def issue_notice(
    actor: Staff,
    case: Case,
    *,
    proposed_penalties: str,
    penalty_kinds: Sequence[str],
    proposed_fine_fen: int,
    facts: str,
    served_on: datetime.date,
    statement_working_days: int,
    proposed_confiscation_fen: int = 0,
) -> Notice:
    """事先告知 (art. 44): the intended penalty, facts, reasons and basis, and the rights to 陈述、申辩 and,
    where the kinds and amounts proposed carry it, 听证 (art. 63) — derived here, never chosen. Only after
    an investigation that concluded a penalty is due (arts. 40, 57). The statement period is local
    practice, so it is given, in working days."""
    case = take(actor, case, "notice")
    today = timezone.localdate()
    report = InvestigationReport.objects.filter(case=case).first()
    rules.check_notice_follows_outcome(report.outcome if report else None)
    kinds = list(dict.fromkeys(penalty_kinds))
    rules.check_kinds(
        kinds, fine_fen=proposed_fine_fen, confiscation_fen=proposed_confiscation_fen, what="拟作出的处罚"
    )
    if served_on > today:
        raise InvalidInput(
            "告知内容有误，请按提示修改。", field_errors={"served_on": "送达日期不能晚于今天。"}
        )
    # A notice dated before the case was filed or its investigation ended would have its statement
    # period run before it began, and let the head decide at once.
    core_rules.check_dates_in_order(
        served_on,
        what="告知书送达日期",
        after=[(case.filed_on, "立案日期"), (report.closed_on if report else None, "调查终结日期")],
        today=today,
        citation=f"{rules.LAW} 第四十四条、第五十四条、第五十五条",
    )
    move(case, Stage.NOTIFIED)
    case.save(update_fields=["stage", "updated_at"])
    case.notices.update(superseded=True)
    ends = (
        calendar.compute_working_days(served_on, statement_working_days).due
        if statement_working_days
        else None
    )
    party_kind = case.party.kind if case.party else "person"
    right = rules.hearing_right(
        kinds,
        fine_fen=proposed_fine_fen,
        confiscation_fen=proposed_confiscation_fen,
        party_kind=party_kind,
        standard=selectors.large_amount_standard(case.organisation, served_on),
    )
    notice = Notice.objects.create(
        case=case,
        proposed_penalties=proposed_penalties,
        penalty_kinds=kinds,
        proposed_fine_fen=proposed_fine_fen,
        proposed_confiscation_fen=proposed_confiscation_fen,
        hearing_right=right.applies,
        hearing_right_grounds="；".join(right.grounds),
        facts=facts,
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
            "penalty_kinds": kinds,
            "proposed_fine_fen": proposed_fine_fen,
            "proposed_confiscation_fen": proposed_confiscation_fen,
            "hearing_right": right.applies,
            "served_on": served_on.isoformat(),
            "statement_period_ends": ends.isoformat() if ends else None,
        },
        organisation=case.organisation,
    )
    return notice


@transaction.atomic(durable=True)
def record_defence(actor: Staff, case: Case, *, statement: str, waived: bool) -> Notice:
    """陈述、申辩 heard and re-checked, or expressly waived (art. 45)."""
    case = take(actor, case, "defence")
    notice = selectors.current_notice(case)
    assert notice is not None, "a notified case has its notice"
    if not waived and not statement:
        raise InvalidInput(
            "请记录当事人的陈述申辩意见，或注明其明确放弃。", field_errors={"statement": "请填写。"}
        )
    notice.statement = statement
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
    case = take(actor, case, "request_hearing")
    notice = selectors.current_notice(case)
    assert notice is not None, "the hearing right comes with a notice"
    core_rules.check_dates_in_order(
        requested_on,
        what="要求听证日期",
        after=[(notice.served_on, "告知书送达日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第六十四条第一项",
    )
    rules.check_hearing_request_time(notice_served_on=notice.served_on, requested_on=requested_on)
    move(case, Stage.HEARING)
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


@transaction.atomic(durable=True)
def end_hearing(actor: Staff, case: Case, *, waived_on: datetime.date, waiver: str) -> Notice:
    """听证终止 (art. 64(6)): the party withdrew the request, or stayed away without good reason or left
    without leave, which the law treats as giving up the hearing; the decision then need not wait."""
    case = take(actor, case, "end_hearing")
    notice = selectors.current_notice(case)
    assert notice is not None, "a hearing answers a notice"
    if waiver not in HearingWaiver.values:
        raise InvalidInput("听证终止信息有误。", field_errors={"waiver": "请选择听证终止的原因。"})
    core_rules.check_dates_in_order(
        waived_on,
        what="听证终止日期",
        after=[(notice.hearing_requested_on, "当事人要求听证日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第六十四条第六项",
    )
    notice.hearing_waived_on = waived_on
    notice.hearing_waiver = waiver
    notice.save(update_fields=["hearing_waived_on", "hearing_waiver"])
    ledger.record(
        actor,
        EnforcementEvent.HEARING_WAIVED,
        case,
        {"notice": notice.pk, "waived_on": waived_on.isoformat(), "waiver": waiver},
        organisation=case.organisation,
    )
    return notice


def _check_hearing_arrangements(
    case: Case,
    *,
    chair: Staff,
    notice_sent_on: datetime.date,
    held_on: datetime.date,
    public: bool,
    closed_reason: str,
) -> None:
    """Art. 64: chaired by someone who did not investigate, notified at least seven working days before,
    public unless it concerns what the law keeps secret."""
    if not public and closed_reason not in HearingClosedReason.values:
        raise InvalidInput(
            "听证公开举行；不公开的，须为涉及国家秘密、商业秘密或者个人隐私依法予以保密。",
            field_errors={"closed_reason": "请选择不公开举行的法定理由。"},
            citation=f"{rules.LAW} 第六十四条第三项",
        )
    require_town_staff(chair, case.organisation)
    officers = list(case.officers.all())
    rules.check_hearing_chair(
        chair.pk,
        chair.full_name,
        investigators=[officer.staff_id for officer in officers if officer.withdrawn_on is None],
        withdrawn=[officer.staff_id for officer in officers if officer.withdrawn_on is not None],
        took_part=selectors.investigation_participants(case),
    )
    notice = selectors.current_notice(case)
    # The hearing is notified after the party asked for it (a notice "sent" before the request would
    # meet art. 64's seven working days on paper only), and not in the future.
    core_rules.check_dates_in_order(
        notice_sent_on,
        what="听证通知日期",
        after=[(notice.hearing_requested_on if notice else None, "当事人要求听证日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第六十四条第二项",
    )
    rules.check_hearing_notice_time(notice_sent_on=notice_sent_on, held_on=held_on)


@transaction.atomic(durable=True)
def schedule_hearing(
    actor: Staff,
    case: Case,
    *,
    chair: Staff,
    notice_sent_on: datetime.date,
    held_on: datetime.date,
    place: str,
    public: bool = True,
    closed_reason: str = "",
) -> Hearing:
    """安排听证: the chair, the date and the place, so that the 听证通知书 can be served (art. 64)."""
    case = take(actor, case, "schedule_hearing")
    _check_hearing_arrangements(
        case,
        chair=chair,
        notice_sent_on=notice_sent_on,
        held_on=held_on,
        public=public,
        closed_reason=closed_reason,
    )
    hearing = Hearing.objects.create(
        case=case,
        notice=selectors.current_notice(case),
        chair=chair,
        notice_sent_on=notice_sent_on,
        held_on=held_on,
        place=place,
        public=public,
        closed_reason="" if public else closed_reason,
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
            "public": hearing.public,
            "closed_reason": hearing.closed_reason,
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
    public: bool = True,
    closed_reason: str = "",
) -> Hearing:
    """听证 held (art. 64), with the record signed or the refusal noted. Completes the scheduled
    hearing, or records one that was arranged outside the system."""
    case = take(actor, case, "hold_hearing")
    _check_hearing_arrangements(
        case,
        chair=chair,
        notice_sent_on=notice_sent_on,
        held_on=held_on,
        public=public,
        closed_reason=closed_reason,
    )
    if held_on > timezone.localdate():
        raise InvalidInput("举行日期不能晚于今天。", field_errors={"held_on": "听证尚未举行。"})
    if not record_signed:
        raise InvalidInput(
            "听证笔录应当交当事人或其代理人核对无误后签字或盖章；拒绝签字的，由主持人注明。",
            field_errors={"record_signed": "请确认笔录已签字或已注明拒签。"},
            citation=f"{rules.LAW} 第六十四条第八项",
        )
    notice = selectors.current_notice(case)
    hearing = selectors.hearings_on_current_notice(case, notice).filter(
        record_signed=False
    ).first() or Hearing(case=case, notice=notice)
    hearing.chair = chair
    hearing.notice_sent_on = notice_sent_on
    hearing.held_on = held_on
    hearing.place = place or hearing.place
    hearing.record_signed = True
    hearing.public = public
    hearing.closed_reason = "" if public else closed_reason
    hearing.save()
    ledger.record(
        actor,
        EnforcementEvent.HEARING_HELD,
        case,
        {
            "chair": chair.pk,
            "notice": notice.pk if notice else None,
            "notice_sent_on": notice_sent_on.isoformat(),
            "held_on": held_on.isoformat(),
            "public": public,
        },
        organisation=case.organisation,
    )
    return hearing
