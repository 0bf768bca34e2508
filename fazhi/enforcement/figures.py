"""The enforcement figures of the annual report and the dashboards: the year's penalty decisions, made
within their period, reviewed where art. 58 requires it; the legal reviewers, their body and their
reviews; officers with credentials and recording devices, and 笔录 that record the credentials shown
(art. 55); 复议 and 诉讼 against the decisions and how many were lost; cases closed and archived as
complete e-files; the delegated powers on the portal. Registered from EnforcementConfig.ready; the
dashboards' series are in enforcement.dashboards."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from fazhi.core.figures import STAFF_COLUMNS, Column, Figure, Scope, link_to, staff_with_roles
from fazhi.core.models import EnforcementCredential, Organisation, OrganisationKind, Staff
from fazhi.core.roles import Role
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Closure,
    DelegatedPower,
    DeviceAssignment,
    Hearing,
    InvestigationRecord,
    LegalReview,
    PenaltyDecision,
    RemedyProceeding,
    ReviewOpinionChoice,
)
from fazhi.enforcement.rules import ANNULLING_RESULTS, Procedure
from fazhi.ledger.models import Event


def decisions_of_year(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The penalty decisions made in the year, both procedures."""
    return (
        PenaltyDecision.objects.filter(scope.within("case__organisation"), decided_on__year=scope.year)
        .select_related("number", "case")
        .order_by("decided_on", "id")
    )


def _ordinary_decisions(scope: Scope) -> QuerySet[PenaltyDecision]:
    return decisions_of_year(scope).filter(case__procedure=Procedure.ORDINARY)


