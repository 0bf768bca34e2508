"""The annual report's figures: each a named query over one organisation's subtree and one period.

A figure's value and its drill-down come from the same queryset (`rows`), so the rows a user clicks
through to are exactly the rows counted: a count counts them, a sum adds one of their fields, a share
divides those matching `counted` by all of them. A phrase figure words other figures the way a report
states them ("40余人", "涉及城乡建设类38批70人次，…"). Every figure is a fixed number of queries, however
many records there are."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models import Value as Value_
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from fazhi.contracts.models import Contract, ContractReview, ReviewOpinion
from fazhi.core.models import EnforcementCredential, Organisation, Staff, StaffRole
from fazhi.core.roles import Role
from fazhi.decisions.models import DecisionStatus, MajorDecision
from fazhi.decisions.models import Outcome as DiscussionOutcome
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import DeviceAssignment, LegalReview, PenaltyDecision, ReviewOpinionChoice
from fazhi.enforcement.rules import Procedure
from fazhi.learning import rules as learning_rules
from fazhi.learning.models import StudyKind, StudySession, Training, TrainingKind
from fazhi.mediation.models import Dispute, DisputeStatus, MediationCentre
from fazhi.petitions.models import Petition
from fazhi.prevention.models import PUBLICITY_KINDS, CommunityVolunteer, PreventionActivity
from fazhi.prevention.selectors import approximate_headcount, serving_on


@dataclass(frozen=True)
class Scope:
    """One organisation (with everything under it) and one report year."""

    organisation: Organisation
    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @cached_property
    def organisation_ids(self) -> list[int]:
        """The organisation and everything under it, looked up once per scope (one query for all the
        figures). Filtering rows by `organisation_id IN (…)` rather than by a join on the path lets
        PostgreSQL use each table's (organisation, …) index: with the join it estimated how many
        organisations a path prefix matches from the prefix alone, and for some towns chose to scan
        all the city's disputes (docs/performance.md, "Annual report, 200 towns")."""
        return list(
            Organisation.objects.filter(path__startswith=self.organisation.path).values_list("pk", flat=True)
        )

    @cached_property
    def centre_opened_on(self) -> datetime.date | None:
        """The day the organisation's 矛调中心 opened, read once for the six mediation figures."""
        return (
            MediationCentre.objects.filter(organisation=self.organisation)
            .values_list("opened_on", flat=True)
            .first()
        )

    def within(self, prefix: str = "organisation") -> Q:
        return Q(**{f"{prefix}__in": self.organisation_ids})


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]


@dataclass(frozen=True)
class Value:
    """A figure as computed: what the report prints, and what it was counted from."""

    key: str
    label: str
    value: int | Decimal | str | None
    display: str
    start: datetime.date
    end: datetime.date
    source: str
    numerator: int | None = None
    denominator: int | None = None

    def as_json(self) -> dict[str, object]:
        value = self.value
        return {
            "key": self.key,
            "label": self.label,
            "value": str(value) if isinstance(value, Decimal) else value,
            "display": self.display,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "source": self.source,
        }


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    source: str
    rows: Callable[[Scope], QuerySet[Any]]
    columns: tuple[Column, ...]
    link: Callable[[Any], str] | None = None
    kind: str = "count"  # count | sum | share | phrase
    summed: str = ""  # the field a sum adds up
    counted: Callable[[Scope], Q] | None = None  # the rows a share counts, among all its rows
    words: Callable[[Scope, QuerySet[Any]], str] | None = None  # a phrase's wording of its rows
    period_start: Callable[[Scope], datetime.date] | None = None
    dashboard: str = ""

    def start(self, scope: Scope) -> datetime.date:
        return self.period_start(scope) if self.period_start else scope.start

    def compute(self, scope: Scope) -> Value:
        rows = self.rows(scope)
        start = self.start(scope)
        if self.kind == "sum":
            total = rows.aggregate(total=Sum(self.summed))["total"] or 0
            return self._value(scope, start, total, _number(total) + self.unit)
        if self.kind == "share":
            assert self.counted is not None
            counts = rows.aggregate(all=Count("pk"), counted=Count("pk", filter=self.counted(scope)))
            share = _percent(counts["counted"], counts["all"])
            display = "—" if share is None else f"{_number(share)}%"
            return self._value(scope, start, share, display, counts["counted"], counts["all"])
        if self.kind == "phrase":
            assert self.words is not None
            text = self.words(scope, rows)
            return self._value(scope, start, text, text)
        number = rows.count()
        return self._value(scope, start, number, f"{number}{self.unit}")

    def _value(
        self,
        scope: Scope,
        start: datetime.date,
        value: int | Decimal | str | None,
        display: str,
        numerator: int | None = None,
        denominator: int | None = None,
    ) -> Value:
        return Value(
            key=self.key,
            label=self.label,
            value=value,
            display=display,
            start=start,
            end=scope.end,
            source=self.source,
            numerator=numerator,
            denominator=denominator,
        )

    def drill_down(self, scope: Scope) -> QuerySet[Any]:
        """The rows behind the figure; for a share each carries `counted`, whether it is among those
        the share counts (one query for the page, not one per row)."""
        rows = self.rows(scope)
        if self.counted is None:
            return rows
        flagged: QuerySet[Any] = rows.annotate(
            counted=Case(
                When(self.counted(scope), then=Value_(True)),
                default=Value_(False),
                output_field=BooleanField(),
            )
        )
        return flagged


