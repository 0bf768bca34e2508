"""The 信访工作条例 in the services: registration and group visits (第二十条), the acceptance notice within
15 days (第二十三条), the 60 days and the one extension of at most 30 (第三十四条), the 处理意见书 (第三十二条),
复查 and 复核 within their windows (第三十五条、第三十六条), key matters, and another town's petitions.
Every refusal says why in Chinese and leaves the petition and the ledger as they were."""

from __future__ import annotations

import datetime
import json

import pytest

from conftest import make_staff
from fazhi.core import progress
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.models import NumberSeries
from fazhi.core.roles import Role
from fazhi.core.tracking import TRACKING_ALPHABET
from fazhi.ledger.models import Event
from fazhi.petitions import selectors, services
from fazhi.petitions.models import Channel, Opinion, Petition, PetitionStatus, ReviewResult
from fazhi.testing.api import token_client
from fazhi.testing.petitions import (
    RECEIVED,
    accept,
    events,
    opinion_input,
    payload_of,
    register,
    snapshot,
)

DAY = datetime.timedelta(days=1)


def answer(day: datetime.date, **overrides) -> services.ReviewAnswerInput:
    fields = {
        "answered_on": day,
        "result": ReviewResult.UPHELD,
        "opinion": "原处理意见认定事实清楚，予以维持。",
        "served_on": day,
    }
    return services.ReviewAnswerInput(**{**fields, **overrides})


def concluded(town, on_day) -> Petition:
    """Accepted on receipt; the opinion issued on day 20 and served on day 21."""
    petition = accept(town, register(town))
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, petition, opinion_input())
    return Petition.objects.get(pk=petition.pk)


# ----------------------------------------------------------------------------------- registration


def test_a_group_visit_keeps_its_people_apart_from_its_representatives_and_starts_the_15_days(town):
    petition = register(town, person_count=12, petitioners=town.villagers[:5])
    assert petition.person_count == 12
    assert petition.petitioners.count() == 5
    assert petition.status == PetitionStatus.RECEIVED
    assert petition.notice_due_on == datetime.date(2026, 6, 16)
    assert len(petition.tracking_number) == 10
    assert set(petition.tracking_number) <= set(TRACKING_ALPHABET)
    event = Event.objects.get(action="petitions.petition.registered")
    assert event.actor == town.clerk


def test_a_group_visit_with_six_representatives_is_refused_citing_article_20(town):
    before = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        register(town, person_count=30, petitioners=town.villagers[:6])
    assert refused.value.message == (
        "多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过5人；本次登记了 6 名代表。"
    )
    assert refused.value.citation == "信访工作条例 第二十条"
    assert not Petition.objects.exists()
    assert Event.objects.count() == before


def test_a_joint_letter_may_carry_more_than_five_names(town):
    petition = register(town, channel=Channel.LETTER, person_count=7, petitioners=town.villagers)
    assert petition.petitioners.count() == 7


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"received_on": RECEIVED + DAY}, "received_on", "收到日期不能晚于今天。"),
        ({"petitioners": []}, "petitioners", "请登记信访人；多人走访的，登记推选的代表。"),
        ({"person_count": 1}, "person_count", "人数（1）少于登记的信访人数（2）。"),
    ],
)
def test_bad_registration_is_refused_field_by_field_and_nothing_is_saved(town, overrides, field, message):
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as refused:
        register(town, **overrides)
    assert refused.value.field_errors[field] == message
    assert not Petition.objects.exists()
    assert Event.objects.count() == before


def test_only_petition_staff_the_administrator_or_the_head_register(town):
    with pytest.raises(PermissionDenied):
        services.register_petition(
            town.officer,
            services.PetitionInput(
                received_on=RECEIVED,
                channel=Channel.PHONE,
                person_count=1,
                petitioners=town.villagers[:1],
                request="请求",
                facts_and_reasons="事实",
            ),
        )
    assert not Petition.objects.exists()


# ------------------------------------------------------------------------------ acceptance (第二十三条)


def test_acceptance_told_within_15_days_starts_the_60_days(town, on_day):
    petition = register(town)
    on_day(RECEIVED + 15 * DAY)
    accepted = services.accept_petition(
        town.clerk, petition, decided_on=RECEIVED + 14 * DAY, notice_on=RECEIVED + 15 * DAY
    )
    assert accepted.status == PetitionStatus.ACCEPTED
    assert accepted.handling_due_on == accepted.due_on == datetime.date(2026, 8, 14)
    assert events("petitions.petition.accepted") == 1


