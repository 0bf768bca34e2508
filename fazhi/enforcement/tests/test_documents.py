"""Enforcement documents: a case driven to a decision through the services, each of its documents rendered
and opened again with python-docx; a town's own template; the refusal of a bad one; the download page."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length

from conftest import credit_code, resident_id
from fazhi.core import files
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.models import Attachment, IdType, PartyKind, StoredBlob
from fazhi.enforcement import documents, services
from fazhi.enforcement.models import DocumentKind, DocumentTemplate, RecordKind
from fazhi.enforcement.rules import ReviewGrounds
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import FILED_ON, TODAY, file, lead, ready_to_decide, services_on
from fazhi.testing.pages import client_for


def chinese(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


DECISION_NUMBER = f"西青辛综执罚〔{TODAY.year}〕1号"
FILING_NUMBER = f"西青辛综执立〔{TODAY.year}〕1号"
NOTIFIED_ON = TODAY - datetime.timedelta(days=30)
HEARD_ON = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def decided(town):
    """A case of an art. 58 kind with the right to a hearing, driven through the services: two 笔录 and a
    piece of evidence, the notice, a hearing the party asked for, an agreed 法制审核, and the numbered
    decision fining 王某某 2,000 yuan, not yet served."""
    ready_to_decide(town, qualification_no="A20151201000123")
    town.person = core_services.register_party(
        town.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON,
            name="王某某",
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id("12011119850315001"),
            address="西青区辛口镇辛口村",
        ),
    ).party
    with services_on(FILED_ON):
        case = file(town, lead(town, received_on=FILED_ON, act_on=FILED_ON), party=town.person)
        services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])
        now = timezone.now()
        # The inspection's record does not say the credentials were shown: its document says so too.
        for kind, content, shown in [
            (RecordKind.INQUIRY, "问：你是否在政府路摆摊？\n答：是的。", True),
            (RecordKind.SITE_INSPECTION, "现场有摊位一处，占道约6平方米。", False),
        ]:
            services.add_record(
                town.officer,
                case,
                services.RecordInput(
                    kind=kind,
                    place="辛口镇政府路",
                    started_at=now - datetime.timedelta(hours=1),
                    ended_at=now,
                    subject_person="王某某",
                    subject_details="电话13800000001",
                    content=content,
                    officers=[town.officer, town.officer2],
                    credentials_shown=shown,
                ),
            )
        services.add_evidence(
            town.officer,
            case,
            services.EvidenceInput(
                kind="document",
                description="现场照片三张",
                captured_by=town.officer,
                captured_at=now,
                place="辛口镇政府路",
                officers=[town.officer, town.officer2],
            ),
        )
        services.close_investigation(
            town.officer,
            case,
            outcome="penalty",
            findings="当事人在辛口镇政府路擅自占用城市道路摆摊经营，占道约6平方米。",
            review_grounds=ReviewGrounds(major_public_interest=True),
            major_or_complex=False,
        )
    # The town's 较大数额 makes a 2,000-yuan fine on a person one the party may ask a hearing about.
    services.record_large_amount_standard(
        town.admin,
        person_fen=1_000_00,
        organisation_fen=10_000_00,
        source="本省行政处罚听证较大数额标准（测试）",
        in_force_from=NOTIFIED_ON,
    )
    services.issue_notice(
        town.officer,
        case,
        proposed_penalties="罚款",
        penalty_kinds=["fine"],
        proposed_fine_fen=2_000_00,
        facts="当事人擅自占用城市道路，违反《城市道路管理条例》第二十七条。",
        served_on=NOTIFIED_ON,
        statement_working_days=3,
    )
    services.request_hearing(town.officer, case, requested_on=NOTIFIED_ON + datetime.timedelta(days=1))
    services.hold_hearing(
        town.officer,
        case,
        chair=town.head,
        notice_sent_on=NOTIFIED_ON + datetime.timedelta(days=2),
        held_on=HEARD_ON,
        record_signed=True,
    )
    services.submit_legal_review(town.officer, case)
    services.review_case(town.reviewer, case, opinion="agreed", reasons="事实清楚，证据确凿，程序合法")
    services.decide(
        town.head,
        case,
        services.DecisionInput(
            penalty_kinds=["fine"],
            penalties="罚款",
            fine_fen=2_000_00,
            basis="《城市道路管理条例》第四十二条",
        ),
    )
    case.refresh_from_db()
    return case


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def east_asia_font(style) -> str:
    return str(style.element.rPr.rFonts.get(qn("w:eastAsia")))


def mm(length: Length | None) -> int:
    assert length is not None
    return round(float(length.mm))


def serve_pay_and_close(town, case):
    services.serve_decision(
        town.officer, case, method="direct", served_on=TODAY, recipient="王某某", proof="回证签收"
    )
    services.record_payment(
        town.officer, case, paid_on=TODAY, paid_fen=2_000_00, receipt_number="TJ2026-0001"
    )
    services.close_case(town.head, case, reason="performed", summary="罚款已缴纳，执行完毕。")


def test_a_decided_case_has_the_documents_of_its_steps_and_not_of_the_later_ones(decided):
    assert documents.available(decided) == [
        DocumentKind.FILING_APPROVAL,
        DocumentKind.INQUIRY_RECORD,
        DocumentKind.INSPECTION_RECORD,
        DocumentKind.PRIOR_NOTICE,
        DocumentKind.HEARING_NOTICE,
        DocumentKind.LEGAL_REVIEW,
        DocumentKind.PENALTY_DECISION,
    ]


def test_a_lead_has_no_documents_and_asking_for_one_cites_the_missing_step(town):
    case = lead(town)
    assert documents.available(case) == []
    with pytest.raises(RuleViolation) as raised:
        documents.render(case, DocumentKind.FILING_APPROVAL)
    assert "尚未立案" in raised.value.message
    assert raised.value.citation == "行政处罚法 第五十四条"


def test_a_document_whose_step_has_not_happened_is_refused_with_its_article(decided):
    with pytest.raises(RuleViolation) as raised:
        documents.render(decided, DocumentKind.SERVICE_RECEIPT)
    assert raised.value.message == "行政处罚决定书尚未送达，还没有送达回证。"
    assert raised.value.citation == "行政处罚法 第六十一条"


def test_every_available_document_has_the_gbt_9704_layout(decided):
    for kind in documents.available(decided):
        document = Document(io.BytesIO(documents.render(decided, kind)))
        section = document.sections[0]
        assert [mm(section.page_width), mm(section.page_height)] == [210, 297], kind
        assert [mm(section.top_margin), mm(section.bottom_margin)] == [37, 35]
        assert [mm(section.left_margin), mm(section.right_margin)] == [28, 26]
        body = document.styles["Normal"]
        assert east_asia_font(body) == "仿宋_GB2312"
        assert body.font.size.pt == 16
        assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert 28.9 <= body.paragraph_format.line_spacing.pt <= 29
        [title] = [paragraph.style for paragraph in document.paragraphs if paragraph.text == kind.label]
        assert title is not None
        assert title.font.size.pt == 22
        assert east_asia_font(title) == "方正小标宋简体"
        assert document.paragraphs[0].text == "天津市西青区辛口镇人民政府"
        footer = section.footer.paragraphs[0]
        assert footer.text == "— 1 —"
        assert footer.style is not None
        assert footer.style.font.size.pt == 14
        assert east_asia_font(footer.style) == "宋体"
        assert section.even_page_footer.paragraphs[0].text == "— 1 —"


def test_the_decision_carries_what_article_59_requires(decided):
    text = text_of(documents.render(decided, DocumentKind.PENALTY_DECISION))
    assert DECISION_NUMBER in text
    assert "当事人：王某某" in text
    assert f"证件类型及号码：居民身份证 {resident_id('12011119850315001')}" in text
    assert "住址：西青区辛口镇辛口村" in text
    assert "擅自占用城市道路摆摊经营" in text
    assert "1. 书证：现场照片三张" in text
    assert f"本机关于{chinese(NOTIFIED_ON)}向你送达了《行政处罚事先告知书》" in text
    assert f"应你要求，本机关于{chinese(HEARD_ON)}依法举行了听证。" in text
    assert (
        "依据《城市道路管理条例》第四十二条的规定，本机关决定对你作出如下行政处罚：罚款人民币2,000元。"
        in text
    )
    assert "自收到本决定书之日起15日内，持本决定书到指定的银行" in text
    assert "每日按罚款数额的3%加处罚款" in text
    assert (
        "你如不服本处罚决定，可以在收到本决定书之日起六十日内向天津市西青区人民政府申请行政复议，"
        "也可以在收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
    ) in text
    assert text.rstrip().endswith(f"天津市西青区辛口镇人民政府\n{chinese(TODAY)}")


def test_the_prior_notice_tells_of_the_hearing_where_the_report_gives_the_right(decided):
    text = text_of(documents.render(decided, DocumentKind.PRIOR_NOTICE))
    assert "王某某：" in text
    assert "拟作出的行政处罚告知如下：罚款人民币2,000元。" in text
    assert "享有陈述、申辩的权利" in text
    assert "有权要求听证。如要求听证，应当在收到本告知书之日起五个工作日内" in text


def test_the_records_name_their_officers_with_their_credentials(decided):
    inquiry = text_of(documents.render(decided, DocumentKind.INQUIRY_RECORD))
    assert "执法人员：张执法（执法证号：12011100001）、赵执法（执法证号：12011100002）" in inquiry
    assert "问：你是否在政府路摆摊？\n答：是的。" in inquiry, "each line its own paragraph"
    assert "被询问人核对情况：已核对无误并签字" in inquiry
    assert "出示执法证件：执法人员已出示执法证件" in inquiry
    inspection = text_of(documents.render(decided, DocumentKind.INSPECTION_RECORD))
    assert "出示执法证件：笔录未记载执法人员出示执法证件" in inspection
    assert "已出示执法证件" not in inspection
    assert "现场检查情况：" in inspection
    assert "现场有摊位一处" in inspection


def test_the_hearing_notice_and_the_legal_review(decided):
    hearing = text_of(documents.render(decided, DocumentKind.HEARING_NOTICE))
    assert f"定于{chinese(HEARD_ON)}" in hearing
    assert "本次听证由李镇长主持" in hearing
    review = text_of(documents.render(decided, DocumentKind.LEGAL_REVIEW))
    assert "周审核（法律职业资格证书编号：A20151201000123）" in review
    assert "审核意见\n同意" in review
    assert "事实清楚，证据确凿，程序合法" in review


def test_service_payment_and_closure_make_their_documents(town, decided):
    serve_pay_and_close(town, decided)
    assert documents.available(decided) == list(DocumentKind)
    receipt = text_of(documents.render(decided, DocumentKind.SERVICE_RECEIPT))
    assert f"《行政处罚决定书》（{DECISION_NUMBER}）" in receipt
    assert "直接送达" in receipt
    assert "送达凭证：回证签收" in receipt
    decision = text_of(documents.render(decided, DocumentKind.PENALTY_DECISION))
    due = documents.context(decided, DocumentKind.PENALTY_DECISION)["payment_due"]
    assert due
    assert f"15日内（至{due}止）" in decision
    closure = text_of(documents.render(decided, DocumentKind.CLOSURE_APPROVAL))
    assert f"当事人于{chinese(TODAY)}缴纳罚款2,000元，凭证号：TJ2026-0001。" in closure
    assert "执行完毕" in closure
    assert "同意结案。\n负责人：李镇长" in closure


def test_each_kind_fills_exactly_its_documented_fields(town, decided):
    serve_pay_and_close(town, decided)
    for kind in DocumentKind:
        values = documents.context(decided, kind)
        assert set(values) == set(documents.CONTEXT_FIELDS[kind]), kind
        records = values.get("records", [])
        assert isinstance(records, list)
        for record in records:
            assert set(record) == set(documents.RECORD_FIELDS)


def test_an_organisation_party_is_named_with_its_code_and_representative(town):
    company = core_services.register_party(
        town.officer,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="辛口建材&五金<有限>公司",
            uscc=credit_code("91120111MA05XK2Q1"),
            legal_representative="马某",
            address="西青区辛口镇工业园",
        ),
    )
    case = file(town, lead(town), party=company.party)
    text = text_of(documents.render(case, DocumentKind.FILING_APPROVAL))
    assert "当事人：辛口建材&五金<有限>公司" in text
    assert "统一社会信用代码：" in text
    assert "法定代表人（负责人）：马某" in text
    assert FILING_NUMBER in text


def test_a_decision_on_the_spot_has_its_decision_and_receipt(town):
    core_services.create_number_series(
        town.system,
        organisation=town.enforcement_team,
        key="summary-decision",
        code="西青辛综简",
        name="当场处罚",
    )
    case = services.decide_on_spot(
        town.officer,
        services.OnSpotDecision(
            party=town.party,
            power=town.power,
            co_officer=town.officer2,
            title="占道经营",
            place="辛口镇政府路",
            act_on=TODAY,
            facts="在政府路占道摆摊约3平方米。",
            basis="《城市道路管理条例》第四十二条",
            warning_only=False,
            fine_fen=50_00,
            defence_waived=True,
            collected_on_spot=True,
            receipt_number="NO.0001",
        ),
    )
    assert documents.available(case) == [DocumentKind.PENALTY_DECISION, DocumentKind.SERVICE_RECEIPT]
    number = f"西青辛综简〔{TODAY.year}〕1号"
    assert documents.filename(case, DocumentKind.SERVICE_RECEIPT) == f"送达回证-{number}.docx"
    text = text_of(documents.render(case, DocumentKind.PENALTY_DECISION))
    assert number in text
    assert "证件类型及号码：护照 E1234567" in text
    assert "现查明：在政府路占道摆摊约3平方米。" in text
    assert "执法人员当场告知你拟作出的行政处罚及事实、理由、依据，你放弃陈述、申辩。" in text
    assert f"罚款已于{chinese(TODAY)}当场收缴，罚款专用票据号：NO.0001。" in text
    with pytest.raises(RuleViolation, match="不经立案") as raised:
        documents.render(case, DocumentKind.FILING_APPROVAL)
    assert raised.value.citation == "行政处罚法 第五十一条、第五十二条"


def test_file_names_carry_the_documents_number(decided):
    assert (
        documents.filename(decided, DocumentKind.PENALTY_DECISION) == f"行政处罚决定书-{DECISION_NUMBER}.docx"
    )
    assert documents.filename(decided, DocumentKind.FILING_APPROVAL) == f"立案审批表-{FILING_NUMBER}.docx"


# ---------------------------------------------------------------------------------------- templates


def docx_with(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def upload_template(actor, organisation, kind, content: bytes, *, active=True) -> DocumentTemplate:
    """Checked, stored through attach_file, and made a template of the actor's town."""
    documents.check_template(io.BytesIO(content), kind)
    attachment = core_services.attach_file(
        actor,
        subject=organisation,
        organisation=organisation,
        stream=io.BytesIO(content),
        original_name="模板.docx",
    )
    return DocumentTemplate.objects.create(
        organisation=organisation, kind=kind, attachment=attachment, uploaded_by=actor, active=active
    )


