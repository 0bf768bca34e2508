"""What each document says, built from the case's rows; a document whose step has not been taken does not
exist yet (core.rules.check_record_exists)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.utils import timezone

from fazhi.core import money
from fazhi.core import rules as core_rules
from fazhi.core import selectors as core_selectors
from fazhi.core.models import IdType, Organisation, OrganisationKind, Party, PartyKind, Sex
from fazhi.enforcement import rules
from fazhi.enforcement.documents.fields import COMMON_FIELDS, Context
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    ClosureReason,
    CourtApplication,
    DecisionService,
    DocumentKind,
    Evidence,
    EvidenceKind,
    Hearing,
    HearingClosedReason,
    InvestigationRecord,
    InvestigationReport,
    LeadSource,
    LegalReview,
    Notice,
    Payment,
    PaymentMethod,
    PenaltyDecision,
    RecordKind,
    ServiceMethod,
    SummaryDetails,
)
from fazhi.enforcement.rules import LAW, Procedure


@dataclass(frozen=True)
class Rows:
    """Everything any document of one case reads, loaded once. The rows of a step the case has not
    reached, or never will (a hearing nobody asked for), are None or empty."""

    case: Case
    agency: str
    reconsideration_body: str
    officers: list[CaseOfficer]
    report: InvestigationReport | None
    notice: Notice | None
    hearing: Hearing | None
    review: LegalReview | None
    decision: PenaltyDecision | None
    summary: SummaryDetails | None
    service: DecisionService | None
    payment: Payment | None
    court: CourtApplication | None
    closure: Closure | None
    records: list[InvestigationRecord]
    evidence: list[Evidence]


def load_rows(case: Case) -> Rows:
    town = case.organisation
    above = list(Organisation.objects.filter(pk__in=town.ancestor_ids()).exclude(pk=town.pk).order_by("path"))
    districts = [org for org in above if org.kind == OrganisationKind.DISTRICT]
    # 行政复议法 (2023) art. 24: a town's decision is reviewed by the county-level government above it.
    review_body = districts[-1] if districts else (above[-1] if above else None)
    return Rows(
        case=case,
        agency=core_selectors.official_name(town, above),
        reconsideration_body=core_selectors.official_name(review_body, above[: above.index(review_body)])
        if review_body
        else "",
        # Only the officers acting in the case: one withdrawn after recusal (art. 43) signs nothing more.
        officers=list(case.officers.filter(withdrawn_on__isnull=True).select_related("staff").order_by("id")),
        report=InvestigationReport.objects.filter(case=case).first(),
        notice=case.notices.filter(superseded=False).order_by("-id").first(),
        hearing=case.hearings.select_related("chair").order_by("-id").first(),
        review=case.legal_reviews.select_related("reviewer").order_by("-id").first(),
        decision=PenaltyDecision.objects.filter(case=case).select_related("number").first(),
        summary=SummaryDetails.objects.filter(case=case).first(),
        service=DecisionService.objects.filter(case=case).select_related("served_by").first(),
        payment=Payment.objects.filter(case=case).first(),
        court=CourtApplication.objects.filter(case=case).first(),
        closure=Closure.objects.filter(case=case).select_related("approved_by").first(),
        records=list(case.records.prefetch_related("officers").select_related("recorded_by")),
        evidence=list(case.evidence.all()),
    )


RowT = TypeVar("RowT")


def _need(row: RowT | None, message: str, article: str) -> RowT:
    """The row a document is made from; without it the document does not exist yet."""
    core_rules.check_record_exists(row is not None, message=message, citation=f"{LAW} {article}")
    assert row is not None
    return row


def _date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _time(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{_date(local.date())}{local.hour}时{local.minute:02d}分"


def _fine(fen: int) -> str:
    return money.yuan(fen) if fen else ""


def _officers(officers: list[CaseOfficer]) -> str:
    return "、".join(_officer(o.staff.full_name, o.credential_number) for o in officers)


def _officer(name: str, credential_number: str) -> str:
    return f"{name}（执法证号：{credential_number}）" if credential_number else name


def _identity(party: Party) -> tuple[str, str]:
    """The label and number identifying the party as recorded: a person's document, else the unit's code."""
    if party.kind == PartyKind.PERSON:
        return (IdType(party.id_type).label if party.id_type else "证件号码"), party.id_number
    if party.uscc or not party.business_registration_no:
        return "统一社会信用代码", party.uscc
    return "工商注册号", party.business_registration_no


def _party(party: Party | None) -> Context:
    if party is None:
        empty: Context = {name: "" for name in COMMON_FIELDS if name.startswith("party_")}
        return empty | {"you": "你"}
    is_person = party.kind == PartyKind.PERSON
    label, number = _identity(party)
    lines = [f"当事人：{party.name}"]
    if is_person:
        personal = [
            f"性别：{Sex(party.sex).label}" if party.sex else "",
            f"出生日期：{_date(party.birth_date)}" if party.birth_date else "",
        ]
        if any(personal):
            lines.append("；".join(item for item in personal if item))
        lines += [f"证件类型及号码：{label} {number}", f"住址：{party.address}"]
    else:
        representative = "经营者" if party.kind == PartyKind.INDIVIDUAL_BUSINESS else "法定代表人（负责人）"
        lines += [
            f"{label}：{number}",
            f"{representative}：{party.legal_representative}",
            f"住所：{party.address}",
        ]
    return {
        "party_name": party.name,
        "party_kind": PartyKind(party.kind).label,
        "party_id": f"{label} {number}" if number else "",
        "party_address": party.address,
        "party_representative": "" if is_person else party.legal_representative,
        "party_phone": party.phone,
        "party_block": "\n".join(lines),
        "you": "你" if is_person else "你单位",
    }


def _proposed_penalty(notice: Notice | None) -> str:
    if notice is None:
        return ""
    return _with_fine(notice.proposed_penalties, notice.proposed_fine_fen)


def _with_fine(penalties: str, fine_fen: int) -> str:
    """Reads a penalty of 罚款 and 2,000 yuan as 罚款人民币2,000元; a text naming its amount stays as it is."""
    if not fine_fen or "元" in penalties:
        return penalties
    return f"{penalties}人民币{money.yuan(fine_fen)}元"


def _common(rows: Rows) -> Context:
    case = rows.case
    return {
        "agency": rows.agency,
        "case_number": case.filing_number.text if case.filing_number else "",
        "case_title": case.title,
        **_party(case.party),
    }


def _filing_approval(rows: Rows) -> Context:
    case = rows.case
    core_rules.check_record_exists(
        case.procedure != Procedure.SUMMARY,
        message="简易程序（当场处罚）的案件不经立案，没有立案审批表。",
        citation=f"{LAW} 第五十一条、第五十二条",
    )
    _need(case.filing_number, "案件尚未立案，还没有立案审批表。", "第五十四条")
    power = case.power
    return {
        **_common(rows),
        "source": LeadSource(case.source).label,
        "received_on": _date(case.received_on),
        "place": case.place,
        "act_on": _date(case.act_on),
        "act_ended_on": _date(case.act_ended_on),
        "summary": case.summary,
        "power": f"{power.code} {power.name}" if power else "",
        "power_basis": power.legal_basis if power else "",
        "officers": _officers(rows.officers),
        "filed_on": _date(case.filed_on),
        "approver": case.filing_approved_by.full_name if case.filing_approved_by else "",
        "decision_due": _date(case.decision_due),
    }


def _records(kind: RecordKind) -> Callable[[Rows], Context]:
    def build(rows: Rows) -> Context:
        records = [record for record in rows.records if record.kind == kind]
        _need(records or None, "本案尚未记录%(kind)s。" % {"kind": kind.label}, "第五十五条")
        # A record made before an officer's recusal still names them with the credential they acted under.
        credentials = dict(rows.case.officers.values_list("staff_id", "credential_number"))
        return {
            **_common(rows),
            "records": [
                {
                    "place": record.place,
                    "started_at": _time(record.started_at),
                    "ended_at": _time(record.ended_at),
                    "subject_person": record.subject_person,
                    "subject_details": record.subject_details,
                    "officers": "、".join(
                        _officer(person.full_name, credentials.get(person.pk, ""))
                        for person in record.officers.all()
                    ),
                    "recorded_by": record.recorded_by.full_name,
                    "content": record.content,
                    "credentials": "执法人员已出示执法证件"
                    if record.credentials_shown
                    else "笔录未记载执法人员出示执法证件",
                    "signature": "已核对无误并签字"
                    if record.signed
                    else ("拒绝签字，已由执法人员在笔录上注明" if record.refusal_noted else "未签字"),
                }
                for record in records
            ],
        }

    return build


def _prior_notice(rows: Rows) -> Context:
    notice = _need(rows.notice, "本案尚未作出行政处罚事先告知。", "第四十四条")
    common = _common(rows)
    you = common["you"]
    if notice.statement_period_ends:
        when = "请在%(ends)s之前（含当日）向本机关提出" % {"ends": _date(notice.statement_period_ends)}
    else:
        when = "请在收到本告知书后及时向本机关提出"
    defence = (
        "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，%(you)s享有陈述、申辩的权利。"
        "如有陈述、申辩意见，%(when)s；逾期未提出的，视为放弃上述权利。" % {"you": you, "when": when}
    )
    hearing = ""
    if notice.hearing_right:
        hearing = (
            "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，%(you)s有权要求听证。"
            "如要求听证，应当在收到本告知书之日起五个工作日内（至%(due)s止）向本机关提出；逾期未提出的，视为放弃听证权利。"
            % {"you": you, "due": _date(rules.HEARING_REQUEST.due(notice.served_on).due)}
        )
    return {
        **common,
        "facts": notice.facts,
        "proposed_penalty": _proposed_penalty(notice),
        "proposed_fine": _fine(notice.proposed_fine_fen),
        "defence_rights": defence,
        "hearing_rights": hearing,
        "notice_date": _date(notice.served_on),
    }


def _hearing_notice(rows: Rows) -> Context:
    hearing = _need(
        rows.hearing, "本案尚未安排听证：当事人未要求听证，或听证尚未安排。", "第六十三条、第六十四条"
    )
    return {
        **_common(rows),
        "hearing_date": _date(hearing.held_on),
        "place": hearing.place or "＿＿＿＿＿＿＿＿",
        "chair": hearing.chair.full_name,
        "publicity": "公开举行"
        if hearing.public
        else "因%(why)s，依法不公开举行" % {"why": HearingClosedReason(hearing.closed_reason).label},
        "proposed_penalty": _proposed_penalty(rows.notice),
        "notice_date": _date(hearing.notice_sent_on),
    }


def _legal_review(rows: Rows) -> Context:
    review = _need(rows.review, "本案尚未出具法制审核意见。", "第五十八条")
    return {
        **_common(rows),
        "findings": rows.report.findings if rows.report else "",
        "proposed_penalty": _proposed_penalty(rows.notice),
        "reviewer": review.reviewer.full_name,
        "reviewer_qualification_no": review.reviewer_qualification_no,
        "opinion": review.get_opinion_display(),
        "reasons": review.reasons,
        "reviewed_on": _date(review.reviewed_on),
    }


def _procedure(rows: Rows, you: str) -> str:
    """How the party was heard before the decision (arts. 44, 45, 64), in the decision's words."""
    if rows.summary is not None:
        if rows.summary.defence_waived:
            return "执法人员当场告知%(you)s拟作出的行政处罚及事实、理由、依据，%(you)s放弃陈述、申辩。" % {
                "you": you
            }
        return "执法人员当场告知%(you)s拟作出的行政处罚及事实、理由、依据，%(you)s陈述、申辩：%(s)s。" % {
            "you": you,
            "s": rows.summary.statement.rstrip("。"),
        }
    notice = rows.notice
    if notice is None:
        return ""
    rights = "陈述、申辩、要求听证" if notice.hearing_right else "陈述、申辩"
    told = (
        "本机关于%(on)s向%(you)s送达了《行政处罚事先告知书》，告知%(you)s拟作出行政处罚的内容及事实、理由、依据，"
        "并告知%(you)s依法享有%(rights)s的权利。"
        % {"on": _date(notice.served_on), "you": you, "rights": rights}
    )
    if notice.defence_waived:
        heard = "%(you)s明确放弃陈述、申辩。" % {"you": you}
    elif notice.statement:
        heard = "%(you)s提出陈述、申辩意见：%(s)s。本机关对%(you)s提出的事实、理由和证据进行了复核。" % {
            "you": you,
            "s": notice.statement.rstrip("。"),
        }
    else:
        heard = "%(you)s在规定期限内未提出陈述、申辩意见。" % {"you": you}
    if rows.hearing is not None and rows.hearing.record_signed:
        heard += "应%(you)s要求，本机关于%(on)s依法举行了听证。" % {
            "you": you,
            "on": _date(rows.hearing.held_on),
        }
    return told + heard