def test_a_petition_notice_after_its_period_is_refused_citing_article_23_and_nothing_changes(town, on_day):
    petition = register(town)
    before = snapshot(petition)
    on_day(RECEIVED + 20 * DAY)
    with pytest.raises(RuleViolation) as refused:
        services.accept_petition(
            town.clerk, petition, decided_on=RECEIVED + 10 * DAY, notice_on=RECEIVED + 16 * DAY
        )
    assert refused.value.message == (
        "应当自收到信访事项之日起15日内书面告知信访人是否受理：本事项 2026-06-01 收到，告知期限至 2026-06-16，"
        "2026-06-17 的告知已超过期限。"
    )
    assert refused.value.citation == "信访工作条例 第二十三条"
    with pytest.raises(RuleViolation, match="告知已超过期限"):
        services.decline_petition(
            town.clerk,
            petition,
            decided_on=RECEIVED + DAY,
            notice_on=RECEIVED + 16 * DAY,
            reason="不属于本机关职权范围。",
            route="向区人力社保局提出。",
        )
    assert snapshot(petition) == before
    assert events("petitions.petition.accepted") == events("petitions.petition.not_accepted") == 0


@pytest.mark.parametrize(
    ("decided", "notice", "field", "message"),
    [
        (0, -1, "notice_on", "书面告知日期不能早于收到日期 2026-06-01。"),
        (-1, 0, "decided_on", "受理决定日期不能早于收到日期 2026-06-01。"),
        (0, 3, "notice_on", "书面告知日期不能晚于今天。"),
        (2, 1, "notice_on", "书面告知日期不能早于受理决定日期 2026-06-03。"),
    ],
)
def test_a_notice_before_receipt_or_in_the_future_is_refused_and_nothing_changes(
    town, on_day, decided, notice, field, message
):
    petition = register(town)
    on_day(RECEIVED + 2 * DAY)
    before = snapshot(petition)
    with pytest.raises(InvalidInput) as refused:
        services.accept_petition(
            town.clerk, petition, decided_on=RECEIVED + decided * DAY, notice_on=RECEIVED + notice * DAY
        )
    assert refused.value.field_errors[field] == message
    assert snapshot(petition) == before


def test_not_accepted_states_the_reason_and_the_route_told(town):
    petition = register(town)
    declined = services.decline_petition(
        town.clerk,
        petition,
        decided_on=RECEIVED,
        notice_on=RECEIVED,
        reason="请求属于劳动争议，已进入仲裁程序。",
        route="依法通过劳动人事争议仲裁解决。",
    )
    assert declined.status == PetitionStatus.NOT_ACCEPTED
    assert declined.due_on is None
    with pytest.raises(RuleViolation, match="已于 2026-06-01 作出受理决定") as decided:
        accept(town, petition)
    assert decided.value.citation == "信访工作条例 第二十三条"


# ------------------------------------------------------------------------------ extension (第三十四条)


def test_the_head_extends_once_by_at_most_30_days_counted_on_from_the_60th_day(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 50 * DAY)
    extension = services.extend_handling(
        town.head,
        petition,
        days=30,
        reason="涉及区交通部门立项，情况复杂。",
        approved_on=RECEIVED + 50 * DAY,
        notice_on=RECEIVED + 50 * DAY,
    )
    # 60 + 30 days after 06-01 is Sunday 08-30: the period ends on the next working day.
    assert extension.due_on == datetime.date(2026, 8, 31)
    assert extension.previous_due_on == datetime.date(2026, 7, 31)
    petition.refresh_from_db()
    assert petition.due_on == datetime.date(2026, 8, 31)
    assert petition.handling_due_on == datetime.date(2026, 7, 31)
    before = snapshot(petition)
    with pytest.raises(RuleViolation) as again:
        services.extend_handling(
            town.head,
            petition,
            days=5,
            reason="再延",
            approved_on=RECEIVED + 50 * DAY,
            notice_on=RECEIVED + 50 * DAY,
        )
    assert again.value.message == "办理期限只能延长一次：本事项已于 2026-07-21 批准延长 30 日。"
    assert again.value.citation == "信访工作条例 第三十四条"
    assert snapshot(petition) == before
    assert events("petitions.petition.extended") == 1


