"""Contract pages: the register (台账) with its filters and .xlsx, a contract's page with its reviews,
files, milestones and next steps, and one page per step. Thin: parse, call one service, redirect."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.contracts import documents, rules, selectors, services
from fazhi.contracts.forms import (
    ContractForm,
    FileForm,
    MilestoneDoneForm,
    MilestoneForm,
    RegisterFilterForm,
    ResubmitForm,
    ReviewForm,
    SignForm,
)
from fazhi.contracts.models import Contract, ContractMilestone
from fazhi.core import files, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.core.pages import docx_download, form_page, paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.ledger.selectors import verified_history

READERS = (Role.ADMIN, Role.HEAD, Role.OFFICER, Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER, Role.SUPERVISOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The page of each step of contracts.rules.STEPS that the contract's page offers.
STEP_PAGES = {
    "review": "contracts:review",
    "sign": "contracts:sign",
    "resubmit": "contracts:resubmit",
    "file": "contracts:file",
    "milestone": "contracts:milestone",
}


def _departments(actor: Staff) -> list[tuple[int, str]]:
    return [(org.pk, org.name) for org in core_selectors.departments_of(actor)]


def _filters(request: HttpRequest, actor: Staff) -> tuple[RegisterFilterForm, selectors.ContractFilters]:
    form = RegisterFilterForm(request.GET, departments=_departments(actor))
    if not form.is_valid():
        return form, selectors.ContractFilters()
    data = form.cleaned_data
    return form, selectors.ContractFilters(
        status=data["status"],
        kind=data["kind"],
        department=data["department"],
        year=data["year"],
        counterparty=data["counterparty"],
        overdue=data["overdue"],
    )


def _stored(uploads: list[Any]) -> list[files.StoredFile]:
    """Files are written (and checked) before the service's transaction begins."""
    return [files.StoredFile(*files.store(upload, original_name=upload.name)) for upload in uploads]


@staff_required(*READERS)
def register(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    form, filters = _filters(request, actor)
    page = paginate(request, selectors.register(actor, filters, today=today))
    context = {
        "form": form,
        "page": page,
        "latest": selectors.latest_reviews(page.rows),
        "query_string": query_without_page(request),
        "today": today,
        "can_register": permissions.may_take(actor, rules.STEPS["register"]),
    }
    return render(request, "contracts/register.html", context)


@staff_required(*READERS)
def register_xlsx(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    _form, filters = _filters(request, actor)
    contracts = list(selectors.register(actor, filters, today=today))
    title = "合同审查台账（%(d)s导出）" % {"d": today.isoformat()}
    content = documents.register_xlsx(contracts, selectors.latest_reviews(contracts), title=title)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="contracts-{today:%Y%m%d}.xlsx"'
    return response


@step_required(rules.STEPS["register"])
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        party = core_selectors.find_party(
            actor, data["counterparty"], field="counterparty", where="合同相对方"
        )
        department = core_selectors.departments_of(actor).get(pk=data["department"])
        contract = services.register_contract(
            actor,
            services.ContractInput(
                title=data["title"],
                kind=data["kind"],
                amount_fen=int(data["amount"] * 100),
                counterparty=party,
                department=department,
                received_on=data["received_on"],
            ),
            drafts=_stored(data["drafts"]),
        )
        message = "已登记送审，审查期限 %(d)s。" % {"d": contract.review_due.isoformat()}
        if contract.possibly_major:
            message += "合同金额较大，可能属于重大行政决策事项，请负责人确认是否履行重大行政决策程序。"
        return message, redirect("contracts:detail", contract.pk)

    form = ContractForm(
        request.POST or None,
        request.FILES or None,
        departments=_departments(actor),
        initial={"received_on": timezone.localdate()},
    )
    return form_page(request, form, title="合同送审登记", save=save)


@staff_required(*READERS)
def detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    actor = request_staff(request)
    contract = selectors.access_contract(actor, contract_id)
    context = {
        "contract": contract,
        "reviews": selectors.reviews_of(contract),
        "steps": [
            {"offer": offer, "url_name": STEP_PAGES[offer.name]}
            for offer in selectors.next_steps(actor, contract)
        ],
        "attachments": core_selectors.attachments_of(contract._meta.label_lower, contract.pk),
        "milestones": list(contract.milestones.all()),
        "history": verified_history(contract),
        "today": timezone.localdate(),
        "can_complete": permissions.may_take(actor, rules.STEPS["milestone_done"]),
    }
    return render(request, "contracts/detail.html", context)


def _step(
    request: HttpRequest,
    contract_id: int,
    *,
    title: str,
    form: Any,
    act: Any,
) -> HttpResponse:
    actor = request_staff(request)
    contract = selectors.access_contract(actor, contract_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, contract, data), redirect("contracts:detail", contract.pk)

    return form_page(request, form, title="%(s)s：%(t)s" % {"s": title, "t": contract.title}, save=save)


@step_required(rules.STEPS["review"])
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, contract_id: int) -> HttpResponse:
    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        given = services.review_contract(actor, contract, **data)
        return "已出具审查意见 %(n)s（%(o)s）。" % {"n": given.number.text, "o": given.get_opinion_display()}

    return _step(request, contract_id, title="出具审查意见", form=ReviewForm(request.POST or None), act=act)


@step_required(rules.STEPS["resubmit"])
@require_http_methods(["GET", "POST"])
def resubmit(request: HttpRequest, contract_id: int) -> HttpResponse:
    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        services.resubmit_contract(
            actor, contract, received_on=data["received_on"], drafts=_stored(data["drafts"])
        )
        return "已重新送审。"

    form = ResubmitForm(
        request.POST or None, request.FILES or None, initial={"received_on": timezone.localdate()}
    )
    return _step(request, contract_id, title="修改后重新送审", form=form, act=act)


@step_required(rules.STEPS["sign"])
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, contract_id: int) -> HttpResponse:
    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        signed = services.sign_contract(actor, contract, **data)
        assert signed.filing_due is not None
        return "已签订；请于 %(d)s 前归档签订文本。" % {"d": signed.filing_due.isoformat()}

    form = SignForm(request.POST or None, initial={"signed_on": timezone.localdate()})
    return _step(request, contract_id, title="签订合同", form=form, act=act)


