"""The pages after the decision, the summary procedure on a form, evidence uploads, the lists and the
one-time form token, through HTTP."""

import datetime
import hashlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Case, Closure, Evidence, Payment
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.tests.test_evidence import JPEG, MP4
from fazhi.testing.enforcement import TODAY, close, file, lead, notify, serve
from fazhi.testing.pages import client_for, refused_form


def form_token(page: str) -> str:
    match = re.search(r'name="_submission" value="([0-9a-f]{32})"', page)
    assert match, "the form carries a one-time token"
    return match.group(1)


def test_a_blocked_step_is_shown_with_its_rule_and_article(town, investigated):
    case = close(town, investigated)  # the art. 58 flag is set: review needed
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    page = client_for(town.head).get(f"/cases/{case.pk}/").content.decode()
    assert "暂不能进行：本案属于须经法制审核的情形" in page
    assert "依据：行政处罚法 第五十八条" in page
    assert f'href="/cases/{case.pk}/decide/"' not in page


def test_serve_pay_and_close_through_the_pages(town, decided):
    officer = client_for(town.officer)
    form = officer.get(reverse("enforcement:case-serve", args=[decided.pk])).content.decode()
    # The date picker shows only ISO dates: a zh-hans 2026/11/29 would look empty and fail on save.
    assert f'type="date" name="served_on" value="{TODAY.isoformat()}"' in form
    served = officer.post(
        reverse("enforcement:case-serve", args=[decided.pk]),
        {"method": "direct", "served_on": TODAY.isoformat(), "recipient": "刘某", "proof": "送达回证签收"},
        follow=True,
    ).content.decode()
    assert "已送达；罚款缴纳期限至" in served
    assert "缴纳罚款期限" in served
    assert f"/cases/{decided.pk}/documents/penalty_decision.docx" in served
    assert f"/cases/{decided.pk}/documents/service_receipt.docx" in served
    payment_form = officer.get(reverse("enforcement:case-payment", args=[decided.pk])).content.decode()
    assert 'value="2000.00"' in payment_form, "the form offers the amount owed today"
    refused = officer.post(
        reverse("enforcement:case-payment", args=[decided.pk]),
        {"paid_on": TODAY.isoformat(), "paid": "1500", "receipt_number": "R1"},
    )
    assert refused.status_code == 422
    assert "应缴 2,000 元" in refused.content.decode()
    assert not Payment.objects.exists()
    officer.post(
        reverse("enforcement:case-payment", args=[decided.pk]),
        {"paid_on": TODAY.isoformat(), "paid": "2000", "receipt_number": "R1"},
    )
    closed = client_for(town.head).post(
        reverse("enforcement:case-close", args=[decided.pk]),
        {"reason": "performed", "summary": "罚款已缴清"},
        follow=True,
    )
    assert "已批准结案" in closed.content.decode()
    assert Closure.objects.get().case_id == decided.pk


def test_an_officer_of_another_town_gets_404_on_a_step_page(town, decided):
    stranger = make_staff(town.system, town.other_town, "stranger", [Role.OFFICER], full_name="吴执法")
    data = {"method": "direct", "served_on": TODAY.isoformat(), "recipient": "刘某", "proof": "回证"}
    response = client_for(stranger).post(reverse("enforcement:case-serve", args=[decided.pk]), data)
    assert response.status_code == 404
    assert Case.objects.get(pk=decided.pk).stage == Stage.DECIDED


def test_posting_the_same_lead_form_twice_creates_one_case(town):
    officer = client_for(town.officer)
    token = form_token(officer.get(reverse("enforcement:lead-create")).content.decode())
    data = {
        "title": "占道经营",
        "source": "patrol",
        "received_on": TODAY.isoformat(),
        "act_on": TODAY.isoformat(),
        "_submission": token,
    }
    first = officer.post(reverse("enforcement:lead-create"), data)
    second = officer.post(reverse("enforcement:lead-create"), data, follow=True)
    assert Case.objects.count() == 1
    assert first["Location"] == f"/cases/{Case.objects.get().pk}/"
    assert "此表单已经提交过，没有重复保存" in second.content.decode()


