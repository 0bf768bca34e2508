"""What each kind of document provides to its template: the names a town's own template may use, each with
its Chinese description."""

from __future__ import annotations

from pathlib import Path

from fazhi.enforcement.models import DocumentKind

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


BUNDLED_DIRECTORY = Path(__file__).resolve().parent.parent / "document_templates"


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
    "credentials": "出示执法证件情况（执法人员已出示执法证件，或笔录未记载出示）",
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
        "publicity": "公开举行，或不公开举行及其法定理由（第六十四条第三项）",
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