@step_required(rules.STEPS["file"])
@require_http_methods(["GET", "POST"])
def file(request: HttpRequest, contract_id: int) -> HttpResponse:
    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        [signed_copy] = _stored([data["signed_copy"]])
        filed = services.file_contract(actor, contract, signed_copy=signed_copy, filed_on=data["filed_on"])
        return "已归档，档案号 %(n)s。" % {"n": filed.archive_number}

    form = FileForm(request.POST or None, request.FILES or None, initial={"filed_on": timezone.localdate()})
    return _step(request, contract_id, title="归档签订文本", form=form, act=act)


@step_required(rules.STEPS["milestone"])
@require_http_methods(["GET", "POST"])
def milestone(request: HttpRequest, contract_id: int) -> HttpResponse:
    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        added = services.add_milestone(actor, contract, **data)
        return "已登记履约节点“%(t)s”。" % {"t": added.title}

    return _step(
        request, contract_id, title="登记履约节点", form=MilestoneForm(request.POST or None), act=act
    )


@step_required(rules.STEPS["milestone_done"])
@require_http_methods(["GET", "POST"])
def milestone_done(request: HttpRequest, contract_id: int, milestone_id: int) -> HttpResponse:
    actor = request_staff(request)
    contract = selectors.access_contract(actor, contract_id)
    item = ContractMilestone.objects.filter(pk=milestone_id, contract=contract).first()
    if item is None:
        raise NotFoundOrHidden()

    def act(actor: Staff, contract: Contract, data: dict[str, Any]) -> str:
        services.complete_milestone(actor, item, done_on=data["done_on"])
        return "已登记“%(t)s”完成。" % {"t": item.title}

    form = MilestoneDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    return _step(request, contract_id, title="履约节点完成", form=form, act=act)


@staff_required(*READERS)
def opinion_docx(request: HttpRequest, review_id: int) -> HttpResponse:
    actor = request_staff(request)
    given = selectors.access_review(actor, review_id)
    return docx_download(documents.review_opinion(given), documents.opinion_filename(given))
