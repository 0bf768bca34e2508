"""The random-inspection list (随机抽查事项清单): an administrator publishes items; the portal shows
them on the town's page at once; bad input and other roles change nothing."""

import pytest
from django.test import Client

from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.disclosure import services
from fazhi.disclosure.models import InspectionItem
from fazhi.ledger.models import Event
from fazhi.testing.pages import refused_form

ITEM = {
    "name": "临街商户占用城市道路情况",
    "subjects": "辖区内临街商户",
    "basis": "《城市道路管理条例》第二十七条",
    "department": "辛口镇综合行政执法队",
    "method": "现场检查",
    "frequency": "每年抽查比例不低于5%",
}


def test_an_item_is_on_the_town_page_of_the_portal_at_once(town):
    portal = Client()
    page = f"/gongshi/zhuti/{town.town.pk}/"
    assert "尚未公布随机抽查事项" in portal.get(page).content.decode()
    item = services.add_inspection_item(town.admin, **ITEM)
    assert item.organisation == town.town
    shown = portal.get(page).content.decode()
    assert "临街商户占用城市道路情况" in shown
    assert "每年抽查比例不低于5%" in shown
    assert Event.objects.filter(action="disclosure.inspection_item.added", subject_id=str(item.pk)).exists()
    # Another town's page does not list it.
    assert "临街商户" not in portal.get(f"/gongshi/zhuti/{town.other_town.pk}/").content.decode()


def test_missing_fields_a_duplicate_and_an_officer_are_refused_and_nothing_is_added(town):
    admin = Client()
    admin.force_login(town.admin)
    errors = refused_form(admin, "/disclosure/inspections/", {**ITEM, "frequency": " ", "basis": ""})
    assert errors == {"frequency": ["这个字段是必填项。"], "basis": ["这个字段是必填项。"]}
    with pytest.raises(PermissionDenied):
        services.add_inspection_item(town.officer, **ITEM)
    services.add_inspection_item(town.admin, **ITEM)
    with pytest.raises(InvalidInput, match="随机抽查事项信息有误"):
        services.add_inspection_item(town.admin, **ITEM)
    assert InspectionItem.objects.count() == 1


def test_the_staff_page_offers_the_form_to_administrators_only(town):
    admin, officer = Client(), Client()
    admin.force_login(town.admin)
    officer.force_login(town.officer)
    saved = admin.post("/disclosure/inspections/", ITEM, follow=True)
    assert "已公布抽查事项" in saved.content.decode()
    listing = officer.get("/disclosure/inspections/").content.decode()
    assert "临街商户占用城市道路情况" in listing
    assert "公布抽查事项" not in listing
    refused = officer.post("/disclosure/inspections/", {**ITEM, "name": "另一事项"})
    assert refused.status_code == 403
    assert InspectionItem.objects.count() == 1


def test_the_authority_page_shows_its_officers_and_passes_typed_text_through_the_public_text_gate(town):
    """执法主体: the officers' names and 执法证号 are public; what staff typed into the list is masked."""
    services.add_inspection_item(
        town.admin, **{**ITEM, "department": "辛口镇综合行政执法队（联系人王建国，电话13911112222）"}
    )
    shown = Client().get(f"/gongshi/zhuti/{town.town.pk}/").content.decode()
    assert "辛口镇综合行政执法队（联系人王某某，电话（已隐去））" in shown
    assert "13911112222" not in shown
    assert "张执法" in shown
    assert "赵执法" in shown
    assert "12011100001" in shown
