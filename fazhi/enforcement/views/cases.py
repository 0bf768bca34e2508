"""The case list, the clocks due and the case page, with the steps the step table offers on it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.access import request_staff, staff_required
from fazhi.core.models import Staff
from fazhi.core.pages import paginate, query_without_page
from fazhi.enforcement import documents, rules, selectors
from fazhi.enforcement.forms import CaseFilterForm
from fazhi.enforcement.models import Closure, DecisionService, Payment, PaymentPlan, PenaltyDecision
from fazhi.enforcement.rules import STAGE_LABELS, Stage
from fazhi.enforcement.step_pages import STEP_PAGES
from fazhi.ledger.selectors import verified_history

# The page of each step of the case table (enforcement.rules.STEPS) that is taken on a case.


# Where the page explains the window for asking the court to enforce (行政强制法 art. 53): while the
# fine is owed and the court has not been asked.
WINDOW_SHOWN = {Stage.SERVED, Stage.EXECUTING}


def _filters(request: HttpRequest, actor: Staff) -> tuple[CaseFilterForm, selectors.CaseFilters]:
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor)]
    stages = [(value.value, label) for value, label in STAGE_LABELS.items()]
    form = CaseFilterForm(request.GET, stages=stages, people=people)
    # Each filter that parses applies; one that does not is dropped rather than failing the list.
    form.is_valid()
    data = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    return form, selectors.CaseFilters(
        stage=data.get("stage") or "",
        officer=data.get("officer"),
        party=data.get("party") or "",
        overdue=bool(data.get("overdue")),
        filed_from=data.get("filed_from"),
        filed_to=data.get("filed_to"),
    )


@staff_required()
def case_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    form, filters = _filters(request, actor)
    page = paginate(request, selectors.filter_cases(actor, filters, today=today))
    context = {"page": page, "form": form, "query_string": query_without_page(request), "today": today}
    return render(request, "enforcement/case_list.html", context)


@staff_required()
def clocks_due(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    page = paginate(request, selectors.clocks_due(actor, today=today))
    context = {
        "page": page,
        "today": today,
        "warning_days": selectors.WARNING_DAYS,
        "query_string": query_without_page(request),
    }
    return render(request, "enforcement/clocks_due.html", context)


@staff_required()
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    today = timezone.localdate()
    stage = Stage(case.stage)
    facts = selectors.CaseRowFacts(case, today=today)
    acting = selectors.acting_officers(case)
    withdrawn = list(case.officers.filter(withdrawn_on__isnull=False).select_related("staff"))
    context = {
        "case": case,
        "stage_label": STAGE_LABELS[stage],
        "steps": [
            {
                "label": option.label,
                "blocked_by": option.blocked_by,
                "url_name": STEP_PAGES[option.step.name] if option.allowed else "",
                "taken_by": option.step.taken_by,
            }
            for option in selectors.next_steps(facts, actor)
        ],
        "work": [
            {"label": option.label, "url_name": STEP_PAGES[option.step.name]}
            for option in selectors.work_steps(facts, actor)
        ],
        "clock": selectors.case_clock(case, today=today),
        "timeline": selectors.timeline(case),
        "officers": acting,
        "withdrawn_officers": withdrawn,
        # Art. 42: after a recusal the case may be left with fewer than two officers to investigate.
        "officers_short": bool(withdrawn) and len(acting) < 2,
        "recusals": case.recusals.select_related("staff", "decided_by"),
        "preservations": case.preservations.select_related("approved_by").prefetch_related("officers"),
        "evidence": case.evidence.select_related(
            "captured_by", "device", "attachment__blob"
        ).prefetch_related("officers"),
        "records": case.records.prefetch_related("officers"),
        "notice": selectors.current_notice(case),
        "circumstances": [
            (rules.Circumstance(c).label, rules.CIRCUMSTANCE_RULES[c])
            for c in selectors.case_circumstances(case)
        ],
        "decision": PenaltyDecision.objects.filter(case=case).select_related("number").first(),
        "service": DecisionService.objects.filter(case=case).first(),
        "payment": Payment.objects.filter(case=case).first(),
        "closure": Closure.objects.filter(case=case).first(),
        "remedies": case.remedies.all(),
        "consents": case.service_consents.all(),
        "plan": PaymentPlan.objects.filter(case=case).select_related("approved_by").first(),
        "court_window": (
            selectors.court_window(case) if stage in WINDOW_SHOWN and not facts.court_applied else None
        ),
        "archive_file": selectors.archive_file(case),
        "documents": documents.available(case),
        "history": verified_history(case),
        "today": today,
    }
    return render(request, "enforcement/case_detail.html", context)
