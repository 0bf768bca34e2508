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


@dataclass(frozen=True)
class ParagraphDefault:
    key: str
    section: str
    text: str
    heading: bool = False
    # When every figure named here counts nothing in the year, the draft is offered `empty_text`
    # instead: a sentence of zeros ("作出重大行政决策0项，其中公开征求意见的0项…") says nothing a reader needs.
    empty_when: tuple[str, ...] = ()
    empty_text: str = ""

    def offered(self, values: dict[str, Value]) -> str:
        """The default as a draft of these figures is offered it."""
        if self.empty_when and all(values[key].value in (0, None) for key in self.empty_when):
            return self.empty_text
        return self.text


# Every sentence of 一 and 二 that states a fact about the year carries the figure it is counted from;
# a sentence with none (a lead, a method) is the town's own statement, which the head confirms before
# 定稿 (OWN_STATEMENT_SECTIONS). A claim the records could contradict is a phrase figure that words what
# they show ("其中1项未履行全部应履行的法定程序…"), never fixed text. Each figure appears once.
DEFAULT_PARAGRAPHS: list[ParagraphDefault] = [
    ParagraphDefault(
        "duty.lead",
        "duty",
        "{head_acts_wording}。{organisation}党委、政府主要负责人切实履行推进法治建设第一责任人职责，"
        "将法治建设纳入党委年度工作要点，及时研究部署执法、普法、守法等领域重点任务。",
    ),
    ParagraphDefault(
        "duty.committee",
        "duty",
        "{governance_committee}，加强基层法治建设组织领导，全年召开依法治镇委员会会议及党委会、政府常务会"
        "等研究部署法治工作的会议{governance_meetings}；牵头制定年度重点工作安排，明确责任分工，全年部署重点工作"
        "{key_tasks_deployed}，其中按期完成的重点工作{key_tasks_on_time}，逾期的重点工作{key_tasks_late}，"
        "对逾期和未按时反馈的事项发出督办通知{supervision_notices}。",
    ),
    ParagraphDefault(
        "duty.study",
        "duty",
        "注重发挥关键少数的示范引领作用。全年开展党委理论中心组专题学法{central_group_sessions}，"
        "系统学习习近平法治思想和宪法法律。",
    ),
    ParagraphDefault("measures.h1", "measures", "（一）完善制度体系，着力提高依法行政能力", heading=True),
    ParagraphDefault(
        "measures.study",
        "measures",
        "强化学习教育，夯实法治建设基础。抓好党委理论中心组、政府行政办公会专题学法活动，集中学习{laws_studied}"
        "等内容，全年共组织各类专题学法活动{study_sessions}；组织全员法治培训{trainings_all_staff}，"
        "各类培训共计{training_hours}。",
    ),
    ParagraphDefault(
        "measures.openness",
        "measures",
        "深化体制改革，积极推进政务公开。在公开平台向社会公布赋权执法事项{powers_published}，接受社会监督。",
    ),
    ParagraphDefault(
        "measures.decisions",
        "measures",
        "严格落实规定，全面完善决策机制。全年作出重大行政决策{major_decisions}，其中公开征求意见的"
        "{decisions_comment_periods}、收到公众意见{decision_comments}，组织专家论证的{decisions_expert_reviewed}，"
        "开展风险评估的{decisions_risk_assessed}，经合法性审查通过的{decisions_legality_reviewed}，"
        "经集体讨论决定的{decisions_discussed}。按各项决策应履行的程序核对，须专家论证的"
        "{decisions_expert_required}、须风险评估的{decisions_risk_required}，{decisions_procedure_wording}。",
        empty_when=("major_decisions",),
        empty_text="严格落实规定，全面完善决策机制。{decisions_procedure_wording}。",
    ),
    ParagraphDefault(
        "measures.counsel",
        "measures",
        "规范工作流程，发挥法律顾问作用。聘请法律顾问{legal_counsels}，全年解答法律咨询{counsel_consultations}，"
        "法律顾问出具重大行政决策合法性审查意见{counsel_decision_reviews}。着力推进行政合同管理，规范审签程序。"
        "全年共审核合同协议{contracts_reviewed}，法律顾问出具合同合法性审查意见书{counsel_contract_reviews}；"
        "当年签订的合同中签订前经合法性审查的合同比例为{contracts_signed_reviewed}，"
        "当年签订的合同中已编号登记存档的比例为{contracts_filed}。",
    ),
    ParagraphDefault("measures.h2", "measures", "（二）坚持依法行政，严格规范公正文明执法", heading=True),
    ParagraphDefault(
        "measures.disclosure",
        "measures",
        "全力构建行政执法公示制度，全面贯彻落实“谁执法谁公示”的原则。全年作出行政处罚决定{penalty_decisions}，"
        "公示行政处罚案件{penalties_published}，行政处罚决定按期公示率为{publications_on_time}。执法人员持证上岗率为"
        "{credential_coverage}，笔录中记载出示执法证件的比例为{records_credentials_shown}。",
    ),
    ParagraphDefault(
        "measures.recording",
        "measures",
        "坚决落实执法全过程记录制度。执法人员（含辅助执法人员）配备执法记录仪比例为{device_coverage}，"
        "先后组织执法记录装备使用培训{trainings_recording}。当年结案的案件{cases_closed}；"
        "当年结案案件按“一户一档”归档电子案卷的比例为{cases_archived}。",
    ),
    ParagraphDefault(
        "measures.review",
        "measures",
        "严格执行重大行政执法决定法制审核制度。由{legal_review_body}承担法制审核工作，配备法制审核人员{legal_reviewers}，"
        "其中具有法律职业资格的法制审核人员{legal_reviewers_qualified}，全年作出法制审核意见{legal_reviews_made}。"
        "当年须经法制审核的处罚决定{legal_review_required}，重大执法决定法制审核率为{legal_review_coverage}；"
        "一般程序处罚决定按期作出率为{decisions_on_time}。",
        empty_when=("legal_reviewers",),
        empty_text="严格执行重大行政执法决定法制审核制度。配备法制审核人员{legal_reviewers}，全年作出法制审核意见"
        "{legal_reviews_made}。当年须经法制审核的处罚决定{legal_review_required}，重大执法决定法制审核率为"
        "{legal_review_coverage}；一般程序处罚决定按期作出率为{decisions_on_time}。",
    ),
    ParagraphDefault(
        "measures.remedies",
        "measures",
        "依法做好行政复议和行政应诉工作。当年提起的行政复议和行政诉讼案件{remedies_filed}，"
        "当年审结的行政复议和行政诉讼案件{remedies_decided}，其中行政复议和行政诉讼败诉案件{remedies_lost}。",
        empty_when=("remedies_filed", "remedies_decided"),
        empty_text="依法做好行政复议和行政应诉工作。当年提起的行政复议和行政诉讼案件{remedies_filed}。",
    ),
    ParagraphDefault("measures.h3", "measures", "（三）筑牢法治根基，着力推进基层法治建设", heading=True),
    ParagraphDefault(
        "measures.mediation",
        "measures",
        "积极做好社会矛盾纠纷排查化解工作。{mediation_since}，共计接待来访群众{mediation_batches}{mediation_persons}，"
        "{mediation_by_category}，按“三到位一处理”处置率为{mediation_disposed}。中心采取“1+3+N”工作模式，"
        "{mediation_units_wording}参与化解。",
        empty_when=("mediation_units",),
        empty_text="积极做好社会矛盾纠纷排查化解工作。{mediation_since}，共计接待来访群众{mediation_batches}"
        "{mediation_persons}，{mediation_by_category}，按“三到位一处理”处置率为{mediation_disposed}。",
    ),
    ParagraphDefault(
        "measures.petitions",
        "measures",
        "以法治思维和法治方式做好信访工作。全年登记信访事项{petitions_received}；明确包案领导并成立工作专班的"
        "重点信访事项比例为{key_petitions_assigned}，与重点信访事项信访人沟通{petition_contacts}"
        "（{petition_contacts_wording}）。{key_petitions_cleared}。",
        empty_when=("key_petitions",),
        empty_text="以法治思维和法治方式做好信访工作。全年登记信访事项{petitions_received}，{key_petitions_cleared}。",
    ),
    ParagraphDefault(
        "measures.prevention",
        "measures",
        "多举措推动重点环节重点点位治理。广泛动员小区楼栋长、老党员、网格员、平安志愿者等{prevention_team_wording}"
        "组建群防群治工作队伍，全年开展防诈、消防和法治宣传活动{publicity_events}（{publicity_by_channel}），"
        "宣传受众{publicity_reached}。",
        empty_when=("publicity_events",),
        empty_text="多举措推动重点环节重点点位治理。广泛动员小区楼栋长、老党员、网格员、平安志愿者等"
        "{prevention_team_wording}组建群防群治工作队伍，全年开展防诈、消防和法治宣传活动{publicity_events}。",
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
    ParagraphDefault(
        "plans.services",
        "plans",
        "继续完善服务体系建设。健全政府法律顾问制度、依法决策机制，加强市场主体信用体系建设，"
        "打造市场化、法治化的营商环境。",
    ),
    ParagraphDefault(
        "plans.enforcement",
        "plans",
        "继续加强行政执法体系建设。以落实“三项制度”为抓手，通过各种渠道公示依法应当公示的材料，"
        "落实法制审核制度，增强行政执法监督效能。",
    ),
    ParagraphDefault(
        "plans.grassroots",
        "plans",
        "继续推进基层社会治理法治化。提高社会矛盾纠纷调处化解中心建设水平，扎实做好调解工作，"
        "降低行政争议发案量和败诉率。",
    ),
]
DEFAULTS_BY_KEY = {paragraph.key: paragraph for paragraph in DEFAULT_PARAGRAPHS}


@dataclass(frozen=True)
class Prompt:
    """A shortcoming the indicators show, with what the writer may accept into 三 and 四: its plan joins
    the standing area of 四 it belongs to (`area`, a paragraph key), so 四 keeps its five areas rather
    than repeating one per shortcoming; without that paragraph the plan is an item of its own."""

    key: str
    shows: Callable[[dict[str, Value]], bool]
    shortcoming: str
    plan: str
    area: str = ""


def _below(key: str, target: Decimal = Decimal(100)) -> Callable[[dict[str, Value]], bool]:
    def shows(values: dict[str, Value]) -> bool:
        value = values[key].value
        return isinstance(value, Decimal) and value < target

    return shows


def _above(key: str, limit: int = 0) -> Callable[[dict[str, Value]], bool]:
    def shows(values: dict[str, Value]) -> bool:
        value = values[key].value
        return isinstance(value, int) and value > limit

    return shows


def _fewer_than(key: str, target: Callable[[], int]) -> Callable[[dict[str, Value]], bool]:
    def shows(values: dict[str, Value]) -> bool:
        value = values[key].value
        return isinstance(value, int) and value < target()

    return shows


def _reviewers_unqualified(values: dict[str, Value]) -> bool:
    """A reviewer without the 法律职业资格 art. 58 asks of one reviewing for the first time."""
    reviewers, qualified = values["legal_reviewers"].value, values["legal_reviewers_qualified"].value
    return isinstance(reviewers, int) and isinstance(qualified, int) and qualified < reviewers


def _key_petitions_late(values: dict[str, Value]) -> bool:
    """A key matter past its period unconcluded or concluded late; one still within its period is not."""
    return "未按期办结" in str(values["key_petitions_cleared"].value)


REASON = "原因：（请写明原因）"
# In the order the reference report lists its shortcomings, then the rest. A statement carries a
# figure only when 一 and 二 do not already print it (each figure is said once); otherwise it names the
# shortcoming and the figure stands where 二 states it.
PROMPTS: list[Prompt] = [
    Prompt(
        "key_tasks_silent",
        _above("key_tasks_silent"),
        "法治政府建设推进机制有待进一步完善，重点工作跟踪反馈不及时、不经常，{key_tasks_silent}超过规定间隔未反馈进展。"
        + REASON,
        "建立重点工作台账，责任单位按期反馈进展，对逾期和未按时反馈的事项及时督办。",
        area="plans.duty",
    ),
    Prompt(
        "decision_steps_missing",
        _below("decisions_procedure_complete"),
        "依法决策能力和水平仍有待进一步提高，部分重大行政决策未履行全部应履行的法定程序。" + REASON,
        "严格执行《重大行政决策程序暂行条例》，决策草案未履行公众参与、专家论证、风险评估、合法性审查等应履行程序的，"
        "不得提交集体讨论。",
        area="plans.services",
    ),
    Prompt(
        "review_staffing",
        _fewer_than("legal_reviewers", lambda: settings.REPORT_LEGAL_REVIEWERS_TARGET),
        "法制审核制度建设不完善、人员配置不合理，法制审核人员不足。" + REASON,
        "配齐配强法制审核人员，确保法制审核工作有机构承担、有专人负责。",
        area="plans.enforcement",
    ),
    Prompt(
        "review_qualification",
        _reviewers_unqualified,
        "法制审核队伍专业化水平不高，部分法制审核人员未取得法律职业资格。" + REASON,
        "法制审核人员应当取得法律职业资格，未取得的不得初次从事法制审核工作。",
        area="plans.enforcement",
    ),
    Prompt(
        "legal_review_gap",
        _below("legal_review_coverage"),
        "重大执法决定法制审核制度落实不到位，部分须经法制审核的处罚决定未经审核同意即作出。" + REASON,
        "严把法制审核关，未经法制审核或者审核未通过的重大执法决定不得作出。",
        area="plans.enforcement",
    ),
    Prompt(
        "legal_staff_short",
        _fewer_than("legal_professionals", lambda: settings.REPORT_LEGAL_PROFESSIONALS_TARGET),
        "现有法律专业人才数量不能满足工作需要，具有法律职业资格的工作人员仅{legal_professionals}。" + REASON,
        "通过招录、遴选和购买服务充实法律专业人才，发挥公职律师和法律顾问作用。",
        area="plans.services",
    ),
    Prompt(
        "training_hours",
        _below("training_target_met"),
        "严格规范公正文明执法有待进一步强化，执法人员能力素质仍需提升，执法人员培训学时达标率为"
        "{training_target_met}。" + REASON,
        "制定执法人员年度培训计划，确保每人完成年度培训学时。",
        area="plans.enforcement",
    ),
    Prompt(
        "training_rare",
        _fewer_than("trainings_all_staff", lambda: settings.REPORT_ALL_STAFF_TRAININGS_TARGET),
        "法治教育培训不够常态化，组织全员法治培训次数较少。" + REASON,
        "常态化组织全员法治培训，每年不少于%(n)d次。" % {"n": settings.REPORT_ALL_STAFF_TRAININGS_TARGET},
        area="plans.publicity",
    ),
    Prompt(
        "publication_late",
        _below("publications_on_time"),
        "行政执法公示的及时性有待提高，部分处罚决定未在规定期限内公示。" + REASON,
        "严格落实行政执法公示制度，处罚决定作出之日起7个工作日内公示，逐月通报公示及时率。",
        area="plans.enforcement",
    ),
    Prompt(
        "decision_late",
        _below("decisions_on_time"),
        "办案时效有待提高，部分一般程序处罚决定未在法定期限内作出。" + REASON,
        "加强案件办理期限管理，临近期限逐案提醒，确需延长的依法报批。",
        area="plans.enforcement",
    ),
    Prompt(
        "device_gap",
        _below("device_coverage"),
        "执法记录仪配备尚未全覆盖，部分执法人员没有在用的执法记录仪。" + REASON,
        "为全部执法人员和辅助执法人员配齐执法记录仪，落实执法全过程记录。",
        area="plans.enforcement",
    ),
    Prompt(
        "archive_gap",
        _below("cases_archived"),
        "执法案卷管理有待加强，部分已结案件未按“一户一档”归档电子案卷。" + REASON,
        "推行“一户一档”，案件结案后及时归档电子案卷，实现执法全过程可回溯管理。",
        area="plans.enforcement",
    ),
    Prompt(
        "contract_unreviewed",
        _below("contracts_signed_reviewed"),
        "合同合法性审查未实现全覆盖，部分合同签订前未经合法性审查。" + REASON,
        "落实合同“先审查、后签订”，未经合法性审查的合同一律不得签订。",
        area="plans.services",
    ),
    Prompt(
        "remedies_lost",
        _above("remedies_lost"),
        "行政执法质量有待提高，存在行政复议、行政诉讼败诉案件。" + REASON,
        "加强案件法制审核和案卷评查，降低行政争议发案量和败诉率。",
        area="plans.grassroots",
    ),
    Prompt(
        "mediation_late",
        _below("mediation_on_time"),
        "矛盾纠纷化解的时效有待提高，矛调中心按期办结率为{mediation_on_time}。" + REASON,
        "进一步提高社会矛盾纠纷调处化解中心建设水平，落实首问负责和限时办结。",
        area="plans.grassroots",
    ),
    Prompt(
        "key_petitions_open",
        _key_petitions_late,
        "重点信访事项化解不够彻底，部分重点信访事项未在规定时限内办结。" + REASON,
        "对重点信访事项实行领导包案、专班推进，确保在规定时限内办结。",
        area="plans.grassroots",
    ),
]
PROMPTS_BY_KEY = {prompt.key: prompt for prompt in PROMPTS}

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
