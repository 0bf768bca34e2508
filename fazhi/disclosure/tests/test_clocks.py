"""The disclosure clocks: publication within 7 working days (and the monthly share that made it), and
withdrawal within 3 working days of a 复议 or court outcome that changes or revokes the decision."""

import datetime

import pytest
from django.test import Client

from fazhi.core import calendar
from fazhi.disclosure import rules, selectors, services
from fazhi.enforcement import services as enforcement_services
from fazhi.testing.enforcement import FILED_ON, TODAY, close, decide, file, lead, notify, serve, services_on

DAY = datetime.timedelta(days=1)


def publish(town, case):
    return services.publish(town.head, services.prepare_publication(town.officer, case.decision))


def month_of(rows, day):
    return next(row for row in rows if row.month == f"{day.year}-{day.month:02d}")


def test_the_publication_deadline_counts_working_days_across_the_national_day_holiday(db):
    # Decided Wednesday 2020-09-30: 1–8 October are off, Saturday 10 October is a working day.
    assert rules.PUBLISH.due(datetime.date(2020, 9, 30)).due == datetime.date(2020, 10, 16)


def test_a_decision_published_on_time_counts_and_one_still_within_its_days_is_pending(town, decided):
    decided_on = decided.decision.decided_on
    pending = month_of(
        selectors.timeliness_by_month(town.town, year=decided_on.year, today=TODAY), decided_on
    )
    assert (pending.decisions, pending.pending, pending.share) == (1, 1, None)
    publish(town, decided)
    month = month_of(selectors.timeliness_by_month(town.town, year=decided_on.year, today=TODAY), decided_on)
    assert (month.decisions, month.on_time, month.late, month.share) == (1, 1, 0, 1.0)


def test_a_late_publication_and_an_overdue_one_lower_the_share(town, decided, on_day):
    decided_on = decided.decision.decided_on
    due = rules.PUBLISH.due(decided_on).due
    overdue = month_of(
        selectors.timeliness_by_month(town.town, year=decided_on.year, today=due + DAY), decided_on
    )
    assert (overdue.overdue, overdue.share) == (1, 0.0)
    on_day(due + DAY)
    publish(town, decided)
    month = month_of(
        selectors.timeliness_by_month(town.town, year=decided_on.year, today=due + DAY), decided_on
    )
    assert (month.on_time, month.late, month.share) == (0, 1, 0.0)
    # Another town's figures do not include it.
    other = month_of(
        selectors.timeliness_by_month(town.other_town, year=decided_on.year, today=due + DAY), decided_on
    )
    assert other.decisions == 0


@pytest.mark.parametrize(("result", "listed"), [("revoked", True), ("changed", True), ("upheld", False)])
def test_a_revoked_or_changed_decision_must_come_down_within_3_working_days(town, decided, result, listed):
    publication = publish(town, decided)
    serve(town, decided)
    enforcement_services.start_remedy(town.officer, decided, kind="reconsideration", started_on=TODAY)
    enforcement_services.end_remedy(
        town.officer, decided, ended_on=TODAY, result=result, outcome="复议决定书 西青复决〔2026〕1号"
    )
    due = selectors.publications_to_withdraw(town.officer)
    if not listed:
        assert due == []
        return
    [item] = due
    assert item.publication == publication
    assert item.due == calendar.add_working_days(TODAY, 3)
    queue = Client()
    queue.force_login(town.officer)
    assert "应撤回的公示" in queue.get("/disclosure/").content.decode()
    head = Client()
    head.force_login(town.head)
    page = head.get(f"/disclosure/{publication.pk}/")
    assert f"应于 {item.due.isoformat()} 前撤回本公示" in page.content.decode()
    assert page.context["withdraw_form"]["reason"].value().startswith("经行政复议，原行政处罚决定被")
    services.withdraw(town.head, publication, reason="复议机关撤销原处罚决定")
    assert selectors.publications_to_withdraw(town.officer) == []
    # Another town sees nothing of it.
    assert selectors.publications_to_withdraw(town.other_admin) == []


def test_the_disclosure_page_and_the_dashboard_give_one_rate(town, decided):
    # The page said 100% and the dashboard 75% for one month: the dashboard counted a decision still
    # within its 7 working days as not published in time.
    publish(town, decided)
    with services_on(FILED_ON):
        # Another act of the same party, at another place: a second fine for the same act is refused
        # (行政处罚法 第二十九条).
        pending = file(town, lead(town, received_on=FILED_ON, act_on=FILED_ON, place="辛口镇工业园东路"))
        enforcement_services.start_investigation(
            town.officer, pending, investigators=[town.officer, town.officer2]
        )
    close(town, pending, review=False)
    notify(town, pending, served_on=TODAY - datetime.timedelta(days=10))
    decide(town, pending)
    client = Client()
    client.force_login(town.head)
    page = client.get("/disclosure/").context
    month = month_of(page["timeliness"], TODAY)
    assert (month.on_time, month.pending, month.share) == (1, 1, 1.0)
    assert page["year_rate"].value.display == "100%"
    tiles = {tile.figure.key: tile for tile in client.get("/reports/dashboard/").context["tiles"]}
    assert tiles["publications_on_time"].value.display == "100%"
    assert (
        tiles["publications_on_time"].value.numerator,
        tiles["publications_on_time"].value.denominator,
    ) == (1, 1)
