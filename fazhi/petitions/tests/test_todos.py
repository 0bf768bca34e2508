"""信访's 待办: the acceptance within 15 days, the 处理意见书 within 60 days (or the extension), a 复查
answer to record by its day; the petition staff's, a key matter its leader's and team's alone; no other
town's; each gone once taken."""

import datetime

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.petitions import services
from fazhi.petitions.models import Petition, ReviewResult
from fazhi.petitions.todos import petition_todos
from fazhi.testing.petitions import RECEIVED, accept, opinion_input, register
from fazhi.testing.todos import items, queries_of, town_items

DAY = datetime.timedelta(days=1)


def test_a_new_petition_is_the_petition_staffs_to_accept_within_15_days(town):
    mediator = make_staff(town.system, town.town, "mediator", [Role.MEDIATOR])
    other_clerk = make_staff(town.system, town.other_town, "other-clerk", [Role.PETITION_STAFF])
    petition = register(town)
    [todo] = items(town.clerk, "petition_accept")
    assert (todo.step, todo.step_label, todo.due_on) == ("accept", "受理", datetime.date(2026, 6, 16))
    assert todo.title == "2026-06-01 要求修复村内被压坏的道路。"
    assert todo.why == "由信访工作人员或管理员或负责人办理"
    assert todo.due_basis == "自收到之日起15日（信访工作条例 第二十三条）"
    assert todo.url == f"/petitions/{petition.pk}/accept/"
    assert items(town.head, "petition_accept")
    assert not items(mediator, "petition_accept")
    assert not items(other_clerk, "petition_accept")
    accept(town, petition)
    assert not items(town.clerk, "petition_accept")
    assert not town_items(town.town, "petition_accept")


def test_an_accepted_petition_is_answered_by_its_period_with_the_extension(town, on_day):
    petition = accept(town, register(town))
    [todo] = items(town.clerk, "petition_opinion")
    assert (todo.step, todo.due_on) == ("opinion", datetime.date(2026, 7, 31))
    assert todo.url == f"/petitions/{petition.pk}/opinion/"
    assert not items(town.other_admin, "petition_opinion")
    on_day(RECEIVED + 50 * DAY)
    services.extend_handling(
        town.head,
        petition,
        days=30,
        reason="涉及区交通部门立项，情况复杂。",
        approved_on=RECEIVED + 50 * DAY,
        notice_on=RECEIVED + 50 * DAY,
    )
    [todo] = items(town.clerk, "petition_opinion")
    assert todo.due_on == datetime.date(2026, 8, 31)
    services.issue_opinion(town.clerk, Petition.objects.get(pk=petition.pk), opinion_input())
    assert not items(town.clerk, "petition_opinion")


def test_a_key_matter_is_its_leaders_and_teams_alone(town):
    petition = accept(town, register(town))
    services.mark_key_matter(town.clerk, petition, leader=town.head, team=[town.admin])
    assert not items(town.clerk, "petition_opinion")
    [todo] = items(town.head, "petition_opinion")
    assert todo.why == "你是该重点信访事项的包案领导"
    [todo] = items(town.admin, "petition_opinion")
    assert todo.why == "你是该重点信访事项的工作专班成员"
    [todo] = town_items(town.town, "petition_opinion")
    assert todo.why == "重点信访事项，包案领导李镇长"


def test_a_review_request_leaves_its_answer_to_record_by_its_day(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, petition, opinion_input())
    assert not items(town.clerk, "petition_review")
    on_day(RECEIVED + 40 * DAY)
    review = services.request_review(
        town.clerk, Petition.objects.get(pk=petition.pk), requested_on=RECEIVED + 40 * DAY, reason="不服。"
    )
    [todo] = items(town.clerk, "petition_review")
    assert (todo.step, todo.due_on) == ("review_opinion", review.due_on)
    assert todo.url == f"/petitions/{petition.pk}/review/answer/"
    assert not items(town.other_admin, "petition_review")
    day = RECEIVED + 60 * DAY
    on_day(day)
    services.record_review_opinion(
        town.clerk,
        Petition.objects.get(pk=petition.pk),
        services.ReviewAnswerInput(
            answered_on=day, result=ReviewResult.UPHELD, opinion="予以维持。", served_on=day
        ),
    )
    assert not items(town.clerk, "petition_review")


def test_the_towns_petitions_are_read_in_a_few_queries_however_many(town):
    key = accept(town, register(town))
    services.mark_key_matter(town.clerk, key, leader=town.head, team=[town.admin])
    few = queries_of(petition_todos, town.head)
    register(town)
    for _ in range(2):
        services.mark_key_matter(
            town.clerk, accept(town, register(town)), leader=town.head, team=[town.clerk]
        )
    assert len(items(town.head, "petition_opinion")) == 3
    assert queries_of(petition_todos, town.head) == few
