"""年度报告's 待办: last year's 法治政府建设情况报告 is published before 1 April (厅字〔2019〕28号). From the
day the reminders start (rules.reminded_from) until it is public, the town's report is owed: drafted by
its writers while there is none, then finalised and published by the head, as its page offers."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse

from fazhi.core import todos
from fazhi.core.models import Organisation
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.reports import rules, selectors
from fazhi.reports.models import AnnualReport, ReportStatus

REPORT = TodoKind("annual_report", "法治政府建设年度报告待公开", "reports")
KINDS = (REPORT,)

OWED = ("finalise", "publish")  # the steps of a report that exists; `draft` makes one
BASIS = "年度报告须于次年4月1日前向社会公开（%(c)s）" % {"c": rules.REPORT_CITATION}


def report_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    year = today.year - 1
    if today < rules.reminded_from(year):
        return
    due_on = rules.publish_by(year) - datetime.timedelta(days=1)  # "before 1 April": 31 March at the latest
    reports = {
        report.organisation_id: report
        for report in AnnualReport.objects.filter(organisation_id__in=seat.town_ids, year=year)
    }
    draft = rules.STEPS["draft"]
    for town in Organisation.objects.filter(pk__in=seat.town_ids).order_by("id"):
        report = reports.get(town.pk)
        if report is None:
            if seat.holds(draft.roles):
                yield _todo(
                    draft.name,
                    draft.label,
                    draft.roles,
                    title=rules.report_title(town.name, year),
                    record_id=None,
                    town_id=town.pk,
                    due_on=due_on,
                )
            continue
        if report.status == ReportStatus.PUBLISHED:
            continue
        facts = selectors.ReportRowFacts(report)
        for name in OWED:
            step = rules.STEPS[name]
            if seat.holds(step.roles) and step.applies(facts) and step.blocked_by(facts) is None:
                yield _todo(
                    step.name,
                    step.label,
                    step.roles,
                    title=report.title,
                    record_id=report.pk,
                    town_id=town.pk,
                    due_on=due_on,
                )


def _todo(
    step: str,
    label: str,
    roles: tuple[str, ...],
    *,
    title: str,
    record_id: int | None,
    town_id: int,
    due_on: datetime.date,
) -> Todo:
    """A report not yet drafted has no record: its item is the town's, and opens the reports' list, where
    the report is drafted."""
    return Todo(
        kind=REPORT.code,
        title=title,
        record_type="report" if record_id is not None else "organisation",
        record_id=record_id if record_id is not None else town_id,
        step=step,
        step_label=label,
        why=todos.why_role(roles),
        due_on=due_on,
        due_basis=BASIS,
        url=reverse("reports:detail", args=[record_id]) if record_id is not None else reverse("reports:list"),
        town_id=town_id,
    )