def test_an_extension_beyond_30_days_is_refused_citing_article_34_and_nothing_changes(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 50 * DAY)
    before = snapshot(petition)
    with pytest.raises(RuleViolation) as refused:
        services.extend_handling(
            town.head,
            petition,
            days=31,
            reason="情况复杂。",
            approved_on=RECEIVED + 50 * DAY,
            notice_on=RECEIVED + 50 * DAY,
        )
    assert refused.value.message == "延长办理期限不得超过30日，申请延长 31 日。"
    assert refused.value.citation == "信访工作条例 第三十四条"
    assert snapshot(petition) == before
    assert events("petitions.petition.extended") == 0


def test_an_extension_after_the_60_days_ran_out_is_refused(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 61 * DAY)
    before = snapshot(petition)
    with pytest.raises(RuleViolation) as refused:
        services.extend_handling(
            town.head,
            petition,
            days=10,
            reason="情况复杂。",
            approved_on=RECEIVED + 61 * DAY,
            notice_on=RECEIVED + 61 * DAY,
        )
    assert refused.value.message == "办理期限已于 2026-07-31 届满，2026-08-01 不能再批准延期。"
    assert refused.value.citation == "信访工作条例 第三十四条"
    assert snapshot(petition) == before


def test_an_extension_recorded_after_the_60_days_is_refused_whatever_day_it_claims(town, on_day):
    # Approved "on day 50" but entered on day 61: the period had run out, and was extended afterwards.
    petition = accept(town, register(town))
    on_day(RECEIVED + 61 * DAY)
    head = token_client(town, town.head)
    before = snapshot(petition)
    body = {
        "days": 10,
        "reason": "情况复杂。",
        "approved_on": (RECEIVED + 50 * DAY).isoformat(),
        "notice_on": (RECEIVED + 50 * DAY).isoformat(),
    }
    refused = head.post(
        f"/api/v1/petitions/{petition.pk}/extend", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 422
    assert (
        refused.json()["message"]
        == "办理期限已于 2026-07-31 届满：延期须在期限届满前批准并登记，不能事后延长。"
    )
    assert refused.json()["citation"] == "信访工作条例 第三十四条"
    assert snapshot(petition) == before
    assert events("petitions.petition.extended") == 0


def test_only_the_head_approves_an_extension_and_it_needs_a_reason_and_a_notice(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 10 * DAY)
    before = snapshot(petition)
    with pytest.raises(PermissionDenied, match="负责人"):
        services.extend_handling(
            town.clerk, petition, days=10, reason="情况复杂。", approved_on=RECEIVED, notice_on=RECEIVED
        )
    with pytest.raises(InvalidInput) as refused:
        services.extend_handling(
            town.head,
            petition,
            days=10,
            reason="情况复杂。",
            approved_on=RECEIVED + 5 * DAY,
            notice_on=RECEIVED + 4 * DAY,
        )
    assert refused.value.field_errors == {"notice_on": "书面告知日期不能早于批准日期 2026-06-06。"}
    assert snapshot(petition) == before


# ------------------------------------------------------------------------ 处理意见书 (第三十二条)


def test_the_opinion_is_numbered_and_concludes_the_petition(town, on_day):
    petition = concluded(town, on_day)
    opinion = Opinion.objects.get(petition=petition)
    assert opinion.number.text == "测试信处〔2026〕1号"
    assert petition.status == PetitionStatus.CONCLUDED
    assert petition.concluded_on == RECEIVED + 20 * DAY
    payload = payload_of("petitions.petition.opinion_issued")
    assert payload["on_time"] is True
    assert payload["review_request_due"] == "2026-07-22"


def test_an_opinion_needs_every_part_and_a_number_series(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 25 * DAY)
    before = snapshot(petition)
    with pytest.raises(InvalidInput) as refused:
        services.issue_opinion(town.clerk, petition, opinion_input(served_on=RECEIVED + 19 * DAY))
    assert refused.value.field_errors == {"served_on": "送达日期不能早于出具日期 2026-06-21。"}
    NumberSeries.objects.all().delete()
    with pytest.raises(RuleViolation, match="尚未建立信访处理意见书的文号系列"):
        services.issue_opinion(town.clerk, petition, opinion_input())
    assert snapshot(petition) == before
    assert not Opinion.objects.exists()


# --------------------------------------------------------------------- 复查 and 复核 (第三十五、三十六条)


def test_a_review_requested_after_30_days_is_refused_citing_article_35(town, on_day):
    petition = concluded(town, on_day)
    on_day(RECEIVED + 60 * DAY)
    before = snapshot(petition)
    with pytest.raises(RuleViolation) as refused:
        services.request_review(
            town.clerk, petition, requested_on=RECEIVED + 52 * DAY, reason="不服处理意见。"
        )
    assert refused.value.message == (
        "信访人应当自收到书面答复之日起30日内请求复查：处理意见书于 2026-06-22 送达，期限至 2026-07-22，"
        "2026-07-23 提出的请求已超过期限。"
    )
    assert refused.value.citation == "信访工作条例 第三十五条"
    assert snapshot(petition) == before
    assert events("petitions.review.requested") == 0


def test_review_then_re_review_with_a_hearing_and_afterwards_the_matter_is_not_accepted_again(town, on_day):
    petition = concluded(town, on_day)
    on_day(RECEIVED + 40 * DAY)
    review = services.request_review(
        town.clerk, petition, requested_on=RECEIVED + 40 * DAY, reason="不服处理意见。"
    )
    assert review.due_on == datetime.date(2026, 8, 10)
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.REVIEW
    on_day(RECEIVED + 60 * DAY)
    services.record_review_opinion(town.clerk, petition, answer(RECEIVED + 60 * DAY))
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.REVIEWED

    on_day(RECEIVED + 95 * DAY)
    before = snapshot(petition)
    with pytest.raises(RuleViolation) as late:
        services.request_re_review(
            town.clerk, petition, requested_on=RECEIVED + 95 * DAY, reason="不服复查意见。"
        )
    assert late.value.citation == "信访工作条例 第三十六条"
    assert "复查意见于 2026-07-31 送达，期限至 2026-08-31" in late.value.message
    assert snapshot(petition) == before

    re_review = services.request_re_review(
        town.clerk, petition, requested_on=RECEIVED + 80 * DAY, reason="不服复查意见。"
    )
    # Day 30 is Saturday 09-19; Sunday 09-20 is a working day (调休) for the National Day holiday.
    assert re_review.due_on == datetime.date(2026, 9, 20)
    services.record_re_review_opinion(town.clerk, petition, answer(RECEIVED + 95 * DAY, hearing_days=10))
    re_review.refresh_from_db()
    # The hearing's 10 days are not counted: 40 days after 08-20.
    assert re_review.due_on == datetime.date(2026, 9, 29)
    assert payload_of("petitions.re_review.answered")["on_time"] is True
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.RE_REVIEWED

    before = snapshot(petition)
    with pytest.raises(RuleViolation) as final:
        services.request_review(town.clerk, petition, requested_on=RECEIVED + 95 * DAY, reason="再次不服。")
    assert final.value.message == "该信访事项已经复核，信访人仍以同一事实和理由提出投诉请求的，不再受理。"
    assert final.value.citation == "信访工作条例 第三十六条"
    assert snapshot(petition) == before
    again = register(town, received_on=RECEIVED + 95 * DAY, earlier=petition)
    before = snapshot(again)
    with pytest.raises(RuleViolation) as refused:
        accept(town, again, RECEIVED + 95 * DAY)
    assert refused.value.message == (
        "同一信访事项（查询码 %(t)s）已经复核，信访人仍以同一事实和理由提出投诉请求的，不再受理。"
        % {"t": petition.tracking_number}
    )
    assert snapshot(again) == before
    services.decline_petition(
        town.clerk,
        again,
        decided_on=RECEIVED + 95 * DAY,
        notice_on=RECEIVED + 95 * DAY,
        reason="同一事项已经复核终结。",
        route="信访程序已终结。",
    )


def test_a_late_review_answer_is_recorded_as_late(town, on_day):
    petition = concluded(town, on_day)
    on_day(RECEIVED + 80 * DAY)
    services.request_review(town.clerk, petition, requested_on=RECEIVED + 30 * DAY, reason="不服。")
    services.record_review_opinion(town.clerk, petition, answer(RECEIVED + 80 * DAY))
    assert payload_of("petitions.review.answered")["on_time"] is False


def test_a_review_answer_before_its_request_is_refused_and_nothing_changes(town, on_day):
    petition = concluded(town, on_day)
    on_day(RECEIVED + 40 * DAY)
    services.request_review(town.clerk, petition, requested_on=RECEIVED + 40 * DAY, reason="不服。")
    before = snapshot(petition)
    with pytest.raises(InvalidInput) as refused:
        services.record_review_opinion(town.clerk, petition, answer(RECEIVED + 39 * DAY))
    assert refused.value.field_errors == {"answered_on": "答复日期不能早于请求日期 2026-07-11。"}
    assert snapshot(petition) == before


# ------------------------------------------------------------------------------------- key matters


def test_a_key_matter_has_a_head_in_charge_and_a_team_of_the_town(town, on_day):
    petition = accept(town, register(town))
    other = make_staff(town.system, town.other_town, "other-clerk", [Role.PETITION_STAFF])
    before = snapshot(petition)
    with pytest.raises(InvalidInput) as refused:
        services.mark_key_matter(town.clerk, petition, leader=town.clerk, team=[other])
    assert refused.value.field_errors == {
        "leader": "包案领导应为本镇（街道）的负责人。",
        "team": "工作专班成员应为本镇（街道）的工作人员。",
    }
    assert snapshot(petition) == before
    marked = services.mark_key_matter(town.clerk, petition, leader=town.head, team=[town.clerk, town.admin])
    assert marked.is_key
    assert set(marked.key_team.all()) == {town.clerk, town.admin}
    assert events("petitions.petition.key_marked") == 1


def test_the_board_clears_only_when_every_key_matter_closed_within_its_period(town, on_day):
    closed = accept(town, register(town))
    services.mark_key_matter(town.clerk, closed, leader=town.head, team=[town.clerk])
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, closed, opinion_input())
    board = selectors.key_matters_board(town.town, year=2026)
    assert [row.state for row in board.rows] == ["cleared"]
    assert board.rows[0].leader == "李镇长"
    assert board.all_cleared

    on_day(RECEIVED + 30 * DAY)
    still_open = accept(town, register(town, received_on=RECEIVED + 30 * DAY), RECEIVED + 30 * DAY)
    services.mark_key_matter(town.clerk, still_open, leader=town.head, team=[town.clerk])
    on_day(datetime.date(2026, 9, 15))
    board = selectors.key_matters_board(town.town, year=2026)
    assert [row.state for row in board.rows] == ["cleared", "overdue"]
    assert not board.all_cleared
    assert selectors.key_matters_board(town.other_town, year=2026).rows == []
    assert selectors.key_matters_board(town.district, year=2026).rows == board.rows