def _number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _date(field_name: str) -> Column:
    return Column("日期", lambda row: getattr(row, field_name))


def _url(name: str) -> Callable[[Any], str]:
    return lambda row: reverse(name, args=[row.pk])


# ------------------------------------------------------------------------------------------ learning

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
    _date("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("学习内容", lambda row: row.laws),
)
TRAINING_COLUMNS = (
    _date("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("主题", lambda row: row.topic),
    Column("学时", lambda row: row.hours),
)


def _officers_with_hours(scope: Scope) -> QuerySet[Staff]:
    hours = (
        Training.objects.filter(attendees=OuterRef("pk"), held_on__year=scope.year)
        .order_by()
        .values("attendees")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return _enforcement_staff(scope).annotate(
        year_hours=Coalesce(
            Subquery(hours), Value_(Decimal(0)), output_field=DecimalField(max_digits=7, decimal_places=1)
        )
    )


def _hours_target_met(scope: Scope) -> Q:
    return Q(year_hours__gte=learning_rules.yearly_hours_target())


# ----------------------------------------------------------------------------------------- contracts


def _contracts_reviewed(scope: Scope) -> QuerySet[Contract]:
    reviewed = ContractReview.objects.filter(contract=OuterRef("pk"), reviewed_on__year=scope.year)
    return Contract.objects.filter(scope.within(), Exists(reviewed)).order_by("received_on", "id")


def _contracts_signed(scope: Scope) -> QuerySet[Contract]:
    return Contract.objects.filter(scope.within(), signed_on__year=scope.year).order_by("signed_on", "id")


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

# ---------------------------------------------------------------------------- enforcement, disclosure

PUBLISHED = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)


def _publications_in_year(scope: Scope) -> QuerySet[Publication]:
    return Publication.objects.filter(
        scope.within(), status__in=PUBLISHED, published_at__year=scope.year
    ).order_by("published_at", "id")


def _decisions_to_publish(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The year's decisions, less those lawfully not published (a minor's): a decision never drafted
    for publication, or left a draft, counts as not published in time."""
    return _decisions(scope).exclude(publication__status=PublicationStatus.NOT_PUBLISHED)


PUBLISHED_IN_TIME = Q(
    publication__status__in=PUBLISHED, publication__published_at__date__lte=F("publication__due_on")
)


def _decisions(scope: Scope) -> QuerySet[PenaltyDecision]:
    return PenaltyDecision.objects.filter(
        scope.within("case__organisation"), decided_on__year=scope.year
    ).order_by("decided_on", "id")


def _ordinary_decisions(scope: Scope) -> QuerySet[PenaltyDecision]:
    return _decisions(scope).filter(case__procedure=Procedure.ORDINARY)


REVIEW_GROUNDS = (
    Q(case__investigation_report__review_public_interest=True)
    | Q(case__investigation_report__review_major_rights_after_hearing=True)
    | Q(case__investigation_report__review_complex=True)
    | Q(case__investigation_report__review_other_law=True)
)


def _decisions_requiring_review(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The year's decisions that art. 58 required a legal review for, as the investigation report found."""
    return _ordinary_decisions(scope).filter(REVIEW_GROUNDS)


REVIEWED_BEFORE_DECISION = Exists(
    LegalReview.objects.filter(
        case=OuterRef("case"), opinion=ReviewOpinionChoice.AGREED, reviewed_on__lte=OuterRef("decided_on")
    )
)
ENFORCEMENT_ROLES = (Role.OFFICER, Role.AUXILIARY)


def _enforcement_staff(scope: Scope) -> QuerySet[Staff]:
    # EXISTS rather than a join, so that a person holding both roles is one row and the share's
    # aggregate needs no DISTINCT around it.
    enforcing = StaffRole.objects.filter(staff=OuterRef("pk"), role__in=ENFORCEMENT_ROLES)
    return (
        Staff.objects.filter(Exists(enforcing), scope.within(), is_active=True)
        .select_related("organisation")
        .order_by("id")
    )


def _officers(scope: Scope) -> QuerySet[Staff]:
    """执法人员 only: auxiliaries carry no 执法证 (DOMAIN: they never count as one of art. 42's two)."""
    enforcing = StaffRole.objects.filter(staff=OuterRef("pk"), role=Role.OFFICER)
    return (
        Staff.objects.filter(Exists(enforcing), scope.within(), is_active=True)
        .select_related("organisation")
        .order_by("id")
    )


def _credential_valid_at_year_end(scope: Scope) -> Q:
    end = min(scope.end, timezone.localdate())
    valid = EnforcementCredential.objects.filter(
        staff=OuterRef("pk"), valid_from__lte=end, valid_to__gte=end
    ).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=end))
    return Q(Exists(valid))


