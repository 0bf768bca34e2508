"""The 依法治镇 figures of the annual report's section 一: the meetings that studied or decided the
town's rule-of-law work, the 重点工作 deployed, completed on time and late, those whose 反馈 lapsed,
and the 督办 notices issued; the legal counsel (驻镇律师) with the work each did in the year, and the
法律咨询 they answered. Registered from GovernanceConfig.ready."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from fazhi.core.figures import FIGURES as REGISTERED
from fazhi.core.figures import STAFF_COLUMNS, Column, Figure, Scope, date_column, link_to, staff_with_roles
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.governance import rules
from fazhi.governance.models import (
    DEFAULT_SILENT_DAYS,
    ActKind,
    Committee,
    GovernanceSetting,
    HeadAct,
    KeyTask,
    LegalConsultation,
    Meeting,
    MeetingKind,
    SupervisionNotice,
    TaskFeedback,
    TaskStatus,
)


def reckoned_to(scope: Scope) -> datetime.date:
    """A year still running is counted to today; a past one to its last day."""
    return min(scope.end, timezone.localdate())


def _committees(scope: Scope) -> QuerySet[Committee]:
    return Committee.objects.filter(scope.within(), established_on__lte=scope.end).order_by(
        "established_on", "id"
    )


def _committee_words(scope: Scope, rows: QuerySet[Committee]) -> str:
    """How section 一 states the committee: the town's own by name; a district's by how many towns."""
    names = list(rows.values_list("name", flat=True))
    if not names:
        return "尚未成立全面依法治镇委员会"
    if len(names) == 1:
        return "成立了%(n)s" % {"n": names[0]}
    return "%(c)d个镇（街道）成立了全面依法治镇委员会" % {"c": len(names)}


def _meetings(scope: Scope) -> QuerySet[Meeting]:
    # 专题学法 are counted once, by the learning app's figure (study_sessions).
    return (
        Meeting.objects.filter(scope.within(), held_on__year=scope.year)
        .exclude(kind=MeetingKind.STUDY)
        .order_by("held_on", "id")
    )


def _deployed(scope: Scope) -> QuerySet[KeyTask]:
    return (
        KeyTask.objects.filter(scope.within(), deployed_on__year=scope.year)
        .select_related("department", "lead")
        .order_by("deadline", "id")
    )


def _on_time(scope: Scope) -> QuerySet[KeyTask]:
    return _deployed(scope).filter(status=TaskStatus.COMPLETED, completed_on__lte=F("deadline"))


def _late(scope: Scope) -> QuerySet[KeyTask]:
    """Completed after the deadline, or still open past it on the day the year is reckoned to."""
    return _deployed(scope).filter(
        Q(status=TaskStatus.COMPLETED, completed_on__gt=F("deadline"))
        | Q(status=TaskStatus.IN_PROGRESS, deadline__lt=reckoned_to(scope))
    )


def _silent_ids(scope: Scope) -> list[int]:
    """Tasks whose longest run without a 反馈 (from the deployment to the completion, or to the day the
    year is reckoned to) exceeded their town's interval: two queries, however many tasks."""
    until = reckoned_to(scope)
    intervals = dict(
        GovernanceSetting.objects.filter(scope.within()).values_list("organisation_id", "silent_days")
    )
    tasks = list(_deployed(scope).values_list("pk", "organisation_id", "deployed_on", "completed_on"))
    reports: dict[int, list[datetime.date]] = {}
    for task_id, day in TaskFeedback.objects.filter(task_id__in=[row[0] for row in tasks]).values_list(
        "task_id", "reported_on"
    ):
        reports.setdefault(task_id, []).append(day)
    silent = []
    for task_id, organisation_id, deployed_on, completed_on in tasks:
        end = min(completed_on or until, until)
        longest = rules.longest_silence(deployed_on=deployed_on, reports=reports.get(task_id, []), until=end)
        if longest > intervals.get(organisation_id, DEFAULT_SILENT_DAYS):
            silent.append(task_id)
    return silent


