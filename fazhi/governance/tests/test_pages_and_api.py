"""依法治镇 over HTTP: the committee, a meeting recorded on its page with its 会议纪要 opened back as
.docx, the meetings page listing the 专题学法 the learning app records, a key task's page with its
steps, 反馈 with evidence, the head's 督办 and its answer; the API for the same; refused input in
Chinese with nothing written; another town's records hidden."""

import io
import json

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.governance import services
from fazhi.governance.models import KeyTask, Meeting, SupervisionNotice, TaskFeedback
from fazhi.learning import services as learning_services
from fazhi.ledger.models import Event
from fazhi.testing.api import refused_fields, token_client
from fazhi.testing.governance import DEPLOYED, TODAY, days
from fazhi.testing.pages import client_for, refused_form


def test_the_committee_and_its_members_on_the_overview(town):
    admin = client_for(town.admin)
    admin.post(
        "/governance/committee/", {"name": "辛口镇全面依法治镇委员会", "established_on": TODAY.isoformat()}
    )
    admin.post(
        "/governance/committee/members/new/",
        {"staff": town.head.pk, "position": "镇长", "role": "director", "joined_on": TODAY.isoformat()},
    )
    page = client_for(town.officer).get("/governance/").content.decode()
    assert "辛口镇全面依法治镇委员会" in page
    assert "主任" in page
    assert "李镇长" in page
    assert "部署重点工作" in page
    assert "依法治镇" in page  # the sidebar entry
    assert client_for(town.officer).get("/governance/committee/").status_code == 403


