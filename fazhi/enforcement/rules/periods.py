"""The periods of the procedure, each with its article, and the arithmetic of surcharges and the court's
window."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from fazhi.core import calendar
from fazhi.core.periods import DayKind, PeriodRule, compute_months
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
# An approved 暂缓或分期缴纳 (art. 66) runs to the date the head approved, not a period of the law.
PAYMENT_PLAN_CLOCK = "payment_plan"
CLOCK_LABELS[PAYMENT_PLAN_CLOCK] = "暂缓（分期）缴纳"


SURCHARGE_PERCENT_PER_DAY = 3


# 公告送达: the decision counts as served once thirty days have passed since the notice was published
# (民事诉讼法 art. 95 as amended 2021, which art. 61 of the penalty law refers to). The thirtieth day
# is a fact of service, not the last day of a period for the party to act, so it is not moved.
PUBLIC_NOTICE_DAYS = 30
PUBLIC_NOTICE_CITATION = f"{LAW} 第六十一条；民事诉讼法 第九十五条"
LITIGATION_CITATION = "行政诉讼法 第四十六条；民法典 第二百零一条至第二百零三条"


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
    """行政诉讼法 art. 46: six months from when the party knew of the decision (its service, as it took
    effect); a last day off moves to the next working day (民法典 art. 203)."""
    return compute_months(served_on, 6, citation=LITIGATION_CITATION).due


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


RECONSIDERATION_REQUEST = PeriodRule(
    "reconsideration_request",
    "申请行政复议",
    60,
    DayKind.CALENDAR,
    "行政复议法 第二十条；民法典 第二百零三条",
)
SUIT_AFTER_RECONSIDERATION = PeriodRule(
    "suit_after_reconsideration",
    "不服复议决定起诉",
    15,
    DayKind.CALENDAR,
    "行政诉讼法 第四十五条；民法典 第二百零三条",
)
APPEAL = PeriodRule(
    "appeal", "不服一审判决上诉", 15, DayKind.CALENDAR, "行政诉讼法 第八十五条；民法典 第二百零三条"
)
COURT_APPLICATION_MONTHS = 3
COURT_APPLICATION_CITATION = "行政强制法 第五十三条；民法典 第二百零一条至第二百零三条"


@dataclass(frozen=True)
class RemedyFacts:
    """A 复议 or 诉讼 as the court window reads it (enforcement.models.RemedyProceeding)."""

    litigation: bool
    started_on: datetime.date
    ended_on: datetime.date | None
    withdrawn: bool


@dataclass(frozen=True)
class CourtWindow:
    """行政强制法 art. 53: the court is asked to enforce within three months of the day every period in
    which the party could still seek a remedy has run, and not before; an approved 暂缓或分期缴纳
    (art. 66) holds the window back until it ends."""

    remedy_periods: tuple[tuple[str, calendar.Period], ...]
    plan_ends_on: datetime.date | None
    remedy_pending: bool
    closing: calendar.Period

    @property
    def last_remedy_day(self) -> datetime.date:
        return max(period.due for _label, period in self.remedy_periods)

    @property
    def held_by_plan(self) -> bool:
        return self.plan_ends_on is not None and self.plan_ends_on > self.last_remedy_day

    @property
    def opens(self) -> datetime.date:
        return self.closing.start + datetime.timedelta(days=1)

    @property
    def closes(self) -> datetime.date:
        return self.closing.due

    def explanation(self) -> list[str]:
        """How the window was counted, line by line, for the case page beside the court step."""
        lines = []
        for label, period in self.remedy_periods:
            unit = calendar.PERIOD_UNITS[period.kind]
            line = "%(label)s：自 %(start)s 起 %(n)d%(unit)s，至 %(due)s 届满" % {
                "label": label,
                "start": period.start.isoformat(),
                "n": period.days,
                "unit": unit,
                "due": period.due.isoformat(),
            }
            if period.moved_from is not None:
                line += "（最后一日 %(d)s 为休息日，顺延）" % {"d": period.moved_from.isoformat()}
            lines.append(line + "；依据：%(c)s。" % {"c": period.citation})
        if self.remedy_pending:
            lines.append("复议或诉讼尚未结束：结束后另计起诉或上诉期限，申请期间随之后移。")
        if self.plan_ends_on is not None:
            lines.append(
                "经批准暂缓（分期）缴纳至 %(d)s；申请期间自其届满起算（行政处罚法 第六十六条）。"
                % {"d": self.plan_ends_on.isoformat()}
            )
        lines.append(
            "申请人民法院强制执行：自 %(o)s 起三个月内，至 %(c)s 止%(moved)s；依据：%(cite)s。"
            % {
                "o": self.opens.isoformat(),
                "c": self.closes.isoformat(),
                "moved": "（最后一日 %(d)s 为休息日，顺延）" % {"d": self.closing.moved_from.isoformat()}
                if self.closing.moved_from
                else "",
                "cite": self.closing.citation,
            }
        )
        return lines


def court_application_window(
    *,
    effective_on: datetime.date,
    remedies: Sequence[RemedyFacts] = (),
    plan_ends_on: datetime.date | None = None,
) -> CourtWindow:
    """The periods the party has for a remedy, counted from the day service took effect: 复议 60 days
    (行政复议法 art. 20) and a suit 6 months (行政诉讼法 art. 46); after a 复议 decision 15 days to sue
    (art. 45), after a first-instance judgment 15 days to appeal (art. 85); each last day off moved to
    the next working day (民法典 art. 203). The window opens the day after the last of them (or after
    an approved plan's end) and lasts three months, counted the same way."""
    periods: list[tuple[str, calendar.Period]] = [
        (RECONSIDERATION_REQUEST.label, RECONSIDERATION_REQUEST.due(effective_on)),
        ("提起行政诉讼", compute_months(effective_on, 6, citation=LITIGATION_CITATION)),
    ]
    for remedy in remedies:
        if remedy.ended_on is None:
            continue
        if not remedy.litigation:
            periods.append(
                (SUIT_AFTER_RECONSIDERATION.label, SUIT_AFTER_RECONSIDERATION.due(remedy.ended_on))
            )
        elif not remedy.withdrawn:
            periods.append((APPEAL.label, APPEAL.due(remedy.ended_on)))
    last = max(period.due for _label, period in periods)
    if plan_ends_on is not None and plan_ends_on > last:
        last = plan_ends_on
    return CourtWindow(
        remedy_periods=tuple(periods),
        plan_ends_on=plan_ends_on,
        remedy_pending=any(remedy.ended_on is None for remedy in remedies),
        closing=compute_months(last, COURT_APPLICATION_MONTHS, citation=COURT_APPLICATION_CITATION),
    )


def service_takes_effect(*, public_notice: bool, served_on: datetime.date) -> datetime.date:
    """The day service takes effect, from which the 15 days to pay (art. 67) and the remedy periods run:
    the day of service, or for 公告送达 the day thirty days after publication (民事诉讼法 art. 95)."""
    if public_notice:
        return served_on + datetime.timedelta(days=PUBLIC_NOTICE_DAYS)
    return served_on
