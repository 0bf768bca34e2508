"""The 信访工作条例 (国务院, in force 2022-05-01) as data: its periods in calendar days, each with its
article (DOMAIN §4 rows 35–42)."""

from __future__ import annotations

import datetime
from typing import Protocol

from fazhi.core.errors import PermissionDenied, RuleViolation
from fazhi.core.periods import DayKind, PeriodRule
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.petitions.models import PetitionStatus

LAW = "信访工作条例"
GROUP_VISIT_CITATION = f"{LAW} 第二十条"
ACCEPTANCE_CITATION = f"{LAW} 第二十三条"
OPINION_CITATION = f"{LAW} 第三十二条"
HANDLING_CITATION = f"{LAW} 第三十四条"
REVIEW_CITATION = f"{LAW} 第三十五条"
RE_REVIEW_CITATION = f"{LAW} 第三十六条"

# 多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过5人。
MAX_VISIT_REPRESENTATIVES = 5
# 延长期限不得超过30日.
MAX_EXTENSION_DAYS = 30
# An open matter is flagged as due soon this many days before its period ends (a local choice).
WARNING_DAYS = 5
OPINION_SERIES_KEY = "petition-opinion"

ACCEPTANCE_NOTICE = PeriodRule("acceptance_notice", "告知是否受理", 15, DayKind.CALENDAR, ACCEPTANCE_CITATION)
HANDLING = PeriodRule("handling", "信访事项办结", 60, DayKind.CALENDAR, HANDLING_CITATION)
REVIEW_REQUEST = PeriodRule("review_request", "请求复查", 30, DayKind.CALENDAR, REVIEW_CITATION)
REVIEW_ANSWER = PeriodRule("review_answer", "提出复查意见", 30, DayKind.CALENDAR, REVIEW_CITATION)
RE_REVIEW_REQUEST = PeriodRule("re_review_request", "请求复核", 30, DayKind.CALENDAR, RE_REVIEW_CITATION)


def extended_handling(days: int) -> PeriodRule:
    """The 60 days and the approved extension, both counted from acceptance: the extension runs on from
    the 60th day itself, not from a due date moved past a holiday."""
    return PeriodRule("extended_handling", "延长后的办理期限", 60 + days, DayKind.CALENDAR, HANDLING_CITATION)


def re_review_answer(hearing_days: int) -> PeriodRule:
    """听证所需时间不计算在前款规定的期限内: the hearing's days are added to the 30."""
    return PeriodRule(
        "re_review_answer", "提出复核意见", 30 + hearing_days, DayKind.CALENDAR, RE_REVIEW_CITATION
    )


DECISION_TEXTS = {
    "support": "你（们）的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。",
    "explain": "你（们）的请求事由合理但缺乏法律依据，现作出解释说明。",
    "reject": "你（们）的请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，不予支持。",
}


def check_visit_representatives(*, visit: bool, representatives: int) -> None:
    if visit and representatives > MAX_VISIT_REPRESENTATIVES:
        raise RuleViolation(
            "多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过5人；本次登记了 %(n)d 名代表。"
            % {"n": representatives},
            citation=GROUP_VISIT_CITATION,
        )


def check_notice_time(
    *, received_on: datetime.date, notice_due_on: datetime.date, notice_on: datetime.date
) -> None:
    """第二十三条: whether the matter is accepted is told in writing within 15 days of receipt."""
    if notice_on > notice_due_on:
        raise RuleViolation(
            "应当自收到信访事项之日起15日内书面告知信访人是否受理：本事项 %(r)s 收到，告知期限至 %(d)s，"
            "%(n)s 的告知已超过期限。"
            % {"r": received_on.isoformat(), "d": notice_due_on.isoformat(), "n": notice_on.isoformat()},
            citation=ACCEPTANCE_CITATION,
        )


def check_not_re_reviewed(*, re_reviewed: bool, tracking_number: str) -> None:
    """第三十六条: a matter answered on 复核 is not accepted again on the same facts and reasons."""
    if re_reviewed:
        raise RuleViolation(
            "同一信访事项（查询码 %(t)s）已经复核，信访人仍以同一事实和理由提出投诉请求的，不再受理。"
            % {"t": tracking_number},
            citation=RE_REVIEW_CITATION,
        )


