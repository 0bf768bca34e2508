"""The report's default wording: each paragraph of 一 to 四 with the figures it states as placeholders,
and the shorter text a draft is offered when those figures count nothing. An organisation may reword
any of them (reports.models.ParagraphWording)."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.figures import Value


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
