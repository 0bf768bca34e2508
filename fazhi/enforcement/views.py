"""Case pages: thin; each parses input, finds the case through its access function, calls one service."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import files, money, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.forms import ServiceErrorsMixin
from fazhi.core.models import Staff
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.enforcement import documents, rules, selectors, services
from fazhi.enforcement.forms import (
    ArchiveForm,
    AssignDeviceForm,
    CaseFilterForm,
    CloseForm,
    CloseInvestigationForm,
    ConfirmForm,
    CourtForm,
    DecideForm,
    DeclineForm,
    DefenceForm,
    DemandForm,
    DeviceForm,
    DiscussionForm,
    EvidenceForm,
    ExtendForm,
    FileCaseForm,
    HearingForm,
    HearingRequestForm,
    InvestigateForm,
    LeadForm,
    NoticeForm,
    OnSpotForm,
    PaymentForm,
    PowerForm,
    RecordForm,
    RemedyEndForm,
    RemedyForm,
    ReturnDeviceForm,
    ReviewForm,
    ScheduleHearingForm,
    ServeForm,
    SubmitReviewForm,
    TemplateUploadForm,
)
from fazhi.enforcement.models import Case, Closure, DecisionService, DocumentKind, Payment, PenaltyDecision
from fazhi.enforcement.rules import STAGE_LABELS, ReviewGrounds, Stage
from fazhi.ledger.selectors import verified_history

# The page of each step of the case table (enforcement.rules.STEPS) that is taken on a case.
STEP_PAGES = {
    "file": "enforcement:case-file",
    "decline": "enforcement:case-decline",
    "evidence": "enforcement:case-evidence",
    "investigate": "enforcement:case-investigate",
    "record": "enforcement:case-record",
    "close_investigation": "enforcement:case-close-investigation",
    "notice": "enforcement:case-notice",
    "defence": "enforcement:case-defence",
    "request_hearing": "enforcement:case-hearing-request",
    "schedule_hearing": "enforcement:case-hearing-schedule",
    "hold_hearing": "enforcement:case-hearing",
    "submit_review": "enforcement:case-submit-review",
    "review": "enforcement:case-review",
    "discussion": "enforcement:case-discussion",
    "decide": "enforcement:case-decide",
    "extend": "enforcement:case-extend",
    "serve": "enforcement:case-serve",
    "remedy": "enforcement:case-remedy",
    "remedy_end": "enforcement:case-remedy-end",
    "payment": "enforcement:case-payment",
    "demand": "enforcement:case-demand",
    "court": "enforcement:case-court",
    "record_with_agency": "enforcement:case-record-with-agency",
    "close": "enforcement:case-close",
    "archive": "enforcement:case-archive",
}


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
    context = {
        "case": case,
        "stage_label": STAGE_LABELS[stage],
        "steps": [
            {
                "label": option.label,
                "blocked_by": option.blocked_by,
                "url_name": STEP_PAGES[option.step.name] if option.allowed else "",
            }
            for option in selectors.next_steps(case, actor, today=today)
        ],
        "work": [
            {"label": option.label, "url_name": STEP_PAGES[option.step.name]}
            for option in selectors.work_steps(case, actor, today=today)
        ],
        "clock": selectors.case_clock(case, today=today),
        "timeline": selectors.timeline(case),
        "officers": case.officers.select_related("staff"),
        "evidence": case.evidence.select_related("captured_by", "device", "attachment__blob"),
        "records": case.records.prefetch_related("officers"),
        "decision": PenaltyDecision.objects.filter(case=case).select_related("number").first(),
        "service": DecisionService.objects.filter(case=case).first(),
        "payment": Payment.objects.filter(case=case).first(),
        "closure": Closure.objects.filter(case=case).first(),
        "remedies": case.remedies.all(),
        "archive_file": selectors.archive_file(case),
        "documents": documents.available(case),
        "history": verified_history(case),
        "today": today,
    }
    return render(request, "enforcement/case_detail.html", context)


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
        party = core_selectors.find_party(actor, data.pop("party"))
        power = selectors.access_power(actor, data.pop("power"))
        filed = services.file_case(actor, case, party=party, power=power, **data)
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
    return render(
        request, "enforcement/power_list.html", {"powers": selectors.powers_of(actor), "form": form}
    )


def fen(amount: Decimal | None) -> int:
    """Yuan as typed into a form, to the fen the services count in."""
    return int((amount or Decimal(0)) * 100)


def _step(
    request: HttpRequest,
    case_id: int,
    *,
    title: str,
    form_class: type[ServiceErrorsMixin],
    act: Callable[[Staff, Case, dict[str, Any]], str],
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """A case step: its form, one service call through `act`, back to the case page."""
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, case, data), redirect("enforcement:case-detail", case.pk)

    form = form_class(request.POST or None, initial=initial or {}, **(form_kwargs or {}))
    return form_page(request, form, title="%(step)s：%(case)s" % {"step": title, "case": case}, save=save)


@step_required(rules.STEPS["close_investigation"])
@require_http_methods(["GET", "POST"])
def case_close_investigation(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        grounds = ReviewGrounds(
            major_public_interest=data["review_public_interest"],
            major_rights_after_hearing=data["review_major_rights_after_hearing"],
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
            hearing_right=data["hearing_right"],
        )
        return "已调查终结。"

    return _step(request, case_id, title="调查终结", form_class=CloseInvestigationForm, act=act)


@step_required(rules.STEPS["notice"])
@require_http_methods(["GET", "POST"])
def case_notice(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        notice = services.issue_notice(
            actor,
            case,
            proposed_penalties=data["proposed_penalties"],
            proposed_fine_fen=fen(data["proposed_fine"]),
            facts=data["facts"],
            served_on=data["served_on"],
            statement_working_days=data["statement_working_days"],
        )
        if notice.statement_period_ends:
            return "已送达事先告知书；陈述申辩期限至 %(d)s。" % {
                "d": notice.statement_period_ends.isoformat()
            }
        return "已送达事先告知书。"

    initial = {"served_on": timezone.localdate(), "statement_working_days": 3}
    return _step(request, case_id, title="事先告知", form_class=NoticeForm, act=act, initial=initial)


@step_required(rules.STEPS["defence"])
@require_http_methods(["GET", "POST"])
def case_defence(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_defence(actor, case, statement=data["statement"], waived=data["waived"])
        return "已记录陈述申辩。"

    return _step(request, case_id, title="陈述申辩", form_class=DefenceForm, act=act)


@step_required(rules.STEPS["request_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing_request(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.request_hearing(actor, case, requested_on=data["requested_on"])
        return "已记录听证申请。"

    initial = {"requested_on": timezone.localdate()}
    return _step(request, case_id, title="听证申请", form_class=HearingRequestForm, act=act, initial=initial)


@step_required(rules.STEPS["hold_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = [(person.pk, person.full_name) for person in selectors.town_staff(actor)]
    case = selectors.access_case(actor, case_id)
    scheduled = case.hearings.filter(record_signed=False).first()
    initial = (
        {
            "chair": scheduled.chair_id,
            "notice_sent_on": scheduled.notice_sent_on,
            "held_on": scheduled.held_on,
            "place": scheduled.place,
        }
        if scheduled
        else {}
    )

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        chair = selectors.town_staff(actor).get(pk=data.pop("chair"))
        services.hold_hearing(actor, case, chair=chair, **data)
        return "已记录听证。"

    return _step(
        request,
        case_id,
        title="听证",
        form_class=HearingForm,
        act=act,
        initial=initial,
        form_kwargs={"people": people},
    )


@step_required(rules.STEPS["schedule_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing_schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = [(person.pk, person.full_name) for person in selectors.town_staff(actor)]

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        chair = selectors.town_staff(actor).get(pk=data.pop("chair"))
        hearing = services.schedule_hearing(actor, case, chair=chair, **data)
        return "已安排听证：%(d)s，%(p)s。可在案件页打印听证通知书。" % {
            "d": hearing.held_on.isoformat(),
            "p": hearing.place,
        }

    initial = {"notice_sent_on": timezone.localdate()}
    return _step(
        request,
        case_id,
        title="安排听证",
        form_class=ScheduleHearingForm,
        act=act,
        initial=initial,
        form_kwargs={"people": people},
    )


@step_required(rules.STEPS["submit_review"])
@require_http_methods(["GET", "POST"])
def case_submit_review(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.submit_legal_review(actor, case)
        return "已提交法制审核。"

    return _step(request, case_id, title="提交法制审核", form_class=SubmitReviewForm, act=act)


@step_required(rules.STEPS["review"])
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        review = services.review_case(actor, case, opinion=data["opinion"], reasons=data["reasons"])
        return "已出具法制审核意见：%(o)s。" % {"o": review.get_opinion_display()}

    return _step(request, case_id, title="法制审核", form_class=ReviewForm, act=act)


@step_required(rules.STEPS["discussion"])
@require_http_methods(["GET", "POST"])
def case_discussion(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_collective_discussion(actor, case, **data)
        return "已记录集体讨论。"

    initial = {"held_on": timezone.localdate()}
    return _step(request, case_id, title="集体讨论", form_class=DiscussionForm, act=act, initial=initial)


@step_required(rules.STEPS["decide"])
@require_http_methods(["GET", "POST"])
def case_decide(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        decision = services.decide(
            actor,
            case,
            penalties=data["penalties"],
            fine_fen=fen(data["fine"]),
            basis=data["basis"],
            overdue_reason=data["overdue_reason"],
        )
        return "已作出行政处罚决定，文号 %(n)s。" % {"n": decision.number.text}

    return _step(request, case_id, title="作出决定", form_class=DecideForm, act=act)


@step_required(rules.STEPS["extend"])
@require_http_methods(["GET", "POST"])
def case_extend(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        extension = services.extend_decision_period(actor, case, days=data["days"], reason=data["reason"])
        return "已批准延长办案期限至 %(d)s。" % {"d": extension.new_due.isoformat()}

    return _step(request, case_id, title="延长办案期限", form_class=ExtendForm, act=act)


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
    return _step(request, case_id, title="送达决定书", form_class=ServeForm, act=act, initial=initial)


@step_required(rules.STEPS["remedy"])
@require_http_methods(["GET", "POST"])
def case_remedy(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.start_remedy(actor, case, **data)
        return "已登记；复议或诉讼期间不计加处罚款，暂停执行。"

    initial = {"started_on": timezone.localdate()}
    return _step(request, case_id, title="登记复议或诉讼", form_class=RemedyForm, act=act, initial=initial)


@step_required(rules.STEPS["remedy_end"])
@require_http_methods(["GET", "POST"])
def case_remedy_end(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.end_remedy(actor, case, **data)
        return "已登记复议或诉讼结果。"

    initial = {"ended_on": timezone.localdate()}
    return _step(request, case_id, title="复议或诉讼结果", form_class=RemedyEndForm, act=act, initial=initial)


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
    initial = {"paid_on": today, "paid": (Decimal(fine + surcharge) / 100).quantize(Decimal("0.01"))}
    return _step(request, case_id, title="登记缴纳罚款", form_class=PaymentForm, act=act, initial=initial)


@step_required(rules.STEPS["demand"])
@require_http_methods(["GET", "POST"])
def case_demand(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        demand = services.issue_demand(actor, case, served_on=data["served_on"])
        return "已送达催告书；履行期限至 %(d)s。" % {"d": demand.wait_until.isoformat()}

    initial = {"served_on": timezone.localdate()}
    return _step(request, case_id, title="催告", form_class=DemandForm, act=act, initial=initial)


@step_required(rules.STEPS["court"])
@require_http_methods(["GET", "POST"])
def case_court(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.apply_to_court(actor, case, **data)
        return "已登记申请人民法院强制执行。"

    initial = {"applied_on": timezone.localdate()}
    return _step(request, case_id, title="申请强制执行", form_class=CourtForm, act=act, initial=initial)


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
    return _step(request, case_id, title="结案", form_class=CloseForm, act=act, initial=initial)


@step_required(rules.STEPS["record_with_agency"])
@require_http_methods(["GET", "POST"])
def case_record_with_agency(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_with_agency(actor, case)
        return "已备案。"

    return _step(request, case_id, title="简易程序备案", form_class=ConfirmForm, act=act)


@step_required(rules.STEPS["on_spot"])
@require_http_methods(["GET", "POST"])
def on_spot_create(request: HttpRequest) -> HttpResponse:
    """简易程序 on a phone: one form, then the case page with the decision and its clock."""
    actor = request_staff(request)
    today = timezone.localdate()
    powers = [(power.pk, str(power)) for power in selectors.powers_of(actor).filter(active=True)]
    people = [(person.pk, person.full_name) for person in selectors.team_of(actor).exclude(pk=actor.pk)]

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        party = core_selectors.find_party(actor, data.pop("party"))
        power = selectors.access_power(actor, data.pop("power"))
        co_officer = selectors.team_of(actor).get(pk=data.pop("co_officer"))
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
        evidence = services.add_evidence(
            actor,
            case,
            services.EvidenceInput(
                kind=data["kind"],
                description=data["description"],
                captured_by=captured_by,
                captured_at=data["captured_at"],
                place=data["place"],
                device=device,
            ),
            stored=stored,
        )
        return "已登记证据“%(d)s”。" % {"d": evidence.description}, redirect(
            "enforcement:case-detail", case.pk
        )

    initial = {"captured_by": actor.pk, "captured_at": timezone.localtime().replace(second=0, microsecond=0)}
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
    return _step(
        request,
        case_id,
        title="制作笔录",
        form_class=RecordForm,
        act=act,
        initial=initial,
        form_kwargs={"people": people},
    )


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


@step_required(rules.STEPS["archive"])
@require_http_methods(["GET", "POST"])
def case_archive(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        closure = services.archive_case(actor, case, archive_number=data["archive_number"])
        return "已归档，档案号 %(n)s；电子案卷 SHA-256 %(h)s。" % {
            "n": closure.archive_number,
            "h": closure.archive_sha256,
        }

    return _step(request, case_id, title="归档", form_class=ArchiveForm, act=act)


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