def check_extension(
    *, days: int, approved_on: datetime.date, handling_due_on: datetime.date, today: datetime.date
) -> None:
    """第三十四条: by at most 30 days, approved — and recorded — before the 60 days run out: a period that
    has run out is not extended afterwards, whatever day the approval is said to bear."""
    if days > MAX_EXTENSION_DAYS:
        raise RuleViolation(
            "延长办理期限不得超过30日，申请延长 %(n)d 日。" % {"n": days}, citation=HANDLING_CITATION
        )
    if approved_on > handling_due_on:
        raise RuleViolation(
            "办理期限已于 %(d)s 届满，%(a)s 不能再批准延期。"
            % {"d": handling_due_on.isoformat(), "a": approved_on.isoformat()},
            citation=HANDLING_CITATION,
        )
    if today > handling_due_on:
        raise RuleViolation(
            "办理期限已于 %(d)s 届满：延期须在期限届满前批准并登记，不能事后延长。"
            % {"d": handling_due_on.isoformat()},
            citation=HANDLING_CITATION,
        )


def check_request_time(
    *,
    level: str,
    answer: str,
    served_on: datetime.date,
    due: datetime.date,
    requested_on: datetime.date,
    citation: str,
) -> None:
    """第三十五条、第三十六条: 复查 or 复核 is asked for within 30 days of the written answer."""
    if requested_on > due:
        raise RuleViolation(
            "信访人应当自收到书面答复之日起30日内请求%(l)s：%(a)s于 %(s)s 送达，期限至 %(d)s，%(r)s 提出的请求已超过期限。"
            % {
                "l": level,
                "a": answer,
                "s": served_on.isoformat(),
                "d": due.isoformat(),
                "r": requested_on.isoformat(),
            },
            citation=citation,
        )


def may_record_contact(*, holds_petition_role: bool, in_charge: bool) -> bool:
    """A contact with the petitioners is recorded by the petition staff (the roles of every petition
    step), or by whoever made it for a key matter: its leader in charge or a member of its 工作专班, of
    whatever role."""
    return holds_petition_role or in_charge


def check_contact_recorder(*, holds_petition_role: bool, in_charge: bool) -> None:
    if not may_record_contact(holds_petition_role=holds_petition_role, in_charge=in_charge):
        raise PermissionDenied(
            "只有信访工作人员、负责人、管理员，或者该重点信访事项的包案领导、工作专班成员可以登记与信访人的沟通情况。"
        )


def check_contact_in_handling(
    contacted_on: datetime.date,
    *,
    concluded_on: datetime.date | None,
    declined_notice_on: datetime.date | None,
) -> None:
    """A contact recorded for a matter was made while the town handled it: up to the 处理意见书 that
    concluded it (第三十二条、第三十四条) or, for a matter not accepted, up to the written notice that
    said so (第二十三条). What happens after belongs to a 复查 or 复核, or to a new registration."""
    if concluded_on is not None and contacted_on > concluded_on:
        raise RuleViolation(
            "沟通日期（%(d)s）不能晚于该信访事项的办结日期（%(c)s）：出具信访处理意见书后事项已办结。"
            % {"d": contacted_on.isoformat(), "c": concluded_on.isoformat()},
            citation=HANDLING_CITATION,
        )
    if declined_notice_on is not None and contacted_on > declined_notice_on:
        raise RuleViolation(
            "沟通日期（%(d)s）不能晚于书面告知不予受理的日期（%(c)s）。"
            % {"d": contacted_on.isoformat(), "c": declined_notice_on.isoformat()},
            citation=ACCEPTANCE_CITATION,
        )


# ------------------------------------------------------------------------------------- the step table


class PetitionFacts(HasStatus, Protocol):
    """What the gates read about a petition (petitions.selectors.PetitionRowFacts)."""

    @property
    def decided_on(self) -> str: ...
    @property
    def extension(self) -> tuple[datetime.date, int] | None: ...


def gate_not_extended(facts: PetitionFacts) -> None:
    """第三十四条: the period is extended once."""
    if facts.extension is not None:
        approved_on, days = facts.extension
        raise RuleViolation(
            "办理期限只能延长一次：本事项已于 %(d)s 批准延长 %(n)d 日。"
            % {"d": approved_on.isoformat(), "n": days},
            citation=HANDLING_CITATION,
        )


