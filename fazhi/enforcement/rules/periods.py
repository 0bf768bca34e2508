"""The periods of the procedure, each with its article, and the arithmetic of surcharges and the court's
window."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from fazhi.core.periods import DayKind, PeriodRule, add_months
from fazhi.enforcement.rules.procedure import LAW

# Art. 85: the law's 二日、三日、五日、七日 are working days; its 15 and 90 days are calendar days.
DECISION = PeriodRule("decision", "作出处罚决定", 90, DayKind.CALENDAR, f"{LAW} 第六十条")


HEARING_REQUEST = PeriodRule(
    "hearing_request", "要求听证", 5, DayKind.WORKING, f"{LAW} 第六十四条、第八十五条"
)


HEARING_NOTICE = PeriodRule(
    "hearing_notice", "听证通知（举行前）", 7, DayKind.WORKING, f"{LAW} 第六十四条、第八十五条"
)


SERVICE = PeriodRule("service", "送达（当事人不在场）", 7, DayKind.WORKING, f"{LAW} 第六十一条、第八十五条")


PAYMENT = PeriodRule("payment", "缴纳罚款", 15, DayKind.CALENDAR, f"{LAW} 第六十七条")


PRESERVATION_DECISION = PeriodRule(
    "preservation_decision", "先行登记保存后作出处理决定", 7, DayKind.WORKING, f"{LAW} 第五十六条、第八十五条"
)


CASH_HAND_IN = PeriodRule(
    "cash_hand_in", "执法人员交回当场收缴的罚款", 2, DayKind.WORKING, f"{LAW} 第七十一条、第八十五条"
)


DEMAND_WAIT = PeriodRule(
    "demand_wait", "催告后等待履行", 10, DayKind.WORKING, "行政强制法 第五十四条、第六十九条"
)


PERIODS = [
    DECISION,
    HEARING_REQUEST,
    HEARING_NOTICE,
    SERVICE,
    PAYMENT,
    PRESERVATION_DECISION,
    CASH_HAND_IN,
    DEMAND_WAIT,
]


# The clocks a case may have running (Case.clock_key), by their period's key.
CLOCK_LABELS = {
    period.key: period.label
    for period in (DECISION, SERVICE, PAYMENT, DEMAND_WAIT, CASH_HAND_IN, PRESERVATION_DECISION)
}


SURCHARGE_PERCENT_PER_DAY = 3


def hearing_must_start_no_earlier_than(notice_sent_on: datetime.date) -> datetime.date:
    """Art. 64(2): the parties are told of the hearing at least seven working days before it."""
    return HEARING_NOTICE.due(notice_sent_on).due


def surcharge_fen(
    *,
    fine_fen: int,
    payment_due: datetime.date,
    on: datetime.date,
    paused: Sequence[tuple[datetime.date, datetime.date]] = (),
) -> int:
    """Art. 72(1): 3% of the fine for every day past the due date, never more than the fine; days
    within a 复议 or 诉讼 (art. 73, paused ranges, both ends included) do not count."""
    overdue = 0
    day = payment_due + datetime.timedelta(days=1)
    while day <= on:
        if not any(start <= day <= end for start, end in paused):
            overdue += 1
        day += datetime.timedelta(days=1)
    return min(fine_fen, fine_fen * SURCHARGE_PERCENT_PER_DAY * overdue // 100)


def litigation_period_ends(served_on: datetime.date) -> datetime.date:
    """行政诉讼法 art. 46: six months from when the party knew of the decision (its service); the
    复议 period of 60 days ends earlier, so this is when neither remedy can still begin."""
    return add_months(served_on, 6)


def court_application_window(served_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """行政强制法 art. 53: once the remedy periods have run, within three months."""
    opens = litigation_period_ends(served_on) + datetime.timedelta(days=1)
    return opens, add_months(litigation_period_ends(served_on), 3)


def amount_due_fen(
    *,
    fine_fen: int,
    payment_due: datetime.date | None,
    on: datetime.date,
    paused: Sequence[tuple[datetime.date, datetime.date]] = (),
) -> tuple[int, int]:
    """The fine and the surcharge owed if paid on `on`."""
    if payment_due is None:
        return fine_fen, 0
    return fine_fen, surcharge_fen(fine_fen=fine_fen, payment_due=payment_due, on=on, paused=paused)
