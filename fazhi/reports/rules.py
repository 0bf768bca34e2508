"""The annual report as data: its required structure (厅字〔2019〕28号), the default wording of each
paragraph with placeholders for figures, and the prompts the indicators offer for 不足 and 安排.

A placeholder is a figure key or a context name in braces, e.g. {study_sessions} → "9次",
{organisation} → "辛口镇", {year} → "2020"."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings

from fazhi.core.errors import RuleViolation
from fazhi.core.figures import Value
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.reports.models import ReportStatus

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
    "governance_committee",
    "governance_meetings",
    "key_tasks_deployed",
    "key_tasks_on_time",
    "key_tasks_late",
    "key_tasks_silent",
    "supervision_notices",
    "study_sessions",
    "laws_studied",
    "lectures",
    "trainings_recording",
    "trainings_all_staff",
    "training_hours",
    "training_target_met",
    "contracts_reviewed",
    "contracts_signed_reviewed",
    "penalties_published",
    "penalty_decisions",
    "publications_on_time",
    "decisions_on_time",
    "legal_review_coverage",
    "device_coverage",
    "credential_coverage",
    "major_decisions",
    "mediation_batches",
    "mediation_persons",
    "mediation_by_category",
    "mediation_since",
    "mediation_disposed",
    "mediation_on_time",
    "petitions_received",
    "key_petitions",
    "key_petitions_cleared",
    "prevention_team",
    "prevention_team_wording",
    "publicity_events",
    "publicity_reached",
)
CHART_ORDER = ("cases", "overdue", "timeliness", "review", "disputes", "petitions", "contracts", "training")
CONTEXT_NAMES = ("organisation", "year", "next_year")
# How the editor names the context names to a user, beside the figures' own labels.
CONTEXT_LABELS = {"organisation": "单位名称", "year": "报告年度", "next_year": "下一年度"}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class ParagraphDefault:
    key: str
    section: str
    text: str
    heading: bool = False


DEFAULT_PARAGRAPHS: list[ParagraphDefault] = [
    ParagraphDefault(
        "duty.lead",
        "duty",
        "{organisation}党委、政府主要负责人切实履行推进法治建设第一责任人职责，坚持做到法治建设重要工作亲自部署、"
        "重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，将法治建设纳入党委年度工作要点，"
        "及时研究部署执法、普法、守法等领域重点任务。",
    ),
    ParagraphDefault(
        "duty.committee",
        "duty",
        "{governance_committee}，加强基层法治建设组织领导，全年召开依法治镇委员会会议及党委会、政府常务会"
        "研究部署法治工作{governance_meetings}；牵头制定年度重点工作安排，明确责任分工，全年部署重点工作"
        "{key_tasks_deployed}，按期完成{key_tasks_on_time}，逾期{key_tasks_late}，对逾期和未按时反馈的事项"
        "发出督办通知{supervision_notices}。",
    ),
    ParagraphDefault(
        "duty.study",
        "duty",
        "注重发挥关键少数的示范引领作用，通过党委理论中心组专题学习、政府行政办公会学法等形式，"
        "系统学习习近平法治思想和宪法法律，全年共组织各类专题学法活动{study_sessions}。",
    ),
    ParagraphDefault("measures.h1", "measures", "（一）完善制度体系，着力提高依法行政能力", heading=True),
    ParagraphDefault(
        "measures.study",
        "measures",
        "强化学习教育，夯实法治建设基础。抓好党委理论中心组、政府行政办公会专题学法活动，把法治政府建设作为"
        "重要学习内容，集中学习{laws_studied}等内容，全年共组织各类专题学法活动{study_sessions}。",
    ),
    ParagraphDefault(
        "measures.decisions",
        "measures",
        "严格落实规定，全面完善决策机制。对事关经济社会民生发展的重大事项，坚持科学、民主、依法决策，"
        "全年作出重大行政决策{major_decisions}，严格落实公众参与、专家论证、风险评估、合法性审查等法定程序。",
    ),
    ParagraphDefault(
        "measures.contracts",
        "measures",
        "规范工作流程，发挥法律顾问作用。着力推进行政合同管理，规范审签程序，当年签订的合同签订前经合法性审查的"
        "比例为{contracts_signed_reviewed}，并按规定编号登记存档，全年共审核合同协议{contracts_reviewed}。",
    ),
    ParagraphDefault("measures.h2", "measures", "（二）坚持依法行政，严格规范公正文明执法", heading=True),
    ParagraphDefault(
        "measures.disclosure",
        "measures",
        "全力构建行政执法公示制度。全面贯彻落实“谁执法谁公示”的原则，规范公示内容的标准格式，"
        "全年作出行政处罚决定{penalty_decisions}，共公示{penalties_published}行政处罚案件，"
        "按期公示率{publications_on_time}。",
    ),
    ParagraphDefault(
        "measures.recording",
        "measures",
        "坚决落实执法全过程记录制度。对案件从立案、调查、取证、审查、决定、送达、执行等各环节进行记录并归档，"
        "执法人员（包括辅助执法人员）执法记录仪配备率为{device_coverage}，先后组织{trainings_recording}"
        "执法记录装备使用培训。执法人员持证上岗率为{credential_coverage}。",
    ),
    ParagraphDefault(
        "measures.review",
        "measures",
        "严格执行重大行政执法决定法制审核制度。重大行政执法决定作出前依法进行法制审核，未经法制审核或者审核未通过的，"
        "不得作出决定，一般程序处罚决定的法制审核率为{legal_review_coverage}。",
    ),
    ParagraphDefault("measures.h3", "measures", "（三）筑牢法治根基，着力推进基层法治建设", heading=True),
    ParagraphDefault(
        "measures.mediation",
        "measures",
        "积极做好社会矛盾纠纷排查化解工作。{mediation_since}，共计接待来访群众{mediation_batches}"
        "{mediation_persons}，{mediation_by_category}，按照“三到位一处理”工作要求处置的比例为"
        "{mediation_disposed}。",
    ),
    ParagraphDefault(
        "measures.petitions",
        "measures",
        "以法治思维和法治方式做好信访工作。全年登记信访事项{petitions_received}，对于重点信访事项，及时成立工作专班，"
        "明确包案领导，通过“情理法”相结合的工作方法化解矛盾。通过努力，{key_petitions_cleared}。",
    ),
    ParagraphDefault(
        "measures.prevention",
        "measures",
        "多举措推动重点环节重点点位治理。广泛动员小区楼栋长、老党员、网格员、平安志愿者等{prevention_team_wording}"
        "组建群防群治工作队伍，全年开展防诈、消防和法治宣传活动{publicity_events}，受众{publicity_reached}。",
    ),
    ParagraphDefault(
        "shortcomings.intro",
        "shortcomings",
        "{year}年，{organisation}法治政府建设工作虽然取得了一定成效，但离人民群众期待还有一定差距。主要表现为：",
    ),
    ParagraphDefault(
        "plans.intro",
        "plans",
        "{next_year}年，{organisation}将坚持以习近平法治思想为指导，持续推进法治政府建设工作，重点抓好以下环节：",
    ),
    ParagraphDefault(
        "plans.duty",
        "plans",
        "继续履行好推进法治建设第一责任人职责。党政主要负责人“亲自抓、亲自管”，全面对标主要职责，落实落细重点任务。",
    ),
    ParagraphDefault(
        "plans.publicity",
        "plans",
        "继续抓好全民法治意识提升工作。持续抓好法治宣传教育，常态化抓好机关和村居工作人员法治培训。",
    ),
]
DEFAULTS_BY_KEY = {paragraph.key: paragraph for paragraph in DEFAULT_PARAGRAPHS}


@dataclass(frozen=True)
class Prompt:
    """A shortcoming the indicators show, with what the writer may accept into 三 and 四."""

    key: str
    shows: Callable[[dict[str, Value]], bool]
    shortcoming: str
    plan: str


def _below(key: str, target: Decimal = Decimal(100)) -> Callable[[dict[str, Value]], bool]:
    def shows(values: dict[str, Value]) -> bool:
        value = values[key].value
        return isinstance(value, Decimal) and value < target

    return shows


def _all_staff_training_rare(values: dict[str, Value]) -> bool:
    value = values["trainings_all_staff"].value
    return isinstance(value, int) and value < settings.REPORT_ALL_STAFF_TRAININGS_TARGET


def _key_tasks_silent(values: dict[str, Value]) -> bool:
    value = values["key_tasks_silent"].value
    return isinstance(value, int) and value > 0


def _key_petitions_open(values: dict[str, Value]) -> bool:
    return str(values["key_petitions_cleared"].value).startswith("重点信访事项")


REASON = "原因：（请写明原因）"
PROMPTS: list[Prompt] = [
    Prompt(
        "publication_late",
        _below("publications_on_time"),
        "行政执法公示的及时性有待提高，当年作出的处罚决定按期公示率为{publications_on_time}。" + REASON,
        "严格落实行政执法公示制度，处罚决定作出之日起7个工作日内公示，逐月通报公示及时率。",
    ),
    Prompt(
        "contract_unreviewed",
        _below("contracts_signed_reviewed"),
        "合同合法性审查未实现全覆盖，当年签订的合同签订前经审查的比例为{contracts_signed_reviewed}。"
        + REASON,
        "落实合同“先审查、后签订”，未经合法性审查的合同一律不得签订。",
    ),
    Prompt(
        "decision_late",
        _below("decisions_on_time"),
        "办案时效有待提高，一般程序处罚决定按期作出率为{decisions_on_time}。" + REASON,
        "加强案件办理期限管理，临近期限逐案提醒，确需延长的依法报批。",
    ),
    Prompt(
        "legal_review_gap",
        _below("legal_review_coverage"),
        "重大执法决定法制审核制度落实不到位，法制审核率为{legal_review_coverage}。" + REASON,
        "严把法制审核关，配齐法制审核人员，未经法制审核的重大执法决定不得作出。",
    ),
    Prompt(
        "device_gap",
        _below("device_coverage"),
        "执法记录仪配备尚未全覆盖，配备率为{device_coverage}。" + REASON,
        "为全部执法人员和辅助执法人员配齐执法记录仪，落实执法全过程记录。",
    ),
    Prompt(
        "training_rare",
        _all_staff_training_rare,
        "法治教育培训不够常态化，组织全员法治培训次数较少（全年{trainings_all_staff}）。" + REASON,
        "常态化组织全员法治培训，每年不少于%(n)d次。" % {"n": settings.REPORT_ALL_STAFF_TRAININGS_TARGET},
    ),
    Prompt(
        "training_hours",
        _below("training_target_met"),
        "执法人员能力素质仍需提升，培训学时达标率为{training_target_met}。" + REASON,
        "制定执法人员年度培训计划，确保每人完成年度培训学时。",
    ),
    Prompt(
        "mediation_late",
        _below("mediation_on_time"),
        "矛盾纠纷化解的时效有待提高，矛调中心按期办结率为{mediation_on_time}。" + REASON,
        "进一步提高社会矛盾纠纷调处化解中心建设水平，落实首问负责和限时办结。",
    ),
    Prompt(
        "key_tasks_silent",
        _key_tasks_silent,
        "重点工作落实有待进一步提高，跟踪反馈不及时、不经常，{key_tasks_silent}超过规定间隔未反馈进展。"
        + REASON,
        "建立重点工作台账，责任单位按期反馈进展，对逾期和未按时反馈的事项及时督办。",
    ),
    Prompt(
        "key_petitions_open",
        _key_petitions_open,
        "重点信访事项化解不够彻底，{key_petitions_cleared}。" + REASON,
        "对重点信访事项实行领导包案、专班推进，确保在规定时限内办结。",
    ),
]
PROMPTS_BY_KEY = {prompt.key: prompt for prompt in PROMPTS}

# ----------------------------------------------------------------- the suggestions and the sections' text

DRAFTING_RULES = "年度报告起草规程（本系统地方规则）：数据提示的不足须由负责人逐条确认、改写或不采纳"
UNDECIDED = "undecided"
UNDECIDED_MARK = "【建议（待负责人确认）】"
NO_SHORTCOMINGS = "经对照本年度各项数据和记录，未发现需要逐项列明的不足。"
EMPTY_SECTION = "（本部分尚未填写。）"
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
        name="publish",
        label="公开",
        roles=(Role.HEAD,),
        within=frozenset({ReportStatus.FINAL}),
        elsewhere=Refusal("报告定稿后方可公开。", REPORT_CITATION),
    ),
    StatusStep(name="reword", label="修改默认表述", roles=(Role.ADMIN,)),
)
