"""The contract figures of the annual report and the dashboards: contracts reviewed in the year (审核合同
协议N份), the reviews the legal counsel gave, and whether every contract signed had a passing review
first. Registered from ContractsConfig.ready."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from fazhi.contracts.models import Contract, ContractReview, ReviewOpinion
from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Series
from fazhi.core.figures import Column, Figure, Scope, held_by, link_to
from fazhi.core.roles import Role


def _contracts_reviewed(scope: Scope) -> QuerySet[Contract]:
    reviewed = ContractReview.objects.filter(contract=OuterRef("pk"), reviewed_on__year=scope.year)
    return (
        Contract.objects.filter(scope.within(), Exists(reviewed))
        .select_related("counterparty")
        .order_by("received_on", "id")
    )


def _contracts_signed(scope: Scope) -> QuerySet[Contract]:
    return (
        Contract.objects.filter(scope.within(), signed_on__year=scope.year)
        .select_related("counterparty")
        .order_by("signed_on", "id")
    )


def _counsel_reviews(scope: Scope) -> QuerySet[ContractReview]:
    """The review opinions given in the year by a legal counsel (外聘法律顾问, 驻镇律师): each opinion once,
    a contract reviewed again after changes twice."""
    return (
        ContractReview.objects.filter(
            scope.within("contract__organisation"),
            held_by("reviewer", Role.LEGAL_COUNSEL),
            reviewed_on__year=scope.year,
        )
        .select_related("contract", "number", "reviewer")
        .order_by("reviewed_on", "id")
    )


def _review_link(row: ContractReview) -> str:
    return reverse("contracts:detail", args=[row.contract_id])


PASSED_REVIEW = Exists(
    ContractReview.objects.filter(
        contract=OuterRef("pk"), opinion__in=[ReviewOpinion.APPROVE, ReviewOpinion.APPROVE_WITH_CHANGES]
    )
)
CONTRACT_COLUMNS = (
    Column("合同名称", lambda row: row.title),
    Column("合同相对方", lambda row: row.counterparty.name),
    Column("送审日期", lambda row: row.received_on),
    Column("状态", lambda row: row.get_status_display()),
)
REVIEW_COLUMNS = (
    Column("审查日期", lambda row: row.reviewed_on),
    Column("审查意见书文号", lambda row: row.number.text),
    Column("合同名称", lambda row: row.contract.title),
    Column("审查意见", lambda row: row.get_opinion_display()),
    Column("法律顾问", lambda row: row.reviewer.full_name),
)

FIGURES = (
    Figure(
        "contracts_reviewed",
        "审核合同协议",
        "份",
        "当年出具审查意见的合同（同一合同多次审查计一份）",
        _contracts_reviewed,
        CONTRACT_COLUMNS,
        link_to("contracts:detail"),
        dashboard="contracts",
    ),
    Figure(
        "contracts_signed_reviewed",
        "签订前经合法性审查的合同比例",
        "",
        "当年签订的合同中，签订前有同意或修改后同意审查意见的比例",
        _contracts_signed,
        CONTRACT_COLUMNS,
        link_to("contracts:detail"),
        kind="share",
        counted=lambda scope: Q(PASSED_REVIEW),
    ),
    Figure(
        "contracts_filed",
        "当年签订的合同中已编号登记存档的比例",
        "",
        "当年签订的合同中，已登记档案号并归档的比例",
        _contracts_signed,
        (*CONTRACT_COLUMNS, Column("档案号", lambda row: row.archive_number)),
        link_to("contracts:detail"),
        kind="share",
        counted=lambda scope: Q(filed_on__isnull=False) & ~Q(archive_number=""),
    ),
    Figure(
        "counsel_contract_reviews",
        "法律顾问出具合同合法性审查意见书",
        "份",
        "当年由法律顾问出具的合同合法性审查意见书（按审查日期计，同一合同修改后再审的分别计）",
        _counsel_reviews,
        REVIEW_COLUMNS,
        _review_link,
    ),
)


# ------------------------------------------------------------------------------------ the dashboards


def _contracts_by_first_review(scope: Scope) -> QuerySet[Any]:
    """The figure contracts_reviewed's contracts, each with the month of its first review in the year
    (a contract reviewed twice is one contract, in the month it was first reviewed)."""
    first_review = (
        ContractReview.objects.filter(contract=OuterRef("pk"), reviewed_on__year=scope.year)
        .order_by("reviewed_on", "id")
        .values("reviewed_on")[:1]
    )
    contracts: QuerySet[Any] = (
        _contracts_reviewed(scope)
        .annotate(first_review=Subquery(first_review))
        .annotate(month=ExtractMonth("first_review"))
    )
    return contracts


def contracts_reviewed_by_month(scope: Scope, today: datetime.date) -> Chart:
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], ""): row["contracts"]
        for row in _contracts_by_first_review(scope)
        .order_by()
        .values("month")
        .annotate(contracts=Count("id"))
    }
    return charts.monthly_chart(
        "contracts", "审核合同协议（按首次审查月份）", "份", scope, counts, [("", "审核合同")], ""
    )


def _contract_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return _contracts_by_first_review(scope).filter(month=element.month).select_related("counterparty")


SERIES = (
    Series(
        "contracts",
        "审核合同协议",
        "",
        "",
        contracts_reviewed_by_month,
        _contract_rows,
        dict,
        CONTRACT_COLUMNS,
        link_to("contracts:detail"),
    ),
)
