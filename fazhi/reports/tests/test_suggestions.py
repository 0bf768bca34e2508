"""The shortcomings the figures suggest for 三: each undecided until the head confirms, rewords or drops
it (page, API, service alike); 三 lists what was taken, numbered, or says in a sentence that nothing was;
四 follows with the plans; 定稿 waits for every decision and its refusal changes nothing; a prompt the
records raise later is undecided again; the command line lists every prompt and what the draft did."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from conftest import make_staff
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.roles import Role
from fazhi.learning import services as learning
from fazhi.learning.models import TrainingKind
from fazhi.ledger.models import Event
from fazhi.reports import rules, selectors, services, wording
from fazhi.reports.models import ReportStatus, ReportSuggestion
from fazhi.testing.reports import finalised

LAST_YEAR = timezone.localdate().year - 1
INTRO_END = "还有一定差距。"


@pytest.fixture
def town(world, spelled_out_prompts):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    return world


def training(town, kind=TrainingKind.RECORDING_EQUIPMENT, day=datetime.date(LAST_YEAR, 5, 6)):
    return learning.record_training(
        town.admin,
        learning.TrainingInput(
            kind=kind,
            held_on=day,
            topic="法治培训",
            hours=Decimal(3),
            trainer="区司法所",
            attendees=[town.officer],
        ),
        materials=[],
    )


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def text_of(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def statuses(report) -> dict[str, str]:
    return {s.key: s.status for s in selectors.suggestions_of(report, selectors.values_of(report))}


def section_lines(report, key: str) -> list[str]:
    values, context = selectors.values_of(report), selectors.context_of(report)
    section = next(s for s in selectors.sections_of(report, values) if s.key == key)
    return [wording.fill(line.text, values, context) for line in section.paragraphs]


def test_the_rules_number_items_and_close_a_lead_left_on_its_colon():
    assert [rules.chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert rules.numbered(2, "（七）落实制度。") == "（二）落实制度。"
    assert rules.numbered(1, "落实制度。") == "（一）落实制度。"
    assert rules.closed("取得成效。主要表现为：", "未发现。") == "取得成效。未发现。"
    assert rules.closed("主要表现为：", "未发现。") == "未发现。"
    assert rules.closed("取得成效。", "未发现。") == "取得成效。"
    assert rules.closed("持续推进，重点抓好以下环节：", "") == "持续推进，重点抓好以下环节。"


def test_a_section_emptied_or_left_on_a_colon_reads_as_sentences_and_holds_up_the_final_text(town):
    report = services.draft_report(town.head, year=LAST_YEAR)
    for paragraph in report.paragraphs.filter(section="plans").exclude(key="plans.intro"):
        services.remove_paragraph(town.head, paragraph)
    services.add_paragraph(town.head, report, section="other", text="另有以下情况：")
    assert section_lines(report, "plans") == [
        f"{LAST_YEAR + 1}年，辛口镇将坚持以习近平法治思想为指导，持续推进法治政府建设工作，重点抓好以下环节。"
    ]
    assert section_lines(report, "other") == ["另有以下情况。"]
    for paragraph in report.paragraphs.filter(section="duty"):
        services.remove_paragraph(town.head, paragraph)
    assert section_lines(report, "duty") == [rules.EMPTY_SECTION]
    for key in statuses(report):
        services.decide_suggestion(town.head, report, prompt_key=key, decision="dropped")
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.finalise_report(town.head, report)
    assert refused.value.message == "报告的“一、履行推进法治建设第一责任人职责情况”没有内容，请填写后再定稿。"
    assert Event.objects.count() == events
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_draft_marks_its_suggestions_and_the_head_decides_each_on_the_page(town):
    training(town)
    report = services.draft_report(town.head, year=LAST_YEAR)
    assert statuses(report) == {
        "device_gap": "undecided",
        "training_rare": "undecided",
        "training_hours": "undecided",
    }
    page = text_of(client_for(town.head).get(f"/reports/{report.pk}/"))
    assert page.count("建议（待负责人确认）") >= 6  # each in 三, and each in the list to decide
    assert "主要表现为：" in page  # followed by the suggestions, marked
    head = client_for(town.head)
    assert (
        head.post(f"/reports/{report.pk}/suggestions/device_gap/", {"decision": "confirmed"}).status_code
        == 302
    )
    assert (
        head.post(f"/reports/{report.pk}/suggestions/training_hours/", {"decision": "dropped"}).status_code
        == 302
    )
    refused = head.post(f"/reports/{report.pk}/suggestions/training_rare/", {"decision": "maybe"})
    assert refused.status_code == 422
    assert "请选择确认或不采纳。" in refused.content.decode()
    reword = head.get(f"/reports/{report.pk}/suggestions/training_rare/reword/").content.decode()
    assert "【全员法治培训】" in reword
    assert "{trainings_all_staff}" not in reword
    unfinished = head.post(
        f"/reports/{report.pk}/suggestions/training_rare/reword/",
        {"text": "全员培训偏少（全年【全员法治培训】）。原因：（请写明原因）"},
    )
    assert "请把“（请写明原因）”换成实际的原因。" in unfinished.content.decode()
    head.post(
        f"/reports/{report.pk}/suggestions/training_rare/reword/",
        {"text": "全员培训偏少（全年【全员法治培训】），原因是培训计划未落实。"},
    )
    assert statuses(report) == {
        "device_gap": "confirmed",
        "training_rare": "reworded",
        "training_hours": "dropped",
    }
    assert section_lines(report, "shortcomings")[1:] == [
        "（一）全员培训偏少（全年0次），原因是培训计划未落实。",
        "（二）执法记录仪配备尚未全覆盖，部分执法人员没有在用的执法记录仪。",
    ]
    plans = section_lines(report, "plans")
    assert plans[0].endswith("重点抓好以下环节：")
    # Each plan joins its standing area: 四 keeps its five.
    numbers = ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert [line[:3] for line in plans[1:]] == numbers
    assert plans[2].startswith("（二）继续抓好全民法治意识提升工作。")
    assert plans[2].endswith("常态化组织全员法治培训，每年不少于2次。")
    assert plans[4].startswith("（四）继续加强行政执法体系建设。")
    assert plans[4].endswith("为全部执法人员和辅助执法人员配齐执法记录仪，落实执法全过程记录。")
    # Without its area, a plan is an item of its own, numbered on.
    services.remove_paragraph(town.head, report.paragraphs.get(key="plans.publicity"))
    plans = section_lines(report, "plans")
    assert [line[:3] for line in plans[1:]] == numbers
    assert plans[5] == "（五）常态化组织全员法治培训，每年不少于2次。"
    assert (
        list(Event.objects.filter(action="reports.suggestion.decided").values_list("action", flat=True))
        == ["reports.suggestion.decided"] * 3
    )
    row = ReportSuggestion.objects.get(prompt="device_gap")
    assert (row.decided_by, row.decided_at is not None) == (town.head, True)


def test_with_nothing_taken_the_section_says_so_in_a_sentence(town):
    training(town)
    report = services.draft_report(town.head, year=LAST_YEAR)
    finalised(town.head, report, decision="dropped")
    lines = section_lines(report, "shortcomings")
    assert lines == [
        f"{LAST_YEAR}年，辛口镇法治政府建设工作虽然取得了一定成效，但离人民群众期待{INTRO_END}{rules.NO_SHORTCOMINGS}"
    ]
    page = text_of(client_for(town.head).get(f"/reports/{report.pk}/"))
    assert "主要表现为：" not in page
    assert "待负责人确认" not in page


def test_only_the_head_decides_and_only_in_a_draft_and_refusals_change_nothing(town):
    training(town)
    report = services.draft_report(town.head, year=LAST_YEAR)
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        services.decide_suggestion(town.admin, report, prompt_key="device_gap", decision="confirmed")
    with pytest.raises(InvalidInput):
        services.decide_suggestion(town.head, report, prompt_key="device_gap", decision="maybe")
    with pytest.raises(InvalidInput) as unknown:
        services.decide_suggestion(
            town.head, report, prompt_key="device_gap", decision="reworded", text="配备率{nope}"
        )
    assert unknown.value.message == "无法识别的数据占位符：{nope}。请从数据清单中选用。"
    with pytest.raises(InvalidInput) as not_raised:
        services.decide_suggestion(town.head, report, prompt_key="publication_late", decision="confirmed")
    assert not_raised.value.message == "记录已变化，数据不再提示这一不足，无需决定。"
    assert (
        client_for(town.admin)
        .post(f"/reports/{report.pk}/suggestions/device_gap/", {"decision": "dropped"})
        .status_code
        == 403
    )
    assert (
        client_for(town.other_admin).get(f"/reports/{report.pk}/suggestions/device_gap/reword/").status_code
        == 403
    )
    assert client_for(town.head).get(f"/reports/{report.pk}/suggestions/no_such/reword/").status_code == 404
    assert not ReportSuggestion.objects.exists()
    assert Event.objects.count() == events

    # 定稿 refused while one is undecided: nothing frozen, nothing recorded.
    services.decide_suggestion(town.head, report, prompt_key="device_gap", decision="confirmed")
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.finalise_report(town.head, report)
    assert refused.value.citation == rules.DRAFTING_RULES
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert (report.figures, report.ledger_size, report.finalised_at) == ({}, None, None)
    assert set(ReportSuggestion.objects.values_list("rendered", flat=True)) == {""}
    assert Event.objects.count() == events
    page = client_for(town.head).post(f"/reports/{report.pk}/finalise/")
    assert page.status_code == 422
    assert "还有2条建议待负责人确认" in page.content.decode()


def test_a_prompt_raised_after_the_decisions_is_undecided_and_holds_up_the_final_text(town):
    """Two all-staff trainings meet the target of two: no "training_rare" prompt. Once the target is three
    (the facts the prompt reads have changed), the prompt is raised, undecided, beside the decisions."""
    for month in (3, 9):
        training(town, kind=TrainingKind.ALL_STAFF, day=datetime.date(LAST_YEAR, month, 6))
    report = services.draft_report(town.head, year=LAST_YEAR)
    before = statuses(report)
    assert "training_rare" not in before
    for key in before:
        services.decide_suggestion(town.head, report, prompt_key=key, decision="dropped")
    with override_settings(REPORT_ALL_STAFF_TRAININGS_TARGET=3):
        after = statuses(report)
        assert after == {**dict.fromkeys(before, "dropped"), "training_rare": "undecided"}
        page = text_of(client_for(town.head).get(f"/reports/{report.pk}/"))
        assert "【建议（待负责人确认）】法治教育培训不够常态化" in page
        with pytest.raises(RuleViolation):
            services.finalise_report(town.head, report)


def test_the_command_line_lists_every_prompt_and_never_leaves_a_section_on_a_colon(town):
    training(town)
    out = io.StringIO()
    call_command("annual_report", org="辛口镇", year=LAST_YEAR, json=None, stdout=out)
    text = out.getvalue()
    assert "主要表现为：\n【建议（待负责人确认）】严格规范公正文明执法有待进一步强化" in text
    assert_no_section_ends_on_a_colon(text)

    out = io.StringIO()
    call_command("annual_report", "--org", "辛口镇", "--year", str(LAST_YEAR), "--json", stdout=out)
    data = json.loads(
        out.getvalue().rsplit("\n", 1)[0] if not out.getvalue().startswith("{") else out.getvalue()
    )
    assert [(p["prompt"], p["status"], p["taken"]) for p in data["prompts"]] == [
        ("training_hours", "undecided", False),
        ("training_rare", "undecided", False),
        ("device_gap", "undecided", False),
    ]

    report = services.draft_report(town.head, year=LAST_YEAR)
    services.decide_suggestion(town.head, report, prompt_key="device_gap", decision="confirmed")
    services.decide_suggestion(town.head, report, prompt_key="training_rare", decision="dropped")
    out = io.StringIO()
    call_command("annual_report", "--org", "辛口镇", "--year", str(LAST_YEAR), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert [(p["prompt"], p["status"], p["taken"]) for p in data["prompts"]] == [
        ("training_hours", "undecided", False),
        ("training_rare", "dropped", False),
        ("device_gap", "confirmed", True),
    ]
    services.decide_suggestion(town.head, report, prompt_key="training_hours", decision="dropped")
    services.decide_suggestion(town.head, report, prompt_key="device_gap", decision="dropped")
    out = io.StringIO()
    call_command("annual_report", org="辛口镇", year=LAST_YEAR, stdout=out)
    lines = out.getvalue().splitlines()
    shortcomings = lines[lines.index("三、存在的不足和原因") + 1]
    assert shortcomings.endswith(rules.NO_SHORTCOMINGS)
    assert "主要表现为：" not in out.getvalue()
    assert_no_section_ends_on_a_colon(out.getvalue())


def assert_no_section_ends_on_a_colon(text: str) -> None:
    """Each section's last line (the one before the next title, or the summary line) is a sentence."""
    lines = text.splitlines()
    titles = [index for index, line in enumerate(lines) if line in dict(rules.SECTIONS).values()]
    assert len(titles) >= 4
    for title, end in zip(titles, [*titles[1:], len(lines) - 1], strict=True):
        body = lines[title + 1 : end]
        assert body, lines[title]
        assert not body[-1].rstrip().endswith(("：", ":")), body[-1]