def _performance(rows: Rows, decision: PenaltyDecision, you: str) -> str:
    """Art. 67 (pay within fifteen days at the designated bank) and art. 72 (the daily surcharge)."""
    if rows.payment is not None and rows.payment.method == PaymentMethod.ON_THE_SPOT:
        return "罚款已于%(on)s当场收缴，罚款专用票据号：%(receipt)s。" % {
            "on": _date(rows.payment.paid_on),
            "receipt": rows.payment.receipt_number,
        }
    if not decision.fine_fen:
        return "本决定自送达之日起生效。"
    due = rows.service.payment_due if rows.service else None
    return (
        "%(you)s应当自收到本决定书之日起%(days)d日内%(due)s，持本决定书到指定的银行或者通过电子支付系统缴纳罚款。"
        "到期不缴纳罚款的，本机关可以每日按罚款数额的%(rate)d%%加处罚款，加处罚款的数额不超出罚款的数额。"
        % {
            "you": you,
            "days": rules.PAYMENT.days,
            "due": "（至%(d)s止）" % {"d": _date(due)} if due else "",
            "rate": rules.SURCHARGE_PERCENT_PER_DAY,
        }
    )


def _remedy(rows: Rows, you: str) -> str:
    """行政复议法 art. 20 (sixty days), 行政诉讼法 art. 46 (six months), art. 73 and 行政强制法 art. 53."""
    return (
        "%(you)s如不服本处罚决定，可以在收到本决定书之日起六十日内向%(body)s申请行政复议，"
        "也可以在收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
        "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
        "逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。"
        % {"you": you, "body": rows.reconsideration_body or "有管辖权的行政复议机关"}
    )


