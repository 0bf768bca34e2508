"""The shape of every app's step table (core.rules): who may take a step, where it is taken, which
gate blocks it and what the record's page offers."""

from dataclasses import dataclass

import pytest

from fazhi.core.errors import RuleViolation
from fazhi.core.roles import Role
from fazhi.core.rules import Refusal, StatusStep, Steps, offers


@dataclass(frozen=True)
class Matter:
    status: str
    status_label: str
    closed_on: str = ""
    busy: bool = False


def not_busy(facts: Matter) -> None:
    if facts.busy:
        raise RuleViolation("正在办理。", citation="第一条")


TABLE = Steps(
    StatusStep(name="register", label="登记", roles=(Role.ADMIN,)),
    StatusStep(
        name="handle",
        label="办理",
        roles=(Role.MEDIATOR,),
        within=frozenset({"open"}),
        elsewhere=Refusal("该事项已于 %(closed_on)s 办结，当前为“%(status)s”。", "第二条"),
        gates=(not_busy,),
    ),
    StatusStep(
        name="hand_on",
        label="转交",
        roles=(Role.MEDIATOR, Role.HEAD),
        within=frozenset({"open"}),
        gates=(not_busy,),
        show_blocked=False,
    ),
    StatusStep(
        name="sign",
        label="签发",
        roles=(Role.HEAD,),
        lawful_actor=Refusal("须由负责人签发。", "第三条"),
        within=frozenset({"open"}),
    ),
)
OPEN = Matter("open", "办理中")
CLOSED = Matter("closed", "已办结", closed_on="2026-03-01")


def test_a_step_outside_its_statuses_is_refused_in_its_own_words_naming_the_records_facts():
    with pytest.raises(RuleViolation) as raised:
        TABLE["handle"].check(CLOSED)
    assert raised.value.message == "该事项已于 2026-03-01 办结，当前为“已办结”。"
    assert raised.value.citation == "第二条"


def test_a_gate_blocks_after_the_status_allows():
    TABLE["handle"].check(OPEN)
    blocked = TABLE["handle"].blocked_by(Matter("open", "办理中", busy=True))
    assert blocked is not None
    assert blocked.message == "正在办理。"


def test_where_the_law_names_the_actor_a_missing_role_is_refused_with_the_article():
    with pytest.raises(RuleViolation, match="须由负责人签发") as raised:
        TABLE["sign"].check_role(held=False)
    assert raised.value.citation == "第三条"
    TABLE["handle"].check_role(held=False)  # no lawful actor: the caller refuses it as a permission


def test_the_page_offers_the_steps_of_the_status_in_the_tables_order_and_hides_blocked_work():
    offered = offers(TABLE, OPEN, roles=frozenset({Role.MEDIATOR}))
    assert [(offer.name, offer.allowed) for offer in offered] == [
        ("handle", True),
        ("hand_on", True),
        ("sign", False),
    ]
    busy = offers(TABLE, Matter("open", "办理中", busy=True), roles=frozenset({Role.MEDIATOR}))
    assert [(offer.name, offer.blocked_by is not None) for offer in busy] == [
        ("handle", True),
        ("sign", False),
    ]
    assert offers(TABLE, CLOSED, roles=frozenset({Role.MEDIATOR})) == []


def test_step_names_are_unique_in_a_table():
    with pytest.raises(ValueError, match="unique"):
        Steps(StatusStep(name="a", label="甲"), StatusStep(name="a", label="乙"))
