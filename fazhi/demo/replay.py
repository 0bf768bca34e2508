"""Replays a past year of the demo town from its data tables, through the services, day by day.

A table (one .jsonl file per area, one record a line) holds the year's steps: `n` orders them across
the tables, `day` is the day the step was taken, `step` names the service (STEPS below), and the other
fields are the service's arguments by name, written as data: dates (and times, with their offset) as ISO
strings, amounts as numbers, an input as an object of its fields. A field that names a record is a reference — `@staff:zhifa1`,
`@org:党政办@辛口镇`, `@category:城乡建设/征地拆迁`, or `@contract:12` for the record a step earlier in the
year created (its `creates`); `@case:3.decision` is that case's decision. A contract text is
{"draft": [title, counterparty, stage]}, written as .docx when the step is taken. The arguments are
read by the service's own type hints, so a table can only say what the service accepts."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models

from fazhi.contracts import services as contracts
from fazhi.core import files
from fazhi.core import services as core_services
from fazhi.core.models import Organisation, Staff
from fazhi.decisions import services as decisions
from fazhi.demo import town
from fazhi.demo.clock import simulated_day
from fazhi.demo.drafts import Drafts
from fazhi.disclosure import services as disclosure
from fazhi.enforcement import services as enforcement
from fazhi.governance import services as governance
from fazhi.governance.models import KeyTask, SupervisionNotice
from fazhi.learning import services as learning
from fazhi.mediation import services as mediation
from fazhi.mediation.models import DisputeCategory
from fazhi.petitions import services as petitions
from fazhi.prevention import services as prevention


def answer_open_notice(
    actor: Staff, task: KeyTask, *, answered_on: datetime.date, response: str
) -> SupervisionNotice:
    """A table cannot name a 督办单 the daily job raised; it names the task, whose open notice is answered."""
    notice = task.notices.get(answered_on__isnull=True)
    return governance.answer_notice(actor, notice, answered_on=answered_on, response=response)


# The services a table may name, by the name it uses: the module's name as the tables write it, then
# the service's own.
_SERVICES: dict[str, list[Callable[..., Any]]] = {
    "core_services": [core_services.register_party, core_services.add_credential],
    "demo": [town.number_series, answer_open_notice],
    "enforcement": [
        enforcement.add_delegated_power,
        enforcement.record_large_amount_standard,
        enforcement.add_device,
        enforcement.assign_device,
        enforcement.register_lead,
        enforcement.file_case,
        enforcement.start_investigation,
        enforcement.add_record,
        enforcement.close_investigation,
        enforcement.issue_notice,
        enforcement.record_defence,
        enforcement.submit_legal_review,
        enforcement.review_case,
        enforcement.decide,
        enforcement.serve_decision,
        enforcement.record_payment,
        enforcement.close_case,
        enforcement.decide_on_spot,
        enforcement.record_with_agency,
    ],
    "disclosure": [disclosure.prepare_publication, disclosure.publish],
    "contracts": [
        contracts.register_contract,
        contracts.review_contract,
        contracts.resubmit_contract,
        contracts.sign_contract,
        contracts.file_contract,
    ],
    "learning": [learning.record_study_session, learning.record_training],
    "mediation": [
        mediation.ensure_default_categories,
        mediation.record_centre_opening,
        mediation.add_handling_unit,
        mediation.register_dispute,
        mediation.dispatch_dispute,
        mediation.hand_on,
        mediation.record_session,
        mediation.close_dispute,
        mediation.record_follow_up,
    ],
    "petitions": [
        petitions.register_petition,
        petitions.accept_petition,
        petitions.decline_petition,
        petitions.mark_key_matter,
        petitions.extend_handling,
        petitions.issue_opinion,
        petitions.record_contact,
    ],
    "prevention": [prevention.add_volunteer, prevention.end_service, prevention.record_activity],
    "governance": [
        governance.set_committee,
        governance.add_member,
        governance.record_meeting,
        governance.register_task,
        governance.report_feedback,
        governance.complete_task,
        governance.head_act,
        governance.raise_supervision,
        governance.record_consultation,
    ],
    "decisions": [
        decisions.add_catalogue_item,
        decisions.publish_catalogue,
        decisions.register_decision,
        decisions.open_comment_period,
        decisions.submit_comment,
        decisions.moderate_comment,
        decisions.answer_comment,
        decisions.record_assessment,
        decisions.submit_legality_review,
        decisions.give_legality_opinion,
        decisions.record_discussion,
        decisions.publish_decision,
    ],
}
STEPS = {f"{prefix}.{service.__name__}": service for prefix, group in _SERVICES.items() for service in group}
ROW_FIELDS = {"n", "day", "step", "creates"}


class Records:
    """What the references of a table point at: the town's staff and organisations, and the records the
    year's earlier steps created."""

    def __init__(self) -> None:
        self.created: dict[str, Any] = {}
        self.drafts = Drafts()

    def get(self, reference: str) -> Any:
        kind, _, name = reference.removeprefix("@").partition(":")
        if kind == "staff":
            return core_services.system_actor() if name == "system" else Staff.objects.get(username=name)
        if kind == "org":
            own, _, parent = name.partition("@")
            return Organisation.objects.get(name=own, parent__name=parent)
        if kind == "category":
            top, _, leaf = name.rpartition("/")
            return DisputeCategory.objects.get(name=leaf, parent__name=top or None)
        record, _, attribute = reference.partition(".")
        found = self.created[record]
        return getattr(found, attribute) if attribute else found

    def read(self, value: Any, hint: Any) -> Any:
        """A table's value as the type the service's hint names."""
        origin, arguments = typing.get_origin(hint), typing.get_args(hint)
        if value is None:
            return None
        if origin in (typing.Union, types.UnionType):
            return self.read(value, next(argument for argument in arguments if argument is not type(None)))
        if origin is list:
            return [self.read(item, arguments[0]) for item in value]
        if hint is files.StoredFile:
            return self.drafts.make(*value["draft"])
        if isinstance(hint, type) and issubclass(hint, models.Model):
            return self.get(value)
        if hint is datetime.date:
            return datetime.date.fromisoformat(value)
        if hint is datetime.datetime:  # written with its offset: 2020-05-12T14:30:00+08:00
            return datetime.datetime.fromisoformat(value)
        if hint is Decimal:
            return Decimal(value)
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            return self.build(hint, value)
        return value

    def build(self, hint: type, fields: dict[str, Any]) -> Any:
        hints = typing.get_type_hints(hint)
        return hint(**{name: self.read(value, hints[name]) for name, value in fields.items()})


