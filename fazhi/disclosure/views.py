"""Publication pages for staff, and the public portal (公示), which reads only the snapshot."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import charts, permissions
from fazhi.core.access import public_page, rate_limited, request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import Scope
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.core.public_cache import cached_public_page
from fazhi.disclosure import rules, selectors, services
from fazhi.disclosure.forms import (
    CreditExportForm,
    DraftForm,
    InspectionItemForm,
    PrepareForm,
    PublicSearchForm,
    PublishForm,
    ReviewForm,
    WithdrawForm,
)
from fazhi.disclosure.models import PublicationStatus
from fazhi.ledger import selectors as ledger_selectors
from fazhi.ledger import services as ledger_services


@staff_required(*rules.PREPARERS)
def queue(request: HttpRequest) -> HttpResponse:
    """待公示: decisions with no publication yet, with their 7-working-day clock, and the drafts."""
    actor = request_staff(request)
    today = timezone.localdate()
    awaiting = [
        {"decision": decision, "due": rules.PUBLISH.due(decision.decided_on).due}
        for decision in selectors.decisions_awaiting_publication(actor)[:100]
    ]
    root = permissions.scope_root(actor)
    context = {
        "withdrawals": selectors.publications_to_withdraw(actor),
        "timeliness": [
            month
            for month in (selectors.timeliness_by_month(root, year=today.year, today=today) if root else [])
            if month.decisions
        ],
        # The dashboards' figure itself, so this page and the dashboard give the same rate.
        "year_rate": charts.tile("publications_on_time", Scope(root, today.year)) if root else None,
        "can_export": permissions.may_take(actor, rules.STEPS["export"]),
        "awaiting": awaiting,
        "drafts": selectors.publications_for(actor, status=PublicationStatus.DRAFT),
        "page": paginate(request, selectors.publications_for(actor).exclude(status=PublicationStatus.DRAFT)),
        "query_string": query_without_page(request),
        "today": today,
    }
    return render(request, "disclosure/queue.html", context)


@step_required(rules.STEPS["prepare"])
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request_staff(request)
    decision = selectors.access_decision_for_publication(actor, decision_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        publication = services.prepare_publication(actor, decision, severity=data["severity"])
        return "已生成公示稿，请核对后发布。", redirect("disclosure:publication", publication.pk)

    return form_page(
        request, PrepareForm(request.POST or None), title="生成公示稿：%(n)s" % {"n": decision}, save=save
    )


@staff_required(*rules.PREPARERS)
@require_http_methods(["GET", "POST"])
def publication(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The preview, exactly as the public will see it, with what the scan still finds; the draft's
    free text is edited here."""
    actor = request_staff(request)
    item = selectors.access_publication(actor, publication_id)
    form = DraftForm(
        request.POST or None, initial={"facts": item.facts, "penalty_content": item.penalty_content}
    )

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.edit_draft(actor, item, **data)
        return "已保存公示稿。", redirect("disclosure:publication", item.pk)

    if request.method == "POST":
        return form_page(request, form, title="修改公示稿", save=save)
    facts = selectors.PublicationRowFacts(item)
    due = selectors.withdrawal_due(item)
    content = services.public_content(
        item,
        free_text=selectors.masked_fields(item, facts.reviews)
        if item.status == PublicationStatus.DRAFT
        else None,
    )
    context = {
        "item": item,
        "content": content,
        "reviews": facts.reviews,
        "open_count": sum(len(found) for found in facts.open_findings.values()),
        "review_form": ReviewForm(),
        "may_release": permissions.may_take(actor, rules.STEPS["release"]),
        "form": form,
        "withdrawal_due": due,
        "today": timezone.localdate(),
        "publish_form": PublishForm(auto_id="publish_%s"),
        "withdraw_form": WithdrawForm(initial={"reason": selectors.withdrawal_reason(due)} if due else None),
        "steps": {offer.name: offer for offer in permissions.offers_for(actor, rules.STEPS, facts)},
    }
    return render(request, "disclosure/publication.html", context)