# -------------------------------------------------------------------------- statistics and the public


def test_the_year_counts_come_from_the_rows_of_the_year_and_the_subtree(town, on_day):
    on_time = accept(town, register(town))
    services.mark_key_matter(town.clerk, on_time, leader=town.head, team=[town.clerk])
    accept(town, register(town, channel=Channel.LETTER, person_count=1, petitioners=town.villagers[:1]))
    services.decline_petition(
        town.clerk,
        register(town, channel=Channel.PHONE, person_count=3, petitioners=town.villagers[:1]),
        decided_on=RECEIVED,
        notice_on=RECEIVED,
        reason="不属于本机关职权范围。",
        route="向区市场监管局提出。",
    )
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, on_time, opinion_input())
    services.request_review(town.clerk, on_time, requested_on=RECEIVED + 25 * DAY, reason="不服。")
    counts = selectors.counts_for_year(town.town, year=2026)
    assert (counts.received, counts.persons, counts.accepted, counts.not_accepted) == (3, 16, 2, 1)
    assert (counts.concluded, counts.concluded_on_time, counts.key, counts.key_cleared) == (1, 1, 1, 1)
    assert (counts.reviews_requested, counts.re_reviews_requested) == (1, 0)
    assert counts.by_channel == {"信息网络": 0, "书信": 1, "走访": 1, "电话": 1, "传真": 0}
    assert selectors.counts_for_year(town.district, year=2026) == counts
    assert selectors.counts_for_year(town.other_town, year=2026).received == 0
    assert selectors.counts_for_year(town.town, year=2025).received == 0


