"""The command line writes the same report and its figures (each with its query) for a town or for
every town of a district; the API drafts, edits, refuses, finalises and publishes as the pages do."""

import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind
from fazhi.reports import rules, services
from fazhi.testing.reports import finalised

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.town.division_code = "120111104"
    world.town.save()
    for day in (3, 4, 5):
        learning.record_study_session(
            world.admin,
            learning.StudyInput(
                kind=StudyKind.CENTRAL_GROUP,
                held_on=timezone.localdate().replace(year=LAST_YEAR, month=3, day=day),
                topic="专题学习",
                laws="宪法",
                lecturer="书记",
                attendees=[world.admin],
            ),
            materials=[],
        )
    return world


def test_the_command_writes_the_report_and_its_figures_with_their_queries(town, tmp_path: Path):
    out_docx, out_json = tmp_path / "report.docx", tmp_path / "report.json"
    call_command("annual_report", org="120111104", year=LAST_YEAR, docx=str(out_docx), json=str(out_json))
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["title"] == f"辛口镇{LAST_YEAR}年度法治政府建设情况报告"
    assert data["status"] == "未保存的草稿"
    figures = {figure["key"]: figure for figure in data["figures"]}
    assert figures["study_sessions"]["value"] == 3
    assert figures["study_sessions"]["display"] == "3次"
    assert "learning_studysession" in figures["study_sessions"]["query"]
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(out_docx)).paragraphs)
    assert "全年共组织各类专题学法活动3次" in text

    # Once drafted and finalised, the command writes the frozen report.
    report = services.draft_report(town.head, year=LAST_YEAR)
    finalised(town.head, report)
    call_command("annual_report", org="辛口镇", year=LAST_YEAR, json=str(out_json))
    assert json.loads(out_json.read_text(encoding="utf-8"))["status"] == "已定稿"


def test_a_district_writes_each_towns_report_in_one_batch(town, tmp_path: Path):
    call_command(
        "annual_report", org="西青区", year=LAST_YEAR, docx=str(tmp_path), json=str(tmp_path), each_town=True
    )
    names = {path.name for path in tmp_path.iterdir()}
    assert names == {
        f"120111104-辛口镇-{LAST_YEAR}.docx",
        f"120111104-辛口镇-{LAST_YEAR}.json",
        f"{town.other_town.pk}-杨柳青镇-{LAST_YEAR}.docx",
        f"{town.other_town.pk}-杨柳青镇-{LAST_YEAR}.json",
    }
    other = json.loads(
        (tmp_path / f"{town.other_town.pk}-杨柳青镇-{LAST_YEAR}.json").read_text(encoding="utf-8")
    )
    assert {figure["key"]: figure["value"] for figure in other["figures"]}["study_sessions"] == 0


def test_the_command_refuses_an_unknown_organisation_and_a_missing_directory(town, tmp_path: Path):
    with pytest.raises(CommandError, match="没有区划码或名称为“不存在镇”的组织机构"):
        call_command("annual_report", org="不存在镇", year=LAST_YEAR)
    with pytest.raises(CommandError, match="输出目录不存在"):
        call_command("annual_report", org="辛口镇", year=LAST_YEAR, json=str(tmp_path / "no" / "x.json"))