def _discretion(rows: Rows, decision: PenaltyDecision, you: str) -> str:
    """The circumstances of arts. 30–33 the decision weighed, each in the law's words, then how: the
    decision shows the rule it applied (a minor's age, a coerced act) and its reasons."""
    party = rows.case.party
    found = rules.circumstances_in_case(
        party_kind=party.kind if party else None,
        birth_date=party.birth_date if party else None,
        act_on=rows.case.act_on,
        recorded=rows.report.circumstances if rows.report else [],
    )
    parts = [
        "经查，%(you)s%(c)s。根据%(cite)s，%(rule)s。"
        % {
            "you": you,
            "c": rules.Circumstance(c).label,
            "cite": rules.CIRCUMSTANCE_RULES[c].citation.replace(LAW, "《中华人民共和国行政处罚法》"),
            "rule": rules.CIRCUMSTANCE_RULES[c].label,
        }
        for c in found
    ]
    if decision.mitigation:
        parts.append(
            "本机关决定对%(you)s%(m)s。" % {"you": you, "m": rules.Mitigation(decision.mitigation).label}
        )
    if decision.discretion_reasons:
        parts.append("裁量理由：%(r)s" % {"r": decision.discretion_reasons})
    if decision.education:
        parts.append("教育情况：%(e)s" % {"e": decision.education})
    return "".join(parts)


