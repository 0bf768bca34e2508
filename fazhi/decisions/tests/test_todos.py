"""重大行政决策's 待办: each next step of the course for the office (the administrator and the head), the
legality opinion for counsel by the day the office gave, the comments still to moderate or answer;
nobody else's, no other town's, and each gone once taken."""

import datetime

import pytest
from django.utils import timezone

from conftest import make_staff
from fazhi.core import calendar
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.decisions import services
from fazhi.testing.todos import items, town_items

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.counsel = make_staff(world.system, world.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    world.mediator = make_staff(world.system, world.town, "mediator", [Role.MEDIATOR], full_name="钱调解")
    world.other_counsel = make_staff(world.system, world.other_town, "other-counsel", [Role.LEGAL_COUNSEL])
    world.office = core_services.create_organisation(
        world.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    return world


@pytest.fixture
def decision(town):
    item = services.add_catalogue_item(
        town.admin, year=TODAY.year, title="辛口镇老旧小区改造方案", department=town.office
    )
    return services.register_decision(
        town.admin, item, summary="改造3个老旧小区。", needs_expert=False, needs_risk=False
    )


def steps(staff, kind="decision_step") -> set[str]:
    return {todo.step for todo in items(staff, kind)}


def test_the_office_is_asked_to_consult_and_submit_for_review_and_nobody_else(town, decision):
    assert steps(town.admin) == {"open_comments", "legality_submit"}
    assert steps(town.head) == {"open_comments", "legality_submit"}
    [todo] = [todo for todo in items(town.admin, "decision_step") if todo.step == "open_comments"]
    assert (todo.title, todo.step_label, todo.due_on) == ("辛口镇老旧小区改造方案", "公开征求意见", None)
    assert todo.why == "由管理员或负责人办理"
    assert todo.url == f"/decisions/{decision.pk}/comments/open/"
    assert not steps(town.counsel)
    assert not steps(town.mediator)
    assert not steps(town.other_admin)
    services.open_comment_period(
        town.admin, decision, draft="一、改造范围……", opens_on=TODAY, closes_on=TODAY + 30 * DAY
    )
    assert steps(town.admin) == {"legality_submit"}


def test_the_legality_opinion_is_counsels_by_the_day_given_and_submitting_is_owed_until_it_passes(
    town, decision
):
    due = calendar.add_working_days(TODAY, 7)
    services.submit_legality_review(town.admin, decision, due_on=due)
    assert "legality_submit" not in steps(town.admin)
    [todo] = items(town.counsel, "decision_legality_opinion")
    assert (todo.step, todo.step_label, todo.due_on) == ("legality_opinion", "出具审查意见", due)
    assert todo.why == "由法律顾问或法制审核人员办理"
    assert "第二十七条" in todo.due_basis
    assert not items(town.admin, "decision_legality_opinion")
    assert not items(town.head, "decision_legality_opinion")
    assert not items(town.other_counsel, "decision_legality_opinion")
    services.give_legality_opinion(town.counsel, decision, passed=False, opinion="超越法定权限。")
    assert not items(town.counsel, "decision_legality_opinion")
    assert "legality_submit" in steps(town.admin)  # a failed review: the office resubmits
    services.submit_legality_review(town.admin, decision, due_on=due)
    services.give_legality_opinion(town.counsel, decision, passed=True, opinion="合法。")
    assert "legality_submit" not in steps(town.admin)


def test_a_comment_is_the_offices_to_moderate_and_answer(town, decision):
    period = services.open_comment_period(
        town.admin, decision, draft="一、改造范围……", opens_on=TODAY, closes_on=TODAY + 30 * DAY
    )
    comment = services.submit_comment(period, services.CommentInput(text="同意改造。"), today=TODAY)
    [todo] = items(town.admin, "decision_comments")
    assert (todo.step, todo.url) == ("answer", f"/decisions/{decision.pk}/")
    assert not items(town.counsel, "decision_comments")
    assert not items(town.other_admin, "decision_comments")
    services.moderate_comment(town.admin, comment, approve=True)
    assert items(town.head, "decision_comments")  # approved, still unanswered
    services.answer_comment(town.admin, comment, answer="adopted", reason="采纳。")
    assert not items(town.admin, "decision_comments")
    assert not town_items(town.town, "decision_comments")


def test_discussion_publication_and_archive_follow_each_other_then_nothing_is_left(town, decision, on_day):
    period = services.open_comment_period(
        town.admin, decision, draft="一、改造范围……", opens_on=TODAY, closes_on=TODAY + 30 * DAY
    )
    services.submit_legality_review(town.admin, decision, due_on=calendar.add_working_days(TODAY, 7))
    services.give_legality_opinion(town.counsel, decision, passed=True, opinion="合法。")
    assert not steps(town.admin)  # the comment period is still running: the discussion waits
    later = period.closes_on + DAY
    on_day(later)
    assert steps(town.admin) == {"discuss"}
    services.record_discussion(
        town.admin,
        decision,
        services.DiscussionInput(
            meeting_on=later,
            meeting="镇政府常务会议",
            attendees=[town.head, town.admin],
            presided_by=town.head,
            head_spoke_last=True,
            outcome="adopted",
            dissent="",
        ),
    )
    assert steps(town.head) == {"publish"}
    services.publish_decision(town.admin, decision, published_on=later, where="镇政府网站")
    [todo] = items(town.admin, "decision_step")
    assert (todo.step, todo.url) == ("archive", f"/decisions/{decision.pk}/")
    services.archive_decision(town.admin, decision)
    assert not steps(town.admin)
    assert not town_items(town.town, "decision_step")
