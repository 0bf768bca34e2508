"""Case pages through HTTP: what the officer and the head see, and what the database holds after."""

import datetime

from django.test import Client
from django.urls import reverse

from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.tests.conftest import TODAY, lead


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_registers_a_lead_head_files_it_officer_starts_investigating(town):
    officer = client_for(town.officer)
    created = officer.post(
        reverse("enforcement:lead-create"),
        {
            "title": "占道经营",
            "source": "patrol",
            "received_on": TODAY.isoformat(),
            "act_on": TODAY.isoformat(),
            "place": "辛口镇政府路",
        },
        follow=True,
    )
    assert "已登记线索“占道经营”" in created.content.decode()
    case = Case.objects.get()
    assert f'href="/cases/{case.pk}/file/"' not in created.content.decode(), "filing is the head's step"
    assert (
        f'href="/cases/{case.pk}/file/"' in client_for(town.head).get(f"/cases/{case.pk}/").content.decode()
    )
    head = client_for(town.head)
    filed = head.post(
        reverse("enforcement:case-file", args=[case.pk]),
        {"party_id": town.party.pk, "power": town.power.pk, "act_ended_on": TODAY.isoformat()},
        follow=True,
    ).content.decode()
    assert f"已立案，立案号 西青辛综执立〔{TODAY.year}〕1号" in filed
    assert "处罚决定期限" in filed
    assert "行政处罚法 第六十条" in filed
    investigating = officer.post(
        reverse("enforcement:case-investigate", args=[case.pk]),
        {"investigators": [town.officer.pk, town.officer2.pk]},
        follow=True,
    ).content.decode()
    assert "已开始调查取证" in investigating
    case.refresh_from_db()
    assert case.stage == Stage.INVESTIGATING


def test_a_rule_that_blocks_is_shown_above_the_form_with_its_article(town):
    old = TODAY - datetime.timedelta(days=3 * 365)
    case = lead(town, act_on=old)
    response = client_for(town.head).post(
        reverse("enforcement:case-file", args=[case.pk]),
        {"party_id": town.party.pk, "power": town.power.pk, "act_ended_on": old.isoformat()},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "超过追责期限" in body
    assert "依据：行政处罚法 第三十六条" in body
    case.refresh_from_db()
    assert case.stage == Stage.LEAD


def test_one_officer_alone_is_refused_on_the_page(town):
    from fazhi.enforcement import services

    case = services.file_case(
        town.head,
        lead(town),
        party=town.party,
        power=town.power,
        act_ended_on=TODAY,
        endangers_life_health_or_finance=False,
    )
    response = client_for(town.officer).post(
        reverse("enforcement:case-investigate", args=[case.pk]),
        {"investigators": [town.officer.pk, town.auxiliary.pk]},
    )
    assert response.status_code == 422
    assert "依据：行政处罚法 第四十二条" in response.content.decode()


def test_another_towns_staff_get_404_for_the_case(town):
    case = lead(town)
    other = client_for(town.other_admin)
    assert other.get(reverse("enforcement:case-detail", args=[case.pk])).status_code == 404
    assert "占道经营" not in other.get(reverse("enforcement:case-list")).content.decode()


def test_the_case_list_filters_by_stage(town):
    lead(town, title="乱堆乱放")
    client = client_for(town.officer)
    assert "乱堆乱放" in client.get(reverse("enforcement:case-list"), {"stage": "lead"}).content.decode()
    assert "乱堆乱放" not in client.get(reverse("enforcement:case-list"), {"stage": "filed"}).content.decode()


def test_only_the_head_opens_the_filing_page(town):
    case = lead(town)
    assert client_for(town.officer).get(reverse("enforcement:case-file", args=[case.pk])).status_code == 403