def test_a_refused_form_may_be_corrected_and_posted_with_the_same_token(town):
    officer = client_for(town.officer)
    token = form_token(officer.get(reverse("enforcement:lead-create")).content.decode())
    data = {"title": "占道经营", "source": "patrol", "received_on": TODAY.isoformat(), "_submission": token}
    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    assert officer.post(reverse("enforcement:lead-create"), {**data, "act_on": future}).status_code == 422
    assert (
        officer.post(reverse("enforcement:lead-create"), {**data, "act_on": TODAY.isoformat()}).status_code
        == 302
    )
    assert Case.objects.count() == 1


def on_spot_data(town, **overrides):
    data = {
        "party": str(town.party.pk),
        "power": town.power.pk,
        "co_officer": town.officer2.pk,
        "title": "占道经营",
        "place": "政府路",
        "act_on": TODAY.isoformat(),
        "facts": "占道摆摊",
        "basis": "《城市道路管理条例》第四十二条",
        "fine": "50",
        "defence_waived": "on",
        "party_signed": "on",
    }
    return {**data, **overrides}


def test_the_summary_procedure_on_its_form(spot):
    town = spot
    officer = client_for(town.officer)
    too_much = officer.post(reverse("enforcement:on-spot-create"), on_spot_data(town, fine="250"))
    assert too_much.status_code == 422
    assert "依据：行政处罚法 第五十一条" in too_much.content.decode()
    assert not Case.objects.exists()
    unknown_party = officer.post(reverse("enforcement:on-spot-create"), on_spot_data(town, party="99999"))
    assert unknown_party.status_code == 422
    assert "未找到该当事人" in unknown_party.content.decode()
    done = officer.post(
        reverse("enforcement:on-spot-create"), on_spot_data(town), follow=True
    ).content.decode()
    assert f"已当场作出处罚决定，编号 西青辛综简〔{TODAY.year}〕1号" in done
    assert "缴纳罚款期限" in done