def district_template(town, kind, content: bytes) -> DocumentTemplate:
    """A district's template for all its towns: the district has no upload service yet (attach_file
    writes for a town), so the rows are written directly."""
    blob, name = files.store(io.BytesIO(content), original_name="区模板.docx")
    attachment = Attachment.objects.create(
        blob=blob,
        organisation=town.district,
        subject_type="core.organisation",
        subject_id=str(town.district.pk),
        original_name=name,
        uploaded_by=town.system,
    )
    return DocumentTemplate.objects.create(
        organisation=town.district, kind=kind, attachment=attachment, uploaded_by=town.system
    )


def test_the_newest_active_template_of_the_town_or_above_replaces_the_bundled_one(town, decided):
    kind = DocumentKind.PENALTY_DECISION
    district_template(town, kind, docx_with("区模板：{{ party_name }} {{ decision_number }}"))
    assert text_of(documents.render(decided, kind)).strip() == f"区模板：王某某 {DECISION_NUMBER}"

    town_template = upload_template(town.admin, town.town, kind, docx_with("镇模板：{{ fine }}元"))
    upload_template(town.admin, town.town, kind, docx_with("停用的模板"), active=False)
    upload_template(town.other_admin, town.other_town, kind, docx_with("杨柳青镇的模板"))
    assert text_of(documents.render(decided, kind)).strip() == "镇模板：2,000元"

    town_template.active = False
    town_template.save(update_fields=["active"])
    assert text_of(documents.render(decided, kind)).startswith("区模板")
    assert text_of(documents.render(decided, DocumentKind.PRIOR_NOTICE)).startswith(
        "天津市西青区辛口镇人民政府"
    )


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_bundled_template_passes_the_upload_check(kind):
    with (documents.BUNDLED_DIRECTORY / f"{kind.value}.docx").open("rb") as stream:
        documents.check_template(stream, kind)