def test_the_api_drafts_edits_refuses_finalises_and_publishes(town):
    client = Client()
    client.force_login(town.head)
    drafted = client.post("/api/v1/reports", {"year": LAST_YEAR}, content_type="application/json")
    assert drafted.status_code == 201
    body = drafted.json()
    report_id = body["report"]["id"]
    figures = {figure["key"]: figure for figure in body["figures"]}
    assert figures["study_sessions"]["value"] == 3
    lead = next(paragraph for paragraph in body["paragraphs"] if paragraph["key"] == "duty.study")
    refused = client.put(
        f"/api/v1/reports/{report_id}/paragraphs/{lead['id']}",
        {"text": "{nope}"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["message"] == "无法识别的数据占位符：{nope}。请从数据清单中选用。"
    blank = client.put(
        f"/api/v1/reports/{report_id}/paragraphs/{lead['id']}",
        {"text": " \n"},
        content_type="application/json",
    )
    assert blank.json()["extra"]["fields"] == {"text": "请填写段落文字。"}
    elsewhere = client.post(
        f"/api/v1/reports/{report_id}/paragraphs",
        {"section": "appendix", "text": "新增段落。"},
        content_type="application/json",
    )
    assert elsewhere.json()["extra"]["fields"] == {"section": "请选择报告的部分。"}
    edited = client.put(
        f"/api/v1/reports/{report_id}/paragraphs/{lead['id']}",
        {"text": "全年学法{study_sessions}。"},
        content_type="application/json",
    )
    filled = next(paragraph for paragraph in edited.json()["paragraphs"] if paragraph["key"] == "duty.study")
    assert filled["filled"] == "全年学法3次。"
    # 定稿 waits for the head's decision on every suggested shortcoming.
    refused = client.post(f"/api/v1/reports/{report_id}/finalise")
    assert refused.status_code == 422
    assert refused.json()["citation"] == rules.DRAFTING_RULES
    suggestions = client.get(f"/api/v1/reports/{report_id}/suggestions").json()
    assert suggestions
    assert {s["status"] for s in suggestions} == {"undecided"}
    assert {s["status_label"] for s in suggestions} == {"建议（待负责人确认）"}
    first, *rest = [s["prompt"] for s in suggestions]
    bad = client.post(
        f"/api/v1/reports/{report_id}/suggestions/{first}",
        {"decision": "maybe"},
        content_type="application/json",
    )
    assert bad.json()["extra"]["fields"] == {"decision": "请选择确认、改写或不采纳。"}
    unworded = client.post(
        f"/api/v1/reports/{report_id}/suggestions/{first}",
        {"decision": "reworded", "text": " "},
        content_type="application/json",
    )
    assert unworded.status_code == 422
    assert unworded.json()["message"] == "请填写改写后的文字。"
    unknown = client.post(
        f"/api/v1/reports/{report_id}/suggestions/no_such_prompt",
        {"decision": "dropped"},
        content_type="application/json",
    )
    assert unknown.status_code == 404
    reworded = client.post(
        f"/api/v1/reports/{report_id}/suggestions/{first}",
        {"decision": "reworded", "text": "全员培训偏少（全年{trainings_all_staff}），原因是计划未落实。"},
        content_type="application/json",
    ).json()
    decided = {s["prompt"]: s for s in reworded["suggestions"]}
    assert decided[first]["status"] == "reworded"
    assert decided[first]["shortcoming"] == "全员培训偏少（全年0次），原因是计划未落实。"
    assert decided[first]["decided_by"] == "李镇长"
    for prompt in rest:
        client.post(
            f"/api/v1/reports/{report_id}/suggestions/{prompt}",
            {"decision": "dropped"},
            content_type="application/json",
        )
    refused = client.post(f"/api/v1/reports/{report_id}/finalise")
    assert refused.status_code == 422
    assert "本镇自述" in refused.json()["message"]
    pending = [p for p in refused_detail(client, report_id) if p["unconfirmed_statements"]]
    assert pending
    one = client.post(
        f"/api/v1/reports/{report_id}/statements/confirm",
        {"paragraph": pending[0]["id"]},
        content_type="application/json",
    ).json()
    assert [p["unconfirmed_statements"] for p in one["paragraphs"] if p["id"] == pending[0]["id"]] == [[]]
    absurd = client.post(
        f"/api/v1/reports/{report_id}/statements/confirm",
        {"paragraph": 10**30},
        content_type="application/json",
    )
    assert absurd.status_code == 422
    client.post(f"/api/v1/reports/{report_id}/statements/confirm", {}, content_type="application/json")
    assert client.post(f"/api/v1/reports/{report_id}/finalise").json()["report"]["status"] == "final"
    assert client.post(f"/api/v1/reports/{report_id}/publish").json()["report"]["status"] == "published"
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/api/v1/reports/{report_id}").status_code == 404
    assert other.get("/api/v1/reports-figures", {"org": town.town.pk, "year": LAST_YEAR}).status_code == 404
    mine = client.get("/api/v1/reports-figures", {"org": town.town.pk, "year": LAST_YEAR}).json()
    assert {figure["key"]: figure["display"] for figure in mine}["study_sessions"] == "3次"


def refused_detail(client, report_id):
    """The report's paragraphs as the API gives them."""
    return client.get(f"/api/v1/reports/{report_id}").json()["paragraphs"]
