"""From 告知 to 决定: the notice, the party's statement and hearing, 法制审核, 集体讨论, the decision and the extension
of its period."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.access import request_staff, step_required
from fazhi.core.errors import Remedy
from fazhi.core.models import Staff
from fazhi.core.pages import remedy_link
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.forms import (
    DecideForm,
    DefenceForm,
    DiscussionForm,
    ExtendForm,
    HearingForm,
    HearingRequestForm,
    HearingWaiverForm,
    NoticeForm,
    ReviewForm,
    ScheduleHearingForm,
    SubmitReviewForm,
)
from fazhi.enforcement.models import Case
from fazhi.enforcement.views.common import fen, step_page, yuan_amount


@step_required(rules.STEPS["notice"])
@require_http_methods(["GET", "POST"])
def case_notice(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        notice = services.issue_notice(
            actor,
            case,
            proposed_penalties=data["proposed_penalties"],
            penalty_kinds=data["penalty_kinds"],
            proposed_fine_fen=fen(data["proposed_fine"]),
            proposed_confiscation_fen=fen(data["proposed_confiscation"]),
            facts=data["facts"],
            served_on=data["served_on"],
            statement_working_days=data["statement_working_days"],
        )
        said = ["已送达事先告知书"]
        if notice.statement_period_ends:
            said.append("陈述申辩期限至 %(d)s" % {"d": notice.statement_period_ends.isoformat()})
        if notice.hearing_right:
            said.append("当事人有权要求听证：%(g)s" % {"g": notice.hearing_right_grounds})
        return "；".join(said) + "。"

    initial = {"served_on": timezone.localdate(), "statement_working_days": 3}
    case = selectors.access_case(request_staff(request), case_id)
    standard = selectors.large_amount_standard(case.organisation, timezone.localdate())
    # Without the province's 较大数额 the hearing right is judged by a default: say so, and where to set it.
    warning = (
        {
            "text": standard.source,
            "remedy": remedy_link(request, Remedy("enforcement:power-list", "赋权事项（较大数额标准）")),
        }
        if standard == rules.DEFAULT_LARGE_AMOUNT
        else None
    )
    return step_page(
        request,
        case_id,
        title="事先告知",
        form_class=NoticeForm,
        act=act,
        initial=initial,
        extra_context={"warning": warning},
    )


@step_required(rules.STEPS["defence"])
@require_http_methods(["GET", "POST"])
def case_defence(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_defence(actor, case, statement=data["statement"], waived=data["waived"])
        return "已记录陈述申辩。"

    return step_page(request, case_id, title="陈述申辩", form_class=DefenceForm, act=act)


@step_required(rules.STEPS["request_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing_request(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.request_hearing(actor, case, requested_on=data["requested_on"])
        return "已记录听证申请。"

    initial = {"requested_on": timezone.localdate()}
    return step_page(
        request, case_id, title="听证申请", form_class=HearingRequestForm, act=act, initial=initial
    )


@step_required(rules.STEPS["end_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing_waiver(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        notice = services.end_hearing(actor, case, waived_on=data["waived_on"], waiver=data["waiver"])
        return "听证终止：%(w)s；不再等待听证即可继续办理。" % {"w": notice.get_hearing_waiver_display()}

    initial = {"waived_on": timezone.localdate()}
    return step_page(
        request, case_id, title="听证终止", form_class=HearingWaiverForm, act=act, initial=initial
    )


@step_required(rules.STEPS["hold_hearing"])
@require_http_methods(["GET", "POST"])
def case_hearing(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = [(person.pk, person.full_name) for person in selectors.town_staff(actor)]
    case = selectors.access_case(actor, case_id)
    # The hearing scheduled on the notice in force, as it was arranged (a closed one stays closed).
    scheduled = (
        selectors.hearings_on_current_notice(case, selectors.current_notice(case))
        .filter(record_signed=False)
        .first()
    )
    initial = (
        {
            "chair": scheduled.chair_id,
            "notice_sent_on": scheduled.notice_sent_on,
            "held_on": scheduled.held_on,
            "place": scheduled.place,
            "public": scheduled.public,
            "closed_reason": scheduled.closed_reason,
        }
        if scheduled
        else {"public": True}
    )

    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        chair = selectors.town_staff(actor).get(pk=data.pop("chair"))
        services.hold_hearing(actor, case, chair=chair, **data)
        return "已记录听证。"

    return step_page(
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
    return step_page(
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

    return step_page(request, case_id, title="提交法制审核", form_class=SubmitReviewForm, act=act)


@step_required(rules.STEPS["review"])
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        review = services.review_case(
            actor,
            case,
            opinion=data["opinion"],
            reasons=data["reasons"],
            proposal_sha256=data["proposal_sha256"],
        )
        return "已出具法制审核意见：%(o)s。" % {"o": review.get_opinion_display()}

    case = selectors.access_case(request_staff(request), case_id)
    return step_page(
        request,
        case_id,
        title="法制审核",
        form_class=ReviewForm,
        act=act,
        initial={"proposal_sha256": selectors.fingerprint(case)},
        with_proposal=True,
    )


@step_required(rules.STEPS["discussion"])
@require_http_methods(["GET", "POST"])
def case_discussion(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        services.record_collective_discussion(actor, case, **data)
        return "已记录集体讨论。"

    initial = {"held_on": timezone.localdate()}
    return step_page(
        request,
        case_id,
        title="集体讨论",
        form_class=DiscussionForm,
        act=act,
        initial=initial,
        with_proposal=True,
    )


@step_required(rules.STEPS["decide"])
@require_http_methods(["GET", "POST"])
def case_decide(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        decision = services.decide(
            actor,
            case,
            services.DecisionInput(
                penalty_kinds=data["penalty_kinds"],
                penalties=data["penalties"],
                fine_fen=fen(data["fine"]),
                confiscation_fen=fen(data["confiscation"]),
                basis=data["basis"],
                mitigation=data["mitigation"],
                discretion_reasons=data["discretion_reasons"],
                education=data["education"],
                distinct_act_reason=data["distinct_act_reason"],
                overdue_reason=data["overdue_reason"],
            ),
        )
        kind = "行政处罚决定" if decision.penalty_kinds else "不予行政处罚决定"
        return "已作出%(k)s，文号 %(n)s。" % {"k": kind, "n": decision.number.text}

    case = selectors.access_case(request_staff(request), case_id)
    notice = selectors.current_notice(case)
    # The head decides on what was notified and reviewed: the form starts from the notice (art. 45)
    # and the legal basis of the power the case was filed under.
    initial: dict[str, Any] = {"basis": case.power.legal_basis} if case.power else {}
    if notice:
        initial |= {
            "penalty_kinds": notice.penalty_kinds,
            "penalties": notice.proposed_penalties,
            "fine": yuan_amount(notice.proposed_fine_fen),
            "confiscation": yuan_amount(notice.proposed_confiscation_fen),
        }
    circumstances = [rules.Circumstance(c).label for c in selectors.case_circumstances(case)]
    return step_page(
        request,
        case_id,
        title="作出决定",
        form_class=DecideForm,
        act=act,
        initial=initial,
        form_kwargs={"circumstances": circumstances},
        with_proposal=True,
    )


@step_required(rules.STEPS["extend"])
@require_http_methods(["GET", "POST"])
def case_extend(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(actor: Staff, case: Case, data: dict[str, Any]) -> str:
        extension = services.extend_decision_period(actor, case, days=data["days"], reason=data["reason"])
        return "已批准延长办案期限至 %(d)s。" % {"d": extension.new_due.isoformat()}

    return step_page(request, case_id, title="延长办案期限", form_class=ExtendForm, act=act)