def test_the_committed_templates_are_what_the_generator_writes(tmp_path: Path):
    call_command("build_document_templates", output=tmp_path, stdout=io.StringIO())
    for kind in DocumentKind:
        name = f"{kind.value}.docx"
        committed = (documents.BUNDLED_DIRECTORY / name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, f"run manage.py build_document_templates ({name})"


def spreadsheet() -> bytes:
    output = io.BytesIO()
    openpyxl.Workbook().save(output)
    return output.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a word document", "上传的文件不是 Word 文档（.docx）"),
        (spreadsheet(), "上传的文件不是 Word 文档（.docx）"),
        (b"PK\x03\x04 a broken zip", "上传的文件不是 Word 文档（.docx）"),
        (docx_with("{{ party_name "), "模板中的填充标记有语法错误"),
        (docx_with("{% for x in %}"), "模板中的填充标记有语法错误"),
        (
            docx_with("{{ party_name }}{{ salary }}{{ boss }}"),
            "模板使用了“行政处罚决定书”没有的变量：boss、salary。",
        ),
        (docx_with("{{ party_name | nosuchfilter }}"), "模板中的填充标记有语法错误"),
        (docx_with("{{ party_name.__class__.__mro__ }}"), "模板试填充失败"),
    ],
    ids=[
        "pdf",
        "xlsx",
        "broken-zip",
        "unclosed",
        "bad-for",
        "unknown-variables",
        "unknown-filter",
        "sandbox",
    ],
)
def test_a_bad_template_is_refused_before_it_is_stored(content, message):
    with pytest.raises(InvalidInput) as raised:
        documents.check_template(io.BytesIO(content), DocumentKind.PENALTY_DECISION)
    assert message in raised.value.message
    assert raised.value.field_errors == {"file": raised.value.message}


