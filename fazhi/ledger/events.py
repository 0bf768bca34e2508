"""The registry of event names. Each app declares a StrEnum of its actions and registers it in its
AppConfig.ready(); ledger.record refuses a name that is not registered."""

from __future__ import annotations

from enum import StrEnum

_registered: dict[str, type[StrEnum]] = {}


def register(actions: type[StrEnum]) -> None:
    for action in actions:
        _registered[action.value] = actions


def is_registered(action: str) -> bool:
    return action in _registered


def registered_actions() -> list[str]:
    return sorted(_registered)
