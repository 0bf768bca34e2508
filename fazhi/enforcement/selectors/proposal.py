"""The proposal a reviewer reviews and a head decides: the facts found, the evidence, the penalty
proposed with its basis, what the party said, the hearing, the officers and their 执法证 — one read,
shown beside the 法制审核, 集体讨论 and 决定 forms, with a fingerprint of what was shown so that a
review is recorded against exactly that proposal (art. 58)."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from fazhi.core.models import Attachment, EnforcementCredential
from fazhi.core.money import yuan
from fazhi.enforcement import rules
from fazhi.enforcement.models import Case, Evidence, Hearing, InvestigationReport, LegalReview, Notice
from fazhi.enforcement.selectors.facts import acting_officers, case_circumstances, current_notice


@dataclass(frozen=True)
class OfficerLine:
    name: str
    credential: str
    credential_valid: bool


@dataclass(frozen=True)
class EvidenceLine:
    kind: str
    description: str
    captured_on: datetime.date
    officers: str
    attachment: Attachment | None


@dataclass(frozen=True)
class Proposal:
    report: InvestigationReport | None
    circumstances: list[str]
    notice: Notice | None
    kinds: list[str]
    fine: str
    confiscation: str
    power_name: str
    legal_basis: str
    evidence: list[EvidenceLine]
    hearings: list[Hearing]
    officers: list[OfficerLine]
    reviews: list[LegalReview]
    fingerprint: str


def _officers(case: Case, today: datetime.date) -> list[OfficerLine]:
    lines = []
    for officer in acting_officers(case):
        credential = EnforcementCredential.objects.filter(number=officer.credential_number).first()
        lines.append(
            OfficerLine(
                name=officer.staff.full_name,
                credential=officer.credential_number or "未登记",
                credential_valid=bool(credential and credential.is_valid_on(today)),
            )
        )
    return lines


def _evidence(case: Case) -> list[EvidenceLine]:
    rows = Evidence.objects.filter(case=case).select_related("attachment").prefetch_related("officers")
    return [
        EvidenceLine(
            kind=item.get_kind_display(),
            description=item.description,
            captured_on=item.captured_at.date(),
            officers="、".join(person.full_name for person in item.officers.all()) or "未登记",
            attachment=item.attachment,
        )
        for item in rows.order_by("captured_at", "id")
    ]


def fingerprint(case: Case) -> str:
    """What a reviewer saw, as a SHA-256 over the proposal's content: a later change to the findings,
    the notice or the evidence makes a review posted from the old page a review of something else."""
    report = InvestigationReport.objects.filter(case=case).first()
    notice = current_notice(case)
    content = {
        "findings": report.findings if report else "",
        "outcome": report.outcome if report else "",
        "circumstances": sorted(case_circumstances(case, recorded=report.circumstances if report else [])),
        "notice": notice.pk if notice else None,
        "kinds": list(notice.penalty_kinds) if notice else [],
        "penalties": notice.proposed_penalties if notice else "",
        "fine_fen": notice.proposed_fine_fen if notice else 0,
        "confiscation_fen": notice.proposed_confiscation_fen if notice else 0,
        "facts": notice.facts if notice else "",
        "statement": notice.statement if notice else "",
        "evidence": sorted(Evidence.objects.filter(case=case).values_list("pk", flat=True)),
        "hearings": sorted(case.hearings.filter(record_signed=True).values_list("pk", flat=True)),
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def proposal_of(case: Case, *, today: datetime.date) -> Proposal:
    report = InvestigationReport.objects.filter(case=case).first()
    notice = current_notice(case)
    kinds = [rules.PenaltyKind(kind).label for kind in notice.penalty_kinds] if notice else []
    return Proposal(
        report=report,
        circumstances=[
            rules.Circumstance(c).label
            for c in case_circumstances(case, recorded=report.circumstances if report else [])
        ],
        notice=notice,
        kinds=kinds,
        fine=yuan(notice.proposed_fine_fen) if notice and notice.proposed_fine_fen else "",
        confiscation=yuan(notice.proposed_confiscation_fen)
        if notice and notice.proposed_confiscation_fen
        else "",
        power_name=case.power.name if case.power else "",
        legal_basis=case.power.legal_basis if case.power else "",
        evidence=_evidence(case),
        hearings=list(case.hearings.select_related("chair").order_by("held_on", "id")),
        officers=_officers(case, today),
        reviews=list(case.legal_reviews.select_related("reviewer").order_by("-id")),
        fingerprint=fingerprint(case),
    )