def gate_not_re_reviewed(facts: PetitionFacts) -> None:
    if facts.status == PetitionStatus.RE_REVIEWED:
        raise RuleViolation(
            "该信访事项已经复核，信访人仍以同一事实和理由提出投诉请求的，不再受理。",
            citation=RE_REVIEW_CITATION,
        )


STAFF_ROLES = (Role.PETITION_STAFF, Role.ADMIN, Role.HEAD)
# A key matter's 工作专班 is drawn from all the town's staff (mark_key_matter): the contact step is open
# to every town role, and check_contact_recorder narrows it to the petition staff and the matter's own.
CONTACT_ROLES = (
    *STAFF_ROLES,
    Role.OFFICER,
    Role.AUXILIARY,
    Role.LEGAL_REVIEWER,
    Role.LEGAL_COUNSEL,
    Role.MEDIATOR,
)
_UNDECIDED = frozenset({PetitionStatus.RECEIVED})
_DECIDED = Refusal("该信访事项已于 %(decided_on)s 作出受理决定。", ACCEPTANCE_CITATION)
_HANDLING = frozenset({PetitionStatus.ACCEPTED})


def _request_step(name: str, label: str, before: PetitionStatus, citation: str) -> StatusStep[PetitionFacts]:
    """复查 and 复核 are asked for after the answer before them; after 复核 nothing more is (第三十六条)."""
    return StatusStep(
        name=name,
        label=label,
        roles=STAFF_ROLES,
        within=frozenset({before, PetitionStatus.RE_REVIEWED}),
        elsewhere=Refusal("该信访事项当前为“%(status)s”，不能" + label + "。", citation),
        gates=(gate_not_re_reviewed,),
        show_blocked=False,
    )


STEPS: Steps[StatusStep[PetitionFacts]] = Steps(
    StatusStep(name="register", label="登记信访事项", roles=STAFF_ROLES),
    StatusStep(name="accept", label="受理", roles=STAFF_ROLES, within=_UNDECIDED, elsewhere=_DECIDED),
    StatusStep(name="decline", label="不予受理", roles=STAFF_ROLES, within=_UNDECIDED, elsewhere=_DECIDED),
    StatusStep(
        name="extend",
        label="延长办理期限",
        roles=(Role.HEAD,),
        within=_HANDLING,
        elsewhere=Refusal("只有已受理、正在办理的信访事项可以延长办理期限。", HANDLING_CITATION),
        gates=(gate_not_extended,),
        show_blocked=False,
    ),
    StatusStep(
        name="opinion",
        label="出具处理意见书",
        roles=STAFF_ROLES,
        within=_HANDLING,
        elsewhere=Refusal("只有已受理、正在办理的信访事项可以出具处理意见书。", OPINION_CITATION),
    ),
    StatusStep(
        name="mark_key",
        label="列为重点信访事项",
        roles=STAFF_ROLES,
        within=_HANDLING,
        elsewhere=Refusal("只有已受理、正在办理的信访事项可以列为重点信访事项。", HANDLING_CITATION),
    ),
    # Recorded in any status, for a contact made while the matter was handled (check_contact_in_handling).
    StatusStep(name="contact", label="登记与信访人沟通情况", roles=CONTACT_ROLES),
    _request_step("request_review", "请求复查", PetitionStatus.CONCLUDED, REVIEW_CITATION),
    StatusStep(
        name="review_opinion",
        label="出具复查意见",
        roles=STAFF_ROLES,
        within=frozenset({PetitionStatus.REVIEW}),
        elsewhere=Refusal("该信访事项没有待答复的复查请求。", REVIEW_CITATION),
    ),
    _request_step("request_re_review", "请求复核", PetitionStatus.REVIEWED, RE_REVIEW_CITATION),
    StatusStep(
        name="re_review_opinion",
        label="出具复核意见",
        roles=STAFF_ROLES,
        within=frozenset({PetitionStatus.RE_REVIEW}),
        elsewhere=Refusal("该信访事项没有待答复的复核请求。", RE_REVIEW_CITATION),
    ),
)
