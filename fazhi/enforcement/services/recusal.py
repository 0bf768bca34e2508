"""回避 (art. 43): an officer's withdrawal from a case, asked by the party or by the officer, decided by
the head. The investigation goes on until the decision (para. 3); a granted request withdraws the
officer, who then takes no further part in the case."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import rules as core_rules
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.enforcement import rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import Case, CaseOfficer, Recusal, RecusalRequester
from fazhi.enforcement.services.common import as_case_investigators, credential_on, require_town_staff, take
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@transaction.atomic(durable=True)
def request_recusal(
    actor: Staff,
    case: Case,
    *,
    staff: Staff,
    requested_by: str,
    reason: str,
    requested_on: datetime.date,
) -> Recusal:
    """Record a request that `staff` withdraw: the party's (art. 43 para. 2) or the officer's own
    (para. 1). It blocks nothing until the head decides (para. 3)."""
    case = take(actor, case, "request_recusal")
    require_town_staff(staff, case.organisation)
    errors: dict[str, str] = {}
    if requested_by not in RecusalRequester.values:
        errors["requested_by"] = "请选择由当事人申请或执法人员自行回避。"
    if not reason.strip():
        errors["reason"] = "请写明申请回避的理由（与案件有直接利害关系或者有其他关系可能影响公正执法）。"
    if errors:
        raise InvalidInput(
            "回避申请有误，请按提示修改。", field_errors=errors, citation=rules.RECUSAL_CITATION
        )
    officer = CaseOfficer.objects.filter(case=case, staff=staff).first()
    rules.check_recusal_request(
        name=staff.full_name,
        acting=officer is not None and officer.withdrawn_on is None,
        pending=case.recusals.filter(staff=staff, decided_on__isnull=True).exists(),
        own=actor.pk == staff.pk,
        by_self=requested_by == RecusalRequester.SELF,
    )
    assert officer is not None
    core_rules.check_dates_in_order(
        requested_on,
        what="回避申请日期",
        after=[(case.filed_on, "立案日期"), (officer.assigned_on, "该执法人员参与本案日期")],
        today=timezone.localdate(),
        citation=rules.RECUSAL_CITATION,
    )
    recusal = Recusal.objects.create(
        case=case,
        staff=staff,
        requested_by=requested_by,
        reason=reason.strip(),
        requested_on=requested_on,
        recorded_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.RECUSAL_REQUESTED,
        case,
        {
            "recusal": recusal.pk,
            "staff": staff.pk,
            "requested_by": requested_by,
            "requested_on": requested_on.isoformat(),
            "reason_sha256": sha256_hex(recusal.reason),
        },
        organisation=case.organisation,
    )
    return recusal


@transaction.atomic(durable=True)
def decide_recusal(
    actor: Staff,
    case: Case,
    recusal: Recusal,
    *,
    granted: bool,
    decision_reason: str,
    replacement: Staff | None = None,
) -> Recusal:
    """The head decides (art. 43 para. 3). Granted: the officer is withdrawn from the case (kept on
    its record, with the day), and the head may name another officer in their place."""
    case = take(actor, case, "decide_recusal")
    locked = Recusal.objects.select_for_update().filter(pk=recusal.pk, case=case).first()
    if locked is None:
        raise NotFoundOrHidden()
    recusal = locked
    rules.check_recusal_decision(decided=recusal.decided_on is not None)
    errors: dict[str, str] = {}
    if not decision_reason.strip():
        errors["decision_reason"] = "请写明决定的理由。"
    if replacement is not None and not granted:
        errors["replacement"] = "不准予回避的，无须指派其他执法人员。"
    if errors:
        raise InvalidInput(
            "回避决定有误，请按提示修改。", field_errors=errors, citation=rules.RECUSAL_CITATION
        )
    today = timezone.localdate()
    if granted:
        CaseOfficer.objects.filter(case=case, staff_id=recusal.staff_id).update(withdrawn_on=today)
    if replacement is not None:
        _assign_replacement(case, replacement, today)
    recusal.decided_by = actor
    recusal.decided_on = today
    recusal.granted = granted
    recusal.decision_reason = decision_reason.strip()
    recusal.save(update_fields=["decided_by", "decided_on", "granted", "decision_reason"])
    ledger.record(
        actor,
        EnforcementEvent.RECUSAL_DECIDED,
        case,
        {
            "recusal": recusal.pk,
            "staff": recusal.staff_id,
            "granted": granted,
            "decided_on": today.isoformat(),
            "replacement": replacement.pk if replacement else None,
            "reason_sha256": sha256_hex(recusal.decision_reason),
        },
        organisation=case.organisation,
    )
    return recusal


def _assign_replacement(case: Case, person: Staff, today: datetime.date) -> None:
    """The officer named in the withdrawn one's place: the case's acting team with them must still meet
    art. 42, and one withdrawn earlier is not named again (art. 43)."""
    require_town_staff(person, case.organisation)
    acting = [
        officer.staff for officer in case.officers.select_related("staff") if officer.withdrawn_on is None
    ]
    if person in acting:
        raise InvalidInput(
            "指派有误。",
            field_errors={"replacement": "%(name)s 已是本案执法人员。" % {"name": person.full_name}},
        )
    rules.check_investigators(as_case_investigators(case, [*acting, person], today, assigning=True))
    CaseOfficer.objects.create(
        case=case, staff=person, credential_number=credential_on(person, today), assigned_on=today
    )
