"""The 双公示 penalty record (行政处罚信息, DOMAIN §5.1): 30 fields with their column codes, each row
built from a published publication and checked before it leaves, and the CSV and XLSX files.

Pure apart from reading the rows handed in: which publications go into a file, and the record of each
export, is services.export_credit_records.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fazhi.core import validators
from fazhi.core.errors import InvalidInput
from fazhi.core.models import IdType, Party, PartyKind
from fazhi.core.spreadsheets import inert_row
from fazhi.disclosure.models import Publication


@dataclass(frozen=True)
class Column:
    code: str
    label: str


COLUMNS = (
    Column("CF_XDR_MC", "行政相对人名称"),
    Column("CF_XDR_LB", "行政相对人类别"),
    Column("CF_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）"),
    Column("CF_XDR_GSZC", "行政相对人代码_2（工商注册号）"),
    Column("CF_XDR_ZZJG", "行政相对人代码_3（组织机构代码）"),
    Column("CF_XDR_SWDJ", "行政相对人代码_4（税务登记号）"),
    Column("CF_XDR_SYDW", "行政相对人代码_5（事业单位证书号）"),
    Column("CF_XDR_SHZZ", "行政相对人代码_6（社会组织登记证号）"),
    Column("CF_FRDB", "法定代表人"),
    Column("CF_FR_ZJLX", "法定代表人证件类型"),
    Column("CF_FR_ZJHM", "法定代表人证件号码"),
    Column("CF_XDR_ZJLX", "证件类型"),
    Column("CF_XDR_ZJHM", "证件号码"),
    Column("CF_WSH", "行政处罚决定书文号"),
    Column("CF_WFXW", "违法行为类型"),
    Column("CF_SY", "违法事实"),
    Column("CF_YJ", "处罚依据"),
    Column("CF_CFLB", "处罚类别"),
    Column("CF_NR", "处罚内容"),
    Column("CF_NR_FK", "罚款金额（万元）"),
    Column("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）"),
    Column("CF_NR_ZKDX", "暂扣或吊销证照名称及编号"),
    Column("CF_JDRQ", "处罚决定日期"),
    Column("CF_YXQ", "处罚有效期"),
    Column("CF_GSJZQ", "公示截止期"),
    Column("CF_CFJG", "处罚机关"),
    Column("CF_CFJGDM", "处罚机关统一社会信用代码"),
    Column("CF_SJLY", "数据来源单位"),
    Column("CF_SJLYDM", "数据来源单位统一社会信用代码"),
    Column("BZ", "备注"),
)
LABELS = {column.code: column.label for column in COLUMNS}
ALWAYS_REQUIRED = (
    "CF_XDR_MC",
    "CF_XDR_LB",
    "CF_WSH",
    "CF_WFXW",
    "CF_SY",
    "CF_YJ",
    "CF_CFLB",
    "CF_NR",
    "CF_JDRQ",
    "CF_YXQ",
    "CF_CFJG",
    "CF_CFJGDM",
    "CF_SJLY",
    "CF_SJLYDM",
)
CITATION = "国家公共信用信息中心 双公示数据标准（行政处罚信息）"

# 行政处罚法 art. 9, in its order; a decision may carry several.
PENALTY_CATEGORIES = (
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
)
CONFISCATION = {"没收违法所得", "没收非法财物"}
LICENCE_ACTIONS = {"暂扣许可证件", "吊销许可证件"}

PARTY_KIND_LABELS = {
    PartyKind.PERSON: "自然人",
    PartyKind.ORGANISATION: "法人及非法人组织",
    PartyKind.INDIVIDUAL_BUSINESS: "个体工商户",
}
ID_TYPE_LABELS = {
    IdType.RESIDENT_ID: "身份证",
    IdType.PASSPORT: "护照号",
    IdType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    IdType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdType.FOREIGN_PERMANENT: "外国人永久居留身份证",
}
FEN_PER_WAN_YUAN = 1_000_000


def categories(penalties: str, fine_fen: int) -> list[str]:
    found = [name for name in PENALTY_CATEGORIES if name in penalties]
    if fine_fen and "罚款" not in found:
        found.insert(len([name for name in found if name in ("警告", "通报批评")]), "罚款")
    return found or ["其他"]


def wan_yuan(fen: int) -> str:
    """Fen to 万元 exactly, at most six decimals and no trailing zeros: 2,000 yuan is "0.2"."""
    amount = (Decimal(fen) / FEN_PER_WAN_YUAN).quantize(Decimal("0.000001"))
    return format(amount.normalize(), "f")


def _date(value: datetime.date | None) -> str:
    return value.strftime(settings.SHUANGGONGSHI_DATE_FORMAT) if value else ""


@dataclass
class Row:
    publication_id: int
    values: dict[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def build_row(publication: Publication, *, fulfil_by: datetime.date | None) -> Row:
    """One record. Identity comes from the party's register entry (the platform links records by
    code and 证件号码, so both go in full); everything a reader sees comes from the published, masked
    snapshot. `fulfil_by` is the day the penalty must be carried out by (the payment deadline), the
    处罚有效期; a decision without one (警告) is effective on its date."""
    decision = publication.decision
    party = decision.case.party
    authority = publication.organisation
    kind = PartyKind(party.kind) if party else PartyKind.PERSON
    found = categories(decision.penalties, decision.fine_fen)
    values = {column.code: "" for column in COLUMNS}
    values.update(_party_columns(party, kind, shown_name=publication.party_name))
    values.update(
        {
            "CF_WSH": publication.decision_number,
            "CF_WFXW": publication.violation_type,
            "CF_SY": publication.facts,
            "CF_YJ": publication.basis,
            "CF_CFLB": settings.SHUANGGONGSHI_CATEGORY_SEPARATOR.join(found),
            "CF_NR": publication.penalty_content,
            "CF_NR_FK": wan_yuan(publication.fine_fen) if publication.fine_fen else "",
            "CF_JDRQ": _date(publication.decided_on),
            "CF_YXQ": _date(max(fulfil_by, publication.decided_on) if fulfil_by else publication.decided_on),
            "CF_GSJZQ": _date(publication.visible_until),
            "CF_CFJG": publication.authority,
            "CF_CFJGDM": authority.uscc,
            "CF_SJLY": publication.authority,
            "CF_SJLYDM": authority.uscc,
        }
    )
    row = Row(publication_id=publication.pk, values=values)
    row.problems = _problems(values, kind=kind, found=found, party_missing=party is None)
    return row


def _party_columns(party: Party | None, kind: PartyKind, *, shown_name: str) -> dict[str, str]:
    """Who was penalised, as the platform links records: a person by 证件号码, an organisation or an
    individual business by its code (both in full, from the register entry)."""
    if party is None:
        return {"CF_XDR_MC": shown_name, "CF_XDR_LB": PARTY_KIND_LABELS[kind]}
    if kind == PartyKind.PERSON:
        return {
            "CF_XDR_MC": party.name,
            "CF_XDR_LB": PARTY_KIND_LABELS[kind],
            "CF_XDR_ZJLX": ID_TYPE_LABELS.get(IdType(party.id_type), "其他") if party.id_type else "",
            "CF_XDR_ZJHM": party.id_number,
        }
    code = party.uscc
    if kind == PartyKind.INDIVIDUAL_BUSINESS and not code:
        # An individual business without a code is sent with the placeholder and its 工商注册号.
        code = validators.INDIVIDUAL_BUSINESS_PLACEHOLDER
    return {
        "CF_XDR_MC": party.name,
        "CF_XDR_LB": PARTY_KIND_LABELS[kind],
        "CF_XDR_SHXYM": code,
        "CF_XDR_GSZC": party.business_registration_no,
        "CF_FRDB": party.legal_representative,
    }


def _problems(
    values: dict[str, str], *, kind: PartyKind, found: list[str], party_missing: bool
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []

    def need(code: str, why: str = "") -> None:
        if not values[code].strip():
            problems.append((code, "%(l)s为必填项%(w)s。" % {"l": LABELS[code], "w": why}))

    if party_missing:
        problems.append(("CF_XDR_MC", "决定没有关联当事人。"))
    for code in ALWAYS_REQUIRED:
        need(code)
    if kind == PartyKind.PERSON:
        need("CF_XDR_ZJLX", "（自然人）")
        need("CF_XDR_ZJHM", "（自然人）")
        if values["CF_XDR_ZJLX"] == ID_TYPE_LABELS[IdType.RESIDENT_ID] and values["CF_XDR_ZJHM"]:
            _check(problems, "CF_XDR_ZJHM", lambda: _resident_id(values["CF_XDR_ZJHM"]))
    else:
        code = values["CF_XDR_SHXYM"]
        if code == validators.INDIVIDUAL_BUSINESS_PLACEHOLDER:
            need("CF_XDR_GSZC", "（个体工商户使用占位代码 00000000000000000X 时）")
        else:
            need("CF_XDR_SHXYM", "（法人及非法人组织）")
            if code:
                _check(problems, "CF_XDR_SHXYM", lambda: validators.check_uscc(code))
        if kind == PartyKind.ORGANISATION:
            need("CF_FRDB", "（法人及非法人组织）")
    for authority_code in ("CF_CFJGDM", "CF_SJLYDM"):
        if values[authority_code]:
            _check(problems, authority_code, _uscc_check(values[authority_code]))
    if "罚款" in found:
        need("CF_NR_FK", "（处罚类别含罚款）")
    if CONFISCATION & set(found):
        need("CF_NR_WFFF", "（处罚类别含没收）")
    if LICENCE_ACTIONS & set(found):
        need("CF_NR_ZKDX", "（处罚类别含暂扣或吊销）")
    return problems


def _resident_id(number: str) -> object:
    return validators.check_resident_id(number, today=datetime.date.max)


def _uscc_check(code: str) -> Callable[[], object]:
    return lambda: validators.check_uscc(code)


def _check(problems: list[tuple[str, str]], code: str, check: Callable[[], object]) -> None:
    try:
        check()
    except InvalidInput as error:
        problems.append((code, "%(l)s：%(m)s" % {"l": LABELS[code], "m": error.message}))


# ---------------------------------------------------------------------------------------------- files


def write_csv(rows: Iterable[Row]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel and WPS open it in Chinese; one header row of the
    column codes, as the platform's import reads them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.code for column in COLUMNS])
    for row in rows:
        writer.writerow(inert_row(row.values[column.code] for column in COLUMNS))
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[Row], problems: list[tuple[Row, str, str]], *, title: str) -> bytes:
    """Sheet 行政处罚信息: the Chinese names on row 1, the codes on row 2, a record per row, every cell
    text (amounts stay exact decimals, codes keep their leading zeros). Sheet 校验报告: each problem."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "行政处罚信息"
    sheet.append([column.label for column in COLUMNS])
    sheet.append([column.code for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(inert_row(row.values[column.code] for column in COLUMNS))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(column.label) * 2))
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.number_format = "@"
    sheet.freeze_panes = "A3"
    report = book.create_sheet("校验报告")
    report.append(["决定书文号", "字段代码", "字段", "问题"])
    for cell in report[1]:
        cell.font = Font(bold=True)
    for row, code, message in problems:
        report.append(inert_row([row.values["CF_WSH"], code, LABELS[code], message]))
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
