"""The supervision dashboards: each breakdown counts the rows created here through the services, and
each chart element's rows page lists exactly the rows its bar counts; another town's rows never
appear; a supervisor sees each of their towns, each cell linking to that figure's rows for the town;
and the pages take the same number of queries with one row as with twenty."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_staff
from fazhi.contracts import services as contracts
from fazhi.contracts.models import ContractKind, ReviewOpinion
from fazhi.core import charts, files
from fazhi.core.figures import Scope
from fazhi.core.roles import Role
from fazhi.disclosure import services as disclosure
from fazhi.enforcement import services as enforcement
from fazhi.learning import services as learning
from fazhi.learning.models import TrainingKind
from fazhi.mediation.models import DisputeCategory
from fazhi.petitions import services as petitions
from fazhi.petitions.models import Channel
from fazhi.testing.enforcement import (
    TODAY,
    close,
    decide,
    file,
    investigated,  # noqa: F401  (fixture)
    lead,
    notify,
    on_day,  # noqa: F401  (fixture)
    town,  # noqa: F401  (fixture)
)
from fazhi.testing.reports import dispute

# Days this year and last whose month differs from today's: the services refuse a future date.
EARLIER = TODAY - datetime.timedelta(days=150)
EARLIEST = TODAY - datetime.timedelta(days=250)
ROW_LINK = re.compile(r'<td data-label="[^"]*"><a href="([^"]+)">')


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def petition(area, place, day):
    return petitions.register_petition(
        area.staff_of[place.pk]["clerk"],
        petitions.PetitionInput(
            received_on=day,
            channel=Channel.VISIT,
            person_count=1,
            petitioners=[area.staff_of[place.pk]["villager"]],
            request="要求修复道路。",
            facts_and_reasons="村主路破损。",
        ),
    )


def training(area, day, hours):
    return learning.record_training(
        area.admin,
        learning.TrainingInput(
            kind=TrainingKind.ALL_STAFF,
            held_on=day,
            topic="行政处罚法",
            hours=Decimal(hours),
            trainer="区司法局",
            attendees=[area.officer],
        ),
        materials=[],
    )


def reviewed_contract(area, on_day, day):  # noqa: F811
    on_day(day)
    department = area.town.children.get(name="党政办")
    contract = contracts.register_contract(
        area.admin,
        contracts.ContractInput(
            title="食材采购合同",
            kind=ContractKind.PROCUREMENT,
            amount_fen=100_000_00,
            counterparty=area.company,
            department=department,
            received_on=day,
        ),
        drafts=[files.StoredFile(*files.store(io.BytesIO(b"%PDF-1.4\n"), original_name="合同.pdf"))],
    )
    contracts.review_contract(
        make_staff(area.system, area.town, "counsel", [Role.LEGAL_COUNSEL]),
        contract,
        opinion=ReviewOpinion.APPROVE,
        reasons="合法。",
    )
    return contract


def filed_case(area, on_day, day, title="占道经营"):  # noqa: F811
    on_day(day)
    return file(area, lead(area, received_on=day, act_on=day, title=title))


def point(chart, line_name, category):
    line = next(line for line in chart.lines if line.name == line_name)
    return line.points[chart.categories.index(category)]


def links_behind(client, url):
    """The record links of every page of a chart element's rows."""
    links, page = [], 1
    while True:
        response = client.get(f"{url}&page={page}")
        assert response.status_code == 200, url
        content = response.content.decode()
        links += ROW_LINK.findall(content)
        if "下一页" not in content:
            return links
        page += 1


def assert_every_bar_lists_its_rows(client, chart):
    """Each element's rows page lists as many records as the bar counts (counts, not sums)."""
    for line in chart.lines:
        for bar in line.points:
            if bar.value:
                assert len(links_behind(client, bar.url)) == bar.value, (chart.key, line.name, bar.url)


# --------------------------------------------------------------------------------- the breakdowns


