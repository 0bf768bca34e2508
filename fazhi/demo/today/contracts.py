"""Demo contracts: the town's archive number series, and three contracts through the services — one reviewed, signed and filed; one 修改后同意 waiting for the head to sign; one waiting
for the legal counsel."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document

from fazhi.contracts import rules, services
from fazhi.contracts.models import Contract, ContractKind, ReviewOpinion
from fazhi.core import files
from fazhi.core.models import Organisation, Party
from fazhi.demo.town import DemoTown, number_series


def _draft(title: str) -> files.StoredFile:
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph("甲方：天津市西青区辛口镇人民政府")
    document.add_paragraph("（送审稿）")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return files.StoredFile(*files.store(buffer, original_name=f"{title}（送审稿）.docx"))


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    town = demo_town.town
    # The review series (辛口合审) is the 司法所's, made with the town; the archive numbers are the office's.
    number_series(organisation=town, key=rules.ARCHIVE_SERIES_KEY, code="辛口合档", name="合同档案号")
    office = Organisation.objects.get(parent=town, name="党政办")
    _liu, _chen, company, snack_bar = demo_town.parties
    today = timezone.localdate()

    def register(title: str, kind: str, amount_yuan: int, counterparty: Party) -> Contract:
        return services.register_contract(
            staff["admin"],
            services.ContractInput(
                title=title,
                kind=kind,
                amount_fen=amount_yuan * 100,
                counterparty=counterparty,
                department=office,
                received_on=today,
            ),
            drafts=[_draft(title)],
        )

    filed = register("辛口镇政府机关食堂食材采购合同", ContractKind.PROCUREMENT, 180_000, company)
    services.review_contract(
        staff["guwen"],
        filed,
        opinion=ReviewOpinion.APPROVE,
        reasons="主体适格，条款合法，争议解决条款明确，同意签订。",
    )
    services.sign_contract(staff["zhenzhang"], filed, signed_on=today)
    services.file_contract(
        staff["admin"], filed, signed_copy=_draft("辛口镇政府机关食堂食材采购合同（签订本）"), filed_on=today
    )

    changes = register("辛口村道路硬化工程施工合同", ContractKind.CONSTRUCTION, 1_200_000, company)
    services.review_contract(
        staff["guwen"],
        changes,
        opinion=ReviewOpinion.APPROVE_WITH_CHANGES,
        reasons="第八条违约责任未约定逾期竣工的违约金计算方式，请补充后签订；合同金额较大，请确认是否履行重大行政决策程序。",
    )
    register("镇文化广场保洁服务协议", ContractKind.SERVICE, 36_000, snack_bar)
