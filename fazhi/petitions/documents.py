"""The 信访处理意见书 as .docx in the GB/T 9704 layout, with the contents 信访工作条例 第三十二条
requires and the petitioner's 30 days to request 复查 (第三十五条). A pure read."""

from __future__ import annotations

import datetime

from fazhi.core import selectors as core_selectors
from fazhi.core.official_document import OfficialDocument
from fazhi.petitions import rules
from fazhi.petitions.models import Opinion

OPINION_TITLE = "信访处理意见书"


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def opinion_docx(opinion: Opinion) -> bytes:
    petition = opinion.petition
    agency = core_selectors.official_name_of(petition.organisation)
    names = "、".join(party.name for party in petition.petitioners.order_by("id"))
    document = OfficialDocument(OPINION_TITLE)
    document.header(opinion.number.text, agency=agency)
    document.plain(f"{names}：")
    accepted = _date(petition.decided_on) if petition.decided_on else ""
    document.body(
        "你（们）于%(r)s以%(c)s形式提出的信访事项，本机关已于%(a)s受理。经调查核实，现将处理意见答复如下。"
        % {"r": _date(petition.received_on), "c": petition.get_channel_display(), "a": accepted}
    )
    document.body(f"一、信访请求：{opinion.request}")
    document.body(f"二、事实：{opinion.facts}")
    document.body(f"三、理由：{opinion.reasons}")
    document.body(f"四、处理意见：{rules.DECISION_TEXTS[opinion.decision]}")
    document.body(f"五、依据：{opinion.basis}")
    document.body(
        "如对本处理意见不服，可以自收到本意见书之日起30日内，"
        "向本机关的上一级机关请求复查（《信访工作条例》第三十五条）。"
    )
    document.signature(agency)
    document.date(_date(opinion.issued_on))
    return document.to_bytes()


def opinion_filename(opinion: Opinion) -> str:
    return f"{OPINION_TITLE}-{opinion.number.text}.docx"
