"""Case pages: thin; each parses input, finds the case through its access function, calls one service."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core.access import request_staff, staff_required
from fazhi.core.forms import ServiceErrorsMixin
from fazhi.core.models import Role, Staff
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import (
    CloseInvestigationForm,
    DecideForm,
    DeclineForm,
    DefenceForm,
    DiscussionForm,
    FileCaseForm,
    HearingForm,
    HearingRequestForm,
    InvestigateForm,
    LeadForm,
    NoticeForm,
    PowerForm,
    ReviewForm,
    SubmitReviewForm,
)
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import STAGE_LABELS, Procedure, ReviewGrounds, Stage
from fazhi.ledger.selectors import verified_history

# The actions a case page offers, by the stage they lead to, and who may take them; the other stages
# are listed without a link until their step is built.
ACTIONS: dict[Stage, tuple[str, tuple[Role, ...]]] = {
    Stage.FILED: ("enforcement:case-file", (Role.HEAD,)),
    Stage.NOT_FILED: ("enforcement:case-decline", (Role.HEAD,)),
    Stage.INVESTIGATING: ("enforcement:case-investigate", (Role.OFFICER, Role.HEAD)),
    Stage.INVESTIGATION_CLOSED: ("enforcement:case-close-investigation", (Role.OFFICER, Role.HEAD)),
    Stage.NOTIFIED: ("enforcement:case-notice", (Role.OFFICER, Role.HEAD)),
    Stage.HEARING: ("enforcement:case-hearing-request", (Role.OFFICER, Role.HEAD)),
    Stage.LEGAL_REVIEW: ("enforcement:case-submit-review", (Role.OFFICER, Role.HEAD)),
    Stage.COLLECTIVE_DISCUSSION: ("enforcement:case-discussion", (Role.HEAD,)),
    Stage.DECIDED: ("enforcement:case-decide", (Role.HEAD,)),
}
# Work within a stage rather than a move out of it.
STAGE_WORK: dict[Stage, list[tuple[str, str, tuple[Role, ...]]]] = {
    Stage.NOTIFIED: [("记录陈述申辩", "enforcement:case-defence", (Role.OFFICER, Role.HEAD))],
    Stage.HEARING: [("记录听证", "enforcement:case-hearing", (Role.OFFICER, Role.HEAD))],
    Stage.LEGAL_REVIEW: [("出具审核意见", "enforcement:case-review", (Role.LEGAL_REVIEWER,))],
}


@staff_required()
def case_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.__members__.values() else ""
    page = paginate(request, selectors.list_cases_for(actor, stage=stage))
    context = {
        "page": page,
        "stage": stage,
        "stages": [(value.value, label) for value, label in STAGE_LABELS.items()],
        "query_string": query_without_page(request),
    }
    return render(request, "enforcement/case_list.html", context)


@staff_required()
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    next_stages = rules.next_stages(Procedure(case.procedure), Stage(case.stage))
    context = {
        "case": case,
        "stage_label": STAGE_LABELS[Stage(case.stage)],
        "actions": [
            {
                "label": STAGE_LABELS[stage],
                "url_name": ACTIONS[stage][0]
                if stage in ACTIONS and permissions.has_role(actor, *ACTIONS[stage][1])
                else "",
            }
            for stage in next_stages
        ],
        "work": [
            {"label": label, "url_name": url_name}
            for label, url_name, roles in STAGE_WORK.get(Stage(case.stage), [])
            if permissions.has_role(actor, *roles)
        ],
        "decision_clock": rules.DECISION.due(case.filed_on) if case.filed_on else None,
        "officers": case.officers.select_related("staff"),
        "history": verified_history(case),
        "today": timezone.localdate(),
    }
    return render(request, "enforcement/case_detail.html", context)


@staff_required(Role.OFFICER, Role.AUXILIARY, Role.HEAD)
@require_http_methods(["GET", "POST"])
def lead_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        case = services.register_lead(actor, **data)
        return "已登记线索“%(t)s”。" % {"t": case.title}, redirect("enforcement:case-detail", case.pk)

    form = LeadForm(request.POST or None, initial={"received_on": today, "act_on": today})
    return form_page(request, form, title="登记案件线索", save=save)


@staff_required(Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    powers = [(power.pk, str(power)) for power in selectors.powers_of(actor).filter(active=True)]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        party = selectors.access_party_for_case(actor, data.pop("party_id"))
        power = selectors.access_power(actor, data.pop("power"))
        filed = services.file_case(actor, case, party=party, power=power, **data)
        assert filed.filing_number is not None
        return "已立案，立案号 %(n)s。" % {"n": filed.filing_number.text}, redirect(
            "enforcement:case-detail", case.pk
        )

    form = FileCaseForm(request.POST or None, powers=powers, initial={"act_ended_on": case.act_on})
    return form_page(request, form, title="批准立案：%(t)s" % {"t": case.title}, save=save)


@staff_required(Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_decline(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.decline_case(actor, case, reason=data["reason"])
        return "已决定不予立案。", redirect("enforcement:case-detail", case.pk)

    return form_page(
        request, DeclineForm(request.POST or None), title="不予立案：%(t)s" % {"t": case.title}, save=save
    )


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_investigate(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    people = [
        (
            person.pk,
            person.full_name + ("" if permissions.has_role(person, Role.OFFICER) else "（辅助执法人员）"),
        )
        for person in selectors.team_of(actor)
    ]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        team = list(selectors.team_of(actor).filter(pk__in=data["investigators"]))
        services.start_investigation(actor, case, investigators=team)
        return "已开始调查取证。", redirect("enforcement:case-detail", case.pk)

    form = InvestigateForm(request.POST or None, people=people)
    return form_page(request, form, title="调查取证：%(t)s" % {"t": case.title}, save=save)


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def power_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = PowerForm(request.POST or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        power = services.add_delegated_power(actor, **data)
        return "已登记赋权事项 %(c)s。" % {"c": power.code}, redirect("enforcement:power-list")

    if request.method == "POST":
        return form_page(request, form, title="登记赋权事项", save=save)
    return render(
        request, "enforcement/power_list.html", {"powers": selectors.powers_of(actor), "form": form}
    )


def fen(amount: Decimal | None) -> int:
    """Yuan as typed into a form, to the fen the services count in."""
    return int((amount or Decimal(0)) * 100)


def _step(
    request: HttpRequest,
    case_id: int,
    *,
    title: str,
    form_class: type[ServiceErrorsMixin],
    act: Callable[[Staff, Case, dict[str, Any]], str],
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """A case step: its form, one service call through `act`, back to the case page."""
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, case, data), redirect("enforcement:case-detail", case.pk)

    form = form_class(request.POST or None, initial=initial or {}, **(form_kwargs or {}))
    return form_page(request, form, title="%(step)s：%(case)s" % {"step": title, "case": case}, save=save)


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_close_investigation(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        grounds = ReviewGrounds(
            major_public_interest=data["review_public_interest"],
            major_rights_after_hearing=data["review_major_rights_after_hearing"],
            complex_multiple_legal_relations=data["review_complex"],
            required_by_other_law=data["review_other_law"],
        )
        services.close_investigation(
            actor,
            case,
            outcome=data["outcome"],
            findings=data["findings"],
            review_grounds=grounds,
            major_or_complex=data["major_or_complex"],
            hearing_right=data["hearing_right"],
        )
        return "已调查终结。"

    return _step(request, case_id, title="调查终结", form_class=CloseInvestigationForm, act=act)


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_notice(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        notice = services.issue_notice(
            actor,
            case,
            proposed_penalties=data["proposed_penalties"],
            proposed_fine_fen=fen(data["proposed_fine"]),
            facts=data["facts"],
            served_on=data["served_on"],
            statement_working_days=data["statement_working_days"],
        )
        if notice.statement_period_ends:
            return "已送达事先告知书；陈述申辩期限至 %(d)s。" % {
                "d": notice.statement_period_ends.isoformat()
            }
        return "已送达事先告知书。"

    initial = {"served_on": timezone.localdate(), "statement_working_days": 3}
    return _step(request, case_id, title="事先告知", form_class=NoticeForm, act=act, initial=initial)


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_defence(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_defence(actor, case, statement=data["statement"], waived=data["waived"])
        return "已记录陈述申辩。"

    return _step(request, case_id, title="陈述申辩", form_class=DefenceForm, act=act)


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_hearing_request(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.request_hearing(actor, case, requested_on=data["requested_on"])
        return "已记录听证申请。"

    initial = {"requested_on": timezone.localdate()}
    return _step(request, case_id, title="听证申请", form_class=HearingRequestForm, act=act, initial=initial)


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_hearing(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = [(person.pk, person.full_name) for person in selectors.town_staff(actor)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        chair = selectors.town_staff(actor).get(pk=data["chair"])
        services.hold_hearing(
            actor,
            case,
            chair=chair,
            notice_sent_on=data["notice_sent_on"],
            held_on=data["held_on"],
            record_signed=data["record_signed"],
        )
        return "已记录听证。"

    return _step(
        request, case_id, title="听证", form_class=HearingForm, act=act, form_kwargs={"people": people}
    )


@staff_required(Role.OFFICER, Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_submit_review(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.submit_legal_review(actor, case)
        return "已提交法制审核。"

    return _step(request, case_id, title="提交法制审核", form_class=SubmitReviewForm, act=act)


@staff_required(Role.LEGAL_REVIEWER)
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        review = services.review_case(actor, case, opinion=data["opinion"], reasons=data["reasons"])
        return "已出具法制审核意见：%(o)s。" % {"o": review.get_opinion_display()}

    return _step(request, case_id, title="法制审核", form_class=ReviewForm, act=act)


@staff_required(Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_discussion(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_collective_discussion(actor, case, **data)
        return "已记录集体讨论。"

    initial = {"held_on": timezone.localdate()}
    return _step(request, case_id, title="集体讨论", form_class=DiscussionForm, act=act, initial=initial)


@staff_required(Role.HEAD)
@require_http_methods(["GET", "POST"])
def case_decide(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        decision = services.decide(
            actor,
            case,
            penalties=data["penalties"],
            fine_fen=fen(data["fine"]),
            basis=data["basis"],
            overdue_reason=data["overdue_reason"],
        )
        return "已作出行政处罚决定，文号 %(n)s。" % {"n": decision.number.text}

    return _step(request, case_id, title="作出决定", form_class=DecideForm, act=act)