def test_a_meeting_on_its_page_and_its_minutes_opened_back(town):
    response = client_for(town.admin).post(
        "/governance/meetings/new/",
        {
            "kind": "committee",
            "held_on": TODAY.isoformat(),
            "title": "第一次全面依法治镇委员会会议",
            "presided_by": town.head.pk,
            "attendees": [town.head.pk, town.lead.pk],
            "other_attendees": "派出所所长赵某",
            "topics": "审议年度重点工作安排",
            "decisions": "通过年度重点工作安排\n明确各项任务责任单位",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记会议" in page
    assert "李镇长、刘主任、派出所所长赵某" in page
    meeting = Meeting.objects.get()
    download = client_for(town.officer).get(f"/governance/meetings/{meeting.pk}/minutes.docx")
    assert download.status_code == 200
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "第一次全面依法治镇委员会会议会议纪要" in text
    assert "明确各项任务责任单位" in text
    assert "出席：李镇长、刘主任、派出所所长赵某" in text
    assert (
        client_for(town.other_admin).get(f"/governance/meetings/{meeting.pk}/minutes.docx").status_code == 404
    )
    assert client_for(town.admin).get("/governance/meetings/999999999999999999/").status_code == 404


def test_a_meeting_refused_by_the_form_or_the_rules_writes_nothing(town):
    admin = client_for(town.admin)
    errors = refused_form(
        admin, "/governance/meetings/new/", {"kind": "nonsense", "held_on": "", "title": ""}
    )
    assert set(errors) >= {"kind", "held_on", "title", "topics", "decisions"}
    future = {
        "kind": "party",
        "held_on": (TODAY + days(1)).isoformat(),
        "title": "党委会",
        "attendees": [town.head.pk],
        "topics": "x",
        "decisions": "x",
    }
    response = admin.post("/governance/meetings/new/", future)
    assert response.status_code == 422
    assert "不能晚于今天" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_meetings_page_lists_the_studies_the_learning_app_records(town):
    learning_services.record_study_session(
        town.admin,
        learning_services.StudyInput(
            kind="central_group",
            held_on=TODAY,
            topic="学习民法典",
            laws="民法典",
            lecturer="",
            attendees=[town.head],
        ),
        materials=[],
    )
    page = client_for(town.head).get(f"/governance/meetings/?year={TODAY.year}").content.decode()
    assert "学法与培训中登记的专题学法活动（1 次）" in page
    assert "民法典" in page


def test_a_task_page_offers_each_person_their_steps(town, task):
    lead_page = client_for(town.lead).get(f"/governance/tasks/{task.pk}/").content.decode()
    steps = {name: f'href="/governance/tasks/{task.pk}/{name}/"' for name in ("feedback", "complete", "act")}
    assert steps["feedback"] in lead_page
    assert steps["complete"] in lead_page
    assert steps["act"] not in lead_page
    head_page = client_for(town.head).get(f"/governance/tasks/{task.pk}/").content.decode()
    assert steps["act"] in head_page
    assert steps["feedback"] not in head_page
    assert (
        "没有您可以办理的步骤"
        in client_for(town.officer).get(f"/governance/tasks/{task.pk}/").content.decode()
    )
    assert client_for(town.other_admin).get(f"/governance/tasks/{task.pk}/").status_code == 404
    listed = client_for(town.officer).get(f"/governance/tasks/?year={DEPLOYED.year}").content.decode()
    assert task.title in listed


def test_feedback_with_evidence_then_the_heads_notice_answered_on_the_pages(town, task):
    client_for(town.lead).post(
        f"/governance/tasks/{task.pk}/feedback/",
        {
            "reported_on": TODAY.isoformat(),
            "text": "已完成权责事项梳理",
            "evidence": SimpleUploadedFile("清单.pdf", b"%PDF-1.4 list", content_type="application/pdf"),
        },
    )
    assert TaskFeedback.objects.get().text == "已完成权责事项梳理"
    client_for(town.head).post(
        f"/governance/tasks/{task.pk}/act/",
        {"kind": "supervise", "acted_on": TODAY.isoformat(), "note": "月底前完成"},
    )
    notice = SupervisionNotice.objects.get()
    page = client_for(town.lead).get(f"/governance/tasks/{task.pk}/").content.decode()
    assert "清单.pdf" in page
    assert "亲自督办" in page
    assert "答复督办" in page
    refused = client_for(town.officer).post(
        f"/governance/notices/{notice.pk}/answer/", {"answered_on": TODAY.isoformat(), "response": "x"}
    )
    assert refused.status_code == 422
    assert "只有牵头人或责任单位" in refused.content.decode()
    client_for(town.lead).post(
        f"/governance/notices/{notice.pk}/answer/",
        {"answered_on": TODAY.isoformat(), "response": "已加派人手"},
    )
    assert SupervisionNotice.objects.get().answered_on == TODAY


def test_the_interval_page_is_the_administrators(town):
    client_for(town.admin).post("/governance/settings/", {"days": "45"})
    assert "超过 45 天未反馈" in client_for(town.admin).get("/governance/").content.decode()
    assert client_for(town.head).get("/governance/settings/").status_code == 403


# ------------------------------------------------------------------------------------------- API


def test_the_api_records_a_task_its_feedback_completion_and_reads_them(town):
    head = token_client(town, town.head)
    created = head.post(
        "/api/v1/governance/tasks",
        json.dumps(
            {
                "year": DEPLOYED.year,
                "source_title": "年度重点工作安排",
                "title": "推进村规民约修订",
                "department_id": town.office.pk,
                "lead_id": town.lead.pk,
                "deployed_on": DEPLOYED.isoformat(),
                "deadline": (TODAY + days(10)).isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    task_id = created.json()["id"]
    lead = token_client(town, town.lead)
    reported = lead.post(
        f"/api/v1/governance/tasks/{task_id}/feedback",
        {
            "reported_on": TODAY.isoformat(),
            "text": "已完成初稿",
            "evidence": SimpleUploadedFile("初稿.pdf", b"%PDF-1.4"),
        },
    )
    assert reported.status_code == 201, reported.content
    done = lead.post(
        f"/api/v1/governance/tasks/{task_id}/complete",
        json.dumps({"completed_on": TODAY.isoformat(), "note": "已通过村民代表会议"}),
        content_type="application/json",
    )
    assert done.json()["status"] == "completed"
    assert [item["text"] for item in done.json()["feedback"]] == ["已完成初稿"]
    refused = head.post(
        f"/api/v1/governance/tasks/{task_id}/acts",
        json.dumps({"kind": "inquire", "acted_on": TODAY.isoformat(), "note": "x"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "已于" in refused.json()["message"]
    listed = token_client(town, town.officer).get(f"/api/v1/governance/tasks?year={DEPLOYED.year}").json()
    assert [item["id"] for item in listed] == [task_id]
    stranger = token_client(town, town.other_admin)
    assert stranger.get(f"/api/v1/governance/tasks/{task_id}").status_code == 404
    assert stranger.get("/api/v1/governance/tasks/99999999999999999999999").status_code == 404
    assert (
        lead.post(
            "/api/v1/governance/notices/999999999999999999/answer",
            json.dumps({"answered_on": TODAY.isoformat(), "response": "x"}),
            content_type="application/json",
        ).status_code
        == 404
    )


def test_the_api_refuses_bad_input_in_chinese_and_writes_nothing(town, task):
    head = token_client(town, town.head)
    fields = refused_fields(head, "/api/v1/governance/tasks", {"year": 1900, "title": " ", "lead_id": 0})
    assert fields["title"] == "请填写工作任务。"
    assert "年度应在" in fields["year"]
    fields = refused_fields(
        head,
        f"/api/v1/governance/tasks/{task.pk}/acts",
        {"kind": "praise", "acted_on": TODAY.isoformat(), "note": "x"},
    )
    assert "亲自督办" in fields["kind"]
    admin = token_client(town, town.admin)
    events = Event.objects.count()
    refused = admin.post(
        f"/api/v1/governance/tasks/{task.pk}/acts",
        json.dumps({"kind": "inquire", "acted_on": TODAY.isoformat(), "note": "x"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["citation"].startswith("《党政主要负责人履行推进法治建设第一责任人职责规定》")
    assert Event.objects.count() == events
    assert KeyTask.objects.count() == 1


def test_the_api_meetings_committee_notices_and_setting(town, task):
    admin = token_client(town, town.admin)
    assert admin.get("/api/v1/governance/committee").status_code == 404
    admin.put(
        "/api/v1/governance/committee",
        json.dumps({"name": "全面依法治镇委员会", "established_on": TODAY.isoformat()}),
        content_type="application/json",
    )
    member = admin.post(
        "/api/v1/governance/committee/members",
        json.dumps(
            {"name": "赵所长", "position": "派出所所长", "role": "member", "joined_on": TODAY.isoformat()}
        ),
        content_type="application/json",
    )
    assert member.status_code == 201
    assert [item["name"] for item in admin.get("/api/v1/governance/committee").json()["members"]] == [
        "赵所长"
    ]
    meeting = admin.post(
        "/api/v1/governance/meetings",
        json.dumps(
            {
                "kind": "party",
                "held_on": TODAY.isoformat(),
                "title": "党委会",
                "topics": "研究法治工作",
                "decisions": "部署年度重点工作",
                "attendee_ids": [town.head.pk],
            }
        ),
        content_type="application/json",
    )
    assert meeting.status_code == 201, meeting.content
    assert meeting.json()["minutes_url"].endswith("/minutes.docx")
    assert admin.put(
        "/api/v1/governance/settings", json.dumps({"silent_days": 20}), content_type="application/json"
    ).json() == {"silent_days": 20}
    services.raise_supervision(today=TODAY)
    [notice] = admin.get("/api/v1/governance/notices?open_only=true").json()
    answered = token_client(town, town.lead).post(
        f"/api/v1/governance/notices/{notice['id']}/answer",
        json.dumps({"answered_on": TODAY.isoformat(), "response": "已补报进展"}),
        content_type="application/json",
    )
    assert answered.json()["answered_on"] == TODAY.isoformat()
    assert admin.get("/api/v1/governance/notices?open_only=true").json() == []