# Art. 58(2) is met by a hearing held in the case (enforcement.selectors.decision_facts reads it so).
HEARING_HELD = Exists(Hearing.objects.filter(case=OuterRef("case"), record_signed=True))
REVIEW_GROUNDS = (
    Q(case__investigation_report__review_public_interest=True)
    | Q(HEARING_HELD)
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


def _enforcement_staff(scope: Scope) -> QuerySet[Any]:
    return staff_with_roles(scope, Role.OFFICER, Role.AUXILIARY)


def _officers(scope: Scope) -> QuerySet[Any]:
    """执法人员 only: auxiliaries carry no 执法证 (DOMAIN: they never count as one of art. 42's two)."""
    return staff_with_roles(scope, Role.OFFICER)


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


DECISION_COLUMNS = (
    Column("决定书文号", lambda row: row.number.text),
    Column("决定日期", lambda row: row.decided_on),
    Column("案由", lambda row: row.case.title),
)


def case_link(row: Any) -> str:
    """A drill-down row of a case's record (a decision, a review, a remedy, a 笔录, a closure) opens its
    case."""
    return reverse("enforcement:case-detail", args=[row.case_id])


# ------------------------------------------------------------------- 法制审核: who reviews, and the reviews


def _reviewers(scope: Scope) -> QuerySet[Staff]:
    """The active 法制审核人员 of the scope, each with the reviews they gave in the year on its cases."""
    given = (
        LegalReview.objects.filter(
            scope.within("case__organisation"), reviewer=OuterRef("pk"), reviewed_on__year=scope.year
        )
        .order_by()
        .values("reviewer")
        .annotate(reviews=Count("pk"))
        .values("reviews")
    )
    reviewers: QuerySet[Staff] = (
        staff_with_roles(scope, Role.LEGAL_REVIEWER)
        .select_related("organisation__parent")
        .annotate(reviews_in_year=Coalesce(Subquery(given), 0))
    )
    return reviewers


def _qualified_reviewers(scope: Scope) -> QuerySet[Staff]:
    """Art. 58(3): those first reviewing must hold the 法律职业资格 (Staff.legal_qualification_no)."""
    return _reviewers(scope).exclude(legal_qualification_no="")


def body_name(organisation: Organisation) -> str:
    """How a report names the body: a department with its town (司法所 → 辛口镇司法所)."""
    parent = organisation.parent
    if organisation.kind != OrganisationKind.DEPARTMENT or parent is None:
        return organisation.name
    if organisation.name.startswith(parent.name):
        return organisation.name
    return parent.name + organisation.name


def _review_body_words(scope: Scope, rows: QuerySet[Staff]) -> str:
    """The bodies the reviewers belong to, each named once, in the order of the reviewers' rows."""
    names = [body_name(row.organisation) for row in rows if row.organisation is not None]
    return "、".join(dict.fromkeys(names)) or "未明确法制审核机构"


def _reviews_of_year(scope: Scope) -> QuerySet[LegalReview]:
    return (
        LegalReview.objects.filter(scope.within("case__organisation"), reviewed_on__year=scope.year)
        .select_related("case", "reviewer")
        .order_by("reviewed_on", "id")
    )


REVIEWER_COLUMNS = (
    *STAFF_COLUMNS,
    Column("法律职业资格", lambda row: row.legal_qualification_no or "无"),
    Column("当年审核件数", lambda row: row.reviews_in_year),
)
REVIEW_COLUMNS = (
    Column("案由", lambda row: row.case.title),
    Column("审核日期", lambda row: row.reviewed_on),
    Column("审核意见", lambda row: row.get_opinion_display()),
    Column("审核人员", lambda row: row.reviewer.full_name),
)


# ------------------------------------------------------------------------------- 复议 and 诉讼, and 笔录


def _remedies(scope: Scope) -> QuerySet[RemedyProceeding]:
    return RemedyProceeding.objects.filter(scope.within("case__organisation")).select_related(
        "case__filing_number"
    )


def _remedies_filed(scope: Scope) -> QuerySet[RemedyProceeding]:
    return _remedies(scope).filter(started_on__year=scope.year).order_by("started_on", "id")


def _remedies_decided(scope: Scope) -> QuerySet[RemedyProceeding]:
    return _remedies(scope).filter(ended_on__year=scope.year).order_by("ended_on", "id")


# Lost: the decision changed, revoked, or found unlawful or void (rules.ANNULLING_RESULTS).
REMEDY_LOST = Q(result__in=ANNULLING_RESULTS)


def _remedies_lost(scope: Scope) -> QuerySet[RemedyProceeding]:
    return _remedies_decided(scope).filter(REMEDY_LOST)


REMEDY_COLUMNS = (
    Column("案件", lambda row: str(row.case)),
    Column("案由", lambda row: row.case.title),
    Column("救济途径", lambda row: row.get_kind_display()),
    Column("申请（起诉）日期", lambda row: row.started_on),
    Column("结束日期", lambda row: row.ended_on or ""),
    Column("结果", lambda row: row.get_result_display()),
)


def _records_of_year(scope: Scope) -> QuerySet[InvestigationRecord]:
    return (
        InvestigationRecord.objects.filter(scope.within("case__organisation"), started_at__year=scope.year)
        .select_related("case__filing_number")
        .order_by("started_at", "id")
    )


RECORD_COLUMNS = (
    Column("案件", lambda row: str(row.case)),
    Column("笔录种类", lambda row: row.get_kind_display()),
    Column("开始时间", lambda row: timezone.localtime(row.started_at).strftime("%Y-%m-%d %H:%M")),
    Column("被询问人（现场负责人）", lambda row: row.subject_person),
    Column("出示执法证件", lambda row: "已出示" if row.credentials_shown else "未记载"),
)


# --------------------------------------------------------------------- 结案 and 归档, and the powers published


def _closures_of_year(scope: Scope) -> QuerySet[Closure]:
    return (
        Closure.objects.filter(scope.within("case__organisation"), closed_on__year=scope.year)
        .select_related("case__filing_number")
        .order_by("closed_on", "id")
    )


CLOSURE_COLUMNS = (
    Column("案件", lambda row: str(row.case)),
    Column("案由", lambda row: row.case.title),
    Column("结案日期", lambda row: row.closed_on),
    Column("结案理由", lambda row: row.get_reason_display()),
    Column("档案号", lambda row: row.archive_number),
    Column("归档日期", lambda row: row.archived_on or ""),
)


def _powers_published(scope: Scope) -> QuerySet[DelegatedPower]:
    """The powers the portal's 执法主体 page shows (disclosure.selectors.public_authority: the active
    ones, from the moment they are registered), registered by the year's end, or by today in the
    current year. A power keeps no date of its own: its 登记赋权事项 event in the ledger dates it."""
    end = min(scope.end, timezone.localdate())
    registered = Event.objects.filter(
        subject_type=DelegatedPower._meta.label_lower,
        subject_id=Cast(OuterRef("pk"), output_field=CharField()),
        action=EnforcementEvent.POWER_ADDED,
        recorded_at__date__lte=end,
    )
    return DelegatedPower.objects.filter(scope.within(), Exists(registered), active=True).order_by(
        "organisation_id", "code"
    )


POWER_COLUMNS = (
    Column("事项编码", lambda row: row.code),
    Column("事项名称", lambda row: row.name),
    Column("执法领域", lambda row: row.category),
    Column("设定依据", lambda row: row.legal_basis),
)


def _portal_page(row: Any) -> str:
    """A power's row opens the portal page that publishes it."""
    return reverse("gongshi:authority", args=[row.organisation_id])


FIGURES = (
    Figure(
        "penalty_decisions",
        "作出行政处罚决定",
        "件",
        "当年作出的行政处罚决定",
        decisions_of_year,
        DECISION_COLUMNS,
        case_link,
        dashboard="cases",
    ),
    Figure(
        "decisions_on_time",
        "一般程序处罚决定按期作出率",
        "",
        "当年作出的一般程序处罚决定中，在立案之日起的决定期限（含经批准的延长）内作出的比例",
        _ordinary_decisions,
        DECISION_COLUMNS,
        case_link,
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
        case_link,
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
        link_to("core:staff-detail"),
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
        link_to("core:staff-detail"),
        kind="share",
        counted=_credential_valid_at_year_end,
    ),
    Figure(
        "legal_reviewers",
        "法制审核人员",
        "名",
        "在岗人员中具有法制审核人员角色的人数（本单位及下属机构）",
        _reviewers,
        REVIEWER_COLUMNS,
        link_to("core:staff-detail"),
    ),
    Figure(
        "legal_reviewers_qualified",
        "具有法律职业资格的法制审核人员",
        "名",
        "在岗法制审核人员中登记了法律职业资格证书编号的人数（行政处罚法第五十八条第三款）",
        _qualified_reviewers,
        REVIEWER_COLUMNS,
        link_to("core:staff-detail"),
    ),
    Figure(
        "legal_review_body",
        "法制审核机构（报告表述）",
        "",
        "在岗法制审核人员所在的机构，每个机构列一次；没有法制审核人员时为“未明确法制审核机构”",
        _reviewers,
        REVIEWER_COLUMNS,
        link_to("core:staff-detail"),
        kind="phrase",
        words=_review_body_words,
    ),
    Figure(
        "legal_reviews_made",
        "作出法制审核意见",
        "件",
        "审核日期在当年的法制审核意见（同意或存在问题；同一案件多次提交审核的，每次计一件）",
        _reviews_of_year,
        REVIEW_COLUMNS,
        case_link,
    ),
    Figure(
        "legal_review_required",
        "须经法制审核的处罚决定",
        "件",
        "当年作出的处罚决定中，调查终结时认定属于行政处罚法第五十八条须法制审核情形的（即“重大执法决定法制审核率”所计的决定）",
        _decisions_requiring_review,
        DECISION_COLUMNS,
        case_link,
    ),
    Figure(
        "remedies_filed",
        "当年提起的行政复议和行政诉讼案件",
        "件",
        "当事人对本单位处罚决定申请行政复议或提起行政诉讼、申请（起诉）日期在当年的，每次复议或诉讼计一件",
        _remedies_filed,
        REMEDY_COLUMNS,
        case_link,
    ),
    Figure(
        "remedies_decided",
        "当年审结的行政复议和行政诉讼案件",
        "件",
        "对本单位处罚决定的行政复议或行政诉讼，结束日期在当年的",
        _remedies_decided,
        REMEDY_COLUMNS,
        case_link,
    ),
    Figure(
        "remedies_lost",
        "行政复议和行政诉讼败诉案件",
        "件",
        "当年审结的行政复议和行政诉讼中，处罚决定被撤销、变更、确认违法或确认无效的",
        _remedies_lost,
        REMEDY_COLUMNS,
        case_link,
    ),
    Figure(
        "remedies_lost_rate",
        "行政复议和行政诉讼败诉率",
        "",
        "当年审结的行政复议和行政诉讼中，处罚决定被撤销、变更、确认违法或确认无效的比例",
        _remedies_decided,
        REMEDY_COLUMNS,
        case_link,
        kind="share",
        counted=lambda scope: REMEDY_LOST,
    ),
    Figure(
        "records_credentials_shown",
        "笔录中记载出示执法证件的比例",
        "",
        "开始时间在当年的询问笔录和现场检查（勘验）笔录中，记载执法人员已向当事人或有关人员出示执法证件的比例（行政处罚法第五十五条）",
        _records_of_year,
        RECORD_COLUMNS,
        case_link,
        kind="share",
        counted=lambda scope: Q(credentials_shown=True),
    ),
    Figure(
        "cases_closed",
        "当年结案的案件",
        "件",
        "结案日期在当年的案件（一般程序和简易程序）",
        _closures_of_year,
        CLOSURE_COLUMNS,
        case_link,
    ),
    Figure(
        "cases_archived",
        "当年结案案件按“一户一档”归档电子案卷的比例",
        "",
        "当年结案的案件中，已归档并生成完整电子案卷（全部文书、证据文件和全过程记录，存有案卷压缩包的 SHA-256）的比例",
        _closures_of_year,
        CLOSURE_COLUMNS,
        case_link,
        kind="share",
        counted=lambda scope: ~Q(archive_sha256=""),
    ),
    Figure(
        "powers_published",
        "向社会公布的赋权执法事项",
        "项",
        "年末（本年度为今天）在行政执法公示网页“执法主体”页公布的有效赋权事项",
        _powers_published,
        POWER_COLUMNS,
        _portal_page,
    ),
)
