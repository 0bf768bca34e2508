"""The registry of event names. Each app declares a StrEnum of its actions with a Chinese label for
each, and registers them in its AppConfig.ready(); ledger.record refuses a name that is not registered."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

ActionT = TypeVar("ActionT", bound=StrEnum)

_labels: dict[str, str] = {}


def register(actions: type[ActionT], labels: Mapping[ActionT, str]) -> None:
    missing = [action.value for action in actions if action not in labels]
    if missing:
        raise ValueError(f"ledger actions without a Chinese label: {missing}")
    for action in actions:
        _labels[action.value] = labels[action]


def is_registered(action: str) -> bool:
    return action in _labels


def label_for(action: str) -> str:
    return _labels.get(action, action)


def registered_actions() -> list[str]:
    return sorted(_labels)


class LedgerEvent(StrEnum):
    """The ledger's own actions."""

    FORK_ACCEPTED = "ledger.fork.accepted"


LEDGER_EVENT_LABELS: dict[LedgerEvent, str] = {
    LedgerEvent.FORK_ACCEPTED: "从备份恢复并接受日志分叉",
}