def test_the_portal_answers_by_tracking_number_without_names_and_nothing_for_a_guess(town):
    waiting = register(town)
    before = progress.find(town_id=town.town.pk, code=waiting.tracking_number)
    assert before is not None
    assert (before.due_label, before.due_on) == ("受理告知期限", waiting.notice_due_on)
    petition = accept(town, waiting)
    found = progress.find(town_id=town.town.pk, code=petition.tracking_number.lower())
    assert found is not None
    assert found.category == "信访事项（走访）"
    assert found.status == "已受理，办理中"
    assert found.unit == ""
    assert (found.due_label, found.due_on) == ("办结期限", datetime.date(2026, 7, 31))
    assert not any(name in str(found) for name in ("刘某", "陈某", "道路", "积水"))
    guess = "2" * 10 if petition.tracking_number != "2" * 10 else "3" * 10
    assert progress.find(town_id=town.town.pk, code=guess) is None
    assert progress.find(town_id=town.other_town.pk, code=petition.tracking_number) is None


# ---------------------------------------------------------------------------------- another town


def test_another_towns_petition_is_not_found_and_a_supervisor_only_reads(town):
    petition = register(town)
    before = snapshot(petition)
    with pytest.raises(NotFoundOrHidden):
        services.accept_petition(town.other_admin, petition, decided_on=RECEIVED, notice_on=RECEIVED)
    with pytest.raises(NotFoundOrHidden):
        selectors.access_petition(town.other_admin, petition.pk)
    assert selectors.access_petition(town.supervisor, petition.pk) == petition
    with pytest.raises(PermissionDenied):
        services.accept_petition(town.supervisor, petition, decided_on=RECEIVED, notice_on=RECEIVED)
    assert snapshot(petition) == before


