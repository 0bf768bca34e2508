"""The annual report as data: its required structure (厅字〔2019〕28号), the order of its figures, how 三
and 四 are listed, the town's own statements, the checks before 定稿 and the step table; the default
wording of each paragraph (rules.paragraphs) and the prompts the indicators offer for 不足 and 安排
(rules.prompts), named here too.

A placeholder is a figure key or a context name in braces, e.g. {study_sessions} → "9次",
{organisation} → "辛口镇", {year} → "2020"."""

from __future__ import annotations

import datetime
import re
from typing import Protocol

from django.conf import settings

from fazhi.core.errors import RuleViolation
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.reports.models import ReportStatus
from fazhi.reports.rules.paragraphs import DEFAULT_PARAGRAPHS as DEFAULT_PARAGRAPHS
from fazhi.reports.rules.paragraphs import DEFAULTS_BY_KEY as DEFAULTS_BY_KEY
from fazhi.reports.rules.paragraphs import ParagraphDefault as ParagraphDefault
from fazhi.reports.rules.prompts import PROMPTS as PROMPTS
from fazhi.reports.rules.prompts import PROMPTS_BY_KEY as PROMPTS_BY_KEY
from fazhi.reports.rules.prompts import REASON as REASON
from fazhi.reports.rules.prompts import Prompt as Prompt

REPORT_CITATION = "法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）"
PUBLISH_BY = (4, 1)  # published before 1 April of the following year (DOMAIN §4 #43)

SECTIONS: list[tuple[str, str]] = [
    ("duty", "一、履行推进法治建设第一责任人职责情况"),
    ("measures", "二、主要举措与成效"),
    ("shortcomings", "三、存在的不足和原因"),
    ("plans", "四、下一年度推进法治政府建设的主要安排"),
    ("other", "五、其他需要报告的情况"),
]
SECTION_TITLES = dict(SECTIONS)
# The order the report's data table, the placeholder list and the dashboards present the figures and
# the breakdowns that the other apps register (core.figures, core.charts): the report's own order.
FIGURE_ORDER = (
    "head_acts_wording",
    "governance_committee",
    "governance_meetings",
    "key_tasks_deployed",
    "key_tasks_on_time",
    "key_tasks_late",
    "key_tasks_silent",
    "supervision_notices",
    "central_group_sessions",
    "study_sessions",
    "laws_studied",
    "lectures",
    "trainings_all_staff",
    "training_hours",
    "training_target_met",
    "legal_professionals",
    "powers_published",
    "major_decisions",
    "decisions_comment_periods",
    "decision_comments",
    "decisions_expert_required",
    "decisions_expert_reviewed",
    "decisions_risk_required",
    "decisions_risk_assessed",
    "decisions_legality_reviewed",
    "decisions_discussed",
    "decisions_procedure_complete",
    "decisions_procedure_wording",
    "legal_counsels",
    "counsel_consultations",
    "counsel_decision_reviews",
    "contracts_reviewed",
    "counsel_contract_reviews",
    "contracts_signed_reviewed",
    "contracts_filed",
    "penalty_decisions",
    "penalties_published",
    "publications_on_time",
    "credential_coverage",
    "records_credentials_shown",
    "device_coverage",
    "trainings_recording",
    "cases_closed",
    "cases_archived",
    "legal_review_body",
    "legal_reviewers",
    "legal_reviewers_qualified",
    "legal_reviews_made",
    "legal_review_required",
    "legal_review_coverage",
    "decisions_on_time",
    "remedies_filed",
    "remedies_decided",
    "remedies_lost",
    "remedies_lost_rate",
    "mediation_since",
    "mediation_units",
    "mediation_units_wording",
    "mediation_batches",
    "mediation_persons",
    "mediation_by_category",
    "mediation_disposed",
    "mediation_on_time",
    "petitions_received",
    "key_petitions",
    "key_petitions_assigned",
    "petition_contacts",
    "petition_contacts_wording",
    "key_petitions_cleared",
    "key_petitions_late",
    "prevention_team",
    "prevention_team_wording",
    "publicity_events",
    "publicity_reached",
    "publicity_by_channel",
)
CHART_ORDER = ("cases", "overdue", "timeliness", "review", "disputes", "petitions", "contracts", "training")
CONTEXT_NAMES = ("organisation", "year", "next_year")
# How the editor names the context names to a user, beside the figures' own labels.
CONTEXT_LABELS = {"organisation": "单位名称", "year": "报告年度", "next_year": "下一年度"}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


