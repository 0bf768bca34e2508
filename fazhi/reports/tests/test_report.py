"""The annual report from draft to portal: figures from the records, live in a draft and linked to the
rows they count; unknown placeholders refused; the shortcomings the indicators suggest, decided by the
head; 定稿 refused before the year is over, then frozen with the ledger size and a checkpoint; 公开 on
the portal; the .docx in the official layout; another town sees nothing; the reminder before 1 April."""

import datetime
import io
import json
import re
from decimal import Decimal

import docx
import pytest
from django.test import Client
from django.utils import timezone
from docx.shared import Pt

from conftest import make_staff
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.models import Notification
from fazhi.core.roles import Role
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind, TrainingKind
from fazhi.ledger.models import Checkpoint, Event
from fazhi.reports import rules, selectors, services
from fazhi.reports.models import AnnualReport, ParagraphWording, ReportStatus
from fazhi.testing.reports import finalised

TODAY = timezone.localdate()
LAST_YEAR = TODAY.year - 1


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    return world


def study(town, kind=StudyKind.CENTRAL_GROUP, day=datetime.date(LAST_YEAR, 3, 2), laws="宪法、民法典"):
    return learning.record_study_session(
        town.admin,
        learning.StudyInput(
            kind=kind, held_on=day, topic="专题学习", laws=laws, lecturer="镇党委书记", attendees=[town.head]
        ),
        materials=[],
    )


def training(town, kind=TrainingKind.RECORDING_EQUIPMENT):
    return learning.record_training(
        town.admin,
        learning.TrainingInput(
            kind=kind,
            held_on=datetime.date(LAST_YEAR, 5, 6),
            topic="执法记录仪使用培训",
            hours=Decimal(3),
            trainer="区综合执法局",
            attendees=[town.officer],
        ),
        materials=[],
    )


def paragraph(report, key):
    return report.paragraphs.get(key=key)


