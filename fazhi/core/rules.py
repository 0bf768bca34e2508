"""The shape every app's rules share, and the rules of the shared parts. Pure: facts in, a
RuleViolation naming the rule and its article out.

A step table is where an app says, once, what can be done to its records: each step's name (stable:
pages, the API, the 待办 and scripts use it), its label, the roles that may take it, and its gates —
the rules that can be judged from the record as it stands, before anyone fills in a form. The
service that takes a step checks the roles and runs the gates from the table; the record's page runs
the same gates to say which rule blocks a step; the access decorators read the roles from it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from fazhi.core.errors import Remedy, RuleViolation
from fazhi.core.roles import Role

NUMBERING_CITATION = "GB/T 9704-2012 7.2.5"

FactsT = TypeVar("FactsT")
# A step only reads facts: a step over a Protocol of facts takes any object that has them.
ReadsT = TypeVar("ReadsT", contravariant=True)
StepT = TypeVar("StepT", bound="Step[Any]")


@dataclass(frozen=True)
class Refusal:
    """What a step says when it cannot be taken, and the article that says so."""

    message: str
    citation: str


@dataclass(frozen=True, kw_only=True)
class Step(Generic[ReadsT]):
    name: str
    label: str
    roles: tuple[Role, ...] = ()  # none: any staff member of the record's town
    # Where the law itself names who takes the step (立案须经负责人批准), an actor without the role is
    # refused with the law's words and article rather than as a missing permission.
    lawful_actor: Refusal | None = None
    gates: tuple[Callable[[ReadsT], None], ...] = ()
    # Whether the record's page shows the step greyed, with the rule that blocks it (a step the reader
    # waits for), or leaves it out while blocked (work that does not apply to the record now).
    show_blocked: bool = True

    @property
    def taken_by(self) -> str:
        """Who takes the step, as a reader without the role is told (由负责人办理)."""
        return "、".join(Role(role).label for role in self.roles) or "本单位工作人员"

    def applies(self, facts: ReadsT) -> bool:
        """Whether the step is part of the record's course as it stands (a page offers only those)."""
        return True

    def check_role(self, *, held: bool) -> None:
        """Refuse, as a rule of law, an actor without the role where the law names the actor; the
        caller refuses the others as a missing permission."""
        if not held and self.lawful_actor is not None:
            raise RuleViolation(self.lawful_actor.message, citation=self.lawful_actor.citation)

    def check(self, facts: ReadsT) -> None:
        """Every gate in turn; the first that fails raises its RuleViolation."""
        for gate in self.gates:
            gate(facts)

    def blocked_by(self, facts: ReadsT) -> RuleViolation | None:
        try:
            self.check(facts)
        except RuleViolation as violation:
            return violation
        return None


class Steps(Generic[StepT]):
    """An app's step table, in the order its pages list the steps."""

    def __init__(self, *steps: StepT) -> None:
        self._steps = {step.name: step for step in steps}
        if len(self._steps) != len(steps):
            raise ValueError("step names are unique within a table")

    def __getitem__(self, name: str) -> StepT:
        return self._steps[name]

    def __iter__(self) -> Iterator[StepT]:
        return iter(self._steps.values())

    def __contains__(self, name: object) -> bool:
        return name in self._steps


class HasStatus(Protocol):
    """The facts every record with statuses gives its StatusSteps; each app's facts extend it."""

    @property
    def status(self) -> str: ...
    @property
    def status_label(self) -> str: ...


StatusFactsT = TypeVar("StatusFactsT", bound=HasStatus, contravariant=True)


@dataclass(frozen=True, kw_only=True)
class StatusStep(Step[StatusFactsT]):
    """A step of a record that moves through statuses (a contract, a major decision, a petition…): taken
    in the statuses `within` names, and refused elsewhere with `elsewhere`'s words (which may name the
    status as %(status)s)."""

    within: frozenset[str] = field(default_factory=frozenset)  # empty: in every status, never offered
    elsewhere: Refusal | None = None

    def applies(self, facts: StatusFactsT) -> bool:
        """A step with no statuses (registering the record, or work on a part of it) is taken from
        its own page, not offered on the record's."""
        return facts.status in self.within

    def check(self, facts: StatusFactsT) -> None:
        if self.within and facts.status not in self.within:
            refusal = self.elsewhere or Refusal("当前状态为“%(status)s”，不能%(step)s。", "")
            words = _Words(facts, status=facts.status_label, step=self.label)
            raise RuleViolation(refusal.message % words, citation=refusal.citation)
        super().check(facts)


class _Words(dict[str, object]):
    """What a refusal's %(name)s placeholders name: the status and the step, else the facts' own
    attributes (a matter's closing day, say)."""

    def __init__(self, facts: object, **given: object) -> None:
        super().__init__(given)
        self.facts = facts

    def __missing__(self, key: str) -> object:
        return getattr(self.facts, key)


@dataclass(frozen=True)
class Offer:
    """A step a record's page offers its reader: the rule that blocks it now, if any, and whether the
    reader holds a role that takes it."""

    step: Step[Any]
    blocked_by: RuleViolation | None
    allowed: bool

    @property
    def label(self) -> str:
        return self.step.label

    @property
    def name(self) -> str:
        return self.step.name


def offers(steps: Iterable[Step[FactsT]], facts: FactsT, *, roles: frozenset[str]) -> list[Offer]:
    """The steps of a table that apply to the record as it stands, in the table's order, each judged
    by its gates; a blocked one is left out where the table says so. `roles` are the reader's."""
    found = []
    for step in steps:
        if not step.applies(facts):
            continue
        blocked_by = step.blocked_by(facts)
        if blocked_by is not None and not step.show_blocked:
            continue
        allowed = not step.roles or bool(roles & set(step.roles))
        found.append(Offer(step=step, blocked_by=blocked_by, allowed=allowed))
    return found


def check_number_series(found: bool, *, document: str, key: str, citation: str = NUMBERING_CITATION) -> None:
    """A document is numbered from its town's series; an administrator sets the series up once, under
    the key the app asks for."""
    if not found:
        raise RuleViolation(
            "本镇（街道）尚未建立%(document)s的文号系列（用途标识 %(key)s），请管理员先在“文号管理”中建立。"
            % {"document": document, "key": key},
            citation=citation,
            remedy=Remedy("core:number-series-list", "文号管理"),
        )


def check_record_exists(found: bool, *, message: str, citation: str) -> None:
    """A record (a document, a step's result) exists only once the step that makes it was taken."""
    if not found:
        raise RuleViolation(message, citation=citation)


def check_dates_in_order(
    day: datetime.date,
    *,
    what: str,
    after: Iterable[tuple[datetime.date | None, str]],
    today: datetime.date,
    citation: str,
) -> None:
    """A step's date lies on or after each date of the steps before it (a `None` is a step that has no
    date) and not after today: what is recorded happened, in the law's order."""
    if day > today:
        raise RuleViolation(
            "%(what)s（%(day)s）不能晚于今天。" % {"what": what, "day": day.isoformat()}, citation=citation
        )
    for earlier, label in after:
        if earlier is not None and day < earlier:
            raise RuleViolation(
                "%(what)s（%(day)s）不能早于%(label)s（%(earlier)s）。"
                % {"what": what, "day": day.isoformat(), "label": label, "earlier": earlier.isoformat()},
                citation=citation,
            )