def rows_of(directory: Path) -> list[dict[str, Any]]:
    rows = [
        json.loads(line)
        for table in sorted(directory.glob("*.jsonl"))
        for line in table.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return sorted(rows, key=lambda row: row["n"])


def take(records: Records, row: dict[str, Any]) -> None:
    service = STEPS.get(row["step"])
    if service is None:
        raise ValueError(
            "demo table row %(n)s names no known step: %(s)s" % {"n": row["n"], "s": row["step"]}
        )
    hints = typing.get_type_hints(service)
    arguments = {
        name: records.read(value, hints[name]) for name, value in row.items() if name not in ROW_FIELDS
    }
    result = service(**arguments)
    if "creates" in row:
        # register_party answers with the party and any warnings about it.
        records.created[row["creates"]] = result if isinstance(result, models.Model) else result.party


def days_of(rows: list[dict[str, Any]]) -> Iterator[tuple[datetime.date, list[dict[str, Any]]]]:
    for day, todays in itertools.groupby(rows, key=lambda row: row["day"]):
        yield datetime.date.fromisoformat(day), list(todays)


def replay(directory: Path) -> int:
    """Every step of the tables in `directory`, each day under its own simulated clock; returns how
    many steps were taken."""
    records = Records()
    rows = rows_of(directory)
    for day, todays in days_of(rows):
        with simulated_day(day):
            for row in todays:
                take(records, row)
    return len(rows)
