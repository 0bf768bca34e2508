"""The mediation centre's intake and dispatch: a visit is one batch with its persons; zero persons,
fewer persons than listed visitors, a category outside the taxonomy, another town's unit are refused and
nothing is saved; the statistics count batches and persons per category from the rows created here."""

import datetime

import pytest

from conftest import make_staff
from fazhi.core import calendar
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.mediation import selectors, services
from fazhi.mediation.models import Dispatch, Dispute, DisputeCategory, HandlingUnit, UnitKind
from fazhi.testing.mediation import TODAY, visit
from fazhi.testing.pages import chosen_rows


def test_a_group_of_three_villagers_is_one_batch_of_three_persons_due_in_a_month(town):
    dispute = visit(town)
    assert dispute.visitor_count == 3
    assert dispute.due_on == calendar.compute_calendar_days(TODAY, 30).due
    assert len(dispute.tracking_number) == 10
    assert Event.objects.filter(action="mediation.dispute.registered").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"visitor_count": 0}, "visitor_count"),
        ({"visitor_count": -2}, "visitor_count"),
        ({"visitor_count": 2}, "visitor_count"),
        ({"category": None}, "category"),
        ({"received_on": TODAY + datetime.timedelta(days=1)}, "received_on"),
        ({"visitors": []}, "visitors"),
    ],
)
def test_bad_intake_is_refused_in_chinese_and_nothing_is_saved(town, overrides, field):
    with pytest.raises(InvalidInput) as raised:
        visit(town, **overrides)
    assert field in raised.value.extra["fields"]
    assert not Dispute.objects.exists()


def test_a_category_with_subcategories_must_be_narrowed(town):
    with pytest.raises(InvalidInput) as raised:
        visit(town, category=DisputeCategory.objects.get(name="劳动与社会保障"))
    assert raised.value.extra["fields"]["category"] == "请从纠纷类别中选择一个具体类别。"


def test_fewer_persons_than_visitors_says_both_numbers(town):
    with pytest.raises(InvalidInput) as raised:
        visit(town, visitor_count=2)
    assert raised.value.extra["fields"]["visitor_count"] == "人次（2）少于登记的来访人数（3）。"


def test_dispatch_to_a_unit_of_the_town_within_the_closure_target(town):
    dispute = visit(town)
    theirs = HandlingUnit.objects.create(
        organisation=town.other_town, name="杨柳青司法所", kind=UnitKind.CORE
    )
    with pytest.raises(InvalidInput):
        services.dispatch_dispute(town.mediator, dispute, unit=theirs, due_on=TODAY)
    with pytest.raises(RuleViolation):
        services.dispatch_dispute(
            town.mediator, dispute, unit=town.justice, due_on=dispute.due_on + datetime.timedelta(days=1)
        )
    assert not Dispatch.objects.exists()
    services.dispatch_dispute(
        town.mediator, dispute, unit=town.justice, due_on=TODAY + datetime.timedelta(days=10)
    )
    dispute.refresh_from_db()
    assert dispute.status == "dispatched"


def test_batches_and_persons_per_category_and_month(town):
    visit(town)
    visit(town, visitor_count=1, visitors=town.villagers[:1])
    neighbours = DisputeCategory.objects.get(name="邻里纠纷")
    visit(town, category=neighbours, visitor_count=2, visitors=town.villagers[:2])
    rows = {
        (row.category, row.month): (row.batches, row.persons)
        for row in selectors.visits_by_category_and_month(town.town, year=TODAY.year)
    }
    assert rows[("劳动与社会保障／拖欠工资", TODAY.month)] == (2, 4)
    assert rows[("婚姻家庭与邻里／邻里纠纷", TODAY.month)] == (1, 2)
    assert selectors.visits_by_category_and_month(town.other_town, year=TODAY.year) == []


def test_intake_and_dispatch_on_the_pages_and_another_town_sees_nothing(town):
    from django.test import Client

    client = Client()
    client.force_login(town.mediator)
    refused = client.post(
        "/mediation/new/",
        {
            "received_on": TODAY.isoformat(),
            "channel": "visit",
            "category": town.wages.pk,
            "visitor_count": "2",
            **chosen_rows("visitors", town.villagers),
            "summary": "拖欠工资",
            "claims": "支付工资",
        },
    )
    assert refused.status_code == 422
    assert "人次（2）少于登记的来访人数（3）" in refused.content.decode()
    assert not Dispute.objects.exists()
    saved = client.post(
        "/mediation/new/",
        {
            "received_on": TODAY.isoformat(),
            "channel": "visit",
            "category": town.wages.pk,
            "visitor_count": "3",
            **chosen_rows("visitors", town.villagers),
            "summary": "某建筑队拖欠3名村民工资。",
            "claims": "支付工资",
        },
        follow=True,
    )
    dispute = Dispute.objects.get()
    assert f"已登记，查询码 {dispute.tracking_number}" in saved.content.decode()
    client.post(
        f"/mediation/{dispute.pk}/dispatch/",
        {"unit": town.justice.pk, "due_on": TODAY.isoformat()},
        follow=True,
    )
    assert Dispatch.objects.get().unit == town.justice
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/mediation/{dispute.pk}/").status_code == 404


