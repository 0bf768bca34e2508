"""合同's 待办: the review is the reviewers', the signing the head's, the filing the registrar's; each
appears for that person only, in their town only, and leaves the list once the step is taken."""

from conftest import make_staff
from fazhi.contracts import services
from fazhi.contracts.models import ReviewOpinion
from fazhi.contracts.todos import contract_todos
from fazhi.core import calendar
from fazhi.core.roles import Role
from fazhi.testing.contracts import TODAY, register, stored
from fazhi.testing.todos import items, queries_of, town_items


def test_the_review_is_the_reviewers_with_the_review_clock_and_leaves_once_given(town, submitted):
    other_counsel = make_staff(town.system, town.other_town, "other-counsel", [Role.LEGAL_COUNSEL])
    [todo] = items(town.counsel, "contract_review")
    assert (todo.title, todo.step, todo.step_label) == ("机关食堂食材采购合同", "review", "出具审查意见")
    assert todo.due_on == submitted.review_due == calendar.add_working_days(TODAY, 5)
    assert todo.why == "由法律顾问或法制审核人员办理"
    assert "5个工作日" in todo.due_basis
    assert todo.url == f"/contracts/{submitted.pk}/review/"
    assert not items(town.head, "contract_review")
    assert not items(town.admin, "contract_review")
    assert not items(other_counsel, "contract_review")
    assert [t.record_id for t in town_items(town.town, "contract_review")] == [submitted.pk]
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="合法。")
    assert not items(town.counsel, "contract_review")


def test_the_signing_is_the_heads_once_the_review_passes_and_leaves_once_signed(town, submitted):
    assert not items(town.head, "contract_sign")  # still under review: the gate blocks the signing
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.REJECT, reasons="主体不适格。")
    assert not items(town.head, "contract_sign")  # 不同意: not signable
    services.resubmit_contract(town.admin, submitted, received_on=TODAY, drafts=[stored()])
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="合法。")
    [todo] = items(town.head, "contract_sign")
    assert (todo.step, todo.due_on, todo.why) == ("sign", None, "由负责人办理")
    assert not items(town.counsel, "contract_sign")
    assert not items(town.admin, "contract_sign")
    other_head = make_staff(town.system, town.other_town, "other-head", [Role.HEAD])
    assert not items(other_head, "contract_sign")
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    assert not items(town.head, "contract_sign")


def test_the_filing_is_the_registrars_alone_and_leaves_once_filed(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="合法。")
    signed = services.sign_contract(town.head, submitted, signed_on=TODAY)
    [todo] = items(town.admin, "contract_file")
    assert (todo.step, todo.why) == ("file", "你登记送审了该合同")
    assert todo.due_on == signed.filing_due
    assert todo.url == f"/contracts/{submitted.pk}/file/"
    # The head and an officer may file a contract, but this one is the registrar's to file.
    assert not items(town.head, "contract_file")
    assert not items(town.officer, "contract_file")
    assert not items(town.other_admin, "contract_file")
    assert len(town_items(town.town, "contract_file")) == 1
    services.file_contract(town.admin, signed, signed_copy=stored("签订文本.pdf"), filed_on=TODAY)
    assert not items(town.admin, "contract_file")
    assert not town_items(town.town, "contract_file")


def test_the_towns_contracts_are_read_in_a_few_queries_however_many(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="合法。")
    few = queries_of(contract_todos, town.head)
    for title in ("办公用品采购合同", "保洁服务合同", "场地租赁合同"):
        contract = register(town, title=title)
        services.review_contract(town.counsel, contract, opinion=ReviewOpinion.APPROVE, reasons="合法。")
    assert len(items(town.head, "contract_sign")) == 4
    assert queries_of(contract_todos, town.head) == few
