"""After the decision: service, 复议/诉讼, payment, 催告, the court, 结案, 归档; and the on-the-spot decision of the
summary procedure."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import money
from fazhi.core.access import request_staff, step_required
from fazhi.core.models import Staff
from fazhi.core.pages import form_page
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import (
    ArchiveForm,
    CloseForm,
    ConfirmForm,
    CourtForm,
    DemandForm,
    OnSpotForm,
    PaymentForm,
    PaymentPlanForm,
    RemedyEndForm,
    RemedyForm,
    ServeForm,
    ServiceConsentForm,
)
from fazhi.enforcement.models import Case
from fazhi.enforcement.views.common import fen, step_page, yuan_amount


@step_required(rules.STEPS["serve"])
@require_http_methods(["GET", "POST"])
def case_serve(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        service = services.serve_decision(actor, case, **data)
        if service.payment_due:
            return "已送达；罚款缴纳期限至 %(d)s。" % {"d": service.payment_due.isoformat()}
        return "已送达。"

    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    initial = {"served_on": timezone.localdate(), "recipient": case.party.name if case.party else ""}
    return step_page(request, case_id, title="送达决定书", form_class=ServeForm, act=act, initial=initial)


@step_required(rules.STEPS["service_consent"])
@require_http_methods(["GET", "POST"])
def case_service_consent(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        consent = services.record_service_consent(actor, case, **data)
        return "已登记电子送达确认书（%(d)s 签订）；此后可电子送达。" % {"d": consent.signed_on.isoformat()}

    initial = {"signed_on": timezone.localdate()}
    return step_page(
        request, case_id, title="电子送达确认书", form_class=ServiceConsentForm, act=act, initial=initial
    )


@step_required(rules.STEPS["payment_plan"])
@require_http_methods(["GET", "POST"])
def case_payment_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        plan = services.approve_payment_plan(actor, case, **data)
        return "已批准%(kind)s，至 %(d)s；期间不加处罚款、不催告。" % {
            "kind": plan.get_kind_display(),
            "d": plan.ends_on.isoformat(),
        }

    today = timezone.localdate()
    initial = {"applied_on": today, "approved_on": today}
    return step_page(
        request, case_id, title="暂缓或分期缴纳罚款", form_class=PaymentPlanForm, act=act, initial=initial
    )


@step_required(rules.STEPS["remedy"])
@require_http_methods(["GET", "POST"])
def case_remedy(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.start_remedy(actor, case, **data)
        return "已登记；复议或诉讼期间不计加处罚款，暂停执行。"

    initial = {"started_on": timezone.localdate()}
    return step_page(
        request, case_id, title="登记复议或诉讼", form_class=RemedyForm, act=act, initial=initial
    )


@step_required(rules.STEPS["remedy_end"])
@require_http_methods(["GET", "POST"])
def case_remedy_end(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.end_remedy(actor, case, **data)
        return "已登记复议或诉讼结果。"

    initial = {"ended_on": timezone.localdate()}
    return step_page(
        request, case_id, title="复议或诉讼结果", form_class=RemedyEndForm, act=act, initial=initial
    )


@step_required(rules.STEPS["payment"])
@require_http_methods(["GET", "POST"])
def case_payment(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        payment = services.record_payment(
            actor,
            case,
            paid_on=data["paid_on"],
            paid_fen=fen(data["paid"]),
            receipt_number=data["receipt_number"],
        )
        return "已登记缴纳：罚款 %(f)s 元，加处罚款 %(s)s 元。" % {
            "f": money.yuan(payment.fine_fen),
            "s": money.yuan(payment.surcharge_fen),
        }

    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    today = timezone.localdate()
    fine, surcharge = selectors.amount_owed(case, on=today)
    initial = {"paid_on": today, "paid": yuan_amount(fine + surcharge)}
    return step_page(request, case_id, title="登记缴纳罚款", form_class=PaymentForm, act=act, initial=initial)


@step_required(rules.STEPS["demand"])
@require_http_methods(["GET", "POST"])
def case_demand(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        demand = services.issue_demand(actor, case, served_on=data["served_on"])
        return "已送达催告书；履行期限至 %(d)s。" % {"d": demand.wait_until.isoformat()}

    initial = {"served_on": timezone.localdate()}
    return step_page(request, case_id, title="催告", form_class=DemandForm, act=act, initial=initial)


@step_required(rules.STEPS["court"])
@require_http_methods(["GET", "POST"])
def case_court(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.apply_to_court(actor, case, **data)
        return "已登记申请人民法院强制执行。"

    initial = {"applied_on": timezone.localdate()}
    return step_page(request, case_id, title="申请强制执行", form_class=CourtForm, act=act, initial=initial)


@step_required(rules.STEPS["close"])
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.close_case(actor, case, **data)
        return "已批准结案。"

    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    allowed = rules.closure_reasons_allowed(selectors.closure_facts(case))
    initial = {"reason": allowed[0]} if allowed else {}
    return step_page(request, case_id, title="结案", form_class=CloseForm, act=act, initial=initial)


@step_required(rules.STEPS["record_with_agency"])
@require_http_methods(["GET", "POST"])
def case_record_with_agency(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_with_agency(actor, case)
        return "已备案。"

    return step_page(request, case_id, title="简易程序备案", form_class=ConfirmForm, act=act)


@step_required(rules.STEPS["archive"])
@require_http_methods(["GET", "POST"])
def case_archive(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        closure = services.archive_case(actor, case, archive_number=data["archive_number"])
        return "已归档，档案号 %(n)s；电子案卷已存证。" % {"n": closure.archive_number}

    return step_page(request, case_id, title="归档", form_class=ArchiveForm, act=act)


@step_required(rules.STEPS["on_spot"])
@require_http_methods(["GET", "POST"])
def on_spot_create(request: HttpRequest) -> HttpResponse:
    """简易程序 on a phone: one form, then the case page with the decision and its clock."""
    actor = request_staff(request)
    today = timezone.localdate()
    powers = [(power.pk, str(power)) for power in selectors.powers_of(actor).filter(active=True)]
    people = [(person.pk, person.full_name) for person in selectors.officers_of(actor).exclude(pk=actor.pk)]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        party = data.pop("party")
        power = selectors.access_power(actor, data.pop("power"))
        co_officer = selectors.officers_of(actor).get(pk=data.pop("co_officer"))
        fine_fen = fen(data.pop("fine"))
        case = services.decide_on_spot(
            actor,
            services.OnSpotDecision(
                party=party, power=power, co_officer=co_officer, fine_fen=fine_fen, **data
            ),
        )
        return "已当场作出处罚决定，编号 %(n)s。" % {"n": case.decision.number.text}, redirect(
            "enforcement:case-detail", case.pk
        )

    form = OnSpotForm(
        request.POST or None, powers=powers, people=people, initial={"act_on": today, "party_signed": True}
    )
    return form_page(request, form, title="当场处罚（简易程序）", save=save)
