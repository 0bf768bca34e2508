"""Contract pages over HTTP: registration with a draft upload, the blocked signing shown with its rule,
the review, the register's filters and its .xlsx, the opinion .docx opened back, the party page, the
API, and another town's contract that stays hidden."""

import io
import json

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx.shared import Pt

from fazhi.contracts import services
from fazhi.contracts.models import Contract, ContractReview, ContractStatus, ReviewOpinion
from fazhi.testing.contracts import PDF, TODAY, register


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_registering_on_the_page_with_a_draft_then_the_blocked_signing_says_why(town):
    admin = client_for(town.admin)
    response = admin.post(
        "/contracts/new/",
        {
            "title": "机关食堂食材采购合同",
            "kind": "procurement",
            "amount": "180000.00",
            "counterparty": town.company.uscc,
            "department": town.office.pk,
            "received_on": TODAY.isoformat(),
            "drafts": SimpleUploadedFile("送审稿.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记送审，审查期限" in page
    contract = Contract.objects.get()
    assert contract.amount_fen == 180_000_00
    assert "送审稿.pdf" in page
    head_page = client_for(town.head).get(f"/contracts/{contract.pk}/").content.decode()
    assert "暂不能进行：合同尚在合法性审查中，不得签订。" in head_page
    assert "中办发〔2016〕30号" in head_page
    # And the service refuses the sign page's post, whatever the page showed.
    refused = client_for(town.head).post(f"/contracts/{contract.pk}/sign/", {"signed_on": TODAY.isoformat()})
    assert refused.status_code == 422
    assert Contract.objects.get().status == ContractStatus.SUBMITTED


def test_a_wrong_file_type_is_refused_in_chinese_and_nothing_is_registered(town):
    response = client_for(town.admin).post(
        "/contracts/new/",
        {
            "title": "合同",
            "kind": "procurement",
            "amount": "100",
            "counterparty": town.company.uscc,
            "department": town.office.pk,
            "received_on": TODAY.isoformat(),
            "drafts": SimpleUploadedFile("送审稿.pdf", b"not a pdf at all", content_type="application/pdf"),
        },
    )
    assert response.status_code == 422
    assert "文件内容与扩展名" in response.content.decode()
    assert not Contract.objects.exists()


def test_the_counsel_reviews_on_the_page_and_the_opinion_docx_is_in_the_official_layout(town, submitted):
    counsel = client_for(town.counsel)
    counsel.post(
        f"/contracts/{submitted.pk}/review/",
        {"opinion": ReviewOpinion.APPROVE_WITH_CHANGES, "reasons": "第八条补充违约金计算方式。"},
    )
    review = submitted.reviews.get()
    response = counsel.get(f"/contracts/reviews/{review.pk}/opinion.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.top_margin is not None
    assert section.left_margin is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert review.number.text in texts
    assert "合同合法性审查意见书" in texts
    title = next(p for p in document.paragraphs if p.text == "合同合法性审查意见书")
    assert title.style is not None
    assert title.style.font.size == Pt(22)
    cells = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cells["审查意见"] == "修改后同意"
    assert cells["理由及修改意见"] == "第八条补充违约金计算方式。"
    assert cells["合同金额"] == "180,000元"
    assert town.company.uscc in cells["合同相对方"]


def test_the_register_filters_and_its_xlsx_lists_the_same_rows(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    register(town, title="镇文化广场保洁服务协议", kind="service", amount_fen=36_000_00)
    admin = client_for(town.admin)
    listing = admin.get("/contracts/", {"status": "reviewed"}).content.decode()
    assert "机关食堂食材采购合同" in listing
    assert "保洁服务协议" not in listing
    response = admin.get("/contracts/register.xlsx", {"kind": "service"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["合同审查台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "审查意见编号", "合同名称")
    assert len(rows) == 2
    assert rows[1][2] == "镇文化广场保洁服务协议"
    assert rows[1][6] == 36000
    everything = openpyxl.load_workbook(io.BytesIO(admin.get("/contracts/register.xlsx").content)).active
    assert everything is not None
    numbers = {row[2]: row[1] for row in everything.iter_rows(min_row=2, values_only=True)}
    assert numbers["机关食堂食材采购合同"] == f"辛口合审〔{TODAY.year}〕1号"


def test_the_party_page_lists_its_contracts(town, submitted):
    page = client_for(town.admin).get(f"/parties/{town.company.pk}/").content.decode()
    assert "机关食堂食材采购合同" in page


def test_another_towns_admin_sees_nothing(town, submitted):
    other = client_for(town.other_admin)
    assert other.get(f"/contracts/{submitted.pk}/").status_code == 404
    assert "机关食堂食材采购合同" not in other.get("/contracts/").content.decode()
    assert other.get(f"/api/v1/contracts/{submitted.pk}").status_code == 404


def test_the_api_registers_reviews_and_refuses_signing_before_the_review(town):
    admin = client_for(town.admin)
    created = admin.post(
        "/api/v1/contracts",
        {
            "title": "道路硬化工程施工合同",
            "kind": "construction",
            "amount_fen": str(1_200_000_00),
            "counterparty_id": str(town.company.pk),
            "department_id": str(town.office.pk),
            "received_on": TODAY.isoformat(),
            "drafts": SimpleUploadedFile("施工合同.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["possibly_major"] is True
    contract_id = body["id"]
    head = client_for(town.head)
    refused = head.post(
        f"/api/v1/contracts/{contract_id}/sign",
        json.dumps({"signed_on": TODAY.isoformat()}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["citation"] == "中办发〔2016〕30号；乡镇（街道）合法性审查全覆盖"
    reviewed = client_for(town.counsel).post(
        f"/api/v1/contracts/{contract_id}/review",
        json.dumps({"opinion": "approve", "reasons": "同意。"}),
        content_type="application/json",
    )
    assert reviewed.json()["reviews"][0]["number"] == f"辛口合审〔{TODAY.year}〕1号"
    signed = head.post(
        f"/api/v1/contracts/{contract_id}/sign",
        json.dumps({"signed_on": TODAY.isoformat()}),
        content_type="application/json",
    )
    assert signed.json()["status"] == "signed"


def test_a_town_without_an_archive_series_is_told_how_to_set_one_up(town, submitted):
    from fazhi.core.models import NumberSeries

    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    NumberSeries.objects.filter(key="contract-archive").delete()
    response = client_for(town.admin).post(
        f"/contracts/{submitted.pk}/file/",
        {
            "filed_on": TODAY.isoformat(),
            "signed_copy": SimpleUploadedFile("签订本.pdf", PDF),
            "confirm": "on",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "contract-archive" in page
    # The refusal links the administrator to where the series is set up, and keeps the chosen file.
    assert '<a class="alert-link" href="/numbering/" data-testid="remedy">前往“文号管理”</a>' in page
    assert "已选择文件：签订本.pdf（保留，无需重新选择）" in page
    assert Contract.objects.get().status == ContractStatus.SIGNED


def test_the_api_refuses_a_blank_title_and_an_opinion_without_reasons_beside_each_field(town, submitted):
    blank = client_for(town.admin).post(
        "/api/v1/contracts",
        {
            "title": "  ",
            "kind": "lottery",
            "amount_fen": "-1",
            "counterparty_id": str(town.company.pk),
            "department_id": str(town.office.pk),
            "received_on": "2026-02-30",
            "drafts": SimpleUploadedFile("施工合同.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert blank.status_code == 422
    fields = blank.json()["extra"]["fields"]
    assert fields["title"] == "请填写合同名称。"
    assert fields["kind"].startswith("请选择其一：procurement（")
    assert fields["amount_fen"] == "不能小于 0。"
    assert fields["received_on"] == "请填写有效的日期，如 2026-03-01。"
    assert Contract.objects.count() == 1
    refused = client_for(town.counsel).post(
        f"/api/v1/contracts/{submitted.pk}/review",
        json.dumps({"opinion": "maybe", "reasons": " "}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    fields = refused.json()["extra"]["fields"]
    assert set(fields) == {"opinion", "reasons"}
    assert fields["reasons"] == "请写明审查理由；修改后同意的，写明修改意见。"
    assert not ContractReview.objects.exists()


def test_a_title_that_starts_like_a_formula_is_plain_text_in_the_register(town, submitted):
    Contract.objects.filter(pk=submitted.pk).update(title="=cmd|' /C calc'!A0")
    sheet = openpyxl.load_workbook(
        io.BytesIO(client_for(town.admin).get("/contracts/register.xlsx").content)
    )["合同审查台账"]
    cell = sheet.cell(row=2, column=3)
    assert (cell.data_type, cell.value) == ("s", "'=cmd|' /C calc'!A0")
