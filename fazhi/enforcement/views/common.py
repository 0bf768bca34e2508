"""What the step pages share: one form, one service call, back to the case page."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from fazhi.core.access import request_staff
from fazhi.core.forms import ServiceErrorsMixin
from fazhi.core.models import Staff
from fazhi.core.pages import form_page
from fazhi.enforcement import selectors
from fazhi.enforcement.models import Case


def fen(amount: Decimal | None) -> int:
    """Yuan as typed into a form, to the fen the services count in."""
    return int((amount or Decimal(0)) * 100)


def yuan_amount(amount_fen: int) -> Decimal | None:
    """Fen as a form shows them in yuan, to prefill an amount; nothing for none."""
    return (Decimal(amount_fen) / 100).quantize(Decimal("0.01")) if amount_fen else None


def step_page(
    request: HttpRequest,
    case_id: int,
    *,
    title: str,
    form_class: type[ServiceErrorsMixin],
    act: Callable[[Staff, Case, dict[str, Any]], str],
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    with_proposal: bool = False,
    extra_context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A case step: its form, one service call through `act`, back to the case page. The steps that
    judge the proposal (法制审核, 集体讨论, 决定) show it whole beside the form."""
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, case, data), redirect("enforcement:case-detail", case.pk)

    form = form_class(request.POST or None, initial=initial or {}, **(form_kwargs or {}))
    title = "%(step)s：%(case)s" % {"step": title, "case": case}
    if not with_proposal:
        return form_page(request, form, title=title, save=save, extra_context=extra_context)
    proposal = selectors.proposal_of(case, today=timezone.localdate())
    return form_page(
        request,
        form,
        title=title,
        save=save,
        template="enforcement/step_with_proposal.html",
        extra_context={"case": case, "proposal": proposal, **(extra_context or {})},
    )
