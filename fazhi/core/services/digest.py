"""The daily digest: one message per person a day, with their 待办 and the reminders the jobs left
them, sent through the town's channel (core.channels) rather than a message per event."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from fazhi.core import channels, todos
from fazhi.core.models import DigestDelivery, Notification, Staff

logger = logging.getLogger("fazhi.notifications")

# How many items the message names one by one; the rest are counted.
NAMED_ITEMS = 3


@dataclass
class DigestRun:
    sent: int = 0
    failed: list[str] = field(default_factory=list)


def compose(person: Staff, items: list[todos.Todo], reminders: int, today: datetime.date) -> str:
    overdue = sum(todo.overdue(today) for todo in items)
    parts = [f"【法治】{person.full_name or person.username}："]
    if items:
        parts.append(f"待办 {len(items)} 项" + (f"，其中已逾期 {overdue} 项" if overdue else "") + "。")
        for number, todo in enumerate(items[:NAMED_ITEMS], start=1):
            due = f"（{todo.due_on.isoformat()} 到期）" if todo.due_on else ""
            parts.append(f"{number}. {todo.title} · {todo.step_label}{due}；")
        if len(items) > NAMED_ITEMS:
            parts.append(f"另有 {len(items) - NAMED_ITEMS} 项。")
    if reminders:
        parts.append(f"今日新提醒 {reminders} 条。")
    parts.append("详见工作台。")
    return "".join(parts)


def send_daily_digests(*, today: datetime.date, channel: channels.Channel | None = None) -> DigestRun:
    """Each active person with something to do or a reminder of the day, not yet sent today, gets one
    message. A failed send is logged and tried again on the next run of the day."""
    channel = channel or channels.configured()
    run = DigestRun()
    sent_today = DigestDelivery.objects.filter(day=today).values("recipient_id")
    people = Staff.objects.filter(is_active=True, is_system=False).exclude(pk__in=sent_today).order_by("pk")
    for person in people:
        items = todos.for_actor(person, today)
        reminders = Notification.objects.filter(recipient=person, day=today, read_at__isnull=True).count()
        if not items and not reminders:
            continue
        message = channels.Message(
            person.pk, person.full_name, person.phone, compose(person, items, reminders, today)
        )
        try:
            channel.send(message)
        except (OSError, ValueError) as error:
            logger.warning("每日提醒未能发送给 %s：%s", person.full_name, error)
            run.failed.append(person.full_name)
            continue
        try:
            with transaction.atomic():
                DigestDelivery.objects.create(
                    recipient=person, day=today, channel=channel.name, items=len(items)
                )
        except IntegrityError:
            continue  # another worker sent it meanwhile
        run.sent += 1
    return run
