"""manage.py build_document_templates: writes the bundled template of every enforcement document,
fazhi/enforcement/document_templates/<kind>.docx, in the GB/T 9704-2012 layout with the docxtpl tags that
enforcement.documents fills. The .docx files are committed; after changing a template here, run this and
commit what it writes (a test checks that the two agree).

The layout is core.official_document's (GB/T 9704-2012).
"""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from fazhi.core.official_document import OfficialDocument as Sheet
from fazhi.enforcement.documents import BUNDLED_DIRECTORY
from fazhi.enforcement.models import DocumentKind

LAW = "《中华人民共和国行政处罚法》"

# --------------------------------------------------------------------------------------- the documents


def _filing_approval(sheet: Sheet) -> None:
    sheet.header("案号：{{ case_number }}")
    sheet.table(
        [
            ("案由", "{{ case_title }}"),
            ("案件来源", "{{ source }}"),
            ("收到线索日期", "{{ received_on }}"),
            ("当事人", "{{ party_block }}"),
            ("联系电话", "{{ party_phone }}"),
            ("违法地点", "{{ place }}"),
            ("违法行为发生日期", "{{ act_on }}（终了日期：{{ act_ended_on }}）"),
            ("案情摘要", "{{ summary }}"),
            ("赋权事项", "{{ power }}"),
            ("设定依据", "{{ power_basis }}"),
            ("承办人", "{{ officers }}"),
            ("办案期限", f"至{{{{ decision_due }}}}止（{LAW}第六十条）"),
            ("负责人审批意见", "同意立案。\n负责人：{{ approver }}\n{{ filed_on }}"),
        ]
    )


def _record(inquiry: bool) -> Callable[[Sheet], None]:
    """A 笔录 per page (art. 55): who asked whom, where and when, the content, and the signatures."""

    def write(sheet: Sheet) -> None:
        sheet.header("案号：{{ case_number }}")
        sheet.tag("for record in records")
        subject = "被询问人" if inquiry else "当事人（现场负责人）"
        sheet.plain(("询问" if inquiry else "检查") + "时间：{{ record.started_at }}至{{ record.ended_at }}")
        sheet.plain(("询问" if inquiry else "检查") + "地点：{{ record.place }}")
        sheet.plain("执法人员：{{ record.officers }}")
        sheet.plain("记录人：{{ record.recorded_by }}")
        sheet.plain(subject + "：{{ record.subject_person }}")
        sheet.plain("身份及联系方式：{{ record.subject_details }}")
        duty = "如实回答询问、协助调查" if inquiry else "协助检查"
        # Whether the credentials were shown is what the record states, never a printed assumption.
        sheet.plain("出示执法证件：{{ record.credentials }}")
        sheet.body(
            f"执法人员告知{subject}有{duty}的义务；认为执法人员与本案有直接利害关系"
            f"或者有其他关系可能影响公正执法的，有申请回避的权利（{LAW}第四十三条、第五十五条）。"
        )
        sheet.plain("询问内容：" if inquiry else "现场检查情况：")
        sheet.body("{{ record.content }}")
        sheet.plain(subject + "核对情况：{{ record.signature }}")
        sheet.plain(subject + "（签名）：")
        sheet.plain("执法人员（签名）：")
        sheet.tag("if not loop.last")
        sheet.page_break()
        sheet.tag("endif")
        sheet.tag("endfor")

    return write


def _prior_notice(sheet: Sheet) -> None:
    sheet.header("案号：{{ case_number }}")
    sheet.plain("{{ party_name }}：")
    sheet.body("本机关对{{ you }}{{ case_title }}一案进行了调查。经查：{{ facts }}")
    sheet.body(f"根据{LAW}第四十四条的规定，现将本机关拟作出的行政处罚告知如下：{{{{ proposed_penalty }}}}。")
    sheet.body("{{ defence_rights }}")
    sheet.tag("if hearing_rights")
    sheet.body("{{ hearing_rights }}")
    sheet.tag("endif")
    sheet.signature()
    sheet.date("{{ notice_date }}")


def _hearing_notice(sheet: Sheet) -> None:
    sheet.header("案号：{{ case_number }}")
    sheet.plain("{{ party_name }}：")
    sheet.body(
        "根据{{ you }}的要求，本机关定于{{ hearing_date }}就{{ you }}{{ case_title }}一案举行听证，"
        "听证地点：{{ place }}。本次听证由{{ chair }}主持，{{ publicity }}。"
        "{% if proposed_penalty %}本机关拟作出的行政处罚为：{{ proposed_penalty }}。{% endif %}"
    )
    sheet.body(
        f"根据{LAW}第六十四条的规定，听证公开举行，涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外。"
        "{{ you }}认为主持人与本案有直接利害关系的，有权申请回避；可以亲自参加听证，也可以委托一至二人代理。"
        "{{ you }}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。"
    )
    sheet.body(
        "请{{ you }}（或委托代理人）按时出席，并携带身份证明和有关证据材料；委托代理人的，请提交授权委托书。"
    )
    sheet.signature()
    sheet.date("{{ notice_date }}")