@step_required(rules.STEPS["review"])
@require_http_methods(["POST"])
def review(request: HttpRequest, publication_id: int) -> HttpResponse:
    """Hide a span of the draft or release a finding with a reason."""
    actor = request_staff(request)
    item = selectors.access_publication(actor, publication_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        done = services.review_finding(actor, item, **data)
        message = "已标记隐去“%(t)s”。" if done.action == "hide" else "已保留公开“%(t)s”，理由已记录。"
        return message % {"t": done.text}, redirect("disclosure:publication", item.pk)

    return form_page(request, ReviewForm(request.POST), title="核对隐私内容", save=save)


@step_required(rules.STEPS["publish"])
@require_http_methods(["POST"])
def publish(request: HttpRequest, publication_id: int) -> HttpResponse:
    actor = request_staff(request)
    item = selectors.access_publication(actor, publication_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.publish(actor, item)
        return "已公示，公示内容已存证。", redirect("disclosure:publication", item.pk)

    return form_page(request, PublishForm(request.POST), title="发布公示", save=save)


@step_required(rules.STEPS["withdraw"])
@require_http_methods(["POST"])
def withdraw(request: HttpRequest, publication_id: int) -> HttpResponse:
    actor = request_staff(request)
    item = selectors.access_publication(actor, publication_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.withdraw(actor, item, reason=data["reason"])
        return "已撤回公示。", redirect("disclosure:publication", item.pk)

    return form_page(request, WithdrawForm(request.POST), title="撤回公示", save=save)


# ------------------------------------------------------------------------------------------ the public


@rate_limited
@public_page
@cached_public_page
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    authorities = selectors.public_authorities()
    chosen = (
        authorities.filter(pk=form.cleaned_data["org"]).first()
        if valid and form.cleaned_data["org"]
        else None
    )
    page = paginate(
        request, selectors.public_list(today=timezone.localdate(), query=query, organisation=chosen)
    )
    context = {
        "form": form,
        "page": page,
        "query_string": query_without_page(request),
        "authorities": authorities,
        "chosen": chosen,
    }
    return render(request, "disclosure/public_list.html", context)


@rate_limited
@public_page
@cached_public_page
def public_authorities(request: HttpRequest) -> HttpResponse:
    """执法主体: the towns that enforce, each with its page."""
    return render(
        request, "disclosure/public_authorities.html", {"authorities": selectors.public_authorities()}
    )


@rate_limited
@public_page
@cached_public_page
def public_authority(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """事前公开: who enforces, with which credential, which powers on which basis, how to appeal."""
    authority = selectors.public_authority(organisation_id, today=timezone.localdate())
    return render(request, "disclosure/public_authority.html", {"authority": authority})


@rate_limited
@public_page
@cached_public_page
def public_detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    item = selectors.public_publication(publication_id)
    today = timezone.localdate()
    context = {
        "item": item,
        "content": services.public_content(item) if item.status == PublicationStatus.PUBLISHED else {},
        "expired": item.visible_until is not None and item.visible_until < today,
    }
    return render(request, "disclosure/public_detail.html", context)


@rate_limited
@public_page
def public_proof(request: HttpRequest, publication_id: int) -> JsonResponse:
    """The proof that this content was published as it stands: the publication event, its inclusion
    in the signed ledger, and the content that hashes to the fingerprint the event carries."""
    item = selectors.public_publication(publication_id)
    event = selectors.publication_event(item)
    expired = item.visible_until is not None and item.visible_until < timezone.localdate()
    if event is None or item.status != PublicationStatus.PUBLISHED or expired:
        raise NotFoundOrHidden()
    signed = ledger_selectors.latest_checkpoint()
    if signed is None or signed.tree_size <= event.sequence:
        signed = ledger_services.make_checkpoint()
    assert signed is not None
    bundle = {**ledger_selectors.proof_bundle(event, signed), "content": services.public_content(item)}
    response = JsonResponse(bundle, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="fazhi-gongshi-{item.pk}.json"'
    return response


@staff_required(*rules.PREPARERS)
@require_http_methods(["GET", "POST"])
def inspection_items(request: HttpRequest) -> HttpResponse:
    """随机抽查事项清单: the list as the public sees it, and, for an administrator, the form to add."""
    actor = request_staff(request)
    form = InspectionItemForm(request.POST or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        item = services.add_inspection_item(actor, **data)
        return "已公布抽查事项“%(n)s”。" % {"n": item.name}, redirect("disclosure:inspections")

    if request.method == "POST":
        return form_page(request, form, title="公布随机抽查事项", save=save)
    context = {
        "items": selectors.inspection_items_for(actor),
        "form": form if permissions.may_take(actor, rules.STEPS["add_inspection_item"]) else None,
    }
    return render(request, "disclosure/inspection_items.html", context)


# ------------------------------------------------------------------------------------- 双公示 export


@step_required(rules.STEPS["export"])
@require_http_methods(["GET", "POST"])
def exports(request: HttpRequest) -> HttpResponse:
    """双公示: export the organisation's published decisions for the credit platform; past exports."""
    actor = request_staff(request)
    organisation = permissions.scope_root(actor)
    if organisation is None:
        raise NotFoundOrHidden()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        result = services.export_credit_records(
            actor,
            organisation,
            file_format=data["file_format"],
            scope=data["scope"],
            since=data["since"],
            today=timezone.localdate(),
        )
        message = "已导出 %(n)d 条；%(h)d 条未通过校验，未导出。" % {
            "n": len(result.rows),
            "h": len(result.held_back),
        }
        return message, redirect("disclosure:export", result.export.pk)

    return form_page(
        request,
        CreditExportForm(request.POST or None),
        title="导出双公示数据：%(o)s" % {"o": organisation.name},
        save=save,
        template="disclosure/exports.html",
        extra_context={"exports": selectors.credit_exports_for(actor)[:50]},
    )


@step_required(rules.STEPS["export"])
def export(request: HttpRequest, export_id: int) -> HttpResponse:
    actor = request_staff(request)
    item = selectors.access_credit_export(actor, export_id)
    context = {
        "item": item,
        "held_back": selectors.held_back_rows(item),
        "filename": services.export_filename(item),
    }
    return render(request, "disclosure/export.html", context)


@step_required(rules.STEPS["export"])
def export_download(request: HttpRequest, export_id: int) -> FileResponse:
    actor = request_staff(request)
    item = selectors.access_credit_export(actor, export_id)
    return FileResponse(
        default_storage.open(services.export_path(item.file_sha256, item.file_format), "rb"),
        as_attachment=True,
        filename=services.export_filename(item),
        content_type=EXPORT_CONTENT_TYPES[item.file_format],
    )


EXPORT_CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