def _silent(scope: Scope) -> QuerySet[KeyTask]:
    silent = scope.memo("governance_silent", _silent_ids)
    # An empty IN () compiles to no SQL at all, and `annual_report --json` writes each figure's SQL; no
    # row has the id 0.
    return _deployed(scope).filter(pk__in=silent or [0])


def _notices(scope: Scope) -> QuerySet[SupervisionNotice]:
    return (
        SupervisionNotice.objects.filter(scope.within("task__organisation"), issued_on__year=scope.year)
        .select_related("task")
        .order_by("issued_on", "id")
    )


def _consultations(scope: Scope) -> QuerySet[LegalConsultation]:
    return (
        LegalConsultation.objects.filter(scope.within(), asked_on__year=scope.year)
        .select_related("asked_by_department", "counsel")
        .order_by("asked_on", "id")
    )


# A counsel's work in the year, as the figures that count it list it, by the field of their rows that
# names the counsel: read through the registry, since governance does not import the contracts and
# decisions apps (the import-linter's independence contract).
COUNSEL_WORK = (
    ("contract_reviews", "counsel_contract_reviews", "reviewer"),
    ("decision_reviews", "counsel_decision_reviews", "reviewer"),
    ("consultations", "counsel_consultations", "counsel"),
)


def _counsels(scope: Scope) -> QuerySet[Staff]:
    """The scope's active legal counsel, each with how many of each figure's rows are theirs (a
    correlated count per figure: one query for the page, however many counsel)."""
    counts = {}
    for name, key, field in COUNSEL_WORK:
        theirs = (
            REGISTERED[key]
            .rows(scope)
            .filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(rows=Count("pk"))
            .values("rows")
        )
        counts[name] = Coalesce(Subquery(theirs, output_field=IntegerField()), 0)
    return staff_with_roles(scope, Role.LEGAL_COUNSEL).annotate(**counts)


