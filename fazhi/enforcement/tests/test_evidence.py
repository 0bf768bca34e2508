"""Evidence of the kinds in art. 46, with who, when, where and which device, taken by two officers (art.
42); 笔录 by two valid officers, stating whether the 执法证件 were shown (art. 55);
the register of 执法记录仪; large files uploaded in resumable pieces."""

import datetime
import hashlib
import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_staff
from fazhi.core import files
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, RuleViolation
from fazhi.core.models import Attachment, StoredBlob
from fazhi.core.roles import Role
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import DeviceAssignment, Evidence, EvidenceKind, InvestigationRecord
from fazhi.ledger.models import Event
from fazhi.testing.api import refused_fields, token_client
from fazhi.testing.enforcement import TODAY, close, file, lead, notify
from fazhi.testing.pages import client_for

JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 100
# An MP4 starts with a box whose type, at bytes 4..8, is "ftyp".
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4096


@pytest.fixture
def investigating(town):
    case = file(town, lead(town))
    return services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])


@pytest.fixture
def camera(town):
    device = services.add_device(town.admin, number="XQ-ZFJLY-001", model_name="DSJ-V8")
    services.assign_device(
        town.admin, device, staff=town.auxiliary, valid_from=TODAY - datetime.timedelta(days=30)
    )
    return device


def evidence_input(town, **overrides):
    fields = {
        "kind": "document",
        "description": "现场照片",
        "captured_by": town.officer,
        "captured_at": timezone.now() - datetime.timedelta(hours=1),
        "place": "辛口镇政府路",
        "officers": [town.officer, town.officer2],
    }
    return services.EvidenceInput(**{**fields, **overrides})


def test_a_photo_on_a_lead_is_stored_hashed_and_in_the_ledger(town):
    case = lead(town)
    stored = files.store(io.BytesIO(JPEG), original_name="现场.jpg")
    evidence = services.add_evidence(
        town.auxiliary, case, evidence_input(town, captured_by=town.auxiliary), stored=stored
    )
    assert evidence.attachment is not None
    assert evidence.attachment.blob.sha256 == hashlib.sha256(JPEG).hexdigest()
    event = Event.objects.filter(action="enforcement.case.evidence_added").get()
    assert hashlib.sha256(JPEG).hexdigest() in event.entry


def test_a_recording_names_the_device_its_maker_carried_that_day(town, investigating, camera):
    stored = files.store(io.BytesIO(MP4), original_name="执法记录仪.mp4")
    with pytest.raises(RuleViolation, match="须注明所用的执法记录仪"):
        services.add_evidence(
            town.officer, investigating, evidence_input(town, kind="audio_visual"), stored=stored
        )
    with pytest.raises(RuleViolation, match="未配发给 张执法"):
        services.add_evidence(
            town.officer,
            investigating,
            evidence_input(town, kind="audio_visual", device=camera),
            stored=stored,
        )
    evidence = services.add_evidence(
        town.officer,
        investigating,
        evidence_input(town, kind="audio_visual", device=camera, captured_by=town.auxiliary),
        stored=stored,
    )
    assert evidence.device == camera
    assert Evidence.objects.count() == 1


def test_a_recording_without_its_file_is_refused(town, investigating, camera):
    with pytest.raises(InvalidInput) as raised:
        services.add_evidence(
            town.officer,
            investigating,
            evidence_input(town, kind="audio_visual", device=camera, captured_by=town.auxiliary),
        )
    assert "file" in raised.value.field_errors


def test_evidence_after_the_notice_is_refused(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case)
    with pytest.raises(RuleViolation, match="应退回调查取证"):
        services.add_evidence(town.officer, case, evidence_input(town))


def test_a_record_needs_two_valid_officers_and_a_signature_or_noted_refusal(town, investigating):
    now = timezone.now()
    fields: dict[str, Any] = {
        "kind": "inquiry",
        "place": "辛口镇综合执法队询问室",
        "started_at": now - datetime.timedelta(hours=2),
        "ended_at": now - datetime.timedelta(hours=1),
        "subject_person": "刘某",
        "content": "问：你在政府路摆摊多久了？答：一个月。",
        "officers": [town.officer, town.auxiliary],
        "credentials_shown": True,
    }
    with pytest.raises(RuleViolation) as raised:
        services.add_record(town.officer, investigating, services.RecordInput(**fields))
    assert raised.value.citation == "行政处罚法 第四十二条"
    with pytest.raises(InvalidInput) as invalid:
        services.add_record(
            town.officer,
            investigating,
            services.RecordInput(**{**fields, "officers": [town.officer, town.officer2], "signed": False}),
        )
    assert "signed" in invalid.value.field_errors
    record = services.add_record(
        town.officer,
        investigating,
        services.RecordInput(**{**fields, "officers": [town.officer, town.officer2]}),
    )
    assert set(record.officers.all()) == {town.officer, town.officer2}
    assert InvestigationRecord.objects.count() == 1


