"""From the lead to 调查终结: 线索, 立案 or 不予立案, the investigation, its evidence and records."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import files, permissions
from fazhi.core.access import request_staff, step_required
from fazhi.core.models import Staff
from fazhi.core.pages import form_page
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import (
    CloseInvestigationForm,
    DeclineForm,
    EvidenceForm,
    FileCaseForm,
    InvestigateForm,
    LeadForm,
    RecordForm,
)
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import ReviewGrounds
from fazhi.enforcement.views.common import step_page


@step_required(rules.STEPS["register_lead"])
@require_http_methods(["GET", "POST"])
def lead_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        case = services.register_lead(actor, **data)
        return "已登记线索“%(t)s”。" % {"t": case.title}, redirect("enforcement:case-detail", case.pk)

    form = LeadForm(request.POST or None, initial={"received_on": today, "act_on": today})
    return form_page(request, form, title="登记案件线索", save=save)


@step_required(rules.STEPS["file"])
@require_http_methods(["GET", "POST"])
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    powers = [(power.pk, str(power)) for power in selectors.powers_of(actor).filter(active=True)]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        power = selectors.access_power(actor, data.pop("power"))
        filed = services.file_case(actor, case, party=data.pop("party"), power=power, **data)
        assert filed.filing_number is not None
        return "已立案，立案号 %(n)s。" % {"n": filed.filing_number.text}, redirect(
            "enforcement:case-detail", case.pk
        )

    form = FileCaseForm(request.POST or None, powers=powers, initial={"act_ended_on": case.act_on})
    return form_page(request, form, title="批准立案：%(t)s" % {"t": case.title}, save=save)


@step_required(rules.STEPS["decline"])
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


@step_required(rules.STEPS["investigate"])
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


def _evidence_choices(actor: Staff) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]
    devices = [(device.pk, device.number) for device in selectors.devices_of(actor).filter(active=True)]
    return people, devices


@step_required(rules.STEPS["evidence"])
@require_http_methods(["GET", "POST"])
def case_evidence(request: HttpRequest, case_id: int) -> HttpResponse:
    """登记证据: a small file comes with the form; a large one arrives first in resumable pieces
    (static/fazhi/upload.js) and the form names it by its upload key."""
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    people, devices = _evidence_choices(actor)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        stored = None
        if data["upload_key"]:
            blob, name, _session = services.finish_upload(actor, data["upload_key"])
            stored = (blob, name)
        elif data["file"] is not None:
            stored = files.store(data["file"], original_name=data["file"].name)
        device = selectors.access_device(actor, data["device"]) if data["device"] else None
        captured_by = selectors.team_of(actor).get(pk=data["captured_by"])
        officers = list(selectors.team_of(actor).filter(pk__in=data["officers"]))
        evidence = services.add_evidence(
            actor,
            case,
            services.EvidenceInput(
                kind=data["kind"],
                description=data["description"],
                captured_by=captured_by,
                captured_at=data["captured_at"],
                place=data["place"],
                officers=officers,
                device=device,
            ),
            stored=stored,
        )
        return "已登记证据“%(d)s”。" % {"d": evidence.description}, redirect(
            "enforcement:case-detail", case.pk
        )

    initial = {
        "captured_by": actor.pk,
        "captured_at": timezone.localtime().replace(second=0, microsecond=0),
        "officers": [actor.pk],
    }
    form = EvidenceForm(
        request.POST or None, request.FILES or None, people=people, devices=devices, initial=initial
    )
    return form_page(
        request,
        form,
        title="登记证据：%(case)s" % {"case": case},
        save=save,
        template="enforcement/evidence_form.html",
        extra_context={"case": case},
    )


@step_required(rules.STEPS["record"])
@require_http_methods(["GET", "POST"])
def case_record(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        officers = list(selectors.team_of(actor).filter(pk__in=data.pop("officers")))
        record = services.add_record(actor, case, services.RecordInput(officers=officers, **data))
        return "已登记%(k)s。" % {"k": record.get_kind_display()}

    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {"started_at": now, "ended_at": now, "officers": [actor.pk], "signed": True}
    return step_page(
        request,
        case_id,
        title="制作笔录",
        form_class=RecordForm,
        act=act,
        initial=initial,
        form_kwargs={"people": people},
    )


@step_required(rules.STEPS["close_investigation"])
@require_http_methods(["GET", "POST"])
def case_close_investigation(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        grounds = ReviewGrounds(
            major_public_interest=data["review_public_interest"],
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
            circumstances=data["circumstances"],
        )
        return "已调查终结。"

    return step_page(request, case_id, title="调查终结", form_class=CloseInvestigationForm, act=act)