def _with_device_at_year_end(scope: Scope) -> Q:
    end = min(scope.end, timezone.localdate())
    assigned = DeviceAssignment.objects.filter(staff=OuterRef("pk"), valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=end)
    )
    return Q(Exists(assigned))


PUBLICATION_COLUMNS = (
    Column("决定书文号", lambda row: row.decision_number),
    Column("决定日期", lambda row: row.decided_on),
    Column("公示期限", lambda row: row.due_on),
    Column("公示时间", lambda row: row.published_at.date() if row.published_at else ""),
)
DECISION_COLUMNS = (
    Column("决定书文号", lambda row: row.number.text),
    Column("决定日期", lambda row: row.decided_on),
    Column("案由", lambda row: row.case.title),
)
STAFF_COLUMNS = (
    Column("姓名", lambda row: row.full_name),
    Column("单位", lambda row: row.organisation.name if row.organisation else ""),
)

# ---------------------------------------------------------------------------------------- decisions


def _major_decisions(scope: Scope) -> QuerySet[MajorDecision]:
    """Decisions of the year's catalogue that were made: adopted by the collective discussion, or
    published; one the meeting rejected or postponed was not made."""
    return (
        MajorDecision.objects.filter(scope.within(), catalogue_item__year=scope.year)
        .filter(Q(status=DecisionStatus.PUBLISHED) | Q(discussion__outcome=DiscussionOutcome.ADOPTED))
        .order_by("id")
    )


# ---------------------------------------------------------------------------------------- mediation


def _centre_opened_in_year(scope: Scope) -> datetime.date | None:
    opened = scope.centre_opened_on
    return opened if opened and opened.year == scope.year else None


def _mediation_start(scope: Scope) -> datetime.date:
    """A town's centre opened in the report year is counted from its opening (自中心成立以来)."""
    return _centre_opened_in_year(scope) or scope.start


def _disputes(scope: Scope) -> QuerySet[Dispute]:
    return Dispute.objects.filter(
        scope.within(), received_on__gte=_mediation_start(scope), received_on__lte=scope.end
    ).order_by("received_on", "id")


def _by_category(scope: Scope, rows: QuerySet[Dispute]) -> str:
    """涉及城乡建设类38批70人次，…，其他类别15批19人次: largest first, 其他 last."""
    totals = (
        rows.order_by()
        .annotate(top=Coalesce("category__parent__name", "category__name"))
        .values("top")
        .annotate(batches=Count("id"), persons=Sum("visitor_count"))
    )
    ranked = sorted(totals, key=lambda row: (row["top"] == "其他", -row["batches"], row["top"]))
    parts = [
        ("其他类别%(b)d批%(p)d人次" if row["top"] == "其他" else "涉及%(c)s类%(b)d批%(p)d人次")
        % {"c": row["top"], "b": row["batches"], "p": row["persons"] or 0}
        for row in ranked
    ]
    return "，".join(parts)


def _disputes_due(scope: Scope) -> QuerySet[Dispute]:
    """The visits whose closure target has come: closed ones, and open ones past their target."""
    today = timezone.localdate()
    return _disputes(scope).filter(Q(status=DisputeStatus.CLOSED) | Q(due_on__lt=today))