MEETING_COLUMNS = (
    date_column("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("会议", lambda row: row.title),
)
TASK_COLUMNS = (
    Column("工作任务", lambda row: row.title),
    Column("责任单位", lambda row: row.department.name),
    Column("完成时限", lambda row: row.deadline),
    Column("完成日期", lambda row: row.completed_on or "未完成"),
)
NOTICE_COLUMNS = (
    date_column("issued_on"),
    Column("重点工作", lambda row: row.task.title),
    Column("督办原因", lambda row: row.get_cause_display()),
    Column("答复日期", lambda row: row.answered_on or "未答复"),
)


def _task_link(row: SupervisionNotice) -> str:
    return link_to("governance:task-detail")(row.task)


def _head_acts(scope: Scope) -> QuerySet[HeadAct]:
    return (
        HeadAct.objects.filter(scope.within("task__organisation"), acted_on__year=scope.year)
        .select_related("task", "head")
        .order_by("acted_on", "id")
    )


# How the report words each kind of the heads' acts: 重要工作亲自部署、重大问题亲自过问… (the four 亲自
# of the 第一责任人 provisions), each with how many were recorded.
ACT_WORDING = {
    ActKind.DEPLOY: "亲自部署法治建设重要工作%d项",
    ActKind.INQUIRE: "亲自过问重大问题%d次",
    ActKind.COORDINATE: "亲自协调重点环节%d次",
    ActKind.SUPERVISE: "亲自督办重要任务%d次",
}


def _head_acts_words(scope: Scope, rows: QuerySet[HeadAct]) -> str:
    """A sentence of its own: who did what, or that nothing was recorded."""
    counts = dict(rows.order_by().values_list("kind").annotate(acts=Count("id")))
    parts = [wording % counts[kind] for kind, wording in ACT_WORDING.items() if counts.get(kind)]
    if not parts:
        return "全年未记录党政主要负责人亲自部署、过问、协调、督办法治建设工作的情况"
    return "全年党政主要负责人" + "、".join(parts)


FIGURES = (
    Figure(
        "head_acts_wording",
        "主要负责人亲自部署、过问、协调、督办（报告表述）",
        "",
        "当年记录在重点工作上的党政主要负责人亲自部署、亲自过问、亲自协调、亲自督办，按方式分别计",
        _head_acts,
        (
            date_column("acted_on"),
            Column("方式", lambda row: row.get_kind_display()),
            Column("重点工作", lambda row: row.task.title),
            Column("负责人", lambda row: row.head.full_name),
        ),
        lambda row: reverse("governance:task-detail", args=[row.task_id]),
        kind="phrase",
        words=_head_acts_words,
    ),
    Figure(
        "governance_committee",
        "全面依法治镇委员会",
        "",
        "截至年底已登记成立的全面依法治镇委员会",
        _committees,
        (Column("名称", lambda row: row.name), Column("成立日期", lambda row: row.established_on)),
        lambda row: reverse("governance:overview"),
        kind="phrase",
        words=_committee_words,
    ),
    Figure(
        "governance_meetings",
        "研究部署法治工作的会议",
        "次",
        "全面依法治镇委员会会议、党委会、政府常务会等研究法治工作的会议，按会议日期计（专题学法另计）",
        _meetings,
        MEETING_COLUMNS,
        link_to("governance:meeting-detail"),
    ),
    Figure(
        "key_tasks_deployed",
        "部署重点工作",
        "项",
        "当年部署的年度重点工作任务，按部署日期计",
        _deployed,
        TASK_COLUMNS,
        link_to("governance:task-detail"),
    ),
    Figure(
        "key_tasks_on_time",
        "按期完成的重点工作",
        "项",
        "当年部署的重点工作中，在完成时限内完成的",
        _on_time,
        TASK_COLUMNS,
        link_to("governance:task-detail"),
    ),
    Figure(
        "key_tasks_late",
        "逾期的重点工作",
        "项",
        "当年部署的重点工作中，超过完成时限才完成的，或截至年底（当年未结束的截至今天）超过时限仍未完成的",
        _late,
        TASK_COLUMNS,
        link_to("governance:task-detail"),
    ),
    Figure(
        "key_tasks_silent",
        "跟踪反馈不及时的重点工作",
        "项",
        "当年部署的重点工作中，自部署至完成（未完成的至年底或今天）有连续超过本镇设定反馈间隔天数"
        "（默认%(n)d天）未反馈进展的" % {"n": DEFAULT_SILENT_DAYS},
        _silent,
        TASK_COLUMNS,
        link_to("governance:task-detail"),
    ),
    Figure(
        "supervision_notices",
        "发出督办通知",
        "次",
        "当年发出的督办单：逾期未完成、超过反馈间隔未反馈由系统发出，负责人亲自督办的一并计入",
        _notices,
        NOTICE_COLUMNS,
        _task_link,
    ),
    Figure(
        "legal_counsels",
        "法律顾问",
        "名",
        "目前在岗、具有法律顾问角色的人员（外聘法律顾问、驻镇律师），及其当年审查合同、"
        "审查重大行政决策和解答法律咨询的次数",
        _counsels,
        (
            *STAFF_COLUMNS,
            Column("当年审查合同", lambda row: row.contract_reviews),
            Column("当年审查决策", lambda row: row.decision_reviews),
            Column("当年解答咨询", lambda row: row.consultations),
        ),
        link_to("core:staff-detail"),
    ),
    Figure(
        "counsel_consultations",
        "法律顾问解答法律咨询",
        "次",
        "当年登记的、由法律顾问解答的机关部门和个人的法律咨询，按咨询日期计",
        _consultations,
        (
            date_column("asked_on"),
            Column("咨询部门或咨询人", lambda row: row.asked_by),
            Column("咨询事项", lambda row: row.question),
            Column("法律顾问", lambda row: row.counsel.full_name),
        ),
        lambda row: f"{reverse('governance:consultations')}?year={row.asked_on.year}",
    ),
)
