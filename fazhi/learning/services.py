"""Every write to learning records: a study session or a training with its attendees and materials,
each one transaction with its ledger event; files are stored before the transaction begins."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.files import StoredFile
from fazhi.core.models import Organisation, Staff
from fazhi.learning import rules
from fazhi.learning.events import LearningEvent
from fazhi.learning.models import StudySession, Training
from fazhi.ledger import record as ledger


@dataclass(frozen=True)
class StudyInput:
    kind: str
    held_on: datetime.date
    topic: str
    laws: str
    lecturer: str
    attendees: list[Staff]


@dataclass(frozen=True)
class TrainingInput:
    kind: str
    held_on: datetime.date
    topic: str
    hours: Decimal
    trainer: str
    attendees: list[Staff]


def _check_common(
    town: Organisation, *, held_on: datetime.date, topic: str, attendees: list[Staff], errors: dict[str, str]
) -> None:
    if held_on > timezone.localdate():
        errors["held_on"] = "日期不能晚于今天：只登记已经举行的活动。"
    if not attendees:
        errors["attendees"] = "请选择参加人员。"
    elif any(
        person.organisation is None or not person.organisation.path.startswith(town.path)
        for person in attendees
    ):
        errors["attendees"] = "参加人员应为本镇（街道）的工作人员。"


def _attach(
    actor: Staff, subject: StudySession | Training, town: Organisation, materials: list[StoredFile]
) -> None:
    for material in materials:
        core_services.record_attachment(
            actor,
            subject=subject,
            organisation=town,
            blob=material.blob,
            name=material.name,
            description="材料",
        )


@transaction.atomic(durable=True)
def record_study_session(actor: Staff, data: StudyInput, *, materials: list[StoredFile]) -> StudySession:
    permissions.require_step(actor, rules.STEPS["record_study"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    _check_common(town, held_on=data.held_on, topic=data.topic, attendees=data.attendees, errors=errors)
    if errors:
        raise InvalidInput("学法活动信息有误。", field_errors=errors)
    session = StudySession.objects.create(
        organisation=town,
        kind=data.kind,
        held_on=data.held_on,
        topic=data.topic,
        laws=data.laws,
        lecturer=data.lecturer,
        recorded_by=actor,
    )
    session.attendees.set(dict.fromkeys(data.attendees))
    _attach(actor, session, town, materials)
    ledger.record(
        actor,
        LearningEvent.STUDY_RECORDED,
        session,
        {
            "kind": session.kind,
            "held_on": session.held_on.isoformat(),
            "topic": session.topic,
            "attendees": sorted(person.pk for person in data.attendees),
        },
        organisation=town,
    )
    return session


@transaction.atomic(durable=True)
def record_training(actor: Staff, data: TrainingInput, *, materials: list[StoredFile]) -> Training:
    permissions.require_step(actor, rules.STEPS["record_training"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if not Decimal("0.5") <= data.hours <= rules.MAX_TRAINING_HOURS:
        errors["hours"] = "学时应在 0.5 至 %(m)s 之间。" % {"m": rules.MAX_TRAINING_HOURS}
    _check_common(town, held_on=data.held_on, topic=data.topic, attendees=data.attendees, errors=errors)
    if errors:
        raise InvalidInput("培训信息有误。", field_errors=errors)
    training = Training.objects.create(
        organisation=town,
        kind=data.kind,
        held_on=data.held_on,
        topic=data.topic,
        hours=data.hours,
        trainer=data.trainer,
        recorded_by=actor,
    )
    training.attendees.set(dict.fromkeys(data.attendees))
    _attach(actor, training, town, materials)
    ledger.record(
        actor,
        LearningEvent.TRAINING_RECORDED,
        training,
        {
            "kind": training.kind,
            "held_on": training.held_on.isoformat(),
            "topic": training.topic,
            "hours": str(training.hours),
            "attendees": sorted(person.pk for person in data.attendees),
        },
        organisation=town,
    )
    return training