def test_cases_by_month_and_stage_and_the_overdue_clocks_list_exactly_their_cases(area, on_day):  # noqa: F811
    first = filed_case(area, on_day, EARLIEST)
    second = filed_case(area, on_day, EARLIEST, title="无照经营")
    enforcement.start_investigation(area.officer, second, investigators=[area.officer, area.officer2])
    third = filed_case(area, on_day, EARLIER)
    on_day(TODAY)
    head = client_for(area.head)

    chart = charts.SERIES["cases"].chart(Scope(area.town, EARLIEST.year), TODAY)
    filed = point(chart, "立案", f"{EARLIEST.month}月")
    assert filed.value == 1
    assert links_behind(head, filed.url) == [f"/cases/{first.pk}/"]
    assert point(chart, "调查取证", f"{EARLIEST.month}月").value == 1
    assert_every_bar_lists_its_rows(head, chart)
    later = charts.SERIES["cases"].chart(Scope(area.town, EARLIER.year), TODAY)
    assert point(later, "立案", f"{EARLIER.month}月").value == 1 + (EARLIER.month == EARLIEST.month) * (
        EARLIER.year == EARLIEST.year
    )

    # 90 days to decide (行政处罚法 第六十条): all three clocks have lapsed by today.
    overdue = charts.SERIES["overdue"].chart(Scope(area.town, TODAY.year), TODAY)
    lapsed = point(overdue, "已逾期", "作出处罚决定")
    assert lapsed.value == 3
    assert sorted(links_behind(head, lapsed.url)) == sorted(
        f"/cases/{case.pk}/" for case in (first, second, third)
    )
    assert (
        charts.SERIES["overdue"].chart(Scope(area.other_town, TODAY.year), TODAY).lines[0].points[0].value
        == 0
    )


def test_legal_review_and_publication_timeliness_follow_the_decision_through_publication(
    area,
    investigated,  # noqa: F811
):
    case = close(area, investigated, review=False)
    notify(area, case, served_on=TODAY - datetime.timedelta(days=10))
    decide(area, case)
    case.refresh_from_db()
    scope = Scope(area.town, TODAY.year)
    head = client_for(area.head)
    month = f"{TODAY.month}月"

    # Art. 58 did not require a review for this decision: the review chart does not count it.
    review = charts.SERIES["review"].chart(scope, TODAY)
    unreviewed = point(review, "未经法制审核", month)
    assert (unreviewed.value, point(review, "决定前经法制审核", month).value) == (0, 0)
    assert links_behind(head, unreviewed.url) == []

    pending = point(charts.SERIES["timeliness"].chart(scope, TODAY), "尚在公示期限内", month)
    assert pending.value == 1
    assert links_behind(head, pending.url) == [f"/cases/{case.pk}/"]

    publication = disclosure.prepare_publication(area.officer, case.decision)
    disclosure.publish(area.head, publication)
    timeliness = charts.SERIES["timeliness"].chart(scope, TODAY)
    on_time = point(timeliness, "按期公示", month)
    assert (on_time.value, point(timeliness, "尚在公示期限内", month).value) == (1, 0)
    assert links_behind(head, on_time.url) == [f"/cases/{case.pk}/"]
    assert links_behind(head, point(timeliness, "逾期未公示", month).url) == []


def test_disputes_petitions_contracts_and_training_count_one_towns_rows(area, on_day):  # noqa: F811
    other_category = DisputeCategory.objects.get(name="土地承包")
    mine = [dispute(area, area.town, EARLIER), dispute(area, area.town, EARLIER, other_category)]
    theirs = dispute(area, area.other_town, EARLIER)
    my_petition = petition(area, area.town, EARLIER)
    petition(area, area.other_town, EARLIER)
    contract = reviewed_contract(area, on_day, EARLIER)
    on_day(TODAY)
    first_training = training(area, EARLIER, "2.5")
    training(area, EARLIER, "1.5")
    scope = Scope(area.town, EARLIER.year)
    month = f"{EARLIER.month}月"
    head = client_for(area.head)

    disputes = charts.SERIES["disputes"].chart(scope, TODAY)
    wages_top, land_top = (
        category.parent.name if category.parent else category.name
        for category in (area.wages, other_category)
    )
    assert {line.name for line in disputes.lines} == {wages_top, land_top}
    wages = point(disputes, wages_top, month)
    assert wages.value == 1
    assert links_behind(head, wages.url) == [f"/mediation/{mine[0].pk}/"]
    assert f"/mediation/{theirs.pk}/" not in links_behind(head, wages.url)
    assert_every_bar_lists_its_rows(head, disputes)

    received = charts.SERIES["petitions"].chart(scope, TODAY)
    assert sum(bar.value or 0 for line in received.lines for bar in line.points) == 1
    assert_every_bar_lists_its_rows(head, received)
    assert [f"/petitions/{my_petition.pk}/"] == [
        link
        for line in received.lines
        for bar in line.points
        if bar.value
        for link in links_behind(head, bar.url)
    ]

    reviewed = point(charts.SERIES["contracts"].chart(scope, TODAY), "审核合同", month)
    assert reviewed.value == 1
    assert links_behind(head, reviewed.url) == [f"/contracts/{contract.pk}/"]

    hours = point(charts.SERIES["training"].chart(scope, TODAY), "培训学时", month)
    assert hours.value == Decimal("4.0")
    assert len(links_behind(head, hours.url)) == 2
    assert f"/learning/trainings/{first_training.pk}/" in links_behind(head, hours.url)

    # The district's supervisor sees both towns' visits in the area's chart.
    district = charts.SERIES["disputes"].chart(Scope(area.district, EARLIER.year), TODAY)
    assert point(district, wages_top, month).value == 2


