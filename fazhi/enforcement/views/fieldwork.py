"""回避 (art. 43) and 先行登记保存 (art. 56) on a case: a form each, one service call, back to the case."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.access import request_staff, step_required
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import (
    PreservationForm,
    PreservationHandlingForm,
    RecusalDecisionForm,
    RecusalForm,
)
from fazhi.enforcement.models import Case
from fazhi.enforcement.views.common import step_page


@step_required(rules.STEPS["request_recusal"])
@require_http_methods(["GET", "POST"])
def case_recusal_request(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    officers = [(officer.staff_id, officer.staff.full_name) for officer in selectors.acting_officers(case)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        staff = selectors.town_staff(actor).get(pk=data.pop("staff"))
        services.request_recusal(actor, case, staff=staff, **data)
        return "已登记%(name)s的回避申请，待负责人决定；决定作出前不停止调查。" % {"name": staff.full_name}

    return step_page(
        request,
        case_id,
        title="登记回避申请",
        form_class=RecusalForm,
        act=act,
        initial={"requested_on": timezone.localdate(), "requested_by": "party"},
        form_kwargs={"officers": officers},
    )


@step_required(rules.STEPS["decide_recusal"])
@require_http_methods(["GET", "POST"])
def case_recusal_decide(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    pending = [
        (
            recusal.pk,
            "%(name)s（%(by)s，%(on)s）：%(reason)s"
            % {
                "name": recusal.staff.full_name,
                "by": recusal.get_requested_by_display(),
                "on": recusal.requested_on.isoformat(),
                "reason": recusal.reason,
            },
        )
        for recusal in case.recusals.filter(decided_on__isnull=True).select_related("staff")
    ]
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        recusal = selectors.access_recusal(case, data.pop("recusal"))
        replacement = selectors.team_of(actor).get(pk=data["replacement"]) if data["replacement"] else None
        decided = services.decide_recusal(
            actor,
            case,
            recusal,
            granted=data["granted"],
            decision_reason=data["decision_reason"],
            replacement=replacement,
        )
        return "已决定%(what)s。" % {"what": "准予回避" if decided.granted else "不予回避"}

    return step_page(
        request,
        case_id,
        title="决定回避申请",
        form_class=RecusalDecisionForm,
        act=act,
        form_kwargs={"pending": pending, "people": people},
    )


@step_required(rules.STEPS["preserve"])
@require_http_methods(["GET", "POST"])
def case_preserve(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    staff = selectors.town_staff(actor).filter(role_grants__role=Role.HEAD).distinct()
    heads = [(person.pk, person.full_name) for person in staff]
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        approver = selectors.town_staff(actor).get(pk=data.pop("approved_by"))
        officers = list(selectors.team_of(actor).filter(pk__in=data.pop("officers")))
        preservation = services.preserve(
            actor, case, services.PreservationInput(approved_by=approver, officers=officers, **data)
        )
        return "已先行登记保存；应在 %(due)s 前作出处理决定。" % {
            "due": preservation.decision_due.isoformat()
        }

    today = timezone.localdate()
    return step_page(
        request,
        case_id,
        title="先行登记保存",
        form_class=PreservationForm,
        act=act,
        initial={"approved_on": today, "preserved_on": today, "officers": [actor.pk]},
        form_kwargs={"heads": heads, "people": people},
    )


@step_required(rules.STEPS["handle_preservation"])
@require_http_methods(["GET", "POST"])
def case_preservation_handle(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    pending = [
        (
            item.pk,
            "%(on)s：%(items)s（%(due)s 前处理）"
            % {
                "on": item.preserved_on.isoformat(),
                "items": item.items,
                "due": item.decision_due.isoformat(),
            },
        )
        for item in case.preservations.filter(handled_on__isnull=True)
    ]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        preservation = selectors.access_preservation(case, data.pop("preservation"))
        services.handle_preservation(actor, case, preservation, **data)
        return "已对先行登记保存的证据作出处理决定。"

    return step_page(
        request,
        case_id,
        title="先行登记保存处理决定",
        form_class=PreservationHandlingForm,
        act=act,
        initial={"handled_on": timezone.localdate()},
        form_kwargs={"pending": pending},
    )