def test_the_party_page_lists_the_partys_petitions(town):
    petition = register(town)
    links = selectors.party_petition_links(town.admin, town.villagers[0])
    assert [link.url for link in links] == [f"/petitions/{petition.pk}/"]
    assert selectors.party_petition_links(town.other_admin, town.villagers[0]) == []


def test_the_board_of_a_year_carries_the_key_matters_still_open_from_the_year_before(town, on_day):
    """清仓见底 is about the backlog: a key matter received in December and still open in the new year is
    on the new year's board (overdue there), not only on the board of the year it came in."""
    on_day(datetime.date(2025, 12, 10))
    backlog = accept(
        town, register(town, received_on=datetime.date(2025, 12, 10)), datetime.date(2025, 12, 10)
    )
    services.mark_key_matter(town.clerk, backlog, leader=town.head, team=[town.clerk])
    on_day(datetime.date(2025, 12, 20))
    cleared_in_time = accept(
        town, register(town, received_on=datetime.date(2025, 12, 20)), datetime.date(2025, 12, 20)
    )
    services.mark_key_matter(town.clerk, cleared_in_time, leader=town.head, team=[town.clerk])
    on_day(datetime.date(2025, 12, 30))
    services.issue_opinion(
        town.clerk,
        cleared_in_time,
        opinion_input(issued_on=datetime.date(2025, 12, 30), served_on=datetime.date(2025, 12, 30)),
    )
    on_day(datetime.date(2026, 3, 1))

    board = selectors.key_matters_board(town.town, year=2026)
    assert [(row.petition_id, row.state) for row in board.rows] == [(backlog.pk, "overdue")]
    assert not board.all_cleared
    assert [row.petition_id for row in selectors.key_matters_board(town.town, year=2025).rows] == [
        backlog.pk,
        cleared_in_time.pk,
    ]
    services.issue_opinion(
        town.clerk,
        backlog,
        opinion_input(issued_on=datetime.date(2026, 1, 20), served_on=datetime.date(2026, 1, 20)),
    )
    on_day(datetime.date(2027, 1, 5))
    assert [
        (row.petition_id, row.state) for row in selectors.key_matters_board(town.town, year=2026).rows
    ] == [(backlog.pk, "cleared")]
    assert selectors.key_matters_board(town.town, year=2027).rows == []