# ------------------------------------------------------------------------------------ the pages


def test_a_town_sees_its_own_dashboard_and_never_another_towns_rows(area):
    petition(area, area.town, TODAY)
    page = client_for(area.head).get("/reports/dashboard/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f"监督看板：辛口镇{TODAY.year}年" in content
    assert 'id="dashboard-data"' in content
    assert 'data-testid="town-table"' not in content
    assert f'href="/reports/figures/petitions_received/?org={area.town.pk}&amp;year={TODAY.year}"' in content

    other = client_for(area.other_admin)
    url = charts.rows_url("petitions", Scope(area.town, TODAY.year), month=TODAY.month, status="received")
    assert other.get(url).status_code == 404
    assert other.get(f"/reports/dashboard/?org={area.town.pk}").status_code == 404
    assert "辛口镇" not in other.get("/reports/dashboard/").content.decode().split("<main", 1)[1]
    assert client_for(area.officer).get("/reports/dashboard/").status_code == 403
    base = f"/reports/dashboard/rows/petitions/?org={area.town.pk}&year={TODAY.year}"
    head = client_for(area.head)
    assert head.get(f"{base}&month={TODAY.month}&status=received").status_code == 200
    assert head.get(f"{base}&month=13&status=received").status_code == 404
    assert head.get(f"{base}&month={TODAY.month}&status=nonsense").status_code == 404
    assert head.get(f"{base}&month={TODAY.month}").status_code == 404
    assert (
        head.get(f"/reports/dashboard/rows/nonsense/?org={area.town.pk}&year={TODAY.year}").status_code == 404
    )


def test_a_supervisor_sees_each_town_with_each_cell_linking_to_that_towns_rows(area):
    dispute(area, area.town, TODAY)
    dispute(area, area.other_town, TODAY)
    dispute(area, area.other_town, TODAY)
    supervisor = client_for(area.supervisor)
    content = supervisor.get(f"/reports/dashboard/?year={TODAY.year}").content.decode()
    assert 'data-testid="town-table"' in content
    for place, batches in ((area.town, 1), (area.other_town, 2)):
        assert f'data-town="{place.pk}"' in content
        cell = (
            f'<a href="/reports/figures/mediation_batches/?org={place.pk}&amp;year={TODAY.year}" '
            f'data-figure="mediation_batches">{batches}批</a>'
        )
        assert cell in content
        rows = supervisor.get(f"/reports/figures/mediation_batches/?org={place.pk}&year={TODAY.year}")
        assert rows.content.decode().count("/mediation/") >= batches
    # The town's own dashboard, opened from the table.
    town_page = supervisor.get(f"/reports/dashboard/?org={area.town.pk}&year={TODAY.year}").content.decode()
    assert "监督看板：辛口镇" in town_page
    assert 'data-testid="town-table"' not in town_page


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_dashboards_take_as_many_queries_with_twenty_rows_as_with_one(area, on_day):  # noqa: F811
    def add_rows(count):
        for _ in range(count):
            dispute(area, area.town, EARLIER)
            dispute(area, area.other_town, EARLIER)
            petition(area, area.town, EARLIER)
            training(area, EARLIER, "1")
            filed_case(area, on_day, EARLIER)
        on_day(TODAY)

    dashboard = f"/reports/dashboard/?year={EARLIER.year}"
    rows = charts.rows_url("cases", Scope(area.town, EARLIER.year), month=EARLIER.month, stage="filed")
    head, supervisor = client_for(area.head), client_for(area.supervisor)

    def counted():
        return (_queries(head, dashboard), _queries(supervisor, dashboard), _queries(head, rows))

    add_rows(1)
    one = counted()
    add_rows(19)
    assert counted() == one
    # A town's page: session and roles, the bell's unread count, one query per figure tile (two for the
    # centre's), one per chart.
    assert one[0] <= 36
