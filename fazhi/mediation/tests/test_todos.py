"""矛调中心's 待办: a matter no unit holds is the centre's to dispatch, a matter a unit holds is to close,
both by the closure target; for the centre's staff only, in their town only, and gone once taken."""

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.mediation import services
from fazhi.mediation.models import Outcome
from fazhi.mediation.todos import dispute_todos
from fazhi.testing.mediation import TODAY, visit
from fazhi.testing.todos import items, queries_of, town_items

CHECKED = {
    "solved": "done",
    "educated": "not_applicable",
    "assisted": "not_applicable",
    "lawful": "not_applicable",
}


def test_a_new_matter_is_the_centres_to_dispatch_by_its_closure_target(town):
    other_mediator = make_staff(town.system, town.other_town, "other-mediator", [Role.MEDIATOR])
    dispute = visit(town)
    [todo] = items(town.mediator, "dispute_dispatch")
    assert (todo.step, todo.step_label, todo.due_on) == ("dispatch", "分流交办", dispute.due_on)
    assert todo.title.startswith(f"{TODAY.isoformat()} 劳动与社会保障／拖欠工资：某建筑队拖欠")
    assert todo.why == "由调解员或信访工作人员或管理员或负责人办理"
    assert "30日" in todo.due_basis
    assert todo.url == f"/mediation/{dispute.pk}/dispatch/"
    assert items(town.admin, "dispute_dispatch")
    assert not items(town.officer, "dispute_dispatch")
    assert not items(other_mediator, "dispute_dispatch")
    assert not items(town.mediator, "dispute_close")
    services.dispatch_dispute(town.mediator, dispute, unit=town.justice, due_on=TODAY)
    assert not items(town.mediator, "dispute_dispatch")
    assert not town_items(town.town, "dispute_dispatch")


def test_a_matter_in_a_units_hands_is_to_close_and_back_to_dispatch_when_handed_back(town):
    dispute = visit(town)
    services.dispatch_dispute(town.mediator, dispute, unit=town.justice, due_on=TODAY)
    [todo] = items(town.mediator, "dispute_close")
    assert (todo.step, todo.due_on) == ("close", dispute.due_on)
    assert todo.why.startswith(f"由司法所（人民调解）承办（交办期限 {TODAY.isoformat()}）")
    assert todo.url == f"/mediation/{dispute.pk}/close/"
    assert not items(town.officer, "dispute_close")
    assert not items(town.other_admin, "dispute_close")
    services.hand_back(town.mediator, dispute, reason="不属本单位职责。")
    assert not items(town.mediator, "dispute_close")
    assert [t.record_id for t in items(town.mediator, "dispute_dispatch")] == [dispute.pk]
    services.dispatch_dispute(town.mediator, dispute, unit=town.village, due_on=TODAY)
    services.close_dispute(
        town.mediator,
        dispute,
        services.ClosureInput(
            outcome=Outcome.GUIDED, closed_on=TODAY, note="引导申请劳动仲裁。", checklist=CHECKED
        ),
    )
    assert not items(town.mediator, "dispute_close")
    assert not town_items(town.town, "dispute_close")


def test_the_towns_matters_are_read_in_a_few_queries_however_many(town):
    services.dispatch_dispute(town.mediator, visit(town), unit=town.justice, due_on=TODAY)
    few = queries_of(dispute_todos, town.mediator)
    visit(town)
    for _ in range(3):
        services.dispatch_dispute(town.mediator, visit(town), unit=town.village, due_on=TODAY)
    assert len(items(town.mediator, "dispute_close")) == 4
    assert queries_of(dispute_todos, town.mediator) == few
