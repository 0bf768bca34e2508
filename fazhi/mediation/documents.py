"""The 人民调解协议书 as .docx in the GB/T 9704 layout, with the contents 人民调解法 art. 29 requires
and the reminder of the 30-day window for judicial confirmation (art. 33). A pure read."""

from __future__ import annotations

import datetime

from fazhi.core.official_document import OfficialDocument
from fazhi.mediation import rules
from fazhi.mediation.models import Agreement

AGREEMENT_TITLE = "人民调解协议书"


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def agreement_docx(agreement: Agreement) -> bytes:
    confirmation_due = rules.judicial_confirmation_period().due(agreement.signed_on).due
    document = OfficialDocument(AGREEMENT_TITLE)
    document.header(agreement.number.text, agency=agreement.committee)
    parties = [line.strip() for line in agreement.parties.splitlines() if line.strip()]
    document.body("当事人基本情况：")
    for line in parties:
        document.body(line)
    for heading, text in (
        ("纠纷的主要事实", agreement.facts),
        ("争议事项", agreement.disputed_matters),
        ("各方当事人的责任", agreement.responsibilities),
    ):
        document.body(f"{heading}：{text}")
    document.body(
        "经%(c)s主持调解，当事人自愿达成如下协议：%(t)s" % {"c": agreement.committee, "t": agreement.terms}
    )
    document.body(f"履行协议的方式、期限：{agreement.performance}")
    document.body(
        "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
        "本协议一式%(n)d份，当事人各执一份，人民调解委员会留存一份。" % {"n": len(parties) + 1}
    )
    document.body(
        "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人认为有必要的，"
        "可以自本协议生效之日起三十日内（即%(d)s前）共同向人民法院申请司法确认。"
        % {"d": _date(confirmation_due)}
    )
    document.plain("当事人（签名、盖章或者按指印）：")
    document.plain(f"人民调解员（签名）：{agreement.mediator}")
    document.signature(agreement.committee)
    document.date(_date(agreement.signed_on))
    return document.to_bytes()


def agreement_filename(agreement: Agreement) -> str:
    return f"{AGREEMENT_TITLE}-{agreement.number.text}.docx"
