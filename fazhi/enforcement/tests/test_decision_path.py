"""From 调查终结 to 决定: no decision without notice, without the statement period run or waived, without
a passed 法制审核 in an art. 58 case, without 集体讨论 in a major case, or heavier than notified."""

import datetime
import io

import pytest
from docx import Document

from fazhi.core.errors import PermissionDenied, RuleViolation
from fazhi.enforcement import documents, services
from fazhi.enforcement.models import DocumentKind, PenaltyDecision
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import HEARING_FINE_FEN, TODAY, close, decide, notify, review


def test_a_reviewed_case_goes_from_problems_to_agreed_to_a_numbered_decision(town, investigated):
    case = close(town, investigated)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    with pytest.raises(RuleViolation) as raised:
        decide(town, case)
    assert raised.value.citation == "行政处罚法 第五十八条"
    assert not PenaltyDecision.objects.exists()

    services.submit_legal_review(town.officer, case)
    services.review_case(town.reviewer, case, opinion="problems", reasons="证据目录不完整")
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED
    with pytest.raises(RuleViolation, match="存在问题"):
        decide(town, case)

    services.submit_legal_review(town.officer, case)
    services.review_case(town.reviewer, case, opinion="agreed", reasons="事实清楚，证据确凿，程序合法")
    decision = decide(town, case)
    assert decision.number.text == f"西青辛综执罚〔{TODAY.year}〕1号"
    case.refresh_from_db()
    assert case.stage == Stage.DECIDED
    actions = list(
        Event.objects.filter(subject_id=str(case.pk), subject_type="enforcement.case").values_list(
            "action", flat=True
        )
    )
    assert actions.count("enforcement.case.review_given") == 2
    assert actions[-1] == "enforcement.case.decided"


def test_no_decision_without_notice(town, investigated):
    case = close(town, investigated, review=False)
    with pytest.raises(RuleViolation) as raised:
        decide(town, case)
    assert raised.value.citation == "行政处罚法 第四十四条、第六十二条"


def test_no_decision_before_the_statement_period_ends_unless_waived(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY, days=3)
    with pytest.raises(RuleViolation, match="陈述、申辩期限"):
        decide(town, case)
    services.record_defence(town.officer, case, statement="", waived=True)
    assert decide(town, case).case_id == case.pk


def test_a_heavier_penalty_than_notified_needs_a_new_notice(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    with pytest.raises(RuleViolation) as raised:
        decide(town, case, fine_fen=3_000_00)
    assert raised.value.citation == "行政处罚法 第四十五条第二款"


def test_a_major_case_needs_collective_discussion(town, investigated):
    case = close(town, investigated, review=False, major=True)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    with pytest.raises(RuleViolation) as raised:
        decide(town, case)
    assert raised.value.citation == "行政处罚法 第五十七条第二款"
    services.record_collective_discussion(
        town.head,
        case,
        held_on=TODAY,
        attendees="李镇长、王副镇长、张执法",
        minutes="……",
        conclusion="同意罚款2000元",
    )
    assert decide(town, case).fine_fen == 2_000_00


def test_hearing_request_in_time_and_the_chair_is_not_an_investigator(town, investigated):
    case = close(town, investigated, review=False)
    served = TODAY - datetime.timedelta(days=40)
    notify(town, case, served_on=served, fine_fen=HEARING_FINE_FEN)
    with pytest.raises(RuleViolation, match="要求听证的期限已于"):
        services.request_hearing(town.officer, case, requested_on=served + datetime.timedelta(days=30))
    services.request_hearing(town.officer, case, requested_on=served + datetime.timedelta(days=1))
    with pytest.raises(RuleViolation, match="非本案调查人员"):
        services.hold_hearing(
            town.head,
            case,
            chair=town.officer,
            notice_sent_on=served + datetime.timedelta(days=2),
            held_on=served + datetime.timedelta(days=20),
            record_signed=True,
        )
    with pytest.raises(RuleViolation, match="七个工作日前"):
        services.hold_hearing(
            town.head,
            case,
            chair=town.reviewer,
            notice_sent_on=served + datetime.timedelta(days=2),
            held_on=served + datetime.timedelta(days=3),
            record_signed=True,
        )
    with pytest.raises(RuleViolation, match="已要求听证"):
        decide(town, case)
    services.hold_hearing(
        town.head,
        case,
        chair=town.reviewer,
        notice_sent_on=served + datetime.timedelta(days=2),
        held_on=served + datetime.timedelta(days=20),
        record_signed=True,
    )
    # Art. 58(2): after a hearing, the decision waits for 法制审核 though no flag asked for one.
    with pytest.raises(RuleViolation, match="须经法制审核") as raised:
        decide(town, case)
    assert raised.value.citation == "行政处罚法 第五十八条"
    review(town, case)
    assert decide(town, case).case_id == case.pk


def test_only_a_legal_reviewer_gives_the_review(town, investigated):
    case = close(town, investigated)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    services.submit_legal_review(town.officer, case)
    with pytest.raises(PermissionDenied):
        services.review_case(town.head, case, opinion="agreed", reasons="同意")
    case.refresh_from_db()
    assert case.stage == Stage.LEGAL_REVIEW


def test_a_scheduled_hearing_has_its_notice_before_it_is_held(town, investigated):
    case = close(town, investigated, review=False)
    served = TODAY - datetime.timedelta(days=40)
    notify(town, case, served_on=served, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=served + datetime.timedelta(days=1))
    sent = served + datetime.timedelta(days=2)
    with pytest.raises(RuleViolation, match="七个工作日前"):
        services.schedule_hearing(
            town.officer,
            case,
            chair=town.reviewer,
            notice_sent_on=sent,
            held_on=sent,
            place="镇政府三楼会议室",
        )
    hearing = services.schedule_hearing(
        town.officer,
        case,
        chair=town.reviewer,
        notice_sent_on=sent,
        held_on=served + datetime.timedelta(days=20),
        place="镇政府三楼会议室",
    )
    assert DocumentKind.HEARING_NOTICE in documents.available(case)
    notice_text = "\n".join(
        p.text for p in Document(io.BytesIO(documents.render(case, DocumentKind.HEARING_NOTICE))).paragraphs
    )
    assert "镇政府三楼会议室" in notice_text
    with pytest.raises(RuleViolation, match="已要求听证"):
        decide(town, case)
    held = services.hold_hearing(
        town.head,
        case,
        chair=town.reviewer,
        notice_sent_on=sent,
        held_on=hearing.held_on,
        record_signed=True,
    )
    assert held.pk == hearing.pk
    assert held.place == "镇政府三楼会议室"
    review(town, case)
    assert decide(town, case).case_id == case.pk
