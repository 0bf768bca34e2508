"""Shared page helpers: capped pagination and the form page that calls one service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.forms import ServiceErrorsMixin

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


def form_page(
    request: HttpRequest,
    form: ServiceErrorsMixin,
    *,
    title: str,
    save: Callable[[dict[str, Any]], tuple[str, HttpResponse]],
) -> HttpResponse:
    """A form page: on a valid POST, `save` calls one service and returns the success message and
    where to go next; the service's field errors land beside their fields (422)."""
    if request.method == "POST" and form.is_valid():
        try:
            message, response = save(dict(form.cleaned_data))
        except InvalidInput as error:
            form.add_service_errors(error)
        except RuleViolation as violation:
            form.add_error(
                None,
                "%(message)s（依据：%(citation)s）"
                % {"message": violation.message, "citation": violation.citation},
            )
        else:
            messages.success(request, message)
            return response
    status = 422 if request.method == "POST" else 200
    return render(request, "core/simple_form.html", {"form": form, "title": title}, status=status)
