"""The enforcement figures on rows made here through the services: the legal reviewers and their body,
the reviews of the year, the decisions art. 58 required a review for, 复议 and 诉讼 filed, decided and
lost, 笔录 that record the credentials shown, cases closed and archived, and the powers on the portal.
Each counts the town's rows of its year only: another town's scope and another year's see none of
them, the district sees its towns', and the drill-down lists exactly the rows counted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.demo.clock import simulated_day
from fazhi.enforcement import services
from fazhi.enforcement.models import DelegatedPower
from fazhi.testing.enforcement import TODAY, close, decide, notify, on_spot, serve
from fazhi.testing.pages import client_for

YEAR = TODAY.year
DAY = datetime.timedelta(days=1)


def value(key, organisation, year=YEAR):
    return FIGURES[key].compute(Scope(organisation, year))


def drilled(key, organisation, year=YEAR):
    return {row.pk for row in FIGURES[key].drill_down(Scope(organisation, year))}


def share(key, organisation, year=YEAR):
    computed = value(key, organisation, year)
    return computed.numerator, computed.denominator, computed.display


# ------------------------------------------------------------------------------- the legal reviewers


@pytest.fixture
def justice_office(town):
    return core_services.create_organisation(
        town.system, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=town.town
    )


def test_the_reviewers_their_qualification_and_the_body_the_report_names(town, justice_office):
    zhou = make_staff(
        town.system,
        justice_office,
        "zhou-reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="周审核",
        legal_qualification_no="A1",
    )
    wu = make_staff(
        town.system,
        justice_office,
        "wu-reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="吴审核",
        legal_qualification_no="A2",
    )
    # A reviewer recorded before the qualification was asked for (the services now refuse one without).
    type(wu).objects.filter(pk=wu.pk).update(legal_qualification_no="")
    gone = make_staff(
        town.system,
        town.town,
        "gone-reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="郑离职",
        legal_qualification_no="A3",
    )
    core_services.deactivate_staff(town.admin, gone, reason="调离")
    make_staff(
        town.system,
        town.other_town,
        "yang-reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="杨审核",
        legal_qualification_no="A4",
    )

    assert value("legal_reviewers", town.town).display == "2名"
    assert drilled("legal_reviewers", town.town) == {zhou.pk, wu.pk}
    assert value("legal_reviewers_qualified", town.town).display == "1名"
    assert drilled("legal_reviewers_qualified", town.town) == {zhou.pk}
    # Two reviewers of one office: the office is named once, with its town.
    assert value("legal_review_body", town.town).value == "辛口镇司法所"
    assert value("legal_review_body", town.district).value == "辛口镇司法所、杨柳青镇"
    assert value("legal_reviewers", town.district).value == 3

    figure = FIGURES["legal_reviewers"]
    rows = {row.full_name: row for row in figure.drill_down(Scope(town.town, YEAR))}
    shown = {name: [column.value(row) for column in figure.columns] for name, row in rows.items()}
    assert shown == {"周审核": ["周审核", "司法所", "A1", 0], "吴审核": ["吴审核", "司法所", "无", 0]}
    assert figure.link is not None
    assert figure.link(rows["周审核"]) == reverse("core:staff-detail", args=[zhou.pk])


def test_a_town_without_reviewers_names_no_body(town):
    assert value("legal_review_body", town.town).value == "未明确法制审核机构"
    assert value("legal_reviewers", town.town).display == "0名"


def reviewed_and_decided(town, case):
    """法制审核 returned once with problems, then agreed; the decision follows."""
    services.submit_legal_review(town.officer, case)
    problems = services.review_case(town.reviewer, case, opinion="problems", reasons="依据条款未写明具体项")
    services.submit_legal_review(town.officer, case)
    agreed = services.review_case(town.reviewer, case, opinion="agreed", reasons="事实清楚，程序合法")
    decide(town, case)
    return problems, agreed


def test_the_reviews_of_the_year_and_the_decisions_that_required_one(town, investigated):
    case = close(town, investigated, review=True)
    notify(town, case, served_on=TODAY - 10 * DAY)
    problems, agreed = reviewed_and_decided(town, case)

    made = value("legal_reviews_made", town.town)
    assert made.display == "2件"
    assert drilled("legal_reviews_made", town.town) == {problems.pk, agreed.pk}
    figure = FIGURES["legal_reviews_made"]
    first = figure.drill_down(Scope(town.town, YEAR)).first()
    assert [column.value(first) for column in figure.columns] == ["占道经营", TODAY, "存在问题", "周审核"]
    assert figure.link is not None
    assert figure.link(first) == reverse("enforcement:case-detail", args=[case.pk])
    # The reviewer's row counts the reviews they gave in the year.
    reviewer_row = FIGURES["legal_reviewers"].drill_down(Scope(town.town, YEAR)).get()
    assert reviewer_row.reviews_in_year == 2

    required = value("legal_review_required", town.town)
    coverage = value("legal_review_coverage", town.town)
    assert required.display == "1件"
    assert (coverage.numerator, coverage.denominator) == (1, required.value)
    assert drilled("legal_review_required", town.town) == drilled("legal_review_coverage", town.town)

    for organisation, year in ((town.other_town, YEAR), (town.town, YEAR - 1), (town.town, YEAR + 1)):
        assert value("legal_reviews_made", organisation, year).value == 0
        assert value("legal_review_required", organisation, year).value == 0
        assert FIGURES["legal_reviewers"].drill_down(Scope(town.town, year)).get().reviews_in_year == (
            2 if year == YEAR else 0
        )
    assert value("legal_reviews_made", town.district).value == 2


def test_a_decision_without_the_art_58_grounds_is_not_one_requiring_review(town, decided):
    assert value("penalty_decisions", town.town).value == 1
    assert value("legal_review_required", town.town).value == 0
    assert value("legal_reviews_made", town.town).value == 0


# ------------------------------------------------------------------------------------ 复议 and 诉讼


def test_remedies_filed_decided_and_lost_each_in_their_own_year(town, decided, on_day):
    serve(town, decided)
    revoked = services.start_remedy(town.officer, decided, kind="reconsideration", started_on=TODAY)
    services.end_remedy(town.officer, decided, ended_on=TODAY, result="revoked", outcome="复议决定撤销")
    upheld = services.start_remedy(town.officer, decided, kind="litigation", started_on=TODAY)
    services.end_remedy(town.officer, decided, ended_on=TODAY, result="upheld")
    appeal = services.start_remedy(town.officer, decided, kind="litigation", started_on=TODAY)
    # Judged over a year later: decided, and lost, in that year only.
    judged_on = TODAY + 400 * DAY
    on_day(judged_on)
    services.end_remedy(town.officer, decided, ended_on=judged_on, result="changed")
    later = judged_on.year

    assert value("remedies_filed", town.town).display == "3件"
    assert drilled("remedies_filed", town.town) == {revoked.pk, upheld.pk, appeal.pk}
    assert value("remedies_decided", town.town).display == "2件"
    assert drilled("remedies_decided", town.town) == {revoked.pk, upheld.pk}
    assert value("remedies_lost", town.town).display == "1件"
    assert drilled("remedies_lost", town.town) == {revoked.pk}
    assert share("remedies_lost_rate", town.town) == (1, 2, "50%")
    rate = FIGURES["remedies_lost_rate"]
    assert {row.pk: row.counted for row in rate.drill_down(Scope(town.town, YEAR))} == {
        revoked.pk: True,
        upheld.pk: False,
    }
    figure = FIGURES["remedies_lost"]
    row = figure.drill_down(Scope(town.town, YEAR)).get()
    assert [column.value(row) for column in figure.columns] == [
        str(decided),
        "占道经营",
        "行政复议",
        TODAY,
        TODAY,
        "撤销",
    ]
    assert figure.link is not None
    assert figure.link(row) == reverse("enforcement:case-detail", args=[decided.pk])

    assert value("remedies_filed", town.town, later).value == 0
    assert drilled("remedies_decided", town.town, later) == {appeal.pk}
    assert drilled("remedies_lost", town.town, later) == {appeal.pk}
    assert share("remedies_lost_rate", town.town, later) == (1, 1, "100%")
    assert value("remedies_filed", town.other_town).value == 0
    # Nothing decided: no rate to state.
    assert share("remedies_lost_rate", town.other_town) == (0, 0, "—")
    assert value("remedies_decided", town.district).value == 2


# ---------------------------------------------------------------------------------------------- 笔录


def record(town, case, *, shown, kind="inquiry"):
    now = timezone.now()
    return services.add_record(
        town.officer,
        case,
        services.RecordInput(
            kind=kind,
            place="辛口镇综合执法队询问室",
            started_at=now - 2 * datetime.timedelta(hours=1),
            ended_at=now - datetime.timedelta(hours=1),
            subject_person="刘某",
            content="问：你在政府路摆摊多久了？答：一个月。",
            officers=[town.officer, town.officer2],
            credentials_shown=shown,
        ),
    )


def test_the_share_of_records_that_state_the_credentials_shown(town, investigated):
    shown = record(town, investigated, shown=True)
    not_shown = record(town, investigated, shown=False, kind="site_inspection")
    year = timezone.localtime(shown.started_at).year

    assert share("records_credentials_shown", town.town, year) == (1, 2, "50%")
    figure = FIGURES["records_credentials_shown"]
    rows = {row.pk: row for row in figure.drill_down(Scope(town.town, year))}
    assert {pk: row.counted for pk, row in rows.items()} == {shown.pk: True, not_shown.pk: False}
    assert [column.value(rows[not_shown.pk]) for column in figure.columns][-1] == "未记载"
    assert share("records_credentials_shown", town.other_town, year) == (0, 0, "—")
    assert share("records_credentials_shown", town.town, year - 1) == (0, 0, "—")
    assert share("records_credentials_shown", town.district, year) == (1, 2, "50%")


# -------------------------------------------------------------------------------- 结案 and 归档


def test_cases_closed_in_the_year_and_the_share_archived_as_a_complete_e_file(spot, decided, on_day):
    town = spot
    serve(town, decided)
    services.record_payment(town.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number="R1")
    archived = services.close_case(town.head, decided, reason="performed", summary="罚款已缴清")
    decided.refresh_from_db()
    services.archive_case(town.head, decided, archive_number="XQXK-ZF-001")
    warned = services.record_with_agency(town.officer, on_spot(town, warning_only=True, fine_fen=0))
    not_archived = services.close_case(town.head, warned, reason="warning_only", summary="警告已送达")
    late = services.record_with_agency(town.officer, on_spot(town, warning_only=True, fine_fen=0))
    closed_on = TODAY + 400 * DAY
    on_day(closed_on)
    next_year = services.close_case(town.head, late, reason="warning_only", summary="警告已送达")

    assert value("cases_closed", town.town).display == "2件"
    assert drilled("cases_closed", town.town) == {archived.pk, not_archived.pk}
    assert share("cases_archived", town.town) == (1, 2, "50%")
    figure = FIGURES["cases_archived"]
    rows = {row.pk: row for row in figure.drill_down(Scope(town.town, YEAR))}
    assert {pk: row.counted for pk, row in rows.items()} == {archived.pk: True, not_archived.pk: False}
    assert [column.value(rows[archived.pk]) for column in figure.columns][-2:] == ["XQXK-ZF-001", TODAY]
    assert figure.link is not None
    assert figure.link(rows[archived.pk]) == reverse("enforcement:case-detail", args=[decided.pk])

    assert drilled("cases_closed", town.town, closed_on.year) == {next_year.pk}
    assert share("cases_archived", town.town, closed_on.year) == (0, 1, "0%")
    assert value("cases_closed", town.other_town).value == 0
    assert share("cases_archived", town.other_town) == (0, 0, "—")


# -------------------------------------------------------------------------------- the powers published


def add_power(actor, code, day):
    with simulated_day(day):
        return services.add_delegated_power(
            actor,
            code=code,
            name="擅自占用城市道路",
            category="城市建设管理",
            legal_basis="《城市道路管理条例》",
        )


def test_the_powers_on_the_portal_at_the_years_end(world):
    earlier = add_power(world.admin, "TJ-001", datetime.date(2023, 12, 31))
    in_year = add_power(world.admin, "TJ-002", datetime.date(2024, 6, 1))
    stopped = add_power(world.admin, "TJ-003", datetime.date(2024, 6, 1))
    # The portal shows active powers only (disclosure.selectors.public_authority).
    DelegatedPower.objects.filter(pk=stopped.pk).update(active=False)
    add_power(world.other_admin, "YLQ-001", datetime.date(2024, 6, 1))

    assert value("powers_published", world.town, 2023).display == "1项"
    assert drilled("powers_published", world.town, 2023) == {earlier.pk}
    assert drilled("powers_published", world.town, 2024) == {earlier.pk, in_year.pk}
    assert value("powers_published", world.district, 2024).value == 3
    # The current year counts to today: every power registered so far.
    assert value("powers_published", world.town, YEAR).value == 2
    figure = FIGURES["powers_published"]
    row = figure.drill_down(Scope(world.town, 2024)).get(pk=in_year.pk)
    assert [column.value(row) for column in figure.columns] == [
        "TJ-002",
        "擅自占用城市道路",
        "城市建设管理",
        "《城市道路管理条例》",
    ]
    assert figure.link is not None
    link = figure.link(row)
    assert link == reverse("gongshi:authority", args=[world.town.pk])
    assert "TJ-002" in client_for(world.admin).get(link).content.decode()