# ----------------------------------------------------------------- the suggestions and the sections' text

DRAFTING_RULES = (
    "年度报告起草规程（本系统地方规则）：数据提示的不足须由负责人逐条确认、改写或不采纳；"
    "没有数据支撑的本镇自述须由负责人确认"
)
UNDECIDED = "undecided"
UNDECIDED_MARK = "【建议（待负责人确认）】"
NO_SHORTCOMINGS = "经对照本年度各项数据和记录，未发现需要逐项列明的不足。"
EMPTY_SECTION = "（本部分尚未填写。）"
APPENDIX_TITLE = "附表：本年度其他统计数据（正文未列出）"
# The sections whose paragraphs after the first are a numbered list: the shortcomings and the plans.
LISTED_SECTIONS = ("shortcomings", "plans")
_NUMERALS = "一二三四五六七八九"
_NUMBERED = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*")


def suggested_shortcoming(prompt: Prompt) -> str:
    """What confirming a suggestion puts into 三: the prompt's statement. The reason it asks for is
    written by rewording the suggestion; a confirmed statement never carries the request itself."""
    return prompt.shortcoming.replace(REASON, "")


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (numbers below 100)."""
    tens, ones = divmod(number, 10)
    head = ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" if tens else ""
    return head + (_NUMERALS[ones - 1] if ones else "")


def numbered(position: int, text: str) -> str:
    """The item's text under its number （一）、（二）…; a number the writer typed is replaced, so the
    list stays in order however items are added or dropped."""
    return "（%(n)s）%(t)s" % {"n": chinese_number(position), "t": _NUMBERED.sub("", text, count=1)}


def closed(text: str, sentence: str) -> str:
    """A paragraph ending on a colon with nothing after it: its last clause (the colon's) gives way to
    `sentence` (or, with none, the paragraph ends at its last full sentence), so a section never ends
    on a colon."""
    stripped = text.rstrip()
    if not stripped.endswith(("：", ":")):
        return text
    cut = max(stripped.rfind(mark) for mark in "。；！？") + 1
    if cut == 0:  # the colon ends the only sentence: the sentence given, or a full stop, ends it instead
        return sentence or stripped[:-1] + "。"
    return stripped[:cut] + sentence


# ------------------------------------------------------------------------ the town's own statements

# The sections that state what happened in the year: each of their sentences carries a figure or is
# the town's own statement (本镇自述), confirmed by the head before 定稿. 三's items are the head's
# decisions on the suggestions already; 四 states intentions, not facts.
OWN_STATEMENT_SECTIONS = ("duty", "measures", "other")
OWN_STATEMENT_NOTE = "本镇自述：这句话没有数据支撑，须负责人确认属实后方可定稿"
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


def sentences(text: str) -> list[str]:
    """The text cut after each 。！？； (a clause after a semicolon stands on its own)."""
    return [found.strip() for found in _SENTENCE.findall(text) if found.strip()]


def backed(sentence: str) -> bool:
    """A sentence carrying a figure: what it states drills down to the rows counted."""
    return any(name not in CONTEXT_NAMES for name in PLACEHOLDER.findall(sentence))


def own_statements(text: str) -> list[str]:
    return [sentence for sentence in sentences(text) if not backed(sentence)]


def unconfirmed_statements(text: str, confirmed: str) -> list[str]:
    """The paragraph's own statements the head has not confirmed in these words."""
    kept = set(confirmed.split("\n"))
    return [sentence for sentence in own_statements(text) if sentence not in kept]


def check_statements_confirmed(unconfirmed: int) -> None:
    if unconfirmed:
        raise RuleViolation(
            "报告中还有%(n)d句本镇自述（没有数据支撑的表述）待负责人确认，请逐条核实确认或改写后再定稿。"
            % {"n": unconfirmed},
            citation=DRAFTING_RULES,
        )


def check_suggestions_decided(undecided: int) -> None:
    if undecided:
        raise RuleViolation(
            "“存在的不足”中还有%(n)d条建议待负责人确认、改写或不采纳，请逐条决定后再定稿。"
            % {"n": undecided},
            citation=DRAFTING_RULES,
        )


def check_sections_written(empty_titles: list[str]) -> None:
    if empty_titles:
        raise RuleViolation(
            "报告的“%(t)s”没有内容，请填写后再定稿。" % {"t": "”“".join(empty_titles)},
            citation=REPORT_CITATION,
        )


def publish_by(year: int) -> datetime.date:
    """The report of `year` is published before 1 April of the next year."""
    month, day = PUBLISH_BY
    return datetime.date(year + 1, month, day)


def reminded_from(year: int) -> datetime.date:
    """From this day the report of `year` is asked for (the reminders, the 待办): settings'
    REPORT_REMINDER_DAYS before publish_by."""
    return publish_by(year) - datetime.timedelta(days=settings.REPORT_REMINDER_DAYS)


def report_title(organisation_name: str, year: int) -> str:
    return "%(o)s%(y)d年度法治政府建设情况报告" % {"o": organisation_name, "y": year}


# ------------------------------------------------------------------------------------- the step table


class ReportFacts(HasStatus, Protocol):
    """What the gates read about an annual report (reports.selectors.ReportRowFacts)."""

    @property
    def year(self) -> int: ...
    @property
    def finalised_on(self) -> str: ...
    @property
    def today(self) -> datetime.date: ...


def gate_year_over(facts: ReportFacts) -> None:
    """The report covers a whole year: it is finalised in the next."""
    if facts.year >= facts.today.year:
        raise RuleViolation(
            "%(y)d年度尚未结束，年度报告须在次年定稿。" % {"y": facts.year}, citation=REPORT_CITATION
        )


WRITERS = (Role.HEAD, Role.ADMIN)
_DRAFT = frozenset({ReportStatus.DRAFT})
_FROZEN = Refusal("报告已于 %(finalised_on)s 定稿，文字和数据不再修改。", REPORT_CITATION)

STEPS: Steps[StatusStep[ReportFacts]] = Steps(
    StatusStep(name="draft", label="起草年度报告", roles=WRITERS),
    StatusStep(name="edit", label="修改报告", roles=WRITERS, within=_DRAFT, elsewhere=_FROZEN),
    StatusStep(
        name="finalise",
        label="定稿",
        roles=(Role.HEAD,),
        within=_DRAFT,
        elsewhere=_FROZEN,
        gates=(gate_year_over,),
    ),
    StatusStep(
        name="decide_suggestion",
        label="确认不足建议",
        roles=(Role.HEAD,),
        within=_DRAFT,
        elsewhere=_FROZEN,
    ),
    StatusStep(
        name="confirm_statements",
        label="确认本镇自述",
        roles=(Role.HEAD,),
        within=_DRAFT,
        elsewhere=_FROZEN,
    ),
    StatusStep(
        name="publish",
        label="公开",
        roles=(Role.HEAD,),
        within=frozenset({ReportStatus.FINAL}),
        elsewhere=Refusal("报告定稿后方可公开。", REPORT_CITATION),
    ),
    StatusStep(name="reword", label="修改默认表述", roles=(Role.ADMIN,)),
)
