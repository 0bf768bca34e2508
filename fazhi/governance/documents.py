"""The 会议纪要 of a meeting as .docx in the GB/T 9704 layout. A pure read of the meeting."""

from __future__ import annotations

import datetime

from fazhi.core import selectors as core_selectors
from fazhi.core.official_document import OfficialDocument
from fazhi.governance.models import Meeting

MINUTES_TITLE = "会议纪要"


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def attendance(meeting: Meeting) -> str:
    names = [person.full_name for person in meeting.attendees.order_by("id")]
    if meeting.other_attendees:
        names.append(meeting.other_attendees)
    return "、".join(names)


def minutes(meeting: Meeting) -> bytes:
    agency = core_selectors.official_name_of(meeting.organisation)
    document = OfficialDocument("%(t)s%(k)s" % {"t": meeting.title, "k": MINUTES_TITLE})
    document.header(None, agency=agency)
    document.body(
        "%(d)s，%(a)s召开%(k)s（%(t)s）%(p)s。现将会议议定事项纪要如下。"
        % {
            "d": _date(meeting.held_on),
            "a": meeting.organisation.name,
            "k": meeting.get_kind_display(),
            "t": meeting.title,
            "p": "，%(n)s主持" % {"n": meeting.presided_by.full_name} if meeting.presided_by else "",
        }
    )
    document.heading("一、会议议题", 1)
    for line in meeting.topics.splitlines():
        if line.strip():
            document.body(line.strip())
    document.heading("二、议定事项", 1)
    for line in meeting.decisions.splitlines():
        if line.strip():
            document.body(line.strip())
    document.plain("出席：%(n)s" % {"n": attendance(meeting)})
    document.signature(agency)
    document.date(_date(meeting.held_on))
    return document.to_bytes()


def minutes_filename(meeting: Meeting) -> str:
    return f"{MINUTES_TITLE}-{meeting.held_on.isoformat()}-{meeting.pk}.docx"
