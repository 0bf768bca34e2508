"""The factual statements of the reference report (西青区辛口镇2020年度法治政府建设情况报告, in
../shared/reference/xinkou-2020-report.txt), sentence by sentence, each with the figure that states it
from the records, or with why no record of Fazhi's can back it.

Left out: the opening's and 四's intentions and slogans (学习贯彻…, 坚持以…为指导, 将继续…), which state no
fact about the year. A statement of 三 names the prompt that raises it from the data as well."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    section: str
    text: str
    figure: str = ""  # the figure that states it; "" when nothing Fazhi records can
    prompt: str = ""  # for a shortcoming of 三: the prompt of reports.rules.PROMPTS that raises it
    unrecorded: str = ""  # why no record backs it

    @property
    def recordable(self) -> bool:
        return bool(self.figure)


STATEMENTS: tuple[Statement, ...] = (
    # 一、履行推进法治建设第一责任人职责情况
    Statement(
        "一", "重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办", "head_acts_wording"
    ),
    Statement("一", "及时召开会议研究部署执法、普法、守法等领域重点任务", "governance_meetings"),
    Statement("一", "牵头制定了《全面依法治镇委员会年度重点工作安排》…明确了责任分工", "key_tasks_deployed"),
    Statement("一", "确保各项工作落到实处", "key_tasks_on_time"),
    Statement(
        "一", "将法治建设纳入党委年度工作要点", unrecorded="党委年度工作要点是党委文件，不在本系统记录"
    ),
    Statement("一", "成立了党委全面依法治镇委员会", "governance_committee"),
    Statement("一", "通过召开党委理论中心组专题学习，系统学习习近平法治思想", "central_group_sessions"),
    # 二（一）完善制度体系
    Statement(
        "二（一）",
        "抓好党委理论中心组、政府行政办公会专题学法活动…全年共组织各类专题学法活动9次",
        "study_sessions",
    ),
    Statement("二（一）", "集中学习《民法典》、《宪法》等内容", "laws_studied"),
    Statement("二（一）", "推行政府工作部门权力清单制度，向社会公布本级政府职责权限", "powers_published"),
    Statement(
        "二（一）",
        "加强政策解读和舆情回应，在镇微信公众号及时更新相关信息",
        unrecorded="微信公众号的发布不经本系统",
    ),
    Statement(
        "二（一）",
        "将政务公开、举报投诉工作全部纳入便民服务中心工作范畴，规范镇、村两级便民服务中心运行",
        unrecorded="便民服务中心的运行不在本系统记录",
    ),
    Statement("二（一）", "严格落实集体决策制度，依法履行决策程序", "decisions_discussed"),
    Statement(
        "二（一）", "对事关全镇经济社会民生发展的重大事项，坚持做到科学、民主、依法决策", "major_decisions"
    ),
    Statement("二（一）", "严格落实公众参与", "decisions_comment_periods"),
    Statement("二（一）", "专家论证", "decisions_expert_reviewed"),
    Statement("二（一）", "风险评估", "decisions_risk_assessed"),
    Statement("二（一）", "合法性审查等法定程序", "decisions_legality_reviewed"),
    Statement("二（一）", "进一步规范法律咨询工作流程", "counsel_consultations"),
    Statement("二（一）", "充分发挥“驻镇律师”（外聘法律顾问）作用", "legal_counsels"),
    Statement("二（一）", "参与镇中心工作，确保政府决策合法合规", "counsel_decision_reviews"),
    Statement(
        "二（一）", "确保所有以镇政府为主体的合同均经过镇法律顾问的合法性审核", "contracts_signed_reviewed"
    ),
    Statement("二（一）", "并按规定编号登记存档", "contracts_filed"),
    Statement("二（一）", "全年共审核合同协议210份", "contracts_reviewed"),
    # 二（二）严格规范公正文明执法
    Statement("二（二）", "全年共公示 28 起行政处罚案件", "penalties_published"),
    Statement(
        "二（二）",
        "主要采取牌匾、公示栏、政务网站等形式进行行政执法公示",
        unrecorded="本系统记录门户网站上的公示，牌匾和公示栏不经本系统",
    ),
    Statement("二（二）", "要求执法人员执证上岗", "credential_coverage"),
    Statement("二（二）", "主动出示执法证件，亮明执法身份", "records_credentials_shown"),
    Statement("二（二）", "对案件从立案…执行等各环节进行记录，并做好归档", "cases_closed"),
    Statement("二（二）", "已为所有执法人员（包括辅助执法人员）配备了执法记录仪", "device_coverage"),
    Statement("二（二）", "先后组织 3 次执法记录装备使用培训", "trainings_recording"),
    Statement("二（二）", "推行“一户式”集中储存，构建…执法全过程记录档案", "cases_archived"),
    Statement("二（二）", "明确负责重大执法决定法制审核的工作机构", "legal_review_body"),
    Statement("二（二）", "确保法制审核工作有机构承担、有专人负责", "legal_reviewers"),
    Statement("二（二）", "规范行政执法决定法制审核工作", "legal_reviews_made"),
    Statement("二（二）", "重大行政执法决定作出前，依法进行法制审核", "legal_review_coverage"),
    Statement("二（二）", "未经法制审核或者审核未通过的，不得作出决定", "legal_review_required"),
    # 二（三）基层法治建设
    Statement("二（三）", "今年5月…社会矛盾纠纷调处化解中心挂牌成立", "mediation_since"),
    Statement("二（三）", "采取“1+3+N”工作模式", "mediation_units_wording"),
    Statement("二（三）", "共计接待来访群众89批", "mediation_batches"),
    Statement("二（三）", "155人次", "mediation_persons"),
    Statement(
        "二（三）",
        "涉及城乡建设类38批70人次，…农业农村类10批22人次，其他类别15批19人次",
        "mediation_by_category",
    ),
    Statement("二（三）", "均已按照“三到位一处理”工作要求进行及时处置", "mediation_disposed"),
    Statement("二（三）", "对于重点信访事项，及时成立工作专班", "key_petitions_assigned"),
    Statement("二（三）", "通过约访、电话等方式与上访群众进行沟通交流", "petition_contacts_wording"),
    Statement(
        "二（三）",
        "对生活中存在困难的群众及时进行帮助",
        unrecorded="对信访群众的生活帮扶不在本系统记录",
    ),
    Statement("二（三）", "重点信访问题均已在规定时限内实现了“清仓见底”", "key_petitions_cleared"),
    Statement(
        "二（三）",
        "广泛动员小区楼栋长、老党员、网格员、平安志愿者等40余人组建群防群治工作队伍",
        "prevention_team_wording",
    ),
    Statement(
        "二（三）",
        "针对…巡逻工作机制不健全、周边停车秩序混乱等问题进行全面整改",
        unrecorded="治安问题的整改不在本系统记录",
    ),
    Statement("二（三）", "将宣传主阵地转移到短信、微信群、朋友圈等线上媒体平台", "publicity_by_channel"),
    Statement("二（三）", "向进出卡口的群众发放防范电信诈骗、防火防盗等宣传材料", "publicity_events"),
    # 三、存在的不足和原因
    Statement(
        "三", "重点工作落实有待进一步提高，跟踪反馈不及时、不经常", "key_tasks_silent", "key_tasks_silent"
    ),
    Statement("三", "法制审核制度建设不完善、人员配置不合理", "legal_reviewers", "review_staffing"),
    Statement("三", "现有法律专业人才数量不能满足工作需要", "legal_professionals", "legal_staff_short"),
    Statement(
        "三",
        "部分机关工作人员法治素养不能满足工作需要，对相关法律法规掌握不全面、不透彻",
        unrecorded="工作人员的法治素养没有考核记录",
    ),
    Statement("三", "执法人员能力素质仍需进一步提升", "training_target_met", "training_hours"),
    Statement("三", "组织全员法治培训次数较少", "trainings_all_staff", "training_rare"),
    Statement(
        "三",
        "部分工作人员对法治建设不够重视，法治学习主动性、自觉性不够强",
        unrecorded="学习的主动性没有记录可以衡量",
    ),
)
