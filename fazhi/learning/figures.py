"""The learning figures of the annual report and the dashboards: 专题学法, 法治专题讲座, the trainings
and each officer's hours against the year's target. Registered from LearningConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models import Value as Value_
from django.db.models.functions import Coalesce, ExtractMonth

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Series
from fazhi.core.figures import (
    STAFF_COLUMNS,
    Column,
    Figure,
    Scope,
    date_column,
    link_to,
    staff_with_roles,
)
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.learning import rules
from fazhi.learning.models import StudyKind, StudySession, Training, TrainingKind

STUDY_KINDS = (StudyKind.CENTRAL_GROUP, StudyKind.EXECUTIVE_MEETING)


def _study_sessions(scope: Scope) -> QuerySet[StudySession]:
    return StudySession.objects.filter(
        scope.within(), held_on__year=scope.year, kind__in=STUDY_KINDS
    ).order_by("held_on", "id")


def _laws_studied(scope: Scope, rows: QuerySet[StudySession]) -> str:
    """The laws studied in more than one session (集中学习), most often first, at most three: 《民法典》、
    《宪法》. When none was studied twice, the two most often named."""
    tally: dict[str, int] = {}
    for laws in rows.values_list("laws", flat=True):
        for law in laws.replace("，", "、").replace(",", "、").split("、"):
            name = law.strip().strip("《》")
            if name:
                tally[name] = tally.get(name, 0) + 1
    ranked = sorted(tally, key=lambda name: (-tally[name], name))
    repeated = [name for name in ranked if tally[name] > 1][:3] or ranked[:2]
    return "、".join(f"《{name}》" for name in repeated)


def _trainings(kind: str) -> Callable[[Scope], QuerySet[Training]]:
    def rows(scope: Scope) -> QuerySet[Training]:
        return Training.objects.filter(scope.within(), held_on__year=scope.year, kind=kind).order_by(
            "held_on", "id"
        )

    return rows


def _all_trainings(scope: Scope) -> QuerySet[Training]:
    return Training.objects.filter(scope.within(), held_on__year=scope.year).order_by("held_on", "id")


STUDY_COLUMNS = (
    date_column("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("学习内容", lambda row: row.laws),
)
TRAINING_COLUMNS = (
    date_column("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("主题", lambda row: row.topic),
    Column("学时", lambda row: row.hours),
)


def _officers_with_hours(scope: Scope) -> QuerySet[Staff]:
    """在岗执法人员和辅助执法人员, each with the hours of the year's trainings they attended."""
    hours = (
        Training.objects.filter(attendees=OuterRef("pk"), held_on__year=scope.year)
        .order_by()
        .values("attendees")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return staff_with_roles(scope, Role.OFFICER, Role.AUXILIARY).annotate(
        year_hours=Coalesce(
            Subquery(hours), Value_(Decimal(0)), output_field=DecimalField(max_digits=7, decimal_places=1)
        )
    )


def _hours_target_met(scope: Scope) -> Q:
    return Q(year_hours__gte=rules.yearly_hours_target())


def _legal_professionals(scope: Scope) -> QuerySet[Staff]:
    return (
        Staff.objects.filter(scope.within(), is_active=True)
        .exclude(legal_qualification_no="")
        .select_related("organisation")
        .order_by("id")
    )


FIGURES = (
    Figure(
        "central_group_sessions",
        "党委理论中心组专题学法",
        "次",
        "类别为党委理论中心组专题学习的专题学法，按学习日期计",
        lambda scope: _study_sessions(scope).filter(kind=StudyKind.CENTRAL_GROUP),
        STUDY_COLUMNS,
        link_to("learning:study-detail"),
    ),
    Figure(
        "study_sessions",
        "专题学法活动",
        "次",
        "党委理论中心组专题学习、政府常务会议（行政办公会）学法，按学习日期计",
        _study_sessions,
        STUDY_COLUMNS,
        link_to("learning:study-detail"),
        dashboard="learning",
    ),
    Figure(
        "laws_studied",
        "集中学习的法律",
        "",
        "上述专题学法活动学习次数最多的法律法规（至多三部）",
        _study_sessions,
        STUDY_COLUMNS,
        link_to("learning:study-detail"),
        kind="phrase",
        words=_laws_studied,
    ),
    Figure(
        "lectures",
        "法治专题讲座",
        "次",
        "类别为法治专题讲座的专题学法，按日期计",
        lambda scope: StudySession.objects.filter(
            scope.within(), held_on__year=scope.year, kind=StudyKind.LECTURE
        ).order_by("held_on", "id"),
        STUDY_COLUMNS,
        link_to("learning:study-detail"),
    ),
    Figure(
        "trainings_recording",
        "执法记录装备使用培训",
        "次",
        "类别为执法记录装备使用培训的培训，按日期计",
        _trainings(TrainingKind.RECORDING_EQUIPMENT),
        TRAINING_COLUMNS,
        link_to("learning:training-detail"),
    ),
    Figure(
        "trainings_all_staff",
        "全员法治培训",
        "次",
        "类别为全员法治培训的培训，按日期计",
        _trainings(TrainingKind.ALL_STAFF),
        TRAINING_COLUMNS,
        link_to("learning:training-detail"),
    ),
    Figure(
        "training_hours",
        "培训学时",
        "学时",
        "全年各类培训学时之和",
        _all_trainings,
        TRAINING_COLUMNS,
        link_to("learning:training-detail"),
        kind="sum",
        summed="hours",
        dashboard="learning",
    ),
    Figure(
        "training_target_met",
        "执法人员培训学时达标率",
        "",
        "在岗执法人员和辅助执法人员中，当年参加培训学时达到年度要求的比例",
        _officers_with_hours,
        (*STAFF_COLUMNS, Column("当年学时", lambda row: row.year_hours)),
        link_to("core:staff-detail"),
        kind="share",
        counted=_hours_target_met,
        dashboard="learning",
    ),
    Figure(
        "legal_professionals",
        "具有法律职业资格的工作人员",
        "名",
        "在岗并登记了法律职业资格证书编号的工作人员，含法制审核人员和法律顾问",
        _legal_professionals,
        (*STAFF_COLUMNS, Column("法律职业资格证书编号", lambda row: row.legal_qualification_no)),
        link_to("core:staff-detail"),
    ),
)


# ------------------------------------------------------------------------------------ the dashboards


def training_hours_by_month(scope: Scope, today: datetime.date) -> Chart:
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], ""): row["hours"] or Decimal(0)
        for row in _all_trainings(scope)
        .order_by()
        .annotate(month=ExtractMonth("held_on"))
        .values("month")
        .annotate(hours=Sum("hours"))
    }
    return charts.monthly_chart(
        "training", "培训学时（按培训月份）", "学时", scope, counts, [("", "培训学时")], ""
    )


def _training_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return _all_trainings(scope).filter(held_on__month=element.month)


SERIES = (
    Series(
        "training",
        "培训学时",
        "",
        "",
        training_hours_by_month,
        _training_rows,
        dict,
        TRAINING_COLUMNS,
        link_to("learning:training-detail"),
    ),
)
