"""Words for people on the case pages: the on-the-spot form offers only 执法人员 as the second officer;
a step for another role names the role; 归档 asks to be confirmed and says what cannot be undone; a
file chosen on a refused evidence form is kept; a refusal for a missing credential names where it is
put right."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.errors import RuleViolation
from fazhi.core.models import StaffRole, StoredBlob
from fazhi.core.roles import Role
from fazhi.enforcement import rules, services
from fazhi.enforcement.models import Case, Closure, Evidence
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.tests.test_archive import closed  # noqa: F401  (fixture)
from fazhi.enforcement.tests.test_evidence import JPEG
from fazhi.enforcement.tests.test_views_after_decision import on_spot_data
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY, close, lead
from fazhi.testing.pages import client_for


def test_the_on_the_spot_form_never_offers_an_auxiliary_as_the_second_officer(spot):
    town = spot
    officer = client_for(town.officer)
    form = officer.get(reverse("enforcement:on-spot-create")).context["form"]
    offered = [label for _value, label in form.fields["co_officer"].choices]
    assert offered == [town.officer2.full_name]
    assert town.auxiliary.full_name not in officer.get(reverse("enforcement:on-spot-create")).content.decode()

    # Posted anyway, the auxiliary is refused as a choice not offered; nothing is decided.
    events = Event.objects.count()
    refused = officer.post(
        reverse("enforcement:on-spot-create"), on_spot_data(town, co_officer=town.auxiliary.pk)
    )
    assert refused.status_code == 422
    assert "co_officer" in refused.context["form"].errors
    assert not Case.objects.exists()
    assert Event.objects.count() == events


def test_a_step_for_another_role_names_the_role_that_takes_it(town):
    case = lead(town)
    page = client_for(town.officer).get(f"/cases/{case.pk}/").content.decode()
    assert "立案（由负责人办理）" in page
    assert "由其他岗位办理" not in page


def test_archiving_asks_for_confirmation_and_says_what_cannot_be_undone(town, closed):  # noqa: F811
    head = client_for(town.head)
    url = reverse("enforcement:case-archive", args=[closed.pk])
    assert "我已知悉：归档后电子案卷即封存存证，不能再添加或修改本案材料。" in head.get(url).content.decode()

    events = Event.objects.count()
    refused = head.post(url, {"archive_number": "XQXK-2026-ZF-009"})
    assert refused.status_code == 422
    assert refused.context["form"].errors["confirm"] == ["此操作不可撤销，请阅读提示并勾选确认。"]
    closed.refresh_from_db()
    assert closed.stage != Stage.ARCHIVED
    assert Event.objects.count() == events

    done = head.post(url, {"archive_number": "XQXK-2026-ZF-009", "confirm": "on"}, follow=True)
    page = done.content.decode()
    assert "已归档，档案号 XQXK-2026-ZF-009；电子案卷已存证。" in page
    # The message and the page name no SHA-256.
    assert Closure.objects.get(case=closed).archive_sha256 not in page


def test_a_file_chosen_on_a_refused_evidence_form_is_kept_for_the_corrected_post(town):
    case = lead(town)
    officer = client_for(town.officer)
    url = reverse("enforcement:case-evidence", args=[case.pk])
    data = {
        "kind": "document",
        "description": "",  # forgotten: the form is refused
        "captured_by": town.officer.pk,
        "officers": [town.officer.pk, town.officer2.pk],
        "captured_at": "2026-01-05T09:30",
        "place": "政府路",
    }
    refused = officer.post(
        url, {**data, "file": SimpleUploadedFile("现场.jpg", JPEG, content_type="image/jpeg")}
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "已选择文件：现场.jpg（保留，无需重新选择）" in page
    assert not Evidence.objects.exists()
    [held] = refused.context["form"].fields["file"].held

    # Another user cannot redeem the token: the field stays empty, the evidence has no file.
    other = client_for(town.officer2)
    other.post(url, {**data, "description": "他人的表单", "file__held": held.token})
    assert Evidence.objects.get().attachment is None
    Evidence.objects.all().delete()

    # The corrected form, posted without choosing the file again, keeps it.
    saved = officer.post(url, {**data, "description": "现场照片", "file__held": held.token})
    assert saved.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.attachment is not None
    assert evidence.attachment.original_name == "现场.jpg"
    assert evidence.attachment.blob.sha256 == hashlib.sha256(JPEG).hexdigest()
    assert StoredBlob.objects.count() == 1


def test_a_forged_token_keeps_nothing(town):
    case = lead(town)
    response = client_for(town.officer).post(
        reverse("enforcement:case-evidence", args=[case.pk]),
        {
            "kind": "document",
            "description": "现场照片",
            "captured_by": town.officer.pk,
            "officers": [town.officer.pk, town.officer2.pk],
            "captured_at": "2026-01-05T09:30",
            "place": "政府路",
            "file__held": "forged:token",
        },
    )
    assert response.status_code == 302
    assert Evidence.objects.get().attachment is None


def test_too_few_credentialed_officers_is_put_right_on_the_staff_page():
    with pytest.raises(RuleViolation) as refused:
        rules.check_investigators([])
    assert refused.value.remedy is not None
    assert refused.value.remedy.url_name == "core:staff-list"


def test_the_notice_page_says_the_default_large_amount_is_used_and_where_to_set_it(town, investigated):
    case = close(town, investigated, review=False)
    url = reverse("enforcement:case-notice", args=[case.pk])
    officer_page = client_for(town.officer).get(url).content.decode()
    assert "本镇尚未登记本省（本领域）较大数额标准，暂按默认值" in officer_page
    assert 'data-testid="remedy"' not in officer_page  # the power list is the administrator's page
    StaffRole.objects.create(staff=town.officer, role=Role.ADMIN)
    admin_page = client_for(town.officer).get(url).content.decode()
    assert 'href="/cases/powers/" data-testid="remedy">前往“赋权事项（较大数额标准）”</a>' in admin_page

    services.record_large_amount_standard(
        town.admin, person_fen=3_000_00, organisation_fen=30_000_00, source="天津市规定", in_force_from=TODAY
    )
    assert "暂按默认值" not in client_for(town.officer).get(url).content.decode()


def test_an_unknown_party_links_to_where_parties_are_registered(spot):
    refused = client_for(spot.officer).post(
        reverse("enforcement:on-spot-create"), on_spot_data(spot, party="99999")
    )
    assert refused.status_code == 422
    assert (
        '可<a href="/parties/new/" data-testid="remedy">前往“登记当事人”</a>处理后再提交。'
        in refused.content.decode()
    )