def test_a_photo_is_uploaded_with_the_evidence_form(town):
    case = lead(town)
    officer = client_for(town.officer)
    response = officer.post(
        reverse("enforcement:case-evidence", args=[case.pk]),
        {
            "kind": "document",
            "description": "现场照片",
            "captured_by": town.officer.pk,
            "officers": [town.officer.pk, town.officer2.pk],
            "captured_at": "2026-01-05T09:30",
            "place": "政府路",
            "file": SimpleUploadedFile("现场.jpg", JPEG, content_type="image/jpeg"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记证据“现场照片”" in page
    # The page says the file is kept with its proof, not its SHA-256.
    assert hashlib.sha256(JPEG).hexdigest() not in page
    assert ">存证</a>" in page
    assert Evidence.objects.get().attachment is not None


def test_a_video_arrives_in_pieces_through_the_api_and_resumes_after_a_drop(town):
    case = file(town, lead(town))
    services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])
    device = services.add_device(town.admin, number="ZFJLY-9")
    services.assign_device(
        town.admin, device, staff=town.officer, valid_from=TODAY - datetime.timedelta(days=1)
    )
    api = client_for(town.officer)
    started = api.post(
        f"/api/v1/cases/{case.pk}/uploads",
        {"name": "执法记录.mp4", "size": len(MP4)},
        content_type="application/json",
    )
    assert started.status_code == 201
    key = started.json()["key"]
    half = len(MP4) // 2
    assert (
        api.put(
            f"/api/v1/uploads/{key}?offset=0", MP4[:half], content_type="application/octet-stream"
        ).json()["received_bytes"]
        == half
    )
    # A retried piece that starts in the wrong place is told where to resume.
    wrong = api.put(f"/api/v1/uploads/{key}?offset=0", MP4[:half], content_type="application/octet-stream")
    assert wrong.status_code == 409
    assert wrong.json()["received_bytes"] == half
    assert api.get(f"/api/v1/uploads/{key}").json()["received_bytes"] == half
    api.put(f"/api/v1/uploads/{key}?offset={half}", MP4[half:], content_type="application/octet-stream")
    created = api.post(
        f"/api/v1/cases/{case.pk}/evidence",
        {
            "kind": "audio_visual",
            "description": "现场执法记录",
            "captured_by_id": town.officer.pk,
            "officer_ids": [town.officer.pk, town.officer2.pk],
            "captured_at": (timezone.now() - datetime.timedelta(minutes=30)).isoformat(),
            "place": "政府路",
            "device_id": device.pk,
            "upload_key": key,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["sha256"] == hashlib.sha256(MP4).hexdigest()
    assert created.json()["device"] == "ZFJLY-9"
    other = client_for(town.other_admin).get(f"/api/v1/uploads/{key}")
    assert other.status_code == 404


def test_the_case_list_filters_and_the_clocks_page(town, decided, on_day):
    other = lead(town, title="乱堆乱放")
    head = client_for(town.head)
    by_officer = head.get(reverse("enforcement:case-list"), {"officer": town.officer2.pk}).content.decode()
    assert str(decided) in by_officer
    assert "乱堆乱放" not in by_officer
    by_party = head.get(reverse("enforcement:case-list"), {"party": "刘某"}).content.decode()
    assert str(decided) in by_party
    assert "乱堆乱放" not in by_party
    bad_date = head.get(reverse("enforcement:case-list"), {"filed_from": "2026-13-45"})
    assert bad_date.status_code == 200
    assert "乱堆乱放" in bad_date.content.decode()
    assert other.pk
    assert str(decided) not in head.get(reverse("enforcement:case-list"), {"overdue": "on"}).content.decode()
    Case.objects.filter(pk=decided.pk).update(clock_due=TODAY - datetime.timedelta(days=2))
    overdue = head.get(reverse("enforcement:case-list"), {"overdue": "on"}).content.decode()
    assert str(decided) in overdue
    assert "乱堆乱放" not in overdue
    clocks = head.get(reverse("enforcement:clocks-due")).content.decode()
    assert str(decided) in clocks
    assert "已超期" in clocks


def test_the_device_page_shows_who_has_no_camera(town):
    services.add_device(town.admin, number="ZFJLY-1")
    page = client_for(town.admin).get(reverse("enforcement:device-list")).content.decode()
    assert "未配备" in page
    assert "ZFJLY-1" in page
    assert client_for(town.officer).get(reverse("enforcement:device-list")).status_code == 403


def test_the_timeline_shows_the_stages_behind_and_ahead(town, investigated):
    case = close(town, investigated)  # review required
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    services.submit_legal_review(town.officer, case)
    case.refresh_from_db()
    steps = [(step.label, step.state) for step in selectors.timeline(case)]
    assert steps[:6] == [
        ("线索", "done"),
        ("立案", "done"),
        ("调查取证", "done"),
        ("调查终结", "done"),
        ("告知", "done"),
        ("法制审核", "current"),
    ]
    assert ("听证", "done") not in steps, "a hearing nobody asked for is not shown as passed"
    assert steps[-1] == ("归档", "ahead")
    page = client_for(town.head).get(f"/cases/{case.pk}/").content.decode()
    assert '<strong class="text-danger" aria-current="step">法制审核</strong>' in page


def test_a_remedy_cannot_end_before_it_started_or_in_the_future_and_nothing_is_written(town, decided):
    serve(town, decided)
    remedy = services.start_remedy(town.officer, decided, kind="reconsideration", started_on=TODAY)
    officer = client_for(town.officer)
    url = reverse("enforcement:case-remedy-end", args=[decided.pk])
    for ended_on in (TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)):
        errors = refused_form(officer, url, {"ended_on": ended_on.isoformat(), "result": "revoked"})
        assert errors == {"ended_on": [f"结束日期应在 {TODAY.isoformat()} 至今天之间。"]}
        remedy.refresh_from_db()
        assert (remedy.ended_on, remedy.result) == (None, "")
    officer.post(url, {"ended_on": TODAY.isoformat(), "result": "revoked", "outcome": "复议决定撤销"})
    remedy.refresh_from_db()
    assert (remedy.ended_on, remedy.result) == (TODAY, "revoked")
    assert (
        "复议决定撤销" in officer.get(reverse("enforcement:case-detail", args=[decided.pk])).content.decode()
    )