def text_of(response) -> str:
    """A page's text as read, without its tags."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_a_draft_states_the_figures_from_the_records_and_links_each_to_its_rows(town):
    first = study(town)
    second = study(town, kind=StudyKind.EXECUTIVE_MEETING, day=datetime.date(LAST_YEAR, 9, 9), laws="民法典")
    study(town, kind=StudyKind.LECTURE)  # a lecture is not one of the report's 专题学法 kinds
    study(town, day=datetime.date(TODAY.year, 1, 5))  # nor is this year's session
    report = services.draft_report(town.head, year=LAST_YEAR)
    assert report.title == f"辛口镇{LAST_YEAR}年度法治政府建设情况报告"
    assert list(dict.fromkeys(report.paragraphs.values_list("section", flat=True))) == [
        "duty",
        "measures",
        "shortcomings",
        "plans",
    ]
    page = client_for(town.head).get(f"/reports/{report.pk}/").content.decode()
    assert "全年共组织各类专题学法活动" in page
    assert f'href="/reports/{report.pk}/figures/study_sessions/"' in page
    assert "集中学习" in page
    assert "集中学习<a" in page
    assert "《民法典》</a>等内容" in page
    rows = client_for(town.head).get(f"/reports/{report.pk}/figures/study_sessions/").content.decode()
    assert 'data-testid="figure-value">2次<' in rows
    assert f"/learning/study/{first.pk}/" in rows
    assert f"/learning/study/{second.pk}/" in rows
    assert rows.count("专题学习") >= 2


def test_an_unknown_placeholder_is_refused_and_the_text_stays(town):
    report = services.draft_report(town.head, year=LAST_YEAR)
    lead = paragraph(report, "duty.study")
    before = lead.text
    with pytest.raises(InvalidInput) as raised:
        services.edit_paragraph(town.admin, lead, text="全年学法{study_sesions}，培训{trainings}。")
    assert raised.value.message == "无法识别的数据占位符：{study_sesions}、{trainings}。请从数据清单中选用。"
    lead.refresh_from_db()
    assert lead.text == before
    assert not Event.objects.filter(action="reports.paragraph.edited").exists()
    with pytest.raises(InvalidInput):
        services.draft_report(town.head, year=LAST_YEAR)
    with pytest.raises(InvalidInput):
        services.draft_report(town.head, year=TODAY.year + 1)
    assert AnnualReport.objects.count() == 1


def test_a_suggested_shortcoming_is_decided_by_the_head_before_finalising(town, spelled_out_prompts):
    training(town)
    report = services.draft_report(town.head, year=LAST_YEAR)
    shown = text_of(client_for(town.head).get(f"/reports/{report.pk}/"))
    assert "【建议（待负责人确认）】法治教育培训不够常态化，组织全员法治培训次数较少。" in shown
    with pytest.raises(PermissionDenied):
        services.decide_suggestion(town.admin, report, prompt_key="training_rare", decision="confirmed")
    services.decide_suggestion(
        town.head,
        report,
        prompt_key="training_rare",
        decision="reworded",
        text="法治教育培训不够常态化，组织全员法治培训次数较少（全年{trainings_all_staff}）。原因是培训计划未落实。",
    )
    raised = selectors.suggestions_of(report, selectors.values_of(report))
    assert [(s.key, s.status) for s in raised] == [
        ("training_hours", "undecided"),
        ("training_rare", "reworded"),
        ("device_gap", "undecided"),
    ]
    services.decide_suggestion(town.head, report, prompt_key="device_gap", decision="confirmed")

    # 定稿 waits for every suggestion; the refusal changes nothing.
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.finalise_report(town.head, report)
    assert (
        refused.value.message == "“存在的不足”中还有1条建议待负责人确认、改写或不采纳，请逐条决定后再定稿。"
    )
    assert refused.value.citation == rules.DRAFTING_RULES
    report.refresh_from_db()
    assert (report.status, report.figures, report.ledger_size) == (ReportStatus.DRAFT, {}, None)
    assert set(report.paragraphs.values_list("rendered", flat=True)) == {""}
    assert Event.objects.count() == events
    assert not Checkpoint.objects.exists()
    with pytest.raises(PermissionDenied):
        services.finalise_report(town.admin, report)
    services.decide_suggestion(town.head, report, prompt_key="training_hours", decision="dropped")
    # Then the sentences no figure backs, confirmed by the head.
    with pytest.raises(RuleViolation) as unconfirmed:
        services.finalise_report(town.head, report)
    assert "本镇自述" in unconfirmed.value.message
    services.confirm_statements(town.head, report)
    frozen = services.finalise_report(town.head, report)
    assert frozen.status == ReportStatus.FINAL
    assert frozen.figures["trainings_recording"]["display"] == "1次"
    assert frozen.figures["trainings_all_staff"]["value"] == 0
    taken = report.suggestions.get(prompt="training_rare")
    assert (
        taken.rendered
        == "（一）法治教育培训不够常态化，组织全员法治培训次数较少（全年0次）。原因是培训计划未落实。"
    )
    # Its plan joined its standing area of 四, frozen there.
    assert taken.rendered_plan == ""
    publicity = report.paragraphs.get(key="plans.publicity").rendered
    assert publicity.startswith("（二）继续抓好全民法治意识提升工作。")
    assert publicity.endswith("常态化组织全员法治培训，每年不少于2次。")
    confirmed = report.suggestions.get(prompt="device_gap")
    assert confirmed.rendered == "（二）执法记录仪配备尚未全覆盖，部分执法人员没有在用的执法记录仪。"
    assert "原因" not in confirmed.rendered  # the request for the reason is not printed
    assert report.suggestions.get(prompt="training_hours").rendered_plan == ""
    event = Event.objects.get(action="reports.report.finalised")
    assert json.loads(event.entry)["payload"]["ledger_size"] == frozen.ledger_size == event.sequence
    assert Checkpoint.objects.filter(tree_size__gt=event.sequence).exists()

    # The records change; the finalised report does not, and its rows page says so.
    training(town, kind=TrainingKind.ALL_STAFF)
    page = text_of(client_for(town.head).get(f"/reports/{report.pk}/"))
    assert "（一）法治教育培训不够常态化，组织全员法治培训次数较少（全年0次）。原因是培训计划未落实。" in page
    assert "待负责人确认" not in page
    rows = client_for(town.head).get(f"/reports/{report.pk}/figures/trainings_all_staff/").content.decode()
    assert "定稿时的数值为 0次" in rows
    with pytest.raises(RuleViolation):
        services.decide_suggestion(town.head, report, prompt_key="training_rare", decision="dropped")


def test_this_years_report_is_not_finalised_before_the_year_is_over(town):
    report = services.draft_report(town.head, year=TODAY.year)
    with pytest.raises(RuleViolation) as raised:
        services.finalise_report(town.head, report)
    assert raised.value.message == f"{TODAY.year}年度尚未结束，年度报告须在次年定稿。"


def test_the_published_report_is_on_the_portal_and_its_docx_has_the_official_layout(town):
    study(town)
    report = services.draft_report(town.head, year=LAST_YEAR)
    with pytest.raises(RuleViolation):
        services.publish_report(town.head, report)
    finalised(town.head, report)
    services.publish_report(town.head, report)
    citizen = Client()
    listing = citizen.get("/gongshi/baogao/").content.decode()
    assert report.title in listing
    public = citizen.get(f"/gongshi/baogao/{report.pk}/").content.decode()
    assert "全年共组织各类专题学法活动1次" in public
    download = citizen.get(f"/gongshi/baogao/{report.pk}/report.docx")
    document = docx.Document(io.BytesIO(download.content))
    section = document.sections[0]
    assert section.page_width is not None
    assert section.top_margin is not None
    assert section.left_margin is not None
    assert (round(section.page_width.mm), round(section.top_margin.mm), round(section.left_margin.mm)) == (
        210,
        37,
        28,
    )
    styles = {
        paragraph.text: paragraph.style for paragraph in document.paragraphs if paragraph.style is not None
    }
    assert styles[report.title].font.size == Pt(22)
    heading = styles["一、履行推进法治建设第一责任人职责情况"]
    assert heading.name == "一级标题"
    assert (
        heading.element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "黑体"
    )
    assert styles["（一）完善制度体系，着力提高依法行政能力"].name == "二级标题"
    body = next(text for text in styles if text.startswith("强化学习教育"))
    assert "全年共组织各类专题学法活动1次" in body
    assert document.styles["Normal"].font.size == Pt(16)
    footer = document.sections[0].footer.paragraphs[0]
    assert "PAGE" in footer._p.xml


def test_another_town_sees_nothing_and_a_supervisor_reads(town):
    report = services.draft_report(town.head, year=LAST_YEAR)
    other = client_for(town.other_admin)
    assert other.get(f"/reports/{report.pk}/").status_code == 404
    assert other.get(f"/reports/{report.pk}/report.docx").status_code == 404
    assert (
        other.get(f"/reports/figures/study_sessions/?org={town.town.pk}&year={LAST_YEAR}").status_code == 404
    )
    assert Client().get(f"/gongshi/baogao/{report.pk}/").status_code == 404  # a draft is not public
    supervisor = client_for(town.supervisor)
    assert supervisor.get(f"/reports/{report.pk}/").status_code == 200
    assert supervisor.post(f"/reports/{report.pk}/finalise/").status_code == 403
    lead = paragraph(report, "duty.study")
    with pytest.raises(Exception):  # noqa: B017,PT011 (NotFoundOrHidden or PermissionDenied: either refuses)
        services.edit_paragraph(town.other_admin, lead, text="改写")
    assert paragraph(report, "duty.study").text == lead.text


def test_heads_are_reminded_in_march_until_last_years_report_is_public(town):
    year = LAST_YEAR
    march = datetime.date(year + 1, 3, 15)
    assert services.send_report_reminders(today=march).towns == 2  # 辛口镇 and 杨柳青镇
    reminded = Notification.objects.filter(recipient=town.head).get()
    assert (
        reminded.text == f"{year}年度法治政府建设情况报告应于 {year + 1}-03-31 前向社会公开，目前尚未公开。"
    )
    assert services.send_report_reminders(today=march).towns == 2
    assert Notification.objects.filter(recipient=town.head).count() == 1  # once a day
    assert services.send_report_reminders(today=datetime.date(year + 1, 2, 1)).towns == 0
    assert services.send_report_reminders(today=datetime.date(year + 1, 4, 1)).towns == 0


def test_an_administrator_rewords_a_paragraph_for_later_drafts(town):
    with pytest.raises(InvalidInput):
        services.set_wording(town.admin, key="duty.study", text="学法{nonsense}次")
    assert not ParagraphWording.objects.exists()
    services.set_wording(
        town.admin, key="duty.study", text="{organisation}全年开展专题学法{study_sessions}。"
    )
    with pytest.raises(PermissionDenied):
        services.set_wording(town.head, key="duty.study", text="x")
    report = services.draft_report(town.head, year=LAST_YEAR)
    assert paragraph(report, "duty.study").text == "{organisation}全年开展专题学法{study_sessions}。"
    page = client_for(town.head).get(f"/reports/{report.pk}/").content.decode()
    assert "辛口镇全年开展专题学法" in page


def test_the_list_offers_only_what_the_reader_may_open(town):
    counsel = make_staff(town.system, town.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    reader = client_for(counsel).get("/reports/").content.decode()
    assert "监督看板" not in reader
    assert "段落模板" not in reader
    assert "生成草稿" not in reader
    admin = client_for(town.admin).get("/reports/").content.decode()
    assert "监督看板" in admin
    assert "段落模板" in admin
    assert client_for(counsel).get("/reports/dashboard/").status_code == 403


def test_the_published_reports_page_and_docx_pass_the_public_text_gate(town):
    """A paragraph naming a petitioner and a phone reaches the portal masked, page and .docx alike; the
    staff's own .docx keeps the text as written."""
    report = services.draft_report(town.head, year=LAST_YEAR)
    services.add_paragraph(
        town.head, report, section="other", text="信访人丁国华（电话13911112222）反映的问题已于当年办结。"
    )
    finalised(town.head, report)
    services.publish_report(town.head, report)
    citizen = Client()
    page = citizen.get(f"/gongshi/baogao/{report.pk}/").content.decode()
    download = citizen.get(f"/gongshi/baogao/{report.pk}/report.docx")
    public_docx = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    for shown in (page, public_docx):
        assert "信访人丁某某（电话（已隐去））反映的问题已于当年办结。" in shown
        assert "丁国华" not in shown
        assert "13911112222" not in shown
    staff = Client()
    staff.force_login(town.head)
    own = staff.get(f"/reports/{report.pk}/report.docx")
    assert "丁国华" in "\n".join(p.text for p in docx.Document(io.BytesIO(own.content)).paragraphs)
