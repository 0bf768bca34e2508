"""The one hierarchy of domain errors. Services raise them; each interface maps them once
(core.middleware for pages, fazhi.api for JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


@dataclass(frozen=True)
class Remedy:
    """Where the cause of a refusal is put right (文号管理, 人员, 赋权事项): the page's URL name, which
    takes no arguments, and what the page is called. Pure data, so that rules may name it."""

    url_name: str
    label: str


class DomainError(Exception):
    """An action the user asked for cannot happen. `message` is Chinese and shown to the user; `remedy`
    names the page where the cause is put right, which a page links to for a user who may open it."""

    status_code = 422

    def __init__(
        self,
        message: str,
        *,
        citation: str = "",
        extra: dict[str, Any] | None = None,
        remedy: Remedy | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.citation = citation
        self.extra = extra or {}
        self.remedy = remedy


class RuleViolation(DomainError):
    """A rule of law or of the procedure blocks the action; `citation` names the article."""


class InvalidInput(DomainError):
    """The input itself is wrong. `field_errors` maps a field name to its Chinese message."""

    def __init__(
        self,
        message: str,
        *,
        field_errors: dict[str, str] | None = None,
        citation: str = "",
        remedy: Remedy | None = None,
    ) -> None:
        super().__init__(message, citation=citation, extra={"fields": field_errors or {}}, remedy=remedy)
        self.field_errors = field_errors or {}


class PermissionDenied(DomainError, DjangoPermissionDenied):
    """The actor may not do this, though the record is theirs to see."""

    status_code = 403


class NotFoundOrHidden(DomainError):
    """The record does not exist or the actor may not see it: the same error for both, so
    nothing leaks about another town's records."""

    status_code = 404

    def __init__(self, message: str = "记录不存在或无权查看。") -> None:
        super().__init__(message)