def test_only_an_administrator_or_the_head_adds_a_handling_unit(town):
    from fazhi.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.add_handling_unit(town.mediator, name="综治中心", kind=UnitKind.CORE)
    unit = services.add_handling_unit(town.admin, name="综治中心", kind=UnitKind.CORE)
    assert unit.organisation == town.town
    with pytest.raises(InvalidInput, match="承办单位信息有误"):
        services.add_handling_unit(town.admin, name="综治中心", kind=UnitKind.CORE)
    assert HandlingUnit.objects.filter(name="综治中心").count() == 1


def test_the_default_taxonomy_comes_back_after_the_table_was_emptied(db):
    # A transactional test's flush empties the rows migration 0002 put in; load_demo failed on it in CI.
    DisputeCategory.objects.filter(parent__isnull=False).delete()
    DisputeCategory.objects.all().delete()
    services.ensure_default_categories()
    services.ensure_default_categories()
    assert DisputeCategory.objects.filter(parent__isnull=True).count() == 5
    wages = DisputeCategory.objects.select_related("parent").get(name="拖欠工资")
    assert wages.parent is not None
    assert wages.parent.name == "劳动与社会保障"


def test_the_portal_tells_the_progress_by_tracking_number_and_nothing_for_a_guess_or_another_town(town):
    from django.test import Client

    dispute = visit(town)
    services.dispatch_dispute(town.mediator, dispute, unit=town.justice, due_on=dispute.due_on)
    citizen = Client()
    found = citizen.get("/gongshi/chaxun/", {"org": town.town.pk, "code": dispute.tracking_number.lower()})
    page = found.content.decode()
    assert 'data-testid="progress"' in page
    assert "司法所（人民调解）办理" in page
    assert "劳动与社会保障" in page
    for private in ("刘某", "陈某", "拖欠3名村民工资", "要求支付拖欠工资"):
        assert private not in page
    guessed = "2" * 10 if dispute.tracking_number != "2" * 10 else "3" * 10
    for params in (
        {"org": town.town.pk, "code": guessed},
        {"org": town.other_town.pk, "code": dispute.tracking_number},
    ):
        answer = citizen.get("/gongshi/chaxun/", params).content.decode()
        assert 'data-testid="not-found"' in answer
        assert 'data-testid="progress"' not in answer


def test_the_api_registers_a_visit_refuses_too_few_persons_and_counts_it(town):
    import json

    from django.test import Client

    client = Client()
    client.force_login(town.mediator)
    body = {
        "received_on": TODAY.isoformat(),
        "channel": "visit",
        "category_id": town.wages.pk,
        "visitor_count": 1,
        "visitor_ids": [party.pk for party in town.villagers],
        "summary": "拖欠工资",
        "claims": "支付工资",
    }
    refused = client.post("/api/v1/mediation/disputes", json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    assert "visitor_count" in refused.json()["extra"]["fields"]
    assert not Dispute.objects.exists()
    body["visitor_count"] = 3
    created = client.post("/api/v1/mediation/disputes", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    counted = client.get("/api/v1/mediation/statistics").json()
    assert counted == [
        {"category": "劳动与社会保障／拖欠工资", "month": TODAY.month, "batches": 1, "persons": 3}
    ]


def test_the_party_page_lists_the_partys_visits(town):
    from django.test import Client

    visit(town)
    client = Client()
    client.force_login(town.mediator)
    page = client.get(f"/parties/{town.villagers[0].pk}/").content.decode()
    assert f"矛调中心来访 {TODAY.isoformat()}" in page
    assert "劳动与社会保障／拖欠工资" in page


def test_the_api_refuses_a_blank_visit_beside_each_field(town):
    from fazhi.testing.api import refused_fields, token_client

    body = {
        "received_on": TODAY.isoformat(),
        "channel": "letter",
        "category_id": town.wages.pk,
        "visitor_count": 0,
        "visitor_ids": [party.pk for party in town.villagers],
        "summary": " ",
        "claims": "",
    }
    fields = refused_fields(token_client(town, town.mediator), "/api/v1/mediation/disputes", body)
    assert set(fields) == {"channel", "visitor_count", "summary", "claims"}
    assert fields["channel"].startswith("请选择其一：visit（")
    assert (fields["visitor_count"], fields["summary"], fields["claims"]) == (
        "不能小于 1。",
        "请填写事由。",
        "请填写诉求。",
    )
    assert not Dispute.objects.exists()


def test_the_portals_lookup_passes_the_public_text_gate(town):
    """A handling unit named after a mediator the town registers reads masked on the portal."""
    from django.test import Client

    unit = services.add_handling_unit(town.admin, name="老娘舅刘德明调解工作室", kind=UnitKind.CORE)
    make_staff(town.system, town.town, "liudeming", [Role.MEDIATOR], full_name="刘德明")
    dispute = visit(town)
    services.dispatch_dispute(town.mediator, dispute, unit=unit, due_on=dispute.due_on)
    page = (
        Client()
        .get("/gongshi/chaxun/", {"org": town.town.pk, "code": dispute.tracking_number})
        .content.decode()
    )
    assert "老娘舅刘某某调解工作室办理" in page
    assert "刘德明" not in page
