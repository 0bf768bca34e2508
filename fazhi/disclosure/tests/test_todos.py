"""公示's 待办: a decision to draft for its preparers, a draft to check for private data or to publish for
the head, all due 7 working days from the decision, and an annulled decision's publication for the head
to take down within 3 working days; each for those people only, and gone once the step is taken."""

from conftest import make_staff
from fazhi.core import calendar
from fazhi.core.roles import Role
from fazhi.disclosure import services
from fazhi.enforcement import services as enforcement_services
from fazhi.testing.disclosure import settle
from fazhi.testing.enforcement import TODAY, serve
from fazhi.testing.todos import items, town_items


def test_a_decision_is_drafted_by_a_preparer_then_published_by_the_head(town, decided):
    mediator = make_staff(town.system, town.town, "mediator", [Role.MEDIATOR])
    other_officer = make_staff(town.system, town.other_town, "other-officer", [Role.OFFICER])
    due = calendar.add_working_days(decided.decision.decided_on, 7)
    [todo] = items(town.officer, "publication_prepare")
    assert (todo.step, todo.step_label, todo.due_on) == ("prepare", "生成公示稿", due)
    assert todo.title.startswith(decided.decision.number.text)
    assert todo.why == "由执法人员或负责人或管理员办理"
    assert "7个工作日" in todo.due_basis
    assert todo.url == f"/disclosure/decisions/{decided.decision.pk}/prepare/"
    assert items(town.head, "publication_prepare")
    assert not items(mediator, "publication_prepare")
    assert not items(other_officer, "publication_prepare")
    assert not items(town.head, "publication_publish")

    publication = services.prepare_publication(town.officer, decided.decision)
    assert not items(town.officer, "publication_prepare")
    assert not town_items(town.town, "publication_prepare")
    [todo] = items(town.head, "publication_publish")
    assert (todo.step, todo.due_on, todo.why) == ("publish", due, "由负责人办理")
    assert todo.url == f"/disclosure/{publication.pk}/"
    assert not items(town.officer, "publication_publish")
    assert not items(town.admin, "publication_publish")
    assert not items(town.other_admin, "publication_publish")

    services.publish(town.head, publication)
    assert not items(town.head, "publication_publish")
    assert not town_items(town.town, "publication_publish")


def test_a_draft_with_private_data_waits_for_its_check_before_the_head_is_asked_to_publish(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    publication = services.edit_draft(
        town.officer, publication, facts="当事人联系电话13912345678。", penalty_content="罚款2000元"
    )
    [todo] = items(town.officer, "publication_review")
    assert (todo.step, todo.step_label, todo.due_on) == ("review", "标记隐去", publication.due_on)
    assert items(town.head, "publication_review")
    assert not items(town.head, "publication_publish")
    assert not items(town.other_admin, "publication_review")
    settle(town.head, publication)
    assert not items(town.officer, "publication_review")
    assert [t.record_id for t in items(town.head, "publication_publish")] == [publication.pk]


def test_an_annulled_decisions_publication_is_the_heads_to_take_down_in_3_working_days(town, decided):
    publication = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    serve(town, decided)
    enforcement_services.start_remedy(town.officer, decided, kind="reconsideration", started_on=TODAY)
    assert not items(town.head, "publication_withdraw")
    enforcement_services.end_remedy(
        town.officer, decided, ended_on=TODAY, result="revoked", outcome="复议决定书 西青复决〔2026〕1号"
    )
    [todo] = items(town.head, "publication_withdraw")
    assert (todo.step, todo.due_on) == ("withdraw", calendar.add_working_days(TODAY, 3))
    assert "3个工作日" in todo.due_basis
    assert todo.url == f"/disclosure/{publication.pk}/"
    assert not items(town.officer, "publication_withdraw")
    assert not items(town.other_admin, "publication_withdraw")
    services.withdraw(town.head, publication, reason="复议机关撤销原处罚决定")
    assert not items(town.head, "publication_withdraw")
