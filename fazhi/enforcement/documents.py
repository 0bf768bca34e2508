"""Enforcement documents (执法文书) as .docx, filled from the case's rows with docxtpl.

Each kind of DocumentKind has a bundled template in document_templates/ (GB/T 9704-2012 layout, written by
`manage.py build_document_templates`); a town, or an organisation above it, may replace it with its own
(DocumentTemplate). A template sees only the names of CONTEXT_FIELDS[kind], all strings except `records`
(a list whose items have the names of RECORD_FIELDS).

Pure reads: nothing here writes a row or records an event. The caller has already found the case through
selectors.access_case, which decides who may see it.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from django.db.models.functions import Length
from django.utils import timezone
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from fazhi.core import money
from fazhi.core import rules as core_rules
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.files import open_blob
from fazhi.core.models import IdType, Organisation, OrganisationKind, Party, PartyKind, Sex
from fazhi.enforcement import rules
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    ClosureReason,
    CourtApplication,
    DecisionService,
    DocumentKind,
    DocumentTemplate,
    Evidence,
    EvidenceKind,
    Hearing,
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

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BUNDLED_DIRECTORY = Path(__file__).resolve().parent / "document_templates"
# A template is a few dozen kilobytes; a larger upload is refused before it is unpacked in memory.
TEMPLATE_MAX_BYTES = 10 * 1024 * 1024

Context = dict[str, object]

COMMON_FIELDS: dict[str, str] = {
    "agency": "执法机关全称（如：天津市西青区辛口镇人民政府）",
    "case_number": "案号（立案号）；简易程序案件为空",
    "case_title": "案由",
    "party_name": "当事人姓名或名称",
    "party_kind": "当事人类型（自然人、法人及非法人组织、个体工商户）",
    "party_id": "自然人的证件类型及号码；单位的统一社会信用代码",
    "party_address": "当事人住所（地址）",
    "party_representative": "法定代表人（负责人、经营者）；自然人为空",
    "party_phone": "当事人联系电话",
    "party_block": "当事人基本情况（多行：姓名或名称、证件号码、住所等）",
    "you": "对当事人的称呼：自然人为“你”，单位为“你单位”",
}

RECORD_FIELDS: dict[str, str] = {
    "place": "地点",
    "started_at": "开始时间（如：2026年11月28日9时30分）",
    "ended_at": "结束时间",
    "subject_person": "被询问人（现场负责人）",
    "subject_details": "被询问人身份及联系方式",
    "officers": "执法人员及执法证号",
    "recorded_by": "记录人",
    "content": "笔录内容",
    "signature": "签字情况（已核对签字，或拒签已注明）",
}

_RECORD_LIST = "笔录列表，按时间先后，每份一项；每项可用：" + "、".join(
    f"{name}（{label}）" for name, label in RECORD_FIELDS.items()
)

_SPECIFIC_FIELDS: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.FILING_APPROVAL: {
        "source": "案件来源",
        "received_on": "收到线索日期",
        "place": "违法地点",
        "act_on": "违法行为发生日期",
        "act_ended_on": "违法行为终了日期",
        "summary": "线索内容（案情摘要）",
        "power": "赋权事项（编码及名称）",
        "power_basis": "赋权事项的设定依据",
        "officers": "承办人及执法证号（尚未指派时为空）",
        "filed_on": "立案日期",
        "approver": "批准立案的负责人",
        "decision_due": "作出处罚决定的期限",
    },
    DocumentKind.INQUIRY_RECORD: {"records": _RECORD_LIST},
    DocumentKind.INSPECTION_RECORD: {"records": _RECORD_LIST},
    DocumentKind.PRIOR_NOTICE: {
        "facts": "拟处罚的事实、理由及依据",
        "proposed_penalty": "拟作出的行政处罚（含罚款金额）",
        "proposed_fine": "拟罚款金额（元，如 2,000）；不罚款为空",
        "defence_rights": "陈述、申辩权利及期限的告知",
        "hearing_rights": "要求听证权利的告知；不属于听证情形时为空",
        "notice_date": "告知书送达日期",
    },
    DocumentKind.HEARING_NOTICE: {
        "hearing_date": "举行听证日期",
        "place": "听证地点",
        "chair": "听证主持人",
        "proposed_penalty": "拟作出的行政处罚",
        "notice_date": "听证通知日期",
    },
    DocumentKind.LEGAL_REVIEW: {
        "findings": "调查终结报告认定的事实、证据和处理建议",
        "proposed_penalty": "拟作出的行政处罚",
        "reviewer": "法制审核人员",
        "reviewer_qualification_no": "法律职业资格证书编号",
        "opinion": "审核意见（同意或存在问题）",
        "reasons": "审核理由",
        "reviewed_on": "审核日期",
    },
    DocumentKind.PENALTY_DECISION: {
        "decision_number": "决定书文号",
        "facts": "违法事实",
        "evidence": "证据（每项一行）；没有登记证据时为空",
        "procedure": "告知、陈述申辩和听证的经过",
        "penalties": "处罚种类和内容（如登记）",
        "fine": "罚款金额（元，如 2,000）；不罚款为空",
        "penalty": "处罚内容的完整表述（含罚款金额）",
        "basis": "处罚依据",
        "performance": "履行方式和期限（缴纳罚款的银行、十五日期限、每日百分之三的加处罚款）",
        "payment_due": "缴纳罚款期限的届满日（决定书送达后才有）",
        "reconsideration_body": "行政复议机关",
        "remedy": "申请行政复议、提起行政诉讼的途径和期限",
        "decided_on": "作出决定的日期",
    },
    DocumentKind.SERVICE_RECEIPT: {
        "document_name": "送达文书名称",
        "document_number": "送达文书文号",
        "recipient": "受送达人",
        "signer": "签收人",
        "method": "送达方式",
        "served_on": "送达日期",
        "service_place": "送达地点",
        "served_by": "送达人",
        "note": "备注（送达凭证、拒绝签收、逾期理由）",
    },
    DocumentKind.CLOSURE_APPROVAL: {
        "filed_on": "立案日期",
        "decision_number": "处罚决定书文号；未作出处罚决定时为空",
        "penalty": "处罚内容；未作出处罚决定时为空",
        "execution": "执行情况（缴纳、催告、申请强制执行）",
        "reason": "结案理由",
        "result": "处理结果",
        "officers": "承办人及执法证号",
        "approver": "批准结案的负责人",
        "closed_on": "结案日期",
        "archive_number": "档案号（归档后才有）",
    },
}

# What each kind's template may use: name → Chinese description, for an administrator writing one.
CONTEXT_FIELDS: dict[DocumentKind, dict[str, str]] = {
    kind: {**COMMON_FIELDS, **_SPECIFIC_FIELDS[kind]} for kind in DocumentKind
}


# ------------------------------------------------------------------------------------------- the rows


@dataclass(frozen=True)
class _Rows:
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


def _load(case: Case) -> _Rows:
    town = case.organisation
    above = list(Organisation.objects.filter(pk__in=town.ancestor_ids()).exclude(pk=town.pk).order_by("path"))
    districts = [org for org in above if org.kind == OrganisationKind.DISTRICT]
    # 行政复议法 (2023) art. 24: a town's decision is reviewed by the county-level government above it.
    review_body = districts[-1] if districts else (above[-1] if above else None)
    return _Rows(
        case=case,
        agency=core_selectors.official_name(town, above),
        reconsideration_body=core_selectors.official_name(review_body, above[: above.index(review_body)])
        if review_body
        else "",
        officers=list(case.officers.select_related("staff").order_by("id")),
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


# ---------------------------------------------------------------------------------------- formatting


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


# ------------------------------------------------------------------------------------- the documents


def _common(rows: _Rows) -> Context:
    case = rows.case
    return {
        "agency": rows.agency,
        "case_number": case.filing_number.text if case.filing_number else "",
        "case_title": case.title,
        **_party(case.party),
    }


def _filing_approval(rows: _Rows) -> Context:
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


def _records(kind: RecordKind) -> Callable[[_Rows], Context]:
    def build(rows: _Rows) -> Context:
        records = [record for record in rows.records if record.kind == kind]
        _need(records or None, "本案尚未记录%(kind)s。" % {"kind": kind.label}, "第五十五条")
        credentials = {officer.staff_id: officer.credential_number for officer in rows.officers}
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
                    "signature": "已核对无误并签字"
                    if record.signed
                    else ("拒绝签字，已由执法人员在笔录上注明" if record.refusal_noted else "未签字"),
                }
                for record in records
            ],
        }

    return build


def _prior_notice(rows: _Rows) -> Context:
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
    if rows.report is not None and rows.report.hearing_right:
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


def _hearing_notice(rows: _Rows) -> Context:
    hearing = _need(
        rows.hearing, "本案尚未安排听证：当事人未要求听证，或听证尚未安排。", "第六十三条、第六十四条"
    )
    return {
        **_common(rows),
        "hearing_date": _date(hearing.held_on),
        "place": hearing.place or "＿＿＿＿＿＿＿＿",
        "chair": hearing.chair.full_name,
        "proposed_penalty": _proposed_penalty(rows.notice),
        "notice_date": _date(hearing.notice_sent_on),
    }


def _legal_review(rows: _Rows) -> Context:
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


def _procedure(rows: _Rows, you: str) -> str:
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
    rights = "陈述、申辩、要求听证" if rows.report and rows.report.hearing_right else "陈述、申辩"
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


def _performance(rows: _Rows, decision: PenaltyDecision, you: str) -> str:
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


def _remedy(rows: _Rows, you: str) -> str:
    """行政复议法 art. 20 (sixty days), 行政诉讼法 art. 46 (six months), art. 73 and 行政强制法 art. 53."""
    return (
        "%(you)s如不服本处罚决定，可以在收到本决定书之日起六十日内向%(body)s申请行政复议，"
        "也可以在收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
        "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
        "逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。"
        % {"you": you, "body": rows.reconsideration_body or "有管辖权的行政复议机关"}
    )


def _penalty_decision(rows: _Rows) -> Context:
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
        "basis": decision.basis,
        "performance": _performance(rows, decision, you),
        "payment_due": _date(rows.service.payment_due) if rows.service else "",
        "reconsideration_body": rows.reconsideration_body,
        "remedy": _remedy(rows, you),
        "decided_on": _date(decision.decided_on),
    }


def _service_receipt(rows: _Rows) -> Context:
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


def _execution(rows: _Rows) -> str:
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


def _closure_approval(rows: _Rows) -> Context:
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


_BUILDERS: dict[DocumentKind, Callable[[_Rows], Context]] = {
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


# ------------------------------------------------------------------------------------------- the API


def _environment() -> SandboxedEnvironment:
    """An administrator's template is code run on the server: the sandbox keeps it to the strings and
    lists it is given; autoescape keeps a party named "A&B" from breaking the XML; StrictUndefined makes
    a misspelt name an error instead of a silent blank in a legal document."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