def test_handing_a_device_on_ends_the_previous_assignment_and_coverage_shows_who_has_none(town, camera):
    services.assign_device(town.admin, camera, staff=town.officer, valid_from=TODAY)
    first, second = DeviceAssignment.objects.order_by("id")
    assert first.valid_to == TODAY - datetime.timedelta(days=1)
    assert second.valid_to is None
    coverage = selectors.device_coverage(town.admin, TODAY)
    assert {row.staff.username for row in coverage if row.device is None} == {"aux", "officer2"}
    assert {row.staff.username: row.device for row in coverage}["officer"] == camera
    with pytest.raises(InvalidInput, match="已登记"):
        services.add_device(town.admin, number="XQ-ZFJLY-001")


def test_another_town_cannot_assign_our_device(town, camera):
    with pytest.raises(NotFoundOrHidden):
        services.assign_device(town.other_admin, camera, staff=town.officer, valid_from=TODAY)


def test_an_interrupted_upload_resumes_where_it_stopped(town, investigating, camera):
    session = services.start_upload(
        town.auxiliary, investigating, original_name="记录仪.mp4", total_bytes=len(MP4)
    )
    half = len(MP4) // 2
    services.receive_piece(town.auxiliary, session.key, io.BytesIO(MP4[:half]), offset=0, length=half)
    # The connection drops; the client sends the second half from the wrong place…
    with pytest.raises(services.UploadOffsetMismatch) as raised:
        services.receive_piece(
            town.auxiliary, session.key, io.BytesIO(MP4[10:]), offset=10, length=len(MP4) - 10
        )
    assert raised.value.expected == half
    with pytest.raises(InvalidInput, match="尚未传完"):
        services.finish_upload(town.auxiliary, session.key)
    # …then resumes at the offset the server reports.
    services.receive_piece(
        town.auxiliary, session.key, io.BytesIO(MP4[half:]), offset=half, length=len(MP4) - half
    )
    blob, name, _ = services.finish_upload(town.auxiliary, session.key)
    assert blob.sha256 == hashlib.sha256(MP4).hexdigest()
    evidence = services.add_evidence(
        town.auxiliary,
        investigating,
        evidence_input(town, kind="audio_visual", device=camera, captured_by=town.auxiliary),
        stored=(blob, name),
    )
    assert evidence.attachment is not None
    assert evidence.attachment.original_name == "记录仪.mp4"


def test_only_the_officer_who_began_an_upload_continues_it(town, investigating):
    session = services.start_upload(town.auxiliary, investigating, original_name="a.mp4", total_bytes=100)
    with pytest.raises(NotFoundOrHidden):
        services.receive_piece(town.officer, session.key, io.BytesIO(b"x" * 10), offset=0, length=10)


def test_upload_of_a_wrong_type_or_size_is_refused_before_any_byte(town, investigating, settings):
    with pytest.raises(InvalidInput, match="不支持的文件类型"):
        services.start_upload(town.officer, investigating, original_name="a.exe", total_bytes=10)
    settings.EVIDENCE_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(InvalidInput, match="超过大小上限"):
        services.start_upload(town.officer, investigating, original_name="a.mp4", total_bytes=1001)
    assert not Attachment.objects.exists()


def test_a_file_whose_bytes_are_not_what_its_name_says_is_refused_at_the_end(town, investigating):
    content = b"MZ" + b"\x00" * 100
    session = services.start_upload(
        town.officer, investigating, original_name="v.mp4", total_bytes=len(content)
    )
    services.receive_piece(town.officer, session.key, io.BytesIO(content), offset=0, length=len(content))
    with pytest.raises(InvalidInput, match="不符"):
        services.finish_upload(town.officer, session.key)
    assert not StoredBlob.objects.exists()


def third_officer(town):
    """An officer of the town with a valid 执法证 who is not on the case."""
    person = make_staff(town.system, town.enforcement_team, "officer3", [Role.OFFICER], full_name="钱执法")
    core_services.add_credential(
        town.system,
        person,
        number="12011100003",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=TODAY - datetime.timedelta(days=365),
        valid_to=TODAY + datetime.timedelta(days=365),
    )
    return person


def test_an_auxiliary_alone_or_with_one_officer_does_not_take_evidence(town):
    case = lead(town)
    events = Event.objects.count()
    for officers in ([], [town.officer], [town.auxiliary, town.officer]):
        with pytest.raises(RuleViolation) as refused:
            services.add_evidence(
                town.auxiliary, case, evidence_input(town, captured_by=town.auxiliary, officers=officers)
            )
        assert refused.value.citation == "行政处罚法 第四十二条"
        assert "孙协管 不计入" in refused.value.message
    assert not Evidence.objects.exists()
    assert Event.objects.count() == events
    # The auxiliary may hold the camera; the two officers present are the ones who took it.
    evidence = services.add_evidence(
        town.auxiliary,
        case,
        evidence_input(town, captured_by=town.auxiliary, officers=[town.officer, town.officer2]),
    )
    assert set(evidence.officers.all()) == {town.officer, town.officer2}
    entry = Event.objects.filter(action="enforcement.case.evidence_added").get().entry
    assert f'"officers":[{town.officer.pk},{town.officer2.pk}]' in entry


