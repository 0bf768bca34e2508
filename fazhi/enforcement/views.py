"""Case pages: thin; each parses input, finds the case through its access function, calls one service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core.access import request_staff, staff_required
from fazhi.core.models import Role
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import DeclineForm, FileCaseForm, InvestigateForm, LeadForm, PowerForm
from fazhi.enforcement.rules import STAGE_LABELS, Procedure, Stage
from fazhi.ledger.selectors import verified_history

# The actions a case page offers, by the stage they lead to, and who may take them; the other stages
# are listed without a link until their step is built.
ACTIONS: dict[Stage, tuple[str, tuple[Role, ...]]] = {
    Stage.FILED: ("enforcement:case-file", (Role.HEAD,)),
    Stage.NOT_FILED: ("enforcement:case-decline", (Role.HEAD,)),
    Stage.INVESTIGATING: ("enforcement:case-investigate", (Role.OFFICER, Role.HEAD)),
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
        power = selectors.powers_of(actor).get(pk=data.pop("power"))
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
