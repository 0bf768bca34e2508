"""Words for people in the shared parts: the id type's empty choice reads 请选择; a step names the role
that takes it; a refusal links to the page that puts it right, for a user who may open that page;
voiding a 文号 asks for confirmation."""

from django.test import Client, RequestFactory

from fazhi.core.errors import Remedy, RuleViolation
from fazhi.core.pages import remedy_link
from fazhi.core.roles import Role
from fazhi.core.rules import Step


def test_a_person_registration_offers_choose_for_the_id_type():
    from fazhi.core.forms import PartyForm

    assert '<option value="" selected>请选择</option>' in str(PartyForm(initial={"id_type": ""})["id_type"])


def test_a_step_names_the_roles_that_take_it():
    assert Step(name="file", label="立案", roles=(Role.HEAD,)).taken_by == "负责人"
    assert (
        Step(name="x", label="x", roles=(Role.OFFICER, Role.AUXILIARY)).taken_by == "执法人员、辅助执法人员"
    )
    assert Step(name="y", label="y").taken_by == "本单位工作人员"


def test_a_refusal_links_to_its_remedy_only_for_those_who_may_open_it(world):
    violation = RuleViolation("本镇尚未建立文号系列。", remedy=Remedy("core:number-series-list", "文号管理"))
    request = RequestFactory().get("/")
    request.user = world.admin
    assert remedy_link(request, violation.remedy) == {"url": "/numbering/", "label": "文号管理"}
    request.user = world.officer
    assert remedy_link(request, violation.remedy) is None
    assert remedy_link(request, RuleViolation("无处可改。").remedy) is None


def test_voiding_a_number_asks_for_confirmation(world):
    from django.db import transaction

    from fazhi.core import services
    from fazhi.core.models import IssuedNumber
    from fazhi.core.tests.test_numbering import make_series

    series = make_series(world)
    with transaction.atomic():
        issued = services.issue_number(world.admin, series, year=2020, subject=world.town)
    admin = Client()
    admin.force_login(world.admin)
    page = admin.get(f"/numbering/{series.pk}/").content.decode()
    assert "确认作废（不可恢复）" in page
    refused = admin.post(f"/numbering/numbers/{issued.pk}/void/", {"reason": "起草有误"}, follow=True)
    assert "此操作不可撤销，请勾选确认。" in refused.content.decode()
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == ""
    admin.post(f"/numbering/numbers/{issued.pk}/void/", {"reason": "起草有误", "confirm": "on"})
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == "起草有误"
