"""The gates from the lead to the decision: limitation (art. 36), investigators (arts. 42, 43), the
decision's prerequisites (arts. 44, 45, 57, 58, 62–65)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from fazhi.core.errors import Remedy, RuleViolation
from fazhi.core.periods import add_years
from fazhi.enforcement.rules.penalties import (
    InvestigationOutcome,
    check_no_heavier,
    check_no_penalty_decision,
)
from fazhi.enforcement.rules.periods import HEARING_REQUEST, hearing_must_start_no_earlier_than
from fazhi.enforcement.rules.procedure import LAW


def limitation_ends(act_ended_on: datetime.date, *, endangers_life_health_or_finance: bool) -> datetime.date:
    """Art. 36: two years from the act (or the end of a continuing act); five where the act endangers
    life, health or financial security and caused harm."""
    return add_years(act_ended_on, 5 if endangers_life_health_or_finance else 2)


def check_limitation(
    act_ended_on: datetime.date, found_on: datetime.date, *, endangers_life_health_or_finance: bool
) -> None:
    """Art. 36 asks whether the act was found within the period ("在二年内未被发现的"), not whether the
    case was filed within it: a lead received in time may be filed later."""
    ends = limitation_ends(act_ended_on, endangers_life_health_or_finance=endangers_life_health_or_finance)
    if found_on > ends:
        raise RuleViolation(
            "违法行为在%(years)d年内（至 %(ends)s）未被发现（%(found)s 才收到线索），不再给予行政处罚，不能立案。"
            % {
                "years": 5 if endangers_life_health_or_finance else 2,
                "ends": ends.isoformat(),
                "found": found_on.isoformat(),
            },
            citation=f"{LAW} 第三十六条",
        )


def check_power_held(*, held: bool) -> None:
    """Art. 24: a town exercises only the powers delegated to it and published."""
    if not held:
        raise RuleViolation(
            "该事项不在本镇（街道）承接并公布的赋权事项范围内，不能据此立案或处罚。",
            citation=f"{LAW} 第二十四条",
        )


@dataclass(frozen=True)
class Investigator:
    name: str
    is_auxiliary: bool
    has_valid_credential: bool  # EnforcementCredential.is_valid_on(the day of the act)
    recused: bool = False
    # False for someone not among the case's acting officers, where the case has officers assigned:
    # an act of investigation is done by the officers of the case.
    acting: bool = True


def check_investigators(investigators: Sequence[Investigator]) -> None:
    """Art. 42: at least two officers with enforcement credentials, of the case where it has officers;
    auxiliary staff never count. Art. 43: a recused officer does not act."""
    recused = [person.name for person in investigators if person.recused]
    if recused:
        raise RuleViolation(
            "%(names)s 已回避，不能参与调查。" % {"names": "、".join(recused)}, citation=f"{LAW} 第四十三条"
        )
    outsiders = [person.name for person in investigators if not person.acting and not person.is_auxiliary]
    if outsiders:
        raise RuleViolation(
            "%(names)s 不是本案在办的执法人员，不能参与本案调查取证；须增加执法人员的，由负责人指派。"
            % {"names": "、".join(outsiders)},
            citation=f"{LAW} 第四十二条",
        )
    qualified = [
        person for person in investigators if not person.is_auxiliary and person.has_valid_credential
    ]
    if len(qualified) < 2:
        without = [
            person.name for person in investigators if person.is_auxiliary or not person.has_valid_credential
        ]
        detail = (
            "（%(names)s 不计入：辅助执法人员或执法证当日无效）" % {"names": "、".join(without)}
            if without
            else ""
        )
        raise RuleViolation(
            "调查取证须由两名以上持有当日有效执法证的执法人员进行，现有 %(n)d 名%(detail)s。"
            % {"n": len(qualified), "detail": detail},
            citation=f"{LAW} 第四十二条",
            remedy=Remedy("core:staff-list", "人员管理（登记执法证）"),
        )


@dataclass(frozen=True)
class ReviewGrounds:
    """Art. 58(1)–(4): when a decision needs 法制审核 first."""

    major_public_interest: bool = False
    major_rights_after_hearing: bool = False
    complex_multiple_legal_relations: bool = False
    required_by_other_law: bool = False

    @property
    def required(self) -> bool:
        return (
            self.major_public_interest
            or self.major_rights_after_hearing
            or self.complex_multiple_legal_relations
            or self.required_by_other_law
        )


class ReviewOpinion(StrEnum):
    AGREED = "agreed"  # 同意
    PROBLEMS = "problems"  # 存在问题: back to the unit, may be resubmitted


@dataclass(frozen=True)
class DecisionFacts:
    notice_served_on: datetime.date | None
    defence_waived: bool
    statement_period_ends: datetime.date | None  # configurable locally; None where none applies
    hearing_requested: bool
    hearing_closed: bool
    review_grounds: ReviewGrounds
    latest_review: ReviewOpinion | None
    reviewer_qualified: bool
    major_or_complex: bool
    collective_discussion_recorded: bool
    notified_fine_fen: int
    decided_fine_fen: int
    hearing_right: bool = False
    hearing_request_period_ends: datetime.date | None = None
    review_of_current_notice: bool = True
    outcome: str | None = None  # InvestigationReport.outcome; None before the investigation ended
    notified_kinds: tuple[str, ...] = ()
    decided_kinds: tuple[str, ...] = ()
    education: str | None = None  # None until the decide form is filled in
    circumstances: tuple[str, ...] = ()  # of arts. 30–33, the party's age included
    notified_confiscation_fen: int = 0
    decided_confiscation_fen: int = 0


def check_decision(facts: DecisionFacts, *, today: datetime.date) -> None:
    """The gates on a decision (DOMAIN.md §3.3, D1–D5, art. 45's no-heavier rule, and the decision types
    art. 57 allows after the investigation's outcome)."""
    if facts.outcome is not None and facts.outcome != InvestigationOutcome.PENALTY:
        check_no_penalty_decision(
            outcome=facts.outcome,
            kinds=facts.decided_kinds,
            fine_fen=facts.decided_fine_fen + facts.decided_confiscation_fen,
            circumstances=facts.circumstances,
            education=facts.education,
        )
        return
    if facts.notice_served_on is None:
        raise RuleViolation(
            "作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证等权利。",
            citation=f"{LAW} 第四十四条、第六十二条",
        )
    if (
        not facts.defence_waived
        and facts.statement_period_ends is not None
        and today <= facts.statement_period_ends
    ):
        raise RuleViolation(
            "当事人陈述、申辩期限至 %(ends)s 届满，期满或当事人明确放弃前不能作出决定。"
            % {"ends": facts.statement_period_ends.isoformat()},
            citation=f"{LAW} 第四十四条、第四十五条",
        )
    if (
        facts.hearing_right
        and not facts.hearing_requested
        and facts.hearing_request_period_ends is not None
        and today <= facts.hearing_request_period_ends
    ):
        raise RuleViolation(
            "当事人有权要求听证，要求听证的期限至 %(ends)s 届满，期满前不能作出决定；放弃陈述、申辩不等于放弃听证。"
            % {"ends": facts.hearing_request_period_ends.isoformat()},
            citation=f"{LAW} 第六十三条、第六十四条第一项",
        )
    if facts.hearing_requested and not facts.hearing_closed:
        raise RuleViolation(
            "当事人已要求听证，听证结束（或当事人放弃、无正当理由缺席）前不能作出决定。",
            citation=f"{LAW} 第六十四条、第六十五条",
        )
    if facts.review_grounds.required:
        if facts.latest_review is None:
            raise RuleViolation(
                "本案属于须经法制审核的情形，未经法制审核或者审核未通过的，不得作出决定。",
                citation=f"{LAW} 第五十八条",
            )
        if facts.latest_review != ReviewOpinion.AGREED:
            raise RuleViolation(
                "法制审核意见为“存在问题”，须按意见修改后重新提交审核，审核通过前不得作出决定。",
                citation=f"{LAW} 第五十八条",
            )
        if not facts.review_of_current_notice:
            raise RuleViolation(
                "法制审核同意的是此前告知的拟处罚决定；此后已重新告知，须就现在告知的拟处罚决定重新提交法制审核。",
                citation=f"{LAW} 第五十八条",
            )
        if not facts.reviewer_qualified:
            raise RuleViolation(
                "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格；本次审核人员未登记法律职业资格。",
                citation=f"{LAW} 第五十八条第二款",
            )
    if facts.major_or_complex and not facts.collective_discussion_recorded:
        raise RuleViolation(
            "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定；尚无集体讨论记录。",
            citation=f"{LAW} 第五十七条第二款",
        )
    check_no_heavier(
        notified_kinds=facts.notified_kinds,
        decided_kinds=facts.decided_kinds,
        notified_fine_fen=facts.notified_fine_fen,
        decided_fine_fen=facts.decided_fine_fen,
        notified_confiscation_fen=facts.notified_confiscation_fen,
        decided_confiscation_fen=facts.decided_confiscation_fen,
    )


def check_reviewer_qualified(*, qualification_no: str) -> None:
    if not qualification_no:
        raise RuleViolation(
            "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。",
            citation=f"{LAW} 第五十八条第二款",
        )


def check_hearing_request_time(*, notice_served_on: datetime.date, requested_on: datetime.date) -> None:
    """Art. 64(1): the party asks within five working days of the notice."""
    deadline = HEARING_REQUEST.due(notice_served_on)
    if requested_on > deadline.due:
        raise RuleViolation(
            "要求听证的期限已于 %(due)s 届满（告知后五个工作日内）。" % {"due": deadline.due.isoformat()},
            citation=deadline.citation,
        )


def check_hearing_notice_time(*, notice_sent_on: datetime.date, held_on: datetime.date) -> None:
    """Art. 64(2): the parties are told of the hearing at least seven working days before it."""
    earliest = hearing_must_start_no_earlier_than(notice_sent_on)
    if held_on < earliest:
        raise RuleViolation(
            "应当在举行听证的七个工作日前通知当事人；%(sent)s 通知的，最早 %(earliest)s 举行。"
            % {"sent": notice_sent_on.isoformat(), "earliest": earliest.isoformat()},
            citation=f"{LAW} 第六十四条第二项",
        )


RECORDING_CITATION = "国办发〔2018〕118号 执法全过程记录制度"


def check_recording_device(
    *, named: bool, carried_by_capturer: bool, device: str, day: datetime.date, capturer: str
) -> None:
    """A recording names the device it was made on, which its maker carried that day (全过程记录)."""
    if not named:
        raise RuleViolation("录音录像须注明所用的执法记录仪。", citation=RECORDING_CITATION)
    if not carried_by_capturer:
        raise RuleViolation(
            "执法记录仪 %(d)s 在 %(day)s 未配发给 %(who)s；请核对设备编号或配发记录。"
            % {"d": device, "day": day.isoformat(), "who": capturer},
            citation=RECORDING_CITATION,
        )


def check_hearing_chair(
    chair_id: int,
    chair_name: str,
    *,
    investigators: Iterable[int],
    withdrawn: Iterable[int] = (),
    took_part: Iterable[int] = (),
) -> None:
    """Art. 64(4): the chair did not investigate the case — by who they are, not by a name two people
    may share: not an officer of the case (acting or withdrawn after recusal, art. 43), nor anyone who
    took or recorded its evidence or 笔录."""
    if chair_id in set(withdrawn):
        raise RuleViolation(
            "%(chair)s 已在本案回避，不能主持听证。" % {"chair": chair_name},
            citation=f"{LAW} 第四十三条、第六十四条第四项",
        )
    if chair_id in set(investigators):
        raise RuleViolation(
            "听证由行政机关指定的非本案调查人员主持；%(chair)s 是本案调查人员。" % {"chair": chair_name},
            citation=f"{LAW} 第六十四条第四项",
        )
    if chair_id in set(took_part):
        raise RuleViolation(
            "听证由行政机关指定的非本案调查人员主持；%(chair)s 参与了本案证据或笔录的收集、记录。"
            % {"chair": chair_name},
            citation=f"{LAW} 第六十四条第四项",
        )