def _penalty_decision(rows: Rows) -> Context:
    decision = _need(rows.decision, "本案尚未作出行政处罚决定。", "第五十九条")
    common = _common(rows)
    you = str(common["you"])
    facts = rows.report.findings if rows.report else rows.case.summary
    evidence = "\n".join(
        f"{number}. {EvidenceKind(item.kind).label}：{item.description}"
        for number, item in enumerate(rows.evidence, start=1)
    )
    return {
        **common,
        "decision_number": decision.number.text,
        "facts": facts,
        "evidence": evidence,
        "procedure": _procedure(rows, you),
        "penalties": decision.penalties,
        "fine": _fine(decision.fine_fen),
        "penalty": _with_fine(decision.penalties, decision.fine_fen),
        "basis": "\n".join(part for part in (decision.basis, _discretion(rows, decision, you)) if part),
        "performance": _performance(rows, decision, you),
        "payment_due": _date(rows.service.payment_due) if rows.service else "",
        "reconsideration_body": rows.reconsideration_body,
        "remedy": _remedy(rows, you),
        "decided_on": _date(decision.decided_on),
    }


def _service_receipt(rows: Rows) -> Context:
    service = _need(rows.service, "行政处罚决定书尚未送达，还没有送达回证。", "第六十一条")
    decision = _need(rows.decision, "本案尚未作出行政处罚决定。", "第五十九条")
    common = _common(rows)
    note = [f"送达凭证：{service.proof}"]
    if service.refused:
        note.append("受送达人拒绝签收，已由送达人注明")
    if service.late_reason:
        note.append(f"逾期送达理由：{service.late_reason}")
    on_the_spot = service.method == ServiceMethod.ON_THE_SPOT
    return {
        **common,
        "document_name": DocumentKind.PENALTY_DECISION.label,
        "document_number": decision.number.text,
        "recipient": common["party_name"],
        "signer": service.recipient,
        "method": ServiceMethod(service.method).label,
        "served_on": _date(service.served_on),
        "service_place": rows.case.place if on_the_spot else common["party_address"],
        "served_by": service.served_by.full_name,
        "note": "；".join(note),
    }


