"""Shared page helpers: capped pagination and the form page that calls one service."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse

from fazhi.core import files, permissions
from fazhi.core.access import ACCESS_ATTRIBUTE
from fazhi.core.errors import InvalidInput, Remedy, RuleViolation
from fazhi.core.forms import ServiceErrorsMixin
from fazhi.core.models import FormSubmission, Staff

PAGE_SIZE = 20
# Counting every matching row of a million-row table costs more than the page itself; past this
# many the list says "more than" and stops offering page numbers.
COUNT_CAP = 10_000
ModelT = TypeVar("ModelT", bound=Model)


@dataclass
class Page:
    rows: list[Any]
    number: int
    total: int
    capped: bool
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def last_number(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def paginate(request: HttpRequest, queryset: QuerySet[ModelT]) -> Page:
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    rows: list[ModelT] | None = None
    if number <= COUNT_CAP // PAGE_SIZE:
        # The page first. When it is the last page (a search's usual answer: a few rows) it gives the
        # exact total, and the count, which must visit every match, is not needed at all.
        offset = (number - 1) * PAGE_SIZE
        rows = list(queryset[offset : offset + PAGE_SIZE + 1])
        if len(rows) <= PAGE_SIZE and (rows or number == 1):
            return Page(rows=rows, number=number, total=offset + len(rows), capped=False, has_next=False)
    # The count needs no order: with ORDER BY the database sorts every match to keep the first 10,001.
    total = queryset.order_by()[: COUNT_CAP + 1].count()
    capped = total > COUNT_CAP
    last = max(1, -(-min(total, COUNT_CAP) // PAGE_SIZE))
    if rows is None or number > last:
        # Past the end (or past the counted pages): show the last page, as before.
        number = min(number, last)
        offset = (number - 1) * PAGE_SIZE
        rows = list(queryset[offset : offset + PAGE_SIZE + 1])
    return Page(
        rows=rows[:PAGE_SIZE],
        number=number,
        total=min(total, COUNT_CAP),
        capped=capped,
        has_next=len(rows) > PAGE_SIZE,
    )


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


SUBMISSION_FIELD = "_submission"


def _claim_submission(request: HttpRequest) -> FormSubmission | HttpResponse | None:
    """Claim the posted form's one-time token. A token already claimed means this form was posted
    before: go where the first post went instead of saving twice. No token (an old page, a script):
    nothing to claim."""
    token = request.POST.get(SUBMISSION_FIELD, "")
    if not re.fullmatch(r"[0-9a-f]{32}", token) or not isinstance(request.user, Staff):
        return None
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, staff=request.user)
    except IntegrityError:
        earlier = FormSubmission.objects.filter(token=token, staff=request.user).first()
        if earlier is not None and earlier.result_url:
            messages.info(request, "此表单已经提交过，没有重复保存。")
            return redirect(earlier.result_url)
        return render(
            request,
            "core/error.html",
            {
                "title": "正在处理",
                "error": {"message": "这份表单的上一次提交还在处理，请稍候刷新查看结果，不要重复提交。"},
            },
            status=409,
        )


def remedy_link(request: HttpRequest, remedy: Remedy | None) -> dict[str, str] | None:
    """The link to the page that puts a refusal (or a warning) right, for a user whose roles open it."""
    if remedy is None or not isinstance(request.user, Staff):
        return None
    url = reverse(remedy.url_name)
    _kind, roles = getattr(resolve(url).func, ACCESS_ATTRIBUTE, ("staff", ()))
    if roles and not permissions.has_role(request.user, *roles):
        return None
    return {"url": url, "label": remedy.label}


HELD_SUFFIX = "__held"


def _restore_held_files(request: HttpRequest, form: ServiceErrorsMixin) -> None:
    """Put back the files kept from the form's refused post, where no new file was chosen."""
    if not isinstance(request.user, Staff):
        return
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if not isinstance(field, forms.FileField) or form.files.getlist(key):
            continue
        tokens = request.POST.getlist(key + HELD_SUFFIX)
        kept = [upload for token in tokens if (upload := files.redeem(token, staff_id=request.user.pk))]
        if kept:
            form.files = form.files.copy()
            form.files.setlist(key, kept)


def _hold_chosen_files(request: HttpRequest, form: ServiceErrorsMixin) -> None:
    """Keep the files of a refused post; the form shows each as chosen and carries its token."""
    if not isinstance(request.user, Staff):
        return
    for name, field in form.fields.items():
        if not isinstance(field, forms.FileField):
            continue
        held = []
        for upload in form.files.getlist(form.add_prefix(name)):
            try:
                held.append(files.hold(upload, staff_id=request.user.pk))
            except InvalidInput:
                continue  # a file refused for itself is not kept: its error says why
        field.held = held  # type: ignore[attr-defined]  # read by core/_form_fields.html


def form_page(
    request: HttpRequest,
    form: ServiceErrorsMixin,
    *,
    title: str,
    save: Callable[[dict[str, Any]], tuple[str, HttpResponse]],
    template: str = "core/simple_form.html",
    extra_context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A form page: on a valid POST, `save` calls one service and returns the success message and
    where to go next; the service's field errors land beside their fields (422). Each rendering of
    the form carries a one-time token, so posting it twice saves once. Files chosen on a refused post
    are kept, so the corrected form is posted without choosing them again."""
    if request.method == "POST":
        _restore_held_files(request, form)
    if request.method == "POST" and form.is_valid():
        claim = _claim_submission(request)
        if isinstance(claim, HttpResponse):
            return claim
        try:
            message, response = save(dict(form.cleaned_data))
        except InvalidInput as error:
            form.add_service_errors(error)
            form.remedy = remedy_link(request, error.remedy)  # type: ignore[attr-defined]
        except RuleViolation as violation:
            form.add_error(
                None,
                "%(message)s（依据：%(citation)s）"
                % {"message": violation.message, "citation": violation.citation},
            )
            form.remedy = remedy_link(request, violation.remedy)  # type: ignore[attr-defined]
        except BaseException:
            if claim is not None:
                claim.delete()
            raise
        else:
            messages.success(request, message)
            if claim is not None:
                claim.result_url = response.get("Location", "")[:300]
                claim.save(update_fields=["result_url"])
            return response
        if claim is not None:
            # Refused: nothing was saved, so the corrected form may be posted with the same token.
            claim.delete()
    status = 422 if request.method == "POST" else 200
    if request.method == "POST":
        _hold_chosen_files(request, form)
    context = {
        "form": form,
        "title": title,
        "submission_token": secrets.token_hex(16),
        **(extra_context or {}),
    }
    return render(request, template, context, status=status)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_download(content: bytes, filename: str) -> HttpResponse:
    """A generated .docx as a download, its Chinese file name percent-encoded (RFC 6266) so that every
    browser keeps it."""
    disposition = "attachment; filename*=UTF-8''" + quote(filename)
    return HttpResponse(content, content_type=DOCX, headers={"Content-Disposition": disposition})
