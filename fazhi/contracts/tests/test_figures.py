"""The legal counsel's contract reviews: every opinion a counsel gave in the year, a contract reviewed
again after changes twice; the 司法所 reviewer's opinions and last year's are not the counsel's year."""

import datetime

from conftest import make_staff
from fazhi.contracts import services
from fazhi.contracts.models import ReviewOpinion
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.roles import Role
from fazhi.testing.contracts import TODAY, register, stored

LAST_YEAR = datetime.date(TODAY.year - 1, 6, 1)


def table(scope):
    figure = FIGURES["counsel_contract_reviews"]
    return [[column.value(row) for column in figure.columns] for row in figure.drill_down(scope)]


def test_every_opinion_a_counsel_gave_in_the_year_is_counted(town, submitted, on_day):
    reviewer = make_staff(
        town.system,
        town.town,
        "reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="周审核",
        legal_qualification_no="A20151201000123",
    )
    on_day(LAST_YEAR)
    services.review_contract(
        town.counsel, register(town, received_on=LAST_YEAR), opinion="approve", reasons="同意。"
    )
    on_day(TODAY)
    services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.REJECT, reasons="缺少争议解决条款。"
    )
    services.resubmit_contract(town.admin, submitted, received_on=TODAY, drafts=[stored("修改稿.pdf")])
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    services.review_contract(
        reviewer, register(town, title="办公用品采购合同"), opinion="approve", reasons="同意。"
    )
    scope = Scope(town.town, TODAY.year)
    assert FIGURES["counsel_contract_reviews"].compute(scope).display == "2份"
    # The contracts reviewed in the year, by anyone, are counted once each by contracts_reviewed.
    assert FIGURES["contracts_reviewed"].compute(scope).value == 2
    year = TODAY.year
    assert table(scope) == [
        [TODAY, f"辛口合审〔{year}〕1号", "机关食堂食材采购合同", "不同意", "吴律师"],
        [TODAY, f"辛口合审〔{year}〕2号", "机关食堂食材采购合同", "同意", "吴律师"],
    ]
    assert FIGURES["counsel_contract_reviews"].compute(Scope(town.town, LAST_YEAR.year)).value == 1
    assert FIGURES["counsel_contract_reviews"].compute(Scope(town.other_town, TODAY.year)).value == 0