# Control characters are not allowed in the document's XML; a tab (docxtpl makes it a Word tab) and
# the line break stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _paragraphs(value: object) -> object:
    """Each line of a text its own paragraph (docxtpl's \\a): Word and WPS stretch a justified line that
    ends in a manual line break across the whole width."""
    if isinstance(value, str):
        return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "\a")
    if isinstance(value, list):
        return [{name: _paragraphs(item) for name, item in entry.items()} for entry in value]
    return value


def context(case: Case, kind: DocumentKind) -> Context:
    """What the template of `kind` is filled with; RuleViolation when the case has no such document yet."""
    return {name: _paragraphs(value) for name, value in _BUILDERS[kind](_load(case)).items()}


def available(case: Case) -> list[DocumentKind]:
    """The kinds whose data exists for this case, in the order of the procedure."""
    rows = _load(case)
    kinds: list[DocumentKind] = []
    for kind in DocumentKind:
        try:
            _BUILDERS[kind](rows)
        except RuleViolation:
            continue
        kinds.append(kind)
    return kinds


def current_template(organisation: Organisation, kind: DocumentKind) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(
            organisation_id__in=organisation.ancestor_ids(), kind=kind, active=True
        )
        .select_related("attachment__blob", "organisation", "uploaded_by")
        .order_by(Length("organisation__path").desc(), "-id")
        .first()
    )


