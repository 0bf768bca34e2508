"""法律咨询 and the legal counsel's year: a consultation recorded through the service and on its page
(reached from the 依法治镇 overview), refused with nothing written when its date is in the future, its
counsel is another town's or no counsel at all, or its question is empty; the figures counting the
consultations and listing each counsel with the contracts and decisions they reviewed and the questions
they answered in the year."""

import datetime
import io

import pytest

from conftest import credit_code, make_staff
from fazhi.contracts import rules as contract_rules
from fazhi.contracts import services as contract_services
from fazhi.contracts.models import ContractKind
from fazhi.core import calendar, files
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.figures import FIGURES, Scope, compute_all
from fazhi.core.models import OrganisationKind, PartyKind
from fazhi.core.roles import Role
from fazhi.decisions import services as decision_services
from fazhi.governance import rules, services
from fazhi.governance.models import LegalConsultation
from fazhi.ledger.models import Event
from fazhi.testing.governance import TODAY, days
from fazhi.testing.pages import client_for, refused_form

LAST_YEAR = datetime.date(TODAY.year - 1, 6, 1)


@pytest.fixture
def counsel(town):
    """The town's legal counsel (驻镇律师) and another town's."""
    town.counsel = make_staff(town.system, town.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    town.other_counsel = make_staff(
        town.system, town.other_town, "other-counsel", [Role.LEGAL_COUNSEL], full_name="郑律师"
    )
    return town


def consultation_input(town, **overrides) -> services.ConsultationInput:
    fields = {
        "asked_on": TODAY,
        "question": "村委会与企业签订的土地租赁合同期限超过二十年，是否有效？",
        "answer": "超过二十年的部分无效，建议按民法典第七百零五条约定租期。",
        "counsel": town.counsel,
        "department": town.office,
        "person": "",
    }
    return services.ConsultationInput(**{**fields, **overrides})


def nothing_written(before: tuple[int, int]) -> None:
    assert (LegalConsultation.objects.count(), Event.objects.count()) == before


def test_a_consultation_is_recorded_with_its_ledger_event(counsel):
    recorded = services.record_consultation(counsel.counsel, consultation_input(counsel))
    assert recorded.organisation == counsel.town
    assert recorded.asked_by == "党政办"
    event = Event.objects.get(action="governance.consultation.recorded")
    assert event.actor_id == counsel.counsel.pk
    # The question may name people and their affairs: the ledger keeps its fingerprint, not its words.
    assert "土地租赁" not in event.entry
    by_person = services.record_consultation(
        counsel.admin, consultation_input(counsel, department=None, person="辛口村党支部书记张某")
    )
    assert by_person.asked_by == "辛口村党支部书记张某"


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"asked_on": TODAY + days(1)}, RuleViolation, "不能晚于今天"),
        ({"counsel": "other_counsel"}, InvalidInput, "不是本镇（街道）的工作人员"),
        ({"counsel": "lead"}, RuleViolation, "刘主任不是法律顾问"),
        ({"question": "  "}, InvalidInput, "请填写咨询事项"),
        ({"answer": ""}, InvalidInput, "请填写解答意见"),
        ({"department": None, "person": " "}, InvalidInput, "请选择咨询部门或填写咨询人"),
    ],
)
def test_a_consultation_refused_writes_nothing(counsel, overrides, error, message):
    if isinstance(overrides.get("counsel"), str):
        overrides = {**overrides, "counsel": getattr(counsel, overrides["counsel"])}
    before = (LegalConsultation.objects.count(), Event.objects.count())
    with pytest.raises(error, match=message):
        services.record_consultation(counsel.admin, consultation_input(counsel, **overrides))
    nothing_written(before)


def test_only_a_counsel_or_the_office_records_a_consultation(counsel):
    before = (LegalConsultation.objects.count(), Event.objects.count())
    with pytest.raises(PermissionDenied):
        services.record_consultation(counsel.clerk, consultation_input(counsel))
    nothing_written(before)
    assert {*rules.STEPS["consult"].roles} == {Role.LEGAL_COUNSEL, Role.ADMIN}


