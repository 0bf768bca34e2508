"""Case pages through HTTP: what the officer and the head see, and what the database holds after."""

import datetime

from django.urls import reverse

from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Stage
from fazhi.testing.enforcement import FILED_ON, TODAY, file, lead, services_on
from fazhi.testing.pages import client_for


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
        {"party": str(town.party.pk), "power": town.power.pk, "act_ended_on": TODAY.isoformat()},
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
        {"party": str(town.party.pk), "power": town.power.pk, "act_ended_on": old.isoformat()},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "年内（至" in body
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


def test_the_case_list_filters_by_officer(town):
    from fazhi.enforcement import services

    ours = services.start_investigation(
        town.officer, file(town, lead(town, title="乱堆乱放")), investigators=[town.officer, town.officer2]
    )
    lead(town, title="违章搭建")
    client = client_for(town.officer)
    listing = client.get(reverse("enforcement:case-list"), {"officer": town.officer2.pk}).content.decode()
    assert str(ours) in listing
    assert "违章搭建" not in listing
    assert "乱堆乱放" in client.get(reverse("enforcement:case-list")).content.decode()


def test_only_the_head_opens_the_filing_page(town):
    case = lead(town)
    assert client_for(town.officer).get(reverse("enforcement:case-file", args=[case.pk])).status_code == 403


def test_the_review_journey_through_the_pages_ends_in_a_numbered_decision(town, investigated):
    case = investigated
    officer, head, review = client_for(town.officer), client_for(town.head), client_for(town.reviewer)
    url = lambda step: f"/cases/{case.pk}/{step}/"  # noqa: E731

    with services_on(FILED_ON):  # the investigation ended before the notice below
        officer.post(
            url("close-investigation"),
            {"outcome": "penalty", "findings": "占道属实", "review_public_interest": "on"},
        )
    officer.post(
        url("notice"),
        {
            "proposed_penalties": "罚款",
            "penalty_kinds": ["fine"],
            "proposed_fine": "2000",
            "facts": "……",
            "served_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
            "statement_working_days": "3",
        },
    )
    blocked = head.post(
        url("decide"),
        {
            "penalty_kinds": ["fine"],
            "penalties": "罚款",
            "fine": "2000",
            "basis": "《城市道路管理条例》第四十二条",
        },
    )
    assert blocked.status_code == 422
    assert "依据：行政处罚法 第五十八条" in blocked.content.decode()

    officer.post(url("submit-review"), {"confirm": "on"})
    page = review.get(f"/cases/{case.pk}/").content.decode()
    assert "出具审核意见" in page
    review.post(url("review"), {"opinion": "problems", "reasons": "证据目录不完整"})
    officer.post(url("submit-review"), {"confirm": "on"})
    reviewed = review.post(
        url("review"), {"opinion": "agreed", "reasons": "事实清楚"}, follow=True
    ).content.decode()
    assert "已出具法制审核意见：同意" in reviewed

    decided = head.post(
        url("decide"),
        {
            "penalty_kinds": ["fine"],
            "penalties": "罚款",
            "fine": "2000",
            "basis": "《城市道路管理条例》第四十二条",
        },
        follow=True,
    ).content.decode()
    assert f"已作出行政处罚决定，文号 西青辛综执罚〔{TODAY.year}〕1号" in decided
    case.refresh_from_db()
    assert case.stage == Stage.DECIDED
    assert case.decision.fine_fen == 2_000_00