def _template_bytes(case: Case, kind: DocumentKind) -> bytes:
    """The active template nearest the case's town (the town's own, else the district's…), else the
    bundled one: a town that has its own layout keeps it when the district adopts another."""
    replacement = current_template(case.organisation, kind)
    if replacement is None:
        return (BUNDLED_DIRECTORY / f"{kind.value}.docx").read_bytes()
    with open_blob(replacement.attachment.blob) as stream:
        return stream.read()


def _fill(template: bytes, values: Context) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(values, _environment())
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def render(case: Case, kind: DocumentKind) -> bytes:
    """The .docx of `kind` for the case. RuleViolation, citing the article of the missing step, when the
    case has no such document yet."""
    values = context(case, kind)
    try:
        return _fill(_template_bytes(case, kind), values)
    except TemplateError as error:
        # check_template refuses such a template on upload; this catches one that a later change of the
        # fields has broken, so that the officer sees why instead of a server error.
        raise InvalidInput(
            "本单位的“%(kind)s”模板无法填充（%(detail)s），请管理员按可用变量重新上传模板。"
            % {"kind": kind.label, "detail": error.message or type(error).__name__}
        ) from error


def filename(case: Case, kind: DocumentKind) -> str:
    """E.g. 行政处罚决定书-西青辛综执罚〔2026〕1号.docx: the decision's 文号 for the decision and its 送达回证,
    the case's 立案号 for the others (the decision's for a 简易程序 case, which has none)."""
    decision = PenaltyDecision.objects.filter(case=case).select_related("number").first()
    filing = case.filing_number.text if case.filing_number else ""
    decision_number = decision.number.text if decision else ""
    if kind in (DocumentKind.PENALTY_DECISION, DocumentKind.SERVICE_RECEIPT):
        number = decision_number or filing
    else:
        number = filing or decision_number
    return f"{kind.label}-{number or f'案件{case.pk}'}.docx"


