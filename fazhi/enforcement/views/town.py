"""The town's set-up for enforcement: its delegated powers, recording devices and document templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import permissions
from fazhi.core.access import request_staff, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.pages import form_page
from fazhi.enforcement import documents, rules, selectors, services
from fazhi.enforcement.forms import (
    AssignDeviceForm,
    DeviceForm,
    LargeAmountForm,
    PowerForm,
    ReturnDeviceForm,
    TemplateUploadForm,
)
from fazhi.enforcement.models import DocumentKind
from fazhi.enforcement.views.common import fen


@step_required(rules.STEPS["add_power"])
@require_http_methods(["GET", "POST"])
def power_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = PowerForm(request.POST or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        power = services.add_delegated_power(actor, **data)
        return "已登记赋权事项 %(c)s。" % {"c": power.code}, redirect("enforcement:power-list")

    if request.method == "POST":
        return form_page(request, form, title="登记赋权事项", save=save)
    town = permissions.acting_town(actor)
    context = {
        "powers": selectors.powers_of(actor),
        "form": form,
        "standards": selectors.large_amount_standards(town),
        "standard_in_force": selectors.large_amount_standard(town, timezone.localdate()),
        "standard_form": LargeAmountForm(),
    }
    return render(request, "enforcement/power_list.html", context)


@step_required(rules.STEPS["set_large_amount"])
@require_POST
def large_amount_create(request: HttpRequest) -> HttpResponse:
    """听证较大数额标准 (art. 63): recorded beside the powers, the town's other enforcement set-up."""
    actor = request_staff(request)
    form = LargeAmountForm(request.POST)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        standard = services.record_large_amount_standard(
            actor,
            person_fen=fen(data["person"]),
            organisation_fen=fen(data["organisation"]),
            source=data["source"],
            in_force_from=data["in_force_from"],
        )
        return "已登记听证较大数额标准，自 %(d)s 起适用。" % {
            "d": standard.in_force_from.isoformat()
        }, redirect("enforcement:power-list")

    return form_page(request, form, title="登记听证较大数额标准", save=save)


@step_required(rules.STEPS["manage_devices"])
@require_http_methods(["GET", "POST"])
def device_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = DeviceForm(request.POST or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        device = services.add_device(actor, **data)
        return "已登记执法记录仪 %(n)s。" % {"n": device.number}, redirect("enforcement:device-list")

    if request.method == "POST":
        return form_page(request, form, title="登记执法记录仪", save=save)
    today = timezone.localdate()
    context = {
        "devices": selectors.devices_of(actor),
        "coverage": selectors.device_coverage(actor, today),
        "form": form,
        "today": today,
    }
    return render(request, "enforcement/device_list.html", context)


@step_required(rules.STEPS["manage_devices"])
@require_http_methods(["GET", "POST"])
def device_assign(request: HttpRequest, device_id: int) -> HttpResponse:
    actor = request_staff(request)
    device = selectors.access_device(actor, device_id)
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        staff = selectors.team_of(actor).get(pk=data["staff"])
        services.assign_device(actor, device, staff=staff, valid_from=data["valid_from"])
        return "已将 %(d)s 配发给 %(s)s。" % {"d": device.number, "s": staff.full_name}, redirect(
            "enforcement:device-list"
        )

    form = AssignDeviceForm(request.POST or None, people=people, initial={"valid_from": timezone.localdate()})
    return form_page(request, form, title="配发执法记录仪 %(n)s" % {"n": device.number}, save=save)


@step_required(rules.STEPS["manage_devices"])
@require_http_methods(["GET", "POST"])
def device_return(request: HttpRequest, device_id: int) -> HttpResponse:
    actor = request_staff(request)
    device = selectors.access_device(actor, device_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.return_device(actor, device, valid_to=data["valid_to"])
        return "已收回 %(d)s。" % {"d": device.number}, redirect("enforcement:device-list")

    form = ReturnDeviceForm(request.POST or None, initial={"valid_to": timezone.localdate()})
    return form_page(request, form, title="收回执法记录仪 %(n)s" % {"n": device.number}, save=save)


@step_required(rules.STEPS["manage_templates"])
@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    """文书模板: which template each document uses now, what names a replacement may use, and the
    upload that replaces it."""
    actor = request_staff(request)
    town = permissions.acting_town(actor)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        template = services.replace_document_template(
            actor, kind=data["kind"], stream=data["file"], original_name=data["file"].name
        )
        return "已启用新的“%(k)s”模板。" % {"k": template.get_kind_display()}, redirect(
            "enforcement:template-list"
        )

    if request.method == "POST":
        return form_page(
            request, form, title="上传文书模板", save=save, template="enforcement/template_upload.html"
        )
    rows = [
        {
            "kind": kind,
            "current": documents.current_template(town, kind),
            "fields": documents.CONTEXT_FIELDS[kind],
        }
        for kind in DocumentKind
    ]
    return render(request, "enforcement/template_list.html", {"rows": rows, "form": form, "town": town})


@step_required(rules.STEPS["manage_templates"])
@require_http_methods(["GET"])
def template_bundled(request: HttpRequest, kind: str) -> FileResponse:
    """The bundled template, to start a town's own from."""
    if kind not in DocumentKind.values:
        raise NotFoundOrHidden()
    return FileResponse(
        (documents.BUNDLED_DIRECTORY / f"{kind}.docx").open("rb"),
        as_attachment=True,
        filename="%(label)s（默认模板）.docx" % {"label": DocumentKind(kind).label},
        content_type=documents.CONTENT_TYPE,
    )


@step_required(rules.STEPS["manage_templates"])
@require_POST
def template_restore(request: HttpRequest, kind: str) -> HttpResponse:
    actor = request_staff(request)
    if services.restore_bundled_template(actor, kind=kind):
        messages.success(request, "已恢复默认模板。")
    return redirect("enforcement:template-list")