def _execution(rows: Rows) -> str:
    parts: list[str] = []
    if rows.payment is not None:
        surcharge = (
            "、加处罚款%(s)s元" % {"s": money.yuan(rows.payment.surcharge_fen)}
            if rows.payment.surcharge_fen
            else ""
        )
        parts.append(
            "当事人于%(on)s缴纳罚款%(fine)s元%(surcharge)s，凭证号：%(receipt)s。"
            % {
                "on": _date(rows.payment.paid_on),
                "fine": money.yuan(rows.payment.fine_fen),
                "surcharge": surcharge,
                "receipt": rows.payment.receipt_number,
            }
        )
    if rows.court is not None:
        ruling = "，法院裁定：%(r)s" % {"r": rows.court.ruling} if rows.court.ruling else ""
        parts.append(
            "本机关于%(on)s申请%(court)s强制执行%(ruling)s。"
            % {"on": _date(rows.court.applied_on), "court": rows.court.court, "ruling": ruling}
        )
    return "".join(parts)


def _closure_approval(rows: Rows) -> Context:
    closure = _need(rows.closure, "本案尚未结案。", "第六十六条至第七十三条")
    decision = rows.decision
    return {
        **_common(rows),
        "filed_on": _date(rows.case.filed_on),
        "decision_number": decision.number.text if decision else "",
        "penalty": _with_fine(decision.penalties, decision.fine_fen) if decision else "",
        "execution": _execution(rows),
        "reason": ClosureReason(closure.reason).label,
        "result": closure.summary,
        "officers": _officers(rows.officers),
        "approver": closure.approved_by.full_name,
        "closed_on": _date(closure.closed_on),
        "archive_number": closure.archive_number,
    }


BUILDERS: dict[DocumentKind, Callable[[Rows], Context]] = {
    DocumentKind.FILING_APPROVAL: _filing_approval,
    DocumentKind.INQUIRY_RECORD: _records(RecordKind.INQUIRY),
    DocumentKind.INSPECTION_RECORD: _records(RecordKind.SITE_INSPECTION),
    DocumentKind.PRIOR_NOTICE: _prior_notice,
    DocumentKind.HEARING_NOTICE: _hearing_notice,
    DocumentKind.LEGAL_REVIEW: _legal_review,
    DocumentKind.PENALTY_DECISION: _penalty_decision,
    DocumentKind.SERVICE_RECEIPT: _service_receipt,
    DocumentKind.CLOSURE_APPROVAL: _closure_approval,
}