def _sample(kind: DocumentKind) -> Context:
    """Every field of the kind filled with its own description, to try a template before accepting it."""
    values: Context = dict(CONTEXT_FIELDS[kind])
    if "records" in values:
        values["records"] = [dict(RECORD_FIELDS)]
    return values


def check_template(stream: IO[bytes], kind: DocumentKind) -> None:
    """Refuse an uploaded template that is not a .docx, has a syntax error in its {{ }} or {% %} tags,
    uses a name the kind does not provide, or cannot be filled. Leaves a seekable stream at its start,
    ready to be stored."""
    data = stream.read(TEMPLATE_MAX_BYTES + 1)
    if stream.seekable():
        stream.seek(0)
    if len(data) > TEMPLATE_MAX_BYTES:
        raise InvalidInput(
            "模板文件超过 %(mb)d MB，不像是文书模板，未接受。" % {"mb": TEMPLATE_MAX_BYTES // (1024 * 1024)},
            field_errors={"file": "模板文件过大。"},
        )
    not_docx = "上传的文件不是 Word 文档（.docx），请在 Word 或 WPS 中“另存为 .docx”后再上传。"
    try:
        used = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(_environment())
    except TemplateSyntaxError as error:
        message = (
            "模板中的填充标记有语法错误（%(detail)s）：请检查 {{ }} 与 {%% %%} 是否成对、拼写是否正确。"
            % {"detail": error.message}
        )
        raise InvalidInput(message, field_errors={"file": message}) from error
    # Not a zip, a zip without a Word document in it, or a malformed part (lxml's XMLSyntaxError is a
    # SyntaxError).
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, SyntaxError) as error:
        raise InvalidInput(not_docx, field_errors={"file": not_docx}) from error
    unknown = sorted(set(used) - set(CONTEXT_FIELDS[kind]))
    if unknown:
        message = "模板使用了“%(kind)s”没有的变量：%(names)s。可用的变量有：%(known)s。" % {
            "kind": kind.label,
            "names": "、".join(unknown),
            "known": "、".join(CONTEXT_FIELDS[kind]),
        }
        raise InvalidInput(message, field_errors={"file": message})
    try:
        Document(io.BytesIO(_fill(data, _sample(kind))))
    except TemplateError as error:
        message = "模板试填充失败（%(detail)s），请检查模板中的填充标记。" % {
            "detail": error.message or type(error).__name__
        }
        raise InvalidInput(message, field_errors={"file": message}) from error
