"""Study sessions and trainings through the services and the pages: attendance, hours against the
yearly target, the year's counts; bad input and another town's staff are refused and change nothing."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from conftest import make_staff
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.models import Attachment, Organisation
from fazhi.core.roles import Role
from fazhi.learning import selectors, services
from fazhi.learning.models import StudyKind, StudySession, Training, TrainingKind
from fazhi.ledger.models import Event

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n% sign-in sheet\n"


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.officer2 = make_staff(
        world.system, world.enforcement_team, "officer2", [Role.OFFICER], full_name="赵执法"
    )
    return world


def training(town, **overrides) -> Training:
    fields = {
        "kind": TrainingKind.RECORDING_EQUIPMENT,
        "held_on": TODAY,
        "topic": "执法记录仪使用培训",
        "hours": Decimal(4),
        "trainer": "区综合执法局",
        "attendees": [town.officer, town.officer2],
    }
    return services.record_training(
        town.admin, services.TrainingInput(**{**fields, **overrides}), materials=[]
    )


def test_a_training_counts_towards_each_attendees_hours_and_the_target_warns(town, settings):
    settings.LEARNING_HOURS_TARGET = 6
    training(town)
    training(
        town,
        topic="行政处罚法专题培训",
        kind=TrainingKind.ENFORCEMENT,
        hours=Decimal("2.5"),
        attendees=[town.officer],
    )
    rows = {row.person.username: row for row in selectors.hours_by_officer(town.town, year=TODAY.year)}
    assert rows["officer"].hours == Decimal("6.5")
    assert not rows["officer"].below_target
    assert rows["officer2"].hours == Decimal(4)
    assert rows["officer2"].shortfall == Decimal(2)
    # Last year's hours do not count this year.
    assert selectors.hours_by_officer(town.town, year=TODAY.year - 1)[0].hours == 0
    assert Event.objects.filter(action="learning.training.recorded").count() == 2


def test_the_years_counts_by_kind(town):
    training(town)
    services.record_study_session(
        town.admin,
        services.StudyInput(
            kind=StudyKind.LECTURE,
            held_on=TODAY,
            topic="民法典讲座",
            laws="民法典",
            lecturer="吴律师",
            attendees=[town.admin],
        ),
        materials=[],
    )

    def figure(key: str, organisation: Organisation = town.town) -> object:
        return FIGURES[key].compute(Scope(organisation, TODAY.year)).value

    assert figure("lectures") == 1
    assert figure("study_sessions") == 0
    assert figure("trainings_recording") == 1
    assert figure("training_hours") == Decimal(4)
    assert figure("lectures", town.other_town) == 0


def test_bad_input_is_refused_in_chinese_and_nothing_is_recorded(town):
    with pytest.raises(InvalidInput) as raised:
        training(town, hours=Decimal(0), held_on=TODAY + datetime.timedelta(days=1), attendees=[])
    assert set(raised.value.extra["fields"]) == {"hours", "held_on", "attendees"}
    with pytest.raises(InvalidInput, match="培训信息有误") as raised:
        training(town, attendees=[town.other_admin])
    assert raised.value.extra["fields"]["attendees"] == "参加人员应为本镇（街道）的工作人员。"
    with pytest.raises(PermissionDenied):
        services.record_training(
            town.officer,
            services.TrainingInput(
                kind="other",
                held_on=TODAY,
                topic="x",
                hours=Decimal(1),
                trainer="y",
                attendees=[town.officer],
            ),
            materials=[],
        )
    assert not Training.objects.exists()


def test_recording_a_session_on_the_page_with_its_sign_in_sheet(town):
    client = Client()
    client.force_login(town.admin)
    response = client.post(
        "/learning/study/new/",
        {
            "kind": StudyKind.EXECUTIVE_MEETING,
            "held_on": TODAY.isoformat(),
            "topic": "政府常务会议学习行政复议法",
            "laws": "行政复议法",
            "lecturer": "",
            "attendees": [town.admin.pk, town.head.pk],
            "materials": SimpleUploadedFile("签到表.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记学法活动" in page
    assert "签到表.pdf" in page
    session = StudySession.objects.get()
    assert set(session.attendees.values_list("username", flat=True)) == {"town-admin", "head"}
    assert (
        Attachment.objects.filter(subject_type="learning.studysession", subject_id=str(session.pk)).count()
        == 1
    )
    overview = client.get("/learning/").content.decode()
    assert "政府常务会议学习行政复议法" in overview
    # No 法治专题讲座 yet this year: the page says the yearly number is not reached.
    assert 'data-testid="lectures-warning"' in overview
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/learning/study/{session.pk}/").status_code == 404
    assert "政府常务会议学习行政复议法" not in other.get("/learning/").content.decode()


def test_the_api_records_a_training_and_refuses_another_towns_attendee(town):
    client = Client()
    client.force_login(town.admin)
    body = {
        "kind": "all_staff",
        "held_on": TODAY.isoformat(),
        "topic": "全员法治培训",
        "hours": "2",
        "trainer": "司法所",
        "attendee_ids": [town.officer.pk, town.other_admin.pk],
    }
    refused = client.post("/api/v1/learning/trainings", json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    assert not Training.objects.exists()
    body["attendee_ids"] = [town.officer.pk]
    created = client.post("/api/v1/learning/trainings", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    hours = client.get("/api/v1/learning/hours").json()
    assert Decimal({row["name"]: row["hours"] for row in hours}[town.officer.full_name]) == 2


def test_the_api_refuses_blank_parts_and_unknown_kinds_beside_their_fields(town):
    from fazhi.testing.api import refused_fields, token_client

    client = token_client(town, town.admin)
    training = {
        "kind": "fun",
        "held_on": TODAY.isoformat(),
        "topic": " ",
        "hours": "2",
        "trainer": "",
        "attendee_ids": [town.officer.pk],
    }
    assert refused_fields(client, "/api/v1/learning/trainings", training) == {
        "kind": "请选择培训类别。",
        "topic": "请填写主题。",
        "trainer": "请填写授课人。",
    }
    study = {"kind": "", "held_on": TODAY.isoformat(), "topic": "学法", "laws": " ", "attendee_ids": []}
    assert refused_fields(client, "/api/v1/learning/study-sessions", study) == {
        "kind": "请选择学法形式。",
        "laws": "请填写学习的法律法规，如：宪法、民法典。",
    }
    assert not Training.objects.exists()
