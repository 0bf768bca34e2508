"""Core pages. Each view parses input, calls an access function or selector, calls one service, renders."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import calendar, files, permissions, selectors, services
from fazhi.core.access import public_page, request_staff, staff_required
from fazhi.core.errors import InvalidInput
from fazhi.core.forms import (
    AttachmentForm,
    CredentialForm,
    DeactivateForm,
    HolidayOverrideForm,
    HolidayYearForm,
    NumberSeriesForm,
    OrganisationEditForm,
    OrganisationForm,
    PartyForm,
    PartySearchForm,
    PeriodForm,
    RevokeCredentialForm,
    StaffEditForm,
    StaffForm,
    TokenForm,
    VoidNumberForm,
)
from fazhi.core.models import OrganisationKind, Party, PartyKind, Staff
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.core.party_links import links_for
from fazhi.core.roles import Role
from fazhi.ledger.selectors import verified_history

# ------------------------------------------------------------------------------------------------ home


@public_page
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: the process answers. It touches neither the database nor a
    template, which makes it the baseline the portal benchmark compares the public pages with."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


# --------------------------------------------------------------------------------------------- parties


@staff_required()
def party_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = PartySearchForm(request.GET)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    page = paginate(request, selectors.search_parties_for(actor, query=query, kind=kind))
    context = {"form": form, "page": page, "query_string": query_without_page(request)}
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "core/party_list.html#results" if is_htmx else "core/party_list.html"
    return render(request, template, context)


def _party_input(cleaned: dict[str, Any]) -> services.PartyInput:
    return services.PartyInput(
        kind=cleaned["kind"],
        name=cleaned["name"],
        id_type=cleaned.get("id_type") or "",
        id_number=cleaned.get("id_number") or "",
        birth_date=cleaned.get("birth_date"),
        uscc=cleaned.get("uscc") or "",
        legal_representative=cleaned.get("legal_representative") or "",
        business_registration_no=cleaned.get("business_registration_no") or "",
        address=cleaned.get("address") or "",
        phone=cleaned.get("phone") or "",
    )


@staff_required()
@require_http_methods(["GET"])
def party_pick(request: HttpRequest) -> JsonResponse:
    """The party picker's list (static/js/party-picker.js): the town's parties a name finds, each with
    what tells it apart and never a whole identifier."""
    query = request.GET.get("q", "")[:100]
    parties = selectors.party_candidates(request_staff(request), query)
    rows = [{"id": party.pk, "name": party.name, "facts": selectors.party_facts(party)} for party in parties]
    return JsonResponse({"parties": rows})


@staff_required()
@require_http_methods(["GET", "POST"])
def party_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    permissions.acting_town(actor)
    form = PartyForm(request.POST or None, initial={"kind": PartyKind.PERSON})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.register_party(actor, _party_input(form.cleaned_data))
        except InvalidInput as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "已登记当事人“%(n)s”。" % {"n": result.party.name})
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("core:party-detail", result.party.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "core/party_form.html", {"form": form, "title": "登记当事人"}, status=status)


@staff_required()
@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, party_id: int) -> HttpResponse:
    actor = request_staff(request)
    party = selectors.access_party(actor, party_id)
    initial = {field: getattr(party, field) for field in PartyForm.base_fields}
    form = PartyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.update_party(actor, party, _party_input(form.cleaned_data))
        except InvalidInput as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "已保存。")
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("core:party-detail", party.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "title": "修改当事人：%(n)s" % {"n": party.name}, "party": party}
    return render(request, "core/party_form.html", context, status=status)


@staff_required()
def party_detail(request: HttpRequest, party_id: int) -> HttpResponse:
    actor = request_staff(request)
    party: Party = selectors.access_party(actor, party_id)
    context = {
        "party": party,
        "linked": links_for(actor, party),
        "history": verified_history(party),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "core/party_detail.html", context)


@staff_required()
@require_POST
def party_attach(request: HttpRequest, party_id: int) -> HttpResponse:
    actor = request_staff(request)
    party = selectors.access_party(actor, party_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attach_file(
                actor,
                subject=party,
                organisation=party.organisation,
                stream=upload,
                original_name=upload.name,
                description=form.cleaned_data["description"],
            )
        except InvalidInput as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "已上传“%(n)s”。" % {"n": upload.name})
    else:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, "未上传：%(why)s" % {"why": " ".join(problems)})
    return redirect("core:party-detail", party.pk)


@staff_required()
def file_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    actor = request_staff(request)
    attachment = selectors.access_attachment(actor, attachment_id)
    response = FileResponse(
        files.open_blob(attachment.blob),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.blob.content_type,
    )
    response["X-Content-SHA256"] = attachment.blob.sha256
    return response


# --------------------------------------------------------------------------------------- organisations


@staff_required()
def organisation_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    search = request.GET.get("q", "").strip()[:50]
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganisationKind.values else ""
    page = paginate(request, selectors.list_organisations_for(actor, search=search, kind=kind))
    context = {
        "page": page,
        "search": search,
        "kind": kind,
        "kinds": OrganisationKind.choices,
        "query_string": query_without_page(request),
    }
    return render(request, "core/organisation_list.html", context)


@staff_required()
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = request_staff(request)
    organisation = selectors.access_organisation(actor, organisation_id)
    children = selectors.list_organisations_for(actor).filter(parent=organisation)
    staff = selectors.list_staff_for(actor).filter(organisation=organisation)
    context = {
        "organisation": organisation,
        "children": children,
        "staff": staff,
        "history": verified_history(organisation),
        "can_manage": actor.is_superuser or permissions.has_role(actor, Role.ADMIN),
    }
    return render(request, "core/organisation_detail.html", context)


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest, parent_id: int) -> HttpResponse:
    actor = request_staff(request)
    parent = selectors.access_organisation(actor, parent_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        organisation = services.create_organisation(actor, parent=parent, **data)
        return "已设立“%(n)s”。" % {"n": organisation.name}, redirect(
            "core:organisation-detail", organisation.pk
        )

    title = "在“%(p)s”下设立机构" % {"p": parent.name}
    return form_page(request, OrganisationForm(request.POST or None), title=title, save=save)


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    actor = request_staff(request)
    organisation = selectors.access_organisation(actor, organisation_id)
    initial = {field: getattr(organisation, field) for field in OrganisationEditForm.base_fields}

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.update_organisation(actor, organisation, **data)
        return "已保存。", redirect("core:organisation-detail", organisation.pk)

    form = OrganisationEditForm(request.POST or None, initial=initial)
    return form_page(request, form, title="修改：%(n)s" % {"n": organisation.name}, save=save)


# ----------------------------------------------------------------------------------------------- staff


@staff_required()
def staff_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    search = request.GET.get("q", "").strip()[:50]
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    active = request.GET.get("active", "1") != "0"
    page = paginate(request, selectors.list_staff_for(actor, search=search, role=role, active=active))
    context = {
        "page": page,
        "search": search,
        "role": role,
        "roles": Role.choices,
        "active": active,
        "query_string": query_without_page(request),
        "can_manage": actor.is_superuser or permissions.has_role(actor, Role.ADMIN),
    }
    return render(request, "core/staff_list.html", context)


def _manageable_organisations(actor: Staff) -> list[tuple[int, str]]:
    town = permissions.acting_town(actor)
    return [
        (organisation.pk, "　" * (organisation.depth - town.depth) + organisation.name)
        for organisation in selectors.list_organisations_for(actor).filter(path__startswith=town.path)
    ]


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        organisation = selectors.access_organisation(actor, data.pop("organisation"))
        staff = services.create_staff(actor, organisation=organisation, **data)
        return "已添加工作人员“%(n)s”。" % {"n": staff.full_name}, redirect("core:staff-detail", staff.pk)

    form = StaffForm(request.POST or None, organisations=_manageable_organisations(actor))
    return form_page(request, form, title="添加工作人员", save=save)


@staff_required()
def staff_detail(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = request_staff(request)
    staff = selectors.access_staff(actor, staff_id)
    today = timezone.localdate()
    credentials = [
        (credential, credential.is_valid_on(today)) for credential in selectors.credentials_of(staff)
    ]
    context = {
        "person": staff,
        "roles": [Role(role).label for role in sorted(permissions.roles_of(staff))],
        "credentials": credentials,
        "history": verified_history(staff),
        "can_manage": actor.is_superuser or permissions.has_role(actor, Role.ADMIN),
        "credential_form": CredentialForm(),
    }
    return render(request, "core/staff_detail.html", context)


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = request_staff(request)
    staff = selectors.access_staff(actor, staff_id)
    initial: dict[str, Any] = {
        field: getattr(staff, field) for field in StaffEditForm.base_fields if field != "roles"
    }
    initial["roles"] = sorted(permissions.roles_of(staff))

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.update_staff(actor, staff, **data)
        return "已保存。", redirect("core:staff-detail", staff.pk)

    form = StaffEditForm(request.POST or None, initial=initial)
    return form_page(request, form, title="修改：%(n)s" % {"n": staff.full_name}, save=save)


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def staff_deactivate(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = request_staff(request)
    staff = selectors.access_staff(actor, staff_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.deactivate_staff(actor, staff, reason=data["reason"])
        return "已停用“%(n)s”的账号。" % {"n": staff.full_name}, redirect("core:staff-detail", staff.pk)

    return form_page(
        request,
        DeactivateForm(request.POST or None),
        title="停用账号：%(n)s" % {"n": staff.full_name},
        save=save,
    )


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def credential_add(request: HttpRequest, staff_id: int) -> HttpResponse:
    actor = request_staff(request)
    staff = selectors.access_staff(actor, staff_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.add_credential(actor, staff, **data)
        return "已登记执法证。", redirect("core:staff-detail", staff.pk)

    return form_page(
        request,
        CredentialForm(request.POST or None),
        title="登记执法证：%(n)s" % {"n": staff.full_name},
        save=save,
    )


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def credential_revoke(request: HttpRequest, credential_id: int) -> HttpResponse:
    actor = request_staff(request)
    credential = selectors.access_credential(actor, credential_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.revoke_credential(actor, credential, revoked_on=data["revoked_on"], reason=data["reason"])
        return "已注销执法证 %(n)s。" % {"n": credential.number}, redirect(
            "core:staff-detail", credential.staff.pk
        )

    form = RevokeCredentialForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    return form_page(request, form, title="注销执法证 %(n)s" % {"n": credential.number}, save=save)


# -------------------------------------------------------------------------------------------- calendar


@staff_required()
def calendar_page(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": today, "days": 7, "kind": "working_days"})
    period = None
    if request.GET and form.is_valid():
        start: datetime.date = form.cleaned_data["start"]
        days: int = form.cleaned_data["days"]
        if form.cleaned_data["kind"] == "working_days":
            period = calendar.compute_working_days(start, days)
        else:
            period = calendar.compute_calendar_days(start, days)
    asked = request.GET.get("year", "")
    year = (
        int(asked)
        if asked.isdigit() and calendar.FIRST_YEAR <= int(asked) <= calendar.LAST_YEAR
        else today.year
    )
    context = {
        "form": form,
        "period": period,
        "year": year,
        "overrides": selectors.holiday_overrides_in(year),
        "confirmed_years": selectors.holiday_years(),
        "official_last_year": calendar.OFFICIAL_LAST_YEAR,
        "next_year_known": calendar.year_is_known(today.year + 1),
        "next_year": today.year + 1,
        "may_set_holidays": permissions.may_set_holidays(actor),
        "override_form": HolidayOverrideForm(),
        "year_form": HolidayYearForm(initial={"year": today.year + 1}),
    }
    return render(request, "core/calendar.html", context)


@staff_required(Role.ADMIN)
@require_POST
def holiday_override_add(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = HolidayOverrideForm(request.POST)
    if form.is_valid():
        try:
            override = services.save_holiday_override(actor, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, error.message + " " + "；".join(error.field_errors.values()))
        else:
            messages.success(
                request, "已保存 %(d)s %(n)s。" % {"d": override.day.isoformat(), "n": override.name}
            )
            return redirect(reverse("core:calendar") + f"?year={override.day.year}")
    else:
        messages.error(
            request,
            "；".join(
                f"{form.fields[name].label}：{' '.join(str(error) for error in errors)}"
                for name, errors in form.errors.items()
            ),
        )
    return redirect("core:calendar")


@staff_required(Role.ADMIN)
@require_POST
def holiday_year_confirm(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = HolidayYearForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_holiday_year(actor, **form.cleaned_data)
        except InvalidInput as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "已确认 %(y)d 年节假日录入完毕。" % {"y": form.cleaned_data["year"]})
    else:
        messages.error(request, "请填写年度和依据。")
    return redirect("core:calendar")


# ------------------------------------------------------------------------------------------- numbering


@staff_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def number_series_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = NumberSeriesForm(request.POST or None, organisations=_manageable_organisations(actor))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = selectors.access_organisation(actor, data.pop("organisation"))
        try:
            series = services.create_number_series(actor, organisation=organisation, **data)
        except InvalidInput as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "已建立文号系列 %(c)s。" % {"c": series.code})
            return redirect("core:number-series-list")
    context = {"series_list": selectors.list_number_series_for(actor), "form": form}
    return render(request, "core/number_series_list.html", context, status=422 if form.errors else 200)


@staff_required(Role.ADMIN)
def number_series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    actor = request_staff(request)
    series = selectors.access_number_series(actor, series_id)
    page = paginate(request, selectors.issued_numbers_of(series).order_by("-year", "-sequence"))
    context = {"series": series, "page": page, "void_form": VoidNumberForm(), "query_string": ""}
    return render(request, "core/number_series_detail.html", context)


@staff_required(Role.ADMIN)
@require_POST
def number_void(request: HttpRequest, issued_id: int) -> HttpResponse:
    actor = request_staff(request)
    issued = selectors.access_issued_number(actor, issued_id)
    form = VoidNumberForm(request.POST)
    if form.is_valid():
        try:
            services.void_number(actor, issued, reason=form.cleaned_data["reason"])
        except InvalidInput as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "已作废 %(t)s（号码保留，不再使用）。" % {"t": issued.text})
    else:
        messages.error(
            request, "请填写作废原因。" if "reason" in form.errors else "此操作不可撤销，请勾选确认。"
        )
    return redirect("core:number-series-detail", issued.series.pk)


# ---------------------------------------------------------------------------------------------- tokens

NEW_TOKEN_KEY = "fazhi-new-api-token"  # noqa: S105 (a session key, not a secret)


@staff_required()
@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    """接口令牌: the user's own (and, for an administrator, the town's staff's) tokens, each revocable;
    a new one for oneself, shown once after the redirect and never again (only its hash is kept)."""
    actor = request_staff(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[NEW_TOKEN_KEY] = services.issue_api_token(
            actor, actor, label=form.cleaned_data["label"]
        )
        return redirect("core:tokens")
    context = {
        "form": form,
        "new_token": request.session.pop(NEW_TOKEN_KEY, None),
        "page": paginate(request, selectors.tokens_for(actor)),
        "days": settings.API_TOKEN_DAYS,
    }
    return render(request, "core/tokens.html", context)


@staff_required()
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if request.POST.get("confirm") != "on":
        messages.error(request, "撤销后令牌不能恢复，请勾选确认。")
        return redirect("core:tokens")
    services.revoke_api_token(request_staff(request), token_id)
    messages.success(request, "令牌已撤销，使用它的程序将无法再访问接口。")
    return redirect("core:tokens")