def test_a_consultation_added_on_its_page_reached_from_the_overview(counsel):
    overview = client_for(counsel.counsel).get("/governance/").content.decode()
    assert f'href="/governance/consultations/?year={TODAY.year}"' in overview
    response = client_for(counsel.counsel).post(
        "/governance/consultations/new/",
        {
            "asked_on": TODAY.isoformat(),
            "department": counsel.office.pk,
            "person": "",
            "question": "拆除违法建筑前是否必须先催告？",
            "answer": "应当先行催告，并告知当事人陈述申辩的权利。",
            "counsel": counsel.counsel.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已登记法律咨询" in page
    assert "拆除违法建筑前是否必须先催告？" in page
    assert "法律顾问解答的法律咨询（1 次）" in page
    assert "吴律师" in page
    listed = client_for(counsel.other_admin).get(f"/governance/consultations/?year={TODAY.year}")
    assert "拆除违法建筑" not in listed.content.decode()
    assert client_for(counsel.clerk).get("/governance/consultations/new/").status_code == 403
    assert 'href="/governance/consultations/new/"' not in (
        client_for(counsel.clerk).get("/governance/consultations/").content.decode()
    )


def test_the_page_refuses_bad_input_and_writes_nothing(counsel):
    admin = client_for(counsel.admin)
    errors = refused_form(
        admin,
        "/governance/consultations/new/",
        {"asked_on": "", "question": "", "answer": "", "counsel": counsel.other_counsel.pk},
    )
    assert set(errors) >= {"asked_on", "question", "answer", "counsel"}
    future = {
        "asked_on": (TODAY + days(1)).isoformat(),
        "department": counsel.office.pk,
        "question": "问题",
        "answer": "解答",
        "counsel": counsel.counsel.pk,
    }
    response = admin.post("/governance/consultations/new/", future)
    assert response.status_code == 422
    assert "不能晚于今天" in response.content.decode()
    no_asker = {**future, "asked_on": TODAY.isoformat(), "department": ""}
    assert (
        "请选择咨询部门或填写咨询人"
        in admin.post("/governance/consultations/new/", no_asker).content.decode()
    )
    assert not LegalConsultation.objects.exists()


# ------------------------------------------------------------------------------------- the figures


def contract_series_and_company(town, organisation, admin, *, prefix, uscc17):
    """A town's contract review and archive series, and a company it contracts with."""
    for key, kind in (
        (contract_rules.REVIEW_SERIES_KEY, "合审"),
        (contract_rules.ARCHIVE_SERIES_KEY, "合档"),
    ):
        code = prefix + kind
        core_services.create_number_series(
            town.system, organisation=organisation, key=key, code=code, name=code
        )
    return core_services.register_party(
        admin,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name=f"{prefix}建材有限公司",
            uscc=credit_code(uscc17),
            legal_representative="马某",
        ),
    ).party


def review_contract(reviewer, *, company, department, admin, day):
    contract = contract_services.register_contract(
        admin,
        contract_services.ContractInput(
            title="机关食堂食材采购合同",
            kind=ContractKind.PROCUREMENT,
            amount_fen=180_000_00,
            counterparty=company,
            department=department,
            received_on=day,
        ),
        drafts=[files.StoredFile(*files.store(io.BytesIO(b"%PDF-1.4\n"), original_name="送审稿.pdf"))],
    )
    return contract_services.review_contract(reviewer, contract, opinion="approve", reasons="同意。")


def review_decision(reviewer, *, title, department, admin, day):
    item = decision_services.add_catalogue_item(admin, year=day.year, title=title, department=department)
    decision = decision_services.register_decision(
        admin, item, summary="方案。", needs_expert=False, needs_risk=False
    )
    decision_services.submit_legality_review(admin, decision, due_on=calendar.add_working_days(day, 7))
    return decision_services.give_legality_opinion(reviewer, decision, passed=True, opinion="合法。")


@pytest.fixture
def counsels_year(counsel, on_day):
    """The town's counsel: two contracts and a decision reviewed this year, one contract last year, two
    consultations this year and one last year. A second counsel of the town who did nothing; the 司法所
    reviewer's contract review, the other town's counsel's review and consultation, none of which is a
    counsel of this town's work."""
    town = counsel
    town.idle_counsel = make_staff(town.system, town.office, "idle", [Role.LEGAL_COUNSEL], full_name="钱律师")
    town.reviewer = make_staff(
        town.system,
        town.town,
        "reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="周审核",
        legal_qualification_no="A20151201000123",
    )
    company = contract_series_and_company(
        town, town.town, town.admin, prefix="辛口", uscc17="91120111MA05XK2Q1"
    )
    other_office = core_services.create_organisation(
        town.system, name="杨柳青党政办", kind=OrganisationKind.DEPARTMENT, parent=town.other_town
    )
    other_company = contract_series_and_company(
        town, town.other_town, town.other_admin, prefix="杨柳青", uscc17="91120111MA05XK2Q2"
    )
    here = {"company": company, "department": town.office, "admin": town.admin}
    on_day(LAST_YEAR)
    review_contract(town.counsel, day=LAST_YEAR, **here)
    services.record_consultation(town.counsel, consultation_input(town, asked_on=LAST_YEAR))
    on_day(TODAY)
    for _ in range(2):
        review_contract(town.counsel, day=TODAY, **here)
    review_contract(town.reviewer, day=TODAY, **here)
    review_contract(
        town.other_counsel,
        day=TODAY,
        company=other_company,
        department=other_office,
        admin=town.other_admin,
    )
    review_decision(
        town.counsel, title="垃圾分类实施方案", department=town.office, admin=town.admin, day=TODAY
    )
    for asked_on in (TODAY, TODAY - days(3)):
        services.record_consultation(town.counsel, consultation_input(town, asked_on=asked_on))
    services.record_consultation(
        town.other_admin,
        consultation_input(town, counsel=town.other_counsel, department=other_office),
    )
    return town


def test_the_consultations_of_the_year_are_counted(counsels_year):
    town = counsels_year
    values = compute_all(Scope(town.town, TODAY.year))
    assert values["counsel_consultations"].display == "2次"
    rows = list(FIGURES["counsel_consultations"].drill_down(Scope(town.town, TODAY.year)))
    assert [row.asked_on for row in rows] == [TODAY - days(3), TODAY]
    assert values["counsel_contract_reviews"].display == "2份"
    assert FIGURES["counsel_consultations"].compute(Scope(town.town, LAST_YEAR.year)).value == 1
    assert FIGURES["counsel_consultations"].compute(Scope(town.district, TODAY.year)).value == 3


def table(figure, scope):
    return [[column.value(row) for column in figure.columns] for row in figure.drill_down(scope)]


def test_each_counsel_is_listed_with_the_work_of_the_year(counsels_year, django_assert_num_queries):
    town = counsels_year
    figure = FIGURES["legal_counsels"]
    scope = Scope(town.town, TODAY.year)
    assert figure.compute(scope).display == "2名"
    assert [column.header for column in figure.columns] == [
        "姓名",
        "单位",
        "当年审查合同",
        "当年审查决策",
        "当年解答咨询",
    ]
    with django_assert_num_queries(1):
        this_year = table(figure, scope)
    assert this_year == [["吴律师", "辛口镇", 2, 1, 2], ["钱律师", "党政办", 0, 0, 0]]
    assert table(figure, Scope(town.town, LAST_YEAR.year))[0] == ["吴律师", "辛口镇", 1, 0, 1]
