"""Pages through HTTP: what the user sees, and what the database holds afterwards."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, resident_id
from fazhi.core import party_links, services
from fazhi.core.models import Attachment, IdType, Party, PartyKind, StoredBlob
from fazhi.core.party_links import PartyLink
from fazhi.ledger.models import Event

VALID_ID = resident_id("11010519491231002")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def register(world, **overrides) -> Party:
    fields = {"kind": PartyKind.PERSON, "name": "刘某", "id_type": IdType.RESIDENT_ID, "id_number": VALID_ID}
    return services.register_party(world.officer, services.PartyInput(**{**fields, **overrides})).party


def test_login_page_is_chinese_and_a_login_lands_on_the_home_page(world):
    client = Client()
    page = client.get(reverse("login"))
    assert "登录法治工作平台" in page.content.decode()
    response = client.post(reverse("login"), {"username": "town-admin", "password": PASSWORD}, follow=True)
    assert "工作台" in response.content.decode()
    assert "辛口镇" in response.content.decode()


def test_pages_need_a_login(world):
    response = Client().get(reverse("core:party-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_wrong_id_number_is_shown_beside_the_field_and_nothing_is_saved(world):
    client = logged_in(world.admin)
    response = client.post(
        reverse("core:party-create"),
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": "110105194912310021"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "居民身份证号码校验码错误：第18位应为 X，而不是 1" in body
    assert 'id="id_id_number_error"' in body
    assert not Party.objects.exists()


def test_a_malformed_birth_date_gets_a_chinese_error(world):
    client = logged_in(world.admin)
    response = client.post(
        reverse("core:party-create"),
        {
            "kind": "person",
            "name": "Smith",
            "id_type": "passport",
            "id_number": "E12345678",
            "birth_date": "1990-02-30",
        },
    )
    assert response.status_code == 422
    assert "输入一个有效的日期" in response.content.decode()
    assert not Party.objects.exists()


def test_registering_a_party_leads_to_its_page_with_its_history(world):
    client = logged_in(world.admin)
    response = client.post(
        reverse("core:party-create"),
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": VALID_ID.lower()},
        follow=True,
    )
    body = response.content.decode()
    party = Party.objects.get()
    assert response.redirect_chain[-1][0] == reverse("core:party-detail", args=[party.pk])
    assert "刘某" in body
    assert "1949-12-31" in body
    assert "王管理 · 登记当事人" in body


def test_party_page_lists_what_every_registered_app_links_to_the_party(world):
    party = register(world)
    seen_by: list[str] = []

    def case_links(actor, linked_party):
        seen_by.append(actor.username)
        return [PartyLink(title="西青辛综执罚〔2026〕3号", url="/cases/3/", detail="已结案")]

    party_links.register("test-cases", "执法案件", case_links)
    try:
        body = logged_in(world.admin).get(reverse("core:party-detail", args=[party.pk])).content.decode()
    finally:
        party_links.unregister("test-cases")
    assert "执法案件（1）" in body
    assert "西青辛综执罚〔2026〕3号" in body
    assert seen_by == ["town-admin"]


def test_a_duplicate_submission_is_refused_with_the_existing_party_named(world):
    register(world)
    client = logged_in(world.admin)
    response = client.post(
        reverse("core:party-create"),
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": VALID_ID},
    )
    assert response.status_code == 422
    assert "该当事人已登记" in response.content.decode()
    assert Party.objects.count() == 1


def test_party_list_searches_by_name_and_identifier_and_masks_ids(world):
    register(world)
    register(world, name="陈某某", id_number=resident_id("12011119920708002"))
    client = logged_in(world.admin)
    by_name = client.get(reverse("core:party-list"), {"q": "陈"}).content.decode()
    assert "陈某某" in by_name
    assert "刘某" not in by_name
    by_id = client.get(reverse("core:party-list"), {"q": VALID_ID}, HTTP_HX_REQUEST="true").content.decode()
    assert "刘某" in by_id
    assert VALID_ID not in by_id, "the results show a masked ID number"
    assert "1101**********002X" in by_id


def test_party_list_htmx_request_gets_only_the_results(world):
    register(world)
    client = logged_in(world.admin)
    response = client.get(reverse("core:party-list"), {"q": "刘"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "刘某" in body
    assert "<html" not in body


def test_party_list_paginates(world):
    for index in range(25):
        register(world, name=f"当事人{index:02d}", id_number=resident_id(f"120111199001{index + 1:02d}001"))
    client = logged_in(world.admin)
    first = client.get(reverse("core:party-list")).content.decode()
    second = client.get(reverse("core:party-list"), {"page": 2}).content.decode()
    assert "共 25 条" in first
    assert "第 1 / 2 页" in first
    assert "当事人24" in first
    assert "当事人04" in second
    assert "当事人04" not in first


@pytest.mark.parametrize(
    "url_name",
    ["core:party-detail", "core:party-edit"],
)
def test_another_towns_party_is_not_found_by_url(world, url_name):
    party = register(world)
    response = logged_in(world.other_admin).get(reverse(url_name, args=[party.pk]))
    assert response.status_code == 404
    assert "刘某" not in response.content.decode()


def test_another_towns_admin_cannot_change_a_party_by_post(world):
    party = register(world)
    response = logged_in(world.other_admin).post(
        reverse("core:party-edit", args=[party.pk]),
        {"kind": "person", "name": "改名", "id_type": "resident_id", "id_number": VALID_ID},
    )
    assert response.status_code == 404
    party.refresh_from_db()
    assert party.name == "刘某"
    assert not Event.objects.filter(action="core.party.updated").exists()


def test_a_supervisor_sees_every_town_below_the_district(world):
    party = register(world)
    other = services.register_party(
        world.other_admin,
        services.PartyInput(
            kind=PartyKind.PERSON, name="杨某", id_type=IdType.RESIDENT_ID, id_number=VALID_ID
        ),
    ).party
    client = logged_in(world.supervisor)
    listing = client.get(reverse("core:party-list")).content.decode()
    assert "刘某" in listing
    assert "杨某" in listing
    assert client.get(reverse("core:party-detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("core:party-detail", args=[party.pk])).status_code == 200


def test_staff_pages_follow_the_same_visibility(world):
    client = logged_in(world.other_admin)
    assert client.get(reverse("core:staff-detail", args=[world.officer.pk])).status_code == 404
    assert client.get(reverse("core:organisation-detail", args=[world.town.pk])).status_code == 404
    listing = client.get(reverse("core:staff-list")).content.decode()
    assert "张执法" not in listing


def test_only_admins_open_management_pages(world):
    response = logged_in(world.officer).get(reverse("core:staff-create"))
    assert response.status_code == 403
    assert "此操作需要以下角色之一：管理员" in response.content.decode()


def test_admin_creates_staff_through_the_page(world):
    client = logged_in(world.admin)
    response = client.post(
        reverse("core:staff-create"),
        {
            "username": "newofficer",
            "full_name": "钱执法",
            "organisation": world.enforcement_team.pk,
            "password": "another-good-password",
            "roles": ["officer"],
        },
        follow=True,
    )
    assert "已添加工作人员“钱执法”" in response.content.decode()
    assert Event.objects.filter(
        action="core.staff.created", subject_id=str(response.context["person"].pk)
    ).exists()


def test_admin_site_is_for_administrators_only(world):
    assert logged_in(world.officer).get("/admin/").status_code == 302
    assert logged_in(world.admin).get("/admin/").status_code == 200


def test_calendar_page_explains_a_due_date(world):
    response = logged_in(world.officer).get(
        reverse("core:calendar"), {"start": "2020-09-30", "days": "7", "kind": "working_days"}
    )
    body = response.content.decode()
    assert "到期日：2020年10月16日" in body
    assert "2020-10-10（国庆节调休上班）" in body


def test_calendar_page_rejects_a_malformed_date_in_chinese(world):
    response = logged_in(world.officer).get(
        reverse("core:calendar"), {"start": "2020-13-01", "days": "7", "kind": "working_days"}
    )
    assert "输入一个有效的日期" in response.content.decode()


# ---------------------------------------------------------------------------------------------- files

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, party, name, content):
    stream = io.BytesIO(content)
    stream.name = name
    return client.post(
        reverse("core:party-attach", args=[party.pk]), {"file": stream, "description": "材料"}, follow=True
    )


def test_upload_is_stored_once_by_content_and_served_to_the_town_only(world):
    party = register(world)
    client = logged_in(world.admin)
    response = upload(client, party, "营业执照.pdf", PDF)
    assert "已上传“营业执照.pdf”" in response.content.decode()
    upload(client, party, "营业执照-副本.pdf", PDF)
    assert StoredBlob.objects.count() == 1
    assert Attachment.objects.count() == 2
    attachment = Attachment.objects.earliest("uploaded_at")
    download = client.get(reverse("core:file-download", args=[attachment.pk]))
    assert download.getvalue() == PDF
    assert download["X-Content-SHA256"] == StoredBlob.objects.get().sha256
    assert (
        logged_in(world.other_admin).get(reverse("core:file-download", args=[attachment.pk])).status_code
        == 404
    )
    assert Event.objects.filter(action="core.file.attached").count() == 2


def test_an_empty_upload_is_refused(world):
    party = register(world)
    response = upload(logged_in(world.admin), party, "空.pdf", b"")
    assert "未上传：所提交的是空文件。" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_oversized_upload_is_refused_and_leaves_nothing(world, settings):
    settings.FILE_UPLOAD_MAX_BYTES = 1024 * 1024
    party = register(world)
    response = upload(logged_in(world.admin), party, "大.pdf", PDF + b"0" * (1024 * 1024))
    assert "文件超过大小上限 1 MB，未保存" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not StoredBlob.objects.exists()


def test_a_file_whose_content_does_not_match_its_extension_is_refused(world):
    party = register(world)
    response = upload(logged_in(world.admin), party, "照片.jpg", b"MZ\x90\x00 this is a program")
    assert "文件内容与扩展名“.jpg”不符" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_path_traversal_name_is_made_safe(world):
    party = register(world)
    upload(logged_in(world.admin), party, "../../etc/passwd.pdf", PDF)
    assert Attachment.objects.get().original_name == "passwd.pdf"


def test_a_post_without_csrf_token_is_rejected(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin)
    response = client.post(
        reverse("core:party-create"),
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": VALID_ID},
    )
    assert response.status_code == 403
    assert not Party.objects.exists()


def test_individual_business_placeholder_is_never_shown_as_a_credit_code(world):
    business = services.register_party(
        world.officer,
        services.PartyInput(
            kind=PartyKind.INDIVIDUAL_BUSINESS,
            name="老马小吃店",
            uscc="00000000000000000X",
            business_registration_no="120111600123456",
            legal_representative="马某某",
        ),
    ).party
    client = logged_in(world.admin)
    listing = client.get(reverse("core:party-list"), HTTP_HX_REQUEST="true").content.decode()
    detail = client.get(reverse("core:party-detail", args=[business.pk])).content.decode()
    assert "注册号 120111600123456" in listing
    assert "00000000000000000X" not in listing
    assert "00000000000000000X" not in detail
    assert "无（以工商注册号登记）" in detail


def test_radio_and_checkbox_groups_are_fieldsets_with_legends_and_hints_are_linked(world):
    body = logged_in(world.admin).get(reverse("core:party-create")).content.decode()
    assert '<legend class="form-label fs-6">当事人类型' in body
    assert 'id="id_birth_date_helptext"' in body
    assert 'aria-describedby="id_birth_date_helptext"' in body


def test_admin_sets_up_a_department_and_sees_code_errors_beside_the_fields(world):
    client = logged_in(world.admin)
    url = reverse("core:organisation-create", args=[world.town.pk])
    refused = client.post(url, {"name": "司法所", "kind": "department", "uscc": "91110000600037341M"})
    assert refused.status_code == 422
    assert "校验码错误" in refused.content.decode()
    created = client.post(url, {"name": "司法所", "kind": "department"}, follow=True)
    assert "已设立“司法所”。" in created.content.decode()
    assert Event.objects.filter(action="core.organisation.created", entry__contains="司法所").exists()


def test_admin_registers_and_revokes_a_credential_through_the_pages(world):
    client = logged_in(world.admin)
    add_url = reverse("core:credential-add", args=[world.officer.pk])
    fields = {
        "number": "12011100001",
        "category": "综合行政执法",
        "issuer": "天津市人民政府",
        "valid_from": "2026-01-01",
        "valid_to": "2025-01-01",
    }
    refused = client.post(add_url, fields)
    assert refused.status_code == 422
    assert "有效期至不能早于有效期起" in refused.content.decode()
    detail = client.post(add_url, {**fields, "valid_to": "2028-12-31"}, follow=True).content.decode()
    assert "已登记执法证。" in detail
    assert "有效" in detail
    credential = world.officer.credentials.get()
    # 注销 is not undone: without the tick the form is refused and the credential stays valid.
    unconfirmed = client.post(
        reverse("core:credential-revoke", args=[credential.pk]),
        {"revoked_on": "2026-11-28", "reason": "调岗"},
    )
    assert unconfirmed.status_code == 422
    assert "我已知悉：注销后该执法证自注销日期起失效，不能恢复。" in unconfirmed.content.decode()
    credential.refresh_from_db()
    assert credential.revoked_on is None
    revoked = client.post(
        reverse("core:credential-revoke", args=[credential.pk]),
        {"revoked_on": "2026-11-28", "reason": "调岗", "confirm": "on"},
        follow=True,
    ).content.decode()
    assert "已注销执法证 12011100001。" in revoked
    assert "已注销 2026-11-28" in revoked


def test_admin_deactivates_an_account_which_then_cannot_log_in(world):
    client = logged_in(world.admin)
    unconfirmed = client.post(reverse("core:staff-deactivate", args=[world.officer.pk]), {"reason": "退休"})
    assert unconfirmed.status_code == 422
    world.officer.refresh_from_db()
    assert type(world.officer).objects.get(pk=world.officer.pk).is_active
    client.post(
        reverse("core:staff-deactivate", args=[world.officer.pk]), {"reason": "退休", "confirm": "on"}
    )
    world.officer.refresh_from_db()
    assert world.officer.is_active is False
    login = Client().post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert "用户名或密码不正确" in login.content.decode()


def test_the_sidebar_marks_the_section_of_a_detail_page(world):
    party = register(world)
    body = logged_in(world.admin).get(reverse("core:party-detail", args=[party.pk])).content.decode()
    assert 'class="nav-link flex-grow-1 active" aria-current="page" href="/parties/">当事人</a>' in body


def test_the_health_check_answers_without_a_login_or_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