def test_the_check_leaves_the_stream_ready_to_store():
    stream = io.BytesIO(docx_with("{{ party_name }}"))
    documents.check_template(stream, DocumentKind.PRIOR_NOTICE)
    assert stream.tell() == 0


def test_inquiry_records_may_use_the_record_fields_but_no_others():
    good = docx_with("{%p for record in records %}", "{{ record.subject_person }}", "{%p endfor %}")
    documents.check_template(io.BytesIO(good), DocumentKind.INQUIRY_RECORD)
    bad = docx_with("{%p for record in records %}", "{{ record.salary }}", "{%p endfor %}")
    with pytest.raises(InvalidInput, match="模板试填充失败"):
        documents.check_template(io.BytesIO(bad), DocumentKind.INQUIRY_RECORD)


# ------------------------------------------------------------------------------------- the download


def test_the_officer_downloads_the_decision(town, decided):
    url = reverse("enforcement:case-document", args=[decided.pk, DocumentKind.PENALTY_DECISION.value])
    assert url == f"/cases/{decided.pk}/documents/penalty_decision.docx"
    response = client_for(town.officer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == documents.CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert "%E8%A1%8C%E6%94%BF" in response["Content-Disposition"]  # 行政, RFC 5987 encoded
    assert DECISION_NUMBER in text_of(response.content)


def test_another_towns_admin_gets_404(town, decided):
    url = reverse("enforcement:case-document", args=[decided.pk, "penalty_decision"])
    assert client_for(town.other_admin).get(url).status_code == 404


def test_a_document_not_yet_available_gives_422_with_the_reason(town, decided):
    url = reverse("enforcement:case-document", args=[decided.pk, "service_receipt"])
    response = client_for(town.officer).get(url)
    assert response.status_code == 422
    assert "行政处罚决定书尚未送达，还没有送达回证。" in response.content.decode()


def test_an_unknown_kind_is_404(town, decided):
    assert client_for(town.officer).get(f"/cases/{decided.pk}/documents/secret.docx").status_code == 404


def test_an_administrator_replaces_a_template_and_restores_the_bundled_one(town, decided):
    kind = DocumentKind.PENALTY_DECISION
    with pytest.raises(PermissionDenied):
        services.replace_document_template(
            town.officer, kind=kind.value, stream=io.BytesIO(docx_with("x")), original_name="a.docx"
        )
    with pytest.raises(InvalidInput, match="没有的变量"):
        services.replace_document_template(
            town.admin, kind=kind.value, stream=io.BytesIO(docx_with("{{ salary }}")), original_name="a.docx"
        )
    assert not DocumentTemplate.objects.exists()
    assert not StoredBlob.objects.filter(size=len(docx_with("{{ salary }}"))).exists()

    services.replace_document_template(
        town.admin,
        kind=kind.value,
        stream=io.BytesIO(docx_with("镇模板：{{ fine }}元")),
        original_name="决定书.docx",
    )
    assert text_of(documents.render(decided, kind)).strip() == "镇模板：2,000元"
    assert Event.objects.filter(action="enforcement.template.replaced").count() == 1

    # A district's template adopted later does not displace the town's own.
    district_template(town, kind, docx_with("区模板：{{ party_name }}"))
    assert text_of(documents.render(decided, kind)).strip() == "镇模板：2,000元"

    assert services.restore_bundled_template(town.admin, kind=kind.value) == 1
    assert text_of(documents.render(decided, kind)).startswith("区模板")


def test_the_template_page_uploads_and_refuses_a_spreadsheet(town):
    admin = Client()
    admin.force_login(town.admin)
    page = admin.get("/cases/templates/").content.decode()
    assert "行政处罚决定书" in page
    assert "{{ decision_number }}" in page
    refused = admin.post(
        "/cases/templates/",
        {"kind": "penalty_decision", "file": SimpleUploadedFile("a.docx", spreadsheet())},
    )
    assert refused.status_code == 422
    assert "不是 Word 文档" in refused.content.decode()
    done = admin.post(
        "/cases/templates/",
        {"kind": "penalty_decision", "file": SimpleUploadedFile("b.docx", docx_with("{{ party_name }}"))},
        follow=True,
    )
    assert "已启用新的“行政处罚决定书”模板" in done.content.decode()
    assert admin.get("/cases/templates/penalty_decision/bundled.docx").status_code == 200