def _legal_review(sheet: Sheet) -> None:
    sheet.header("案号：{{ case_number }}")
    sheet.body(f"依据{LAW}第五十八条的规定，对本案拟作出的行政处罚决定进行了法制审核，意见如下。")
    sheet.table(
        [
            ("案由", "{{ case_title }}"),
            ("当事人", "{{ party_block }}"),
            ("认定的事实、证据和处理建议", "{{ findings }}"),
            ("拟作出的行政处罚", "{{ proposed_penalty }}"),
            (
                "审核内容",
                "执法主体是否合法，执法人员是否具备执法资格；执法程序是否合法；案件事实是否清楚，证据是否合法充分；"
                "适用法律、法规、规章是否准确，裁量基准运用是否适当；执法是否超越法定权限；行政执法文书是否完备、规范；"
                "违法行为是否涉嫌犯罪、需要移送司法机关（国办发〔2018〕118号）。",
            ),
            ("审核意见", "{{ opinion }}"),
            ("理由", "{{ reasons }}"),
            ("审核人员", "{{ reviewer }}（法律职业资格证书编号：{{ reviewer_qualification_no }}）"),
            ("审核日期", "{{ reviewed_on }}"),
        ]
    )


def _penalty_decision(sheet: Sheet) -> None:
    """Art. 59: the party, the facts and evidence, the penalty and its basis, how and by when to
    perform, the 复议 and 诉讼 route and time limits, the agency and the date."""
    sheet.header("{{ decision_number }}")
    sheet.plain("{{ party_block }}")
    sheet.body("{{ you }}{{ case_title }}一案，本机关依法进行了调查。现查明：{{ facts }}")
    sheet.tag("if evidence")
    sheet.body("以上事实有下列证据证明：")
    sheet.body("{{ evidence }}")
    sheet.tag("endif")
    sheet.tag("if procedure")
    sheet.body("{{ procedure }}")
    sheet.tag("endif")
    sheet.body("依据{{ basis }}的规定，本机关决定对{{ you }}作出如下行政处罚：{{ penalty }}。")
    sheet.body("{{ performance }}")
    sheet.body("{{ remedy }}")
    sheet.signature()
    sheet.date("{{ decided_on }}")


def _service_receipt(sheet: Sheet) -> None:
    sheet.header(None)
    sheet.table(
        [
            ("送达文书名称及文号", "《{{ document_name }}》（{{ document_number }}）"),
            ("受送达人", "{{ recipient }}"),
            ("送达地点", "{{ service_place }}"),
            ("送达方式", "{{ method }}"),
            ("送达日期", "{{ served_on }}"),
            ("签收人", "{{ signer }}"),
            ("受送达人签名或盖章", "\n\n年　　月　　日"),
            ("送达人", "{{ served_by }}\n（签名）"),
            ("备注", "{{ note }}"),
        ]
    )


def _closure_approval(sheet: Sheet) -> None:
    sheet.header("案号：{{ case_number }}")
    sheet.table(
        [
            ("案由", "{{ case_title }}"),
            ("当事人", "{{ party_block }}"),
            ("立案日期", "{{ filed_on }}"),
            ("处罚决定", "{{ decision_number }}\n{{ penalty }}"),
            ("执行情况", "{{ execution }}"),
            ("结案理由", "{{ reason }}"),
            ("处理结果", "{{ result }}"),
            ("承办人", "{{ officers }}"),
            ("负责人审批意见", "同意结案。\n负责人：{{ approver }}\n{{ closed_on }}"),
            ("档案号", "{{ archive_number }}"),
        ]
    )


WRITERS: dict[DocumentKind, Callable[[Sheet], None]] = {
    DocumentKind.FILING_APPROVAL: _filing_approval,
    DocumentKind.INQUIRY_RECORD: _record(inquiry=True),
    DocumentKind.INSPECTION_RECORD: _record(inquiry=False),
    DocumentKind.PRIOR_NOTICE: _prior_notice,
    DocumentKind.HEARING_NOTICE: _hearing_notice,
    DocumentKind.LEGAL_REVIEW: _legal_review,
    DocumentKind.PENALTY_DECISION: _penalty_decision,
    DocumentKind.SERVICE_RECEIPT: _service_receipt,
    DocumentKind.CLOSURE_APPROVAL: _closure_approval,
}


def build(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in DocumentKind:
        sheet = Sheet(kind.label)
        WRITERS[kind](sheet)
        path = directory / f"{kind.value}.docx"
        path.write_bytes(sheet.to_bytes())
        written.append(path)
    return written


class Command(BaseCommand):
    help = "生成内置的执法文书模板（GB/T 9704-2012 版式），写入 fazhi/enforcement/document_templates/。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=BUNDLED_DIRECTORY, help="输出目录（默认：内置模板目录）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in build(options["output"]):
            self.stdout.write(str(path))
