"""The contract documents: the review opinion (合同合法性审查意见书) as .docx in the GB/T 9704 layout,
and the register (台账) as .xlsx. Pure reads: the caller found the rows through selectors."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fazhi.contracts.models import Contract, ContractReview
from fazhi.core import selectors as core_selectors
from fazhi.core.money import yuan
from fazhi.core.official_document import OfficialDocument
from fazhi.core.spreadsheets import inert_row

OPINION_TITLE = "合同合法性审查意见书"
CHECKLIST = (
    "合同相对方的主体资格、资质、信用和履约能力；合同内容是否合法、合理，有无超越职权、违法担保，"
    "争议解决条款是否明确；文本是否规范；资金来源是否经财务审核。"
)


def _date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def review_opinion(review: ContractReview) -> bytes:
    contract = review.contract
    party = contract.counterparty
    agency = core_selectors.official_name_of(contract.organisation)
    document = OfficialDocument(OPINION_TITLE)
    document.header(review.number.text, agency=agency)
    document.body(
        "%(d)s送审的《%(t)s》，经依法进行合法性审查，意见如下。"
        % {"d": contract.department.name, "t": contract.title}
    )
    document.table(
        [
            ("合同名称", contract.title),
            ("合同类型", contract.get_kind_display()),
            ("合同相对方", party.name + (f"（统一社会信用代码：{party.uscc}）" if party.uscc else "")),
            ("合同金额", "%(y)s元" % {"y": yuan(contract.amount_fen)}),
            ("承办部门", contract.department.name),
            ("送审日期", _date(contract.received_on)),
            ("审查内容", CHECKLIST),
            ("审查意见", review.get_opinion_display()),
            ("理由及修改意见", review.reasons),
            ("审查人", review.reviewer.full_name),
        ]
    )
    document.signature(review.reviewer.full_name)
    document.date(_date(review.reviewed_on))
    return document.to_bytes()


def opinion_filename(review: ContractReview) -> str:
    return f"{OPINION_TITLE}-{review.number.text}.docx"


REGISTER_COLUMNS = (
    ("序号", 6),
    ("审查意见编号", 22),
    ("合同名称", 36),
    ("合同类型", 12),
    ("合同相对方", 30),
    ("统一社会信用代码", 22),
    ("合同金额（元）", 16),
    ("承办部门", 16),
    ("送审日期", 12),
    ("审查期限", 12),
    ("审查人", 10),
    ("审查意见", 12),
    ("意见日期", 12),
    ("签订日期", 12),
    ("归档日期", 12),
    ("档案号", 20),
    ("状态", 14),
)


def register_xlsx(contracts: list[Contract], reviews: dict[int, ContractReview], *, title: str) -> bytes:
    """台账: one row per contract with its latest review; amounts are numbers Excel can add up."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "合同审查台账"
    sheet.append([name for name, _width in REGISTER_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_name, width) in enumerate(REGISTER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, contract in enumerate(contracts, start=1):
        review = reviews.get(contract.pk)
        sheet.append(
            inert_row(
                [
                    number,
                    review.number.text if review else "",
                    contract.title,
                    contract.get_kind_display(),
                    contract.counterparty.name,
                    contract.counterparty.uscc,
                    Decimal(contract.amount_fen) / 100,
                    contract.department.name,
                    contract.received_on,
                    contract.review_due,
                    review.reviewer.full_name if review else "",
                    review.get_opinion_display() if review else "",
                    review.reviewed_on if review else None,
                    contract.signed_on,
                    contract.filed_on,
                    contract.archive_number,
                    contract.get_status_display(),
                ]
            )
        )
    for row in sheet.iter_rows(min_row=2):
        row[6].number_format = "#,##0.00"
        for cell in (row[8], row[9], row[12], row[13], row[14]):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