def test_evidence_in_an_assigned_case_is_taken_by_its_own_officers(town, investigating):
    outsider = third_officer(town)
    with pytest.raises(RuleViolation, match="钱执法 不是本案在办的执法人员") as refused:
        services.add_evidence(
            town.officer, investigating, evidence_input(town, officers=[town.officer, outsider])
        )
    assert refused.value.citation == "行政处罚法 第四十二条"
    assert not Evidence.objects.exists()


def test_through_the_api_evidence_needs_two_officers(town, investigating):
    client = token_client(town, town.auxiliary)
    url = f"/api/v1/cases/{investigating.pk}/evidence"
    body = {
        "kind": "document",
        "description": "现场照片",
        "captured_by_id": town.auxiliary.pk,
        "captured_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "place": "辛口镇政府路",
    }
    events = Event.objects.count()
    for officer_ids in ([town.auxiliary.pk], [town.auxiliary.pk, town.officer.pk]):
        refused = client.post(url, {**body, "officer_ids": officer_ids}, content_type="application/json")
        assert refused.status_code == 422, refused.content
        assert refused.json()["citation"] == "行政处罚法 第四十二条"
        assert "两名以上" in refused.json()["message"]
    assert not Evidence.objects.exists()
    assert Event.objects.count() == events
    taken = client.post(
        url, {**body, "officer_ids": [town.officer.pk, town.officer2.pk]}, content_type="application/json"
    )
    assert taken.status_code == 201, taken.content
    assert sorted(taken.json()["officer_ids"]) == sorted([town.officer.pk, town.officer2.pk])


def test_evidence_recorded_before_officers_were_kept_shows_them_as_not_registered(town, investigating):
    Evidence.objects.create(
        case=investigating,
        kind=EvidenceKind.DOCUMENT,
        description="旧照片",
        captured_by=town.officer,
        captured_at=timezone.now(),
        place="政府路",
        recorded_by=town.officer,
    )
    browser = Client()
    browser.force_login(town.officer)
    page = browser.get(reverse("enforcement:case-detail", args=[investigating.pk])).content.decode()
    assert "未登记" in page


def test_the_record_form_states_whether_the_credentials_were_shown_and_the_case_page_warns(
    town, investigated
):
    officer = client_for(town.officer)
    url = reverse("enforcement:case-record", args=[investigated.pk])
    form = officer.get(url).content.decode()
    assert "已向当事人或有关人员出示执法证件" in form
    box = re.search(r'<input type="checkbox" name="credentials_shown"[^>]*>', form)
    assert box is not None
    assert "checked" not in box.group(0), "never ticked for the officer"
    now = timezone.localtime().replace(second=0, microsecond=0)
    data = {
        "kind": "inquiry",
        "place": "辛口镇综合执法队询问室",
        "started_at": (now - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "subject_person": "刘某",
        "content": "问：你在政府路摆摊多久了？答：一个月。",
        "officers": [town.officer.pk, town.officer2.pk],
        "signed": "on",
    }
    officer.post(url, data)
    not_shown = InvestigationRecord.objects.get()
    assert not_shown.credentials_shown is False
    page = officer.get(reverse("enforcement:case-detail", args=[investigated.pk])).content.decode()
    assert "笔录未记载向当事人或有关人员出示执法证件（行政处罚法第五十五条）" in page

    officer.post(url, {**data, "kind": "site_inspection", "credentials_shown": "on"})
    shown = InvestigationRecord.objects.exclude(pk=not_shown.pk).get()
    assert shown.credentials_shown is True
    page = officer.get(reverse("enforcement:case-detail", args=[investigated.pk])).content.decode()
    assert page.count('data-testid="credentials-shown"') == 1
    assert page.count('data-testid="credentials-not-shown"') == 1


def test_a_record_through_the_api_must_say_whether_the_credentials_were_shown(town, investigated):
    client = token_client(town, town.officer)
    now = timezone.now()
    body = {
        "kind": "inquiry",
        "place": "辛口镇综合执法队询问室",
        "started_at": (now - datetime.timedelta(hours=2)).isoformat(),
        "ended_at": (now - datetime.timedelta(hours=1)).isoformat(),
        "subject_person": "刘某",
        "content": "问：……答：……",
        "officer_ids": [town.officer.pk, town.officer2.pk],
    }
    url = f"/api/v1/cases/{investigated.pk}/records"
    assert refused_fields(client, url, body) == {"credentials_shown": "请填写此项。"}
    assert not InvestigationRecord.objects.exists()
    made = client.post(url, json.dumps({**body, "credentials_shown": True}), content_type="application/json")
    assert made.status_code == 201
    assert InvestigationRecord.objects.get().credentials_shown is True