def _since(scope: Scope, rows: QuerySet[Any]) -> str:
    """How the report opens the centre's figures: from its opening, in the year it opened."""
    opened = _centre_opened_in_year(scope)
    if opened is None:
        return "全年"
    return "今年%(m)d月，社会矛盾纠纷调处化解中心挂牌成立。自中心成立以来" % {"m": opened.month}


DISPOSED = Q(status=DisputeStatus.CLOSED) & ~Q(outcome="")
DISPUTE_COLUMNS = (
    Column("接待日期", lambda row: row.received_on),
    Column("类别", lambda row: str(row.category)),
    Column("人次", lambda row: row.visitor_count),
    Column("状态", lambda row: row.get_status_display()),
    Column("办理结果", lambda row: row.get_outcome_display()),
)

# ---------------------------------------------------------------------------------------- petitions


def _petitions(scope: Scope) -> QuerySet[Petition]:
    return Petition.objects.filter(scope.within(), received_on__year=scope.year).order_by("received_on", "id")


def _key_petitions(scope: Scope) -> QuerySet[Petition]:
    return _petitions(scope).filter(is_key=True)


CLEARED = Q(concluded_on__isnull=False, concluded_on__lte=F("due_on"))


def _key_petition_phrase(scope: Scope, rows: QuerySet[Petition]) -> str:
    """清仓见底 when every key matter was concluded within its period; a matter still within its period
    when the report is written (received late in the year) is neither."""
    today = timezone.localdate()
    pending = Q(concluded_on__isnull=True) & (Q(due_on__isnull=True) | Q(due_on__gte=today))
    counts = rows.aggregate(
        all=Count("pk"), cleared=Count("pk", filter=CLEARED), pending=Count("pk", filter=pending)
    )
    if not counts["all"]:
        return "全年无重点信访事项"
    late = counts["all"] - counts["cleared"] - counts["pending"]
    if not late and not counts["pending"]:
        return "重点信访问题均已在规定时限内实现了“清仓见底”"
    if not late:
        return "重点信访事项%(n)d件，在规定时限内办结%(c)d件，其余%(p)d件尚在办理期限内" % {
            "n": counts["all"],
            "c": counts["cleared"],
            "p": counts["pending"],
        }
    return "重点信访事项%(n)d件，在规定时限内办结%(c)d件，尚有%(o)d件未按期办结" % {
        "n": counts["all"],
        "c": counts["cleared"],
        "o": late,
    }


PETITION_COLUMNS = (
    Column("收到日期", lambda row: row.received_on),
    Column("信访形式", lambda row: row.get_channel_display()),
    Column("状态", lambda row: row.get_status_display()),
    Column("办结期限", lambda row: row.due_on or ""),
    Column("办结日期", lambda row: row.concluded_on or ""),
)

# --------------------------------------------------------------------------------------- prevention


def _team_at_year_end(scope: Scope) -> QuerySet[CommunityVolunteer]:
    return CommunityVolunteer.objects.filter(scope.within(), serving_on(scope.end)).order_by("id")


def _headcount(scope: Scope, rows: QuerySet[CommunityVolunteer]) -> str:
    return approximate_headcount(rows.count())


def _publicity(scope: Scope) -> QuerySet[PreventionActivity]:
    return PreventionActivity.objects.filter(
        scope.within(), held_on__year=scope.year, kind__in=PUBLICITY_KINDS
    ).order_by("held_on", "id")


