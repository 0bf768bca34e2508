"""The prompts: a shortcoming the year's figures show, worded for 三 with the plan it asks of 四, each
raised only by the data (reports.selectors.suggestions_of) and decided by the head."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from fazhi.core.figures import Value


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
        _above("key_petitions_late"),
        "重点信访事项化解不够彻底，部分重点信访事项未在规定时限内办结。" + REASON,
        "对重点信访事项实行领导包案、专班推进，确保在规定时限内办结。",
        area="plans.grassroots",
    ),
]
PROMPTS_BY_KEY = {prompt.key: prompt for prompt in PROMPTS}