VOLUNTEER_COLUMNS = (
    Column("姓名", lambda row: row.name),
    Column("身份", lambda row: row.get_role_display()),
    Column("加入日期", lambda row: row.joined_on),
)
ACTIVITY_COLUMNS = (
    _date("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("地点", lambda row: row.place),
    Column("受众（人次）", lambda row: row.people_reached),
)


# ------------------------------------------------------------------------------------ the registry


@dataclass
class Registry:
    figures: dict[str, Figure] = field(default_factory=dict)

    def add(self, figure: Figure) -> None:
        assert figure.key not in self.figures, figure.key
        self.figures[figure.key] = figure

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __iter__(self) -> Any:
        return iter(self.figures.values())


FIGURES = Registry()
for figure in (
    Figure(
        "study_sessions",
        "专题学法活动",
        "次",
        "党委理论中心组专题学习、政府常务会议（行政办公会）学法，按学习日期计",
        _study_sessions,
        STUDY_COLUMNS,
        _url("learning:study-detail"),
        dashboard="learning",
    ),
    Figure(
        "laws_studied",
        "集中学习的法律",
        "",
        "上述专题学法活动学习次数最多的法律法规（至多三部）",
        _study_sessions,
        STUDY_COLUMNS,
        _url("learning:study-detail"),
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
        _url("learning:study-detail"),
    ),
    Figure(
        "trainings_recording",
        "执法记录装备使用培训",
        "次",
        "类别为执法记录装备使用培训的培训，按日期计",
        _trainings(TrainingKind.RECORDING_EQUIPMENT),
        TRAINING_COLUMNS,
        _url("learning:training-detail"),
    ),
    Figure(
        "trainings_all_staff",
        "全员法治培训",
        "次",
        "类别为全员法治培训的培训，按日期计",
        _trainings(TrainingKind.ALL_STAFF),
        TRAINING_COLUMNS,
        _url("learning:training-detail"),
    ),
    Figure(
        "training_hours",
        "培训学时",
        "学时",
        "全年各类培训学时之和",
        _all_trainings,
        TRAINING_COLUMNS,
        _url("learning:training-detail"),
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
        _url("core:staff-detail"),
        kind="share",
        counted=_hours_target_met,
        dashboard="learning",
    ),
    Figure(
        "contracts_reviewed",
        "审核合同协议",
        "份",
        "当年出具审查意见的合同（同一合同多次审查计一份）",
        _contracts_reviewed,
        CONTRACT_COLUMNS,
        _url("contracts:detail"),
        dashboard="contracts",
    ),
    Figure(
        "contracts_signed_reviewed",
        "签订前经合法性审查的合同比例",
        "",
        "当年签订的合同中，签订前有同意或修改后同意审查意见的比例",
        _contracts_signed,
        CONTRACT_COLUMNS,
        _url("contracts:detail"),
        kind="share",
        counted=lambda scope: Q(PASSED_REVIEW),
    ),
    Figure(
        "penalties_published",
        "公示行政处罚案件",
        "起",
        "当年首次公示的行政处罚决定（含此后撤回的）",
        _publications_in_year,
        PUBLICATION_COLUMNS,
        _url("disclosure:publication"),
        dashboard="disclosure",
    ),
    Figure(
        "penalty_decisions",
        "作出行政处罚决定",
        "件",
        "当年作出的行政处罚决定",
        _decisions,
        DECISION_COLUMNS,
        lambda row: reverse("enforcement:case-detail", args=[row.case_id]),
        dashboard="cases",
    ),
    Figure(
        "publications_on_time",
        "行政处罚决定按期公示率",
        "",
        "当年作出的处罚决定（依法不予公开的除外）中，在公示期限内公示的比例；未公示的计为未按期",
        _decisions_to_publish,
        DECISION_COLUMNS,
        lambda row: reverse("enforcement:case-detail", args=[row.case_id]),
        kind="share",
        counted=lambda scope: PUBLISHED_IN_TIME,
        dashboard="disclosure",
    ),
    Figure(
        "decisions_on_time",
        "处罚决定按期作出率",
        "",
        "当年作出的一般程序处罚决定中，在立案之日起的决定期限（含经批准的延长）内作出的比例",
        _ordinary_decisions,
        DECISION_COLUMNS,
        lambda row: reverse("enforcement:case-detail", args=[row.case_id]),
        kind="share",
        counted=lambda scope: Q(decided_on__lte=F("case__decision_due")),
        dashboard="cases",
    ),
    Figure(
        "legal_review_coverage",
        "重大执法决定法制审核率",
        "",
        "当年作出的处罚决定中，调查终结时认定属于行政处罚法第五十八条须法制审核情形的，决定前经法制审核且意见为同意的比例",
        _decisions_requiring_review,
        DECISION_COLUMNS,
        lambda row: reverse("enforcement:case-detail", args=[row.case_id]),
        kind="share",
        counted=lambda scope: Q(REVIEWED_BEFORE_DECISION),
        dashboard="cases",
    ),
    Figure(
        "device_coverage",
        "执法人员（含辅助执法人员）配备执法记录仪比例",
        "",
        "年末（本年度为今天）在岗执法人员和辅助执法人员中，有在用执法记录仪的比例",
        _enforcement_staff,
        STAFF_COLUMNS,
        _url("core:staff-detail"),
        kind="share",
        counted=_with_device_at_year_end,
    ),
    Figure(
        "credential_coverage",
        "执法人员持证上岗率",
        "",
        "年末（本年度为今天）在岗执法人员中，持有效行政执法证的比例",
        _officers,
        STAFF_COLUMNS,
        _url("core:staff-detail"),
        kind="share",
        counted=_credential_valid_at_year_end,
    ),
    Figure(
        "major_decisions",
        "重大行政决策",
        "项",
        "列入当年目录、经集体讨论通过或已公布的重大行政决策",
        _major_decisions,
        (
            Column("决策事项", lambda row: row.catalogue_item.title),
            Column("状态", lambda row: row.get_status_display()),
        ),
        _url("decisions:detail"),
        dashboard="decisions",
    ),
    Figure(
        "mediation_batches",
        "矛调中心接待来访（批）",
        "批",
        "接待日期在期间内的来访登记，一次来访为一批；当年成立的中心自成立之日起计",
        _disputes,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        period_start=_mediation_start,
        dashboard="mediation",
    ),
    Figure(
        "mediation_persons",
        "矛调中心接待来访（人次）",
        "人次",
        "上述来访登记的人次之和",
        _disputes,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        kind="sum",
        summed="visitor_count",
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_by_category",
        "按类别的批次和人次",
        "",
        "上述来访按一级类别的批次和人次，其他类别列在最后",
        _disputes,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        kind="phrase",
        words=_by_category,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_since",
        "矛调中心统计起点",
        "",
        "矛调中心当年挂牌成立的，自成立之日起计并写明成立月份；否则为全年",
        _disputes,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        kind="phrase",
        words=_since,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_disposed",
        "按“三到位一处理”处置率",
        "",
        "上述来访中已选择办理结果并确认“三到位一处理”后办结的比例",
        _disputes,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        kind="share",
        counted=lambda scope: DISPOSED,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_on_time",
        "矛调中心按期办结率",
        "",
        "上述来访中已到办结期限的（已办结或已超期未办结）在期限内办结的比例",
        _disputes_due,
        DISPUTE_COLUMNS,
        _url("mediation:detail"),
        kind="share",
        counted=lambda scope: DISPOSED & Q(closed_on__lte=F("due_on")),
        period_start=_mediation_start,
    ),
    Figure(
        "petitions_received",
        "受理登记信访事项",
        "件",
        "收到日期在当年的信访事项",
        _petitions,
        PETITION_COLUMNS,
        _url("petitions:detail"),
        dashboard="petitions",
    ),
    Figure(
        "key_petitions",
        "重点信访事项",
        "件",
        "当年收到并列为重点的信访事项",
        _key_petitions,
        PETITION_COLUMNS,
        _url("petitions:detail"),
    ),
    Figure(
        "key_petitions_cleared",
        "重点信访事项清仓见底情况",
        "",
        "当年重点信访事项是否均在办结期限（含经批准的延期）内办结",
        _key_petitions,
        PETITION_COLUMNS,
        _url("petitions:detail"),
        kind="phrase",
        words=_key_petition_phrase,
    ),
    Figure(
        "prevention_team",
        "群防群治队伍人数",
        "人",
        "年末仍在服务期内的群防群治队伍成员",
        _team_at_year_end,
        VOLUNTEER_COLUMNS,
        _url("prevention:volunteer"),
    ),
    Figure(
        "prevention_team_wording",
        "群防群治队伍人数（报告表述）",
        "",
        "年末在服务期内的成员数，非整十数时表述为“N0余人”",
        _team_at_year_end,
        VOLUNTEER_COLUMNS,
        _url("prevention:volunteer"),
        kind="phrase",
        words=_headcount,
    ),
    Figure(
        "publicity_events",
        "防诈、消防和法治宣传活动",
        "次",
        "类别为反诈宣传、消防安全宣传或法治宣传的活动",
        _publicity,
        ACTIVITY_COLUMNS,
        _url("prevention:activity"),
    ),
    Figure(
        "publicity_reached",
        "宣传受众",
        "人次",
        "上述宣传活动的受众人次之和",
        _publicity,
        ACTIVITY_COLUMNS,
        _url("prevention:activity"),
        kind="sum",
        summed="people_reached",
    ),
):
    FIGURES.add(figure)


def compute_all(scope: Scope) -> dict[str, Value]:
    return {figure.key: figure.compute(scope) for figure in FIGURES}
