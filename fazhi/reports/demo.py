"""The demo town's 2020, the year of the reference report (../shared/reference/xinkou-2020-report.txt),
replayed through the services day by day, so that the ledger holds it and counting the records gives
the report's figures (DOMAIN §8.3): 9 专题学法活动 on the 宪法 and the 民法典 among others; 210
contracts reviewed; 28 penalty decisions published (a 29th, against a minor, withheld); body cameras for
every officer and auxiliary, with 3 trainings on them (and one all-staff training); the 矛调中心 opened
in May with 89 batches / 155 persons by the year's end, every one closed; the key petitions concluded
within their period; a 群防群治 team of 40-odd; one major decision through every statutory step.

The people and the details are made up, drawn from a fixed seed so the demo is the same every time. The
services apply today's rules; where 2020's law was stricter (the 2017 行政处罚法's limits for the
summary procedure and for collecting a fine on the spot) the replay keeps within it."""

from __future__ import annotations

import bisect
import datetime
import io
import itertools
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from docx import Document

from fazhi.contracts import rules as contract_rules
from fazhi.contracts import services as contracts
from fazhi.contracts.models import Contract, ContractKind, ReviewOpinion
from fazhi.core import calendar, demo, files, validators
from fazhi.core import services as core_services
from fazhi.core.models import IdType, Organisation, OrganisationKind, Party, PartyKind, Staff
from fazhi.decisions import services as decisions
from fazhi.decisions.models import (
    Answer,
    AssessmentKind,
    CatalogueItem,
    CommentPeriod,
    MajorDecision,
    PublicComment,
)
from fazhi.decisions.models import Outcome as DiscussionOutcome
from fazhi.disclosure import services as disclosure
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.demo import DEMO_POWERS
from fazhi.enforcement.models import Case, ClosureReason, DelegatedPower, ReviewOpinionChoice, ServiceMethod
from fazhi.enforcement.rules import ReviewGrounds
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind, TrainingKind
from fazhi.mediation import rules as mediation_rules
from fazhi.mediation import services as mediation
from fazhi.mediation.models import (
    Dispute,
    DisputeCategory,
    FollowUpMethod,
    HandlingUnit,
    Outcome,
    Performance,
    Satisfaction,
    UnitKind,
)
from fazhi.petitions import rules as petition_rules
from fazhi.petitions import services as petitions
from fazhi.petitions.models import Channel, Decision, Petition
from fazhi.prevention import selectors as prevention_selectors
from fazhi.prevention import services as prevention
from fazhi.prevention.models import ActivityKind, CommunityVolunteer
from fazhi.prevention.models import VolunteerRole as R

YEAR = 2020
SEED = 2020
CENTRE_NAME = "辛口镇社会矛盾纠纷调处化解中心"
CENTRE_OPENED_ON = datetime.date(YEAR, 5, 18)
Step = Callable[[], object]


def _day(month: int, day: int) -> datetime.date:
    return datetime.date(YEAR, month, day)


# ----------------------------------------------------------------------------------------- the calendar


class Workdays:
    """The year's working days (holidays and 调休 from core.calendar): every step falls on one."""

    def __init__(self, year: int) -> None:
        first = datetime.date(year, 1, 1)
        every_day = (first + datetime.timedelta(days=n) for n in range(366))
        self.days = [day for day in every_day if day.year == year and calendar.is_working_day(day)]

    def on_or_after(self, day: datetime.date) -> datetime.date:
        return self.days[min(bisect.bisect_left(self.days, day), len(self.days) - 1)]

    def on_or_before(self, day: datetime.date) -> datetime.date:
        return self.days[max(bisect.bisect_right(self.days, day) - 1, 0)]

    def after(self, day: datetime.date, count: int) -> datetime.date:
        """The count-th working day after `day`, or the year's last working day if that comes first."""
        return self.days[min(bisect.bisect_right(self.days, day) + count - 1, len(self.days) - 1)]

    def between(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        return self.days[bisect.bisect_left(self.days, start) : bisect.bisect_right(self.days, end)]


class Agenda:
    """The year's steps, each on its day, run in date order (one day's steps in the order given), each
    day under demo.simulated_day: every record and ledger event carries the day it happened."""

    def __init__(self) -> None:
        self._steps: list[tuple[datetime.date, int, Step]] = []

    def on(self, day: datetime.date, step: Step) -> None:
        self._steps.append((day, len(self._steps), step))

    def run(self) -> None:
        ordered = sorted(self._steps, key=lambda entry: (entry[0], entry[1]))
        for day, steps in itertools.groupby(ordered, key=lambda entry: entry[0]):
            with demo.simulated_day(day):
                for _day, _order, step in steps:
                    step()


# ------------------------------------------------------------------------------------------- the people

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶潘杜戴夏田任姜范方石姚谭邹金陆郝孔白崔康毛邱秦史顾侯邵孟段钱汤尹常武乔贺"
MALE_NAMES = [
    "建国", "志强", "国华", "宝山", "振江", "德福", "永生", "立新", "海涛", "长顺", "卫东", "建军",
    "文斌", "春生", "广利", "金海", "树林", "洪亮", "玉柱", "宏伟", "少军", "连生", "庆丰", "俊杰",
]  # fmt: skip
FEMALE_NAMES = [
    "秀兰", "桂英", "淑珍", "玉梅", "凤英", "丽华", "春燕", "秀云", "玉兰", "淑芬", "桂兰", "美玲",
    "晓燕", "淑华", "秀英", "凤兰", "丽娟", "淑英", "桂香", "春梅", "雅琴", "红霞", "海燕", "小平",
]  # fmt: skip
VILLAGES = ["辛口村", "小沙窝村", "水高庄村"]
CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 uses no I, O, S, V or Z


class People:
    """The residents and businesses the year's records name. Who they are is drawn when the year is
    planned; each is registered (core services) on the day a record first names them."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._serial = itertools.count(1)
        self._registered: dict[str, Party] = {}

    def resident(self, *, born: datetime.date | None = None, village: str = "") -> core_services.PartyInput:
        serial = next(self._serial)
        male = serial % 2 == 1  # the 17th digit's parity is the sex (GB 11643-1999)
        born = born or datetime.date(
            self._rng.randint(1948, 1996), self._rng.randint(1, 12), self._rng.randint(1, 28)
        )
        first17 = "120111%s%03d" % (born.strftime("%Y%m%d"), serial)
        return core_services.PartyInput(
            kind=PartyKind.PERSON,
            name=self._rng.choice(SURNAMES) + self._rng.choice(MALE_NAMES if male else FEMALE_NAMES),
            id_type=IdType.RESIDENT_ID,
            id_number=first17 + validators.resident_id_check_character(first17),
            address="西青区辛口镇%s" % (village or self._rng.choice(VILLAGES)),
        )

    def business(
        self, name: str, legal_representative: str, *, sector: str = "91"
    ) -> core_services.PartyInput:
        """sector: the registering authority and kind (91 a company, 93 a farmers' cooperative, 31 a
        law firm)."""
        return core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name=name,
            uscc=self._credit_code(sector + "120111"),
            legal_representative=legal_representative,
            address="天津市西青区",
        )

    def _credit_code(self, prefix8: str) -> str:
        """A 统一社会信用代码 whose two checks both hold: the organisation code's own check character
        (position 17) is the one check_uscc accepts without a warning."""
        body = "MA" + "".join(self._rng.choice(CODE_CHARACTERS) for _ in range(6))
        for check in "0123456789X":
            first17 = prefix8 + body + check
            code = first17 + validators.uscc_check_character(first17)
            if not validators.check_uscc(code).warnings:
                return code
        raise AssertionError("no organisation-code check character fits %s" % body)

    def party(self, actor: Staff, data: core_services.PartyInput) -> Party:
        key = data.id_number or data.uscc
        if key not in self._registered:
            self._registered[key] = core_services.register_party(actor, data).party
        return self._registered[key]


class Drafts:
    """Contract texts as .docx. python-docx takes some 40 ms a document, too slow for the year's 400,
    so one document is made with placeholders and each text is written into a copy of its XML (packed
    fast rather than small: the default styles are most of the bytes)."""

    PLACEHOLDERS = (b"TITLE-PLACEHOLDER", b"PARTY-PLACEHOLDER", b"STAGE-PLACEHOLDER")

    def __init__(self) -> None:
        document = Document()
        document.add_heading(self.PLACEHOLDERS[0].decode(), level=1)
        document.add_paragraph("甲方：天津市西青区辛口镇人民政府")
        document.add_paragraph("乙方：" + self.PLACEHOLDERS[1].decode())
        document.add_paragraph("（" + self.PLACEHOLDERS[2].decode() + "）")
        buffer = io.BytesIO()
        document.save(buffer)
        self._template = buffer.getvalue()

    def make(self, title: str, counterparty: str, stage: str) -> files.StoredFile:
        source = zipfile.ZipFile(io.BytesIO(self._template))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "word/document.xml":
                    for placeholder, text in zip(
                        self.PLACEHOLDERS, (title, counterparty, stage), strict=True
                    ):
                        data = data.replace(placeholder, escape(text).encode("utf-8"))
                target.writestr(item, data)
        out.seek(0)
        return files.StoredFile(*files.store(out, original_name=f"{title}（{stage}）.docx"))


@dataclass
class Year:
    """What planning the year needs: the town and its staff, the seeded draws, the agenda the steps go
    on, the working days, the people named, the contract texts, and a pool of villagers who visit the
    centre, petition or lease land."""

    town: Organisation
    staff: dict[str, Staff]
    rng: random.Random
    agenda: Agenda
    workdays: Workdays
    people: People
    drafts: Drafts
    residents: list[core_services.PartyInput]

    def department(self, name: str) -> Organisation:
        return Organisation.objects.get(parent=self.town, kind=OrganisationKind.DEPARTMENT, name=name)


def load_2020(demo_town: demo.DemoTown) -> None:
    rng = random.Random(SEED)  # noqa: S311 (made-up demo data, the same every time)
    people = People(rng)
    year = Year(
        town=demo_town.town,
        staff=demo_town.staff,
        rng=rng,
        agenda=Agenda(),
        workdays=Workdays(YEAR),
        people=people,
        drafts=Drafts(),
        residents=[people.resident() for _ in range(120)],
    )
    _plan_setup(year)
    _plan_learning(year)
    _plan_contracts(year)
    _plan_enforcement(year)
    _plan_mediation(year)
    _plan_petitions(year)
    _plan_prevention(year)
    _plan_major_decision(year)
    year.agenda.run()


# ------------------------------------------------------------- powers, credentials, series and cameras


def _plan_setup(year: Year) -> None:
    staff = year.staff

    def powers_credentials_and_series() -> None:
        for code, name, category, basis in DEMO_POWERS:
            enforcement.add_delegated_power(
                staff["admin"], code=code, name=name, category=category, legal_basis=basis
            )
        # The officers' certificates of the time; today's (2024—2029) are made with the town.
        for index, username in enumerate(["zhifa1", "zhifa2"], start=1):
            core_services.add_credential(
                core_services.system_actor(),
                staff[username],
                number=f"12011119{index:04d}",
                category="综合行政执法",
                issuer="天津市人民政府",
                valid_from=datetime.date(2019, 1, 1),
                valid_to=datetime.date(2023, 12, 31),
            )
        # The series this year's loaders number from too.
        demo.number_series(
            year.department("综合行政执法队"),
            key=enforcement.SUMMARY_SERIES_KEY,
            code="西青辛综简",
            name="当场行政处罚决定书",
        )
        demo.number_series(
            year.town, key=contract_rules.ARCHIVE_SERIES_KEY, code="辛口合档", name="合同档案号"
        )
        demo.number_series(
            year.town, key=mediation_rules.AGREEMENT_SERIES_KEY, code="辛口调协", name="人民调解协议书"
        )
        demo.number_series(
            year.town, key=petition_rules.OPINION_SERIES_KEY, code="西青辛信处", name="信访处理意见书"
        )

    def cameras() -> None:
        """通过购置装备物资，为所有执法人员（包括辅助执法人员）配备了执法记录仪."""
        for number, username in enumerate(["zhifa1", "zhifa2", "fuzhu"], start=1):
            device = enforcement.add_device(
                staff["admin"], number=f"XQXK-ZFJLY-{number:03d}", model_name="DSJ-V8"
            )
            enforcement.assign_device(
                staff["admin"], device, staff=staff[username], valid_from=timezone.localdate()
            )

    year.agenda.on(year.workdays.on_or_after(_day(1, 2)), powers_credentials_and_series)
    year.agenda.on(year.workdays.on_or_after(_day(3, 16)), cameras)


# --------------------------------------------------------------------------------------------- learning

# (day, kind, topic, laws, lecturer): the 9 专题学法活动 of 党委理论中心组 and 政府常务会议.
STUDY_SESSIONS = [
    (_day(1, 16), StudyKind.CENTRAL_GROUP, "学习党的十九届四中全会关于坚持和完善中国特色社会主义法治体系的部署", "宪法", "镇党委书记"),
    (_day(3, 12), StudyKind.EXECUTIVE_MEETING, "依法做好疫情防控：学习《传染病防治法》《突发事件应对法》", "传染病防治法、突发事件应对法", "司法所所长 周审核"),
    (_day(4, 23), StudyKind.CENTRAL_GROUP, "学习《优化营商环境条例》，依法平等保护市场主体", "优化营商环境条例", "镇长 李镇长"),
    (_day(6, 18), StudyKind.CENTRAL_GROUP, "学习《中华人民共和国民法典》总则编、物权编", "民法典", "法律顾问 吴律师"),
    (_day(7, 16), StudyKind.EXECUTIVE_MEETING, "学习《民法典》合同编，规范镇政府合同管理", "民法典、合同法", "法律顾问 吴律师"),
    (_day(8, 20), StudyKind.EXECUTIVE_MEETING, "学习《天津市生活垃圾管理条例》，部署垃圾分类执法准备", "天津市生活垃圾管理条例", "党政办主任 王管理"),
    (_day(9, 17), StudyKind.CENTRAL_GROUP, "学习《民法典》人格权编、婚姻家庭编与矛盾纠纷化解", "民法典", "司法所所长 周审核"),
    (_day(11, 26), StudyKind.CENTRAL_GROUP, "学习习近平法治思想和中央全面依法治国工作会议精神，部署民法典施行准备", "宪法、民法典", "镇党委书记"),
    (_day(12, 3), StudyKind.EXECUTIVE_MEETING, "国家宪法日专题学习《中华人民共和国宪法》", "宪法", "法律顾问 吴律师"),
]  # fmt: skip
ENFORCEMENT_TEAM = ["zhifa1", "zhifa2", "fuzhu"]
LEADERS = ["zhenzhang", "admin", "shenhe"]
TOWN_STAFF = ["admin", "zhenzhang", "zhifa1", "zhifa2", "fuzhu", "shenhe", "guwen", "tiaojie", "xinfang"]
# (day, kind, topic, hours, trainer, attendees)
TRAININGS = [
    (_day(3, 19), TrainingKind.RECORDING_EQUIPMENT, "执法记录仪配发及使用培训", 3, "区综合执法支队", ENFORCEMENT_TEAM),
    (_day(7, 9), TrainingKind.RECORDING_EQUIPMENT, "执法全过程记录与现场证据固定、保存培训", 4, "区综合执法支队", ENFORCEMENT_TEAM),
    (_day(11, 12), TrainingKind.RECORDING_EQUIPMENT, "执法记录仪数据上传、存储与调阅规范培训", 2, "区综合执法支队", ENFORCEMENT_TEAM),
    (_day(11, 19), TrainingKind.ENFORCEMENT, "《天津市生活垃圾管理条例》执法业务培训", 4, "区城市管理委员会", ENFORCEMENT_TEAM),
    (_day(12, 17), TrainingKind.ALL_STAFF, "机关全体干部法治培训：民法典与依法行政", 3, "法律顾问 吴律师", TOWN_STAFF),
]  # fmt: skip


def _plan_learning(year: Year) -> None:
    staff = year.staff
    for held_on, kind, topic, laws, lecturer in STUDY_SESSIONS:
        attendees = LEADERS if kind == StudyKind.CENTRAL_GROUP else [*LEADERS, "zhifa1", "tiaojie", "xinfang"]
        study = learning.StudyInput(
            kind=kind,
            held_on=held_on,
            topic=topic,
            laws=laws,
            lecturer=lecturer,
            attendees=[staff[name] for name in attendees],
        )
        year.agenda.on(held_on, _study_step(staff["admin"], study))
    for held_on, training_kind, topic, hours, trainer, trainees in TRAININGS:
        training = learning.TrainingInput(
            kind=training_kind,
            held_on=held_on,
            topic=topic,
            hours=Decimal(hours),
            trainer=trainer,
            attendees=[staff[name] for name in trainees],
        )
        year.agenda.on(held_on, _training_step(staff["admin"], training))


def _study_step(actor: Staff, study: learning.StudyInput) -> Step:
    return lambda: learning.record_study_session(actor, study, materials=[])


def _training_step(actor: Staff, training: learning.TrainingInput) -> Step:
    return lambda: learning.record_training(actor, training, materials=[])


# -------------------------------------------------------------------------------------------- contracts

# (kind, title with {s} the subject and {v} a village, subjects, amount range in yuan, suppliers, how many)
CONTRACT_LINES = [
    (ContractKind.PROCUREMENT, "辛口镇{s}采购合同", "办公用品 防疫物资（口罩、消毒液） 红外测温仪 机关食堂食材 办公电脑及打印设备 生活垃圾分类收集容器 绿化苗木 路灯灯具 应急救灾物资 消防器材 执法车辆 村级视频监控设备 法治宣传品印制 档案密集柜 防汛物资 环卫作业车辆 文体器材", (3_000, 380_000), "goods", 55),
    (ContractKind.CONSTRUCTION, "{v}{s}工程施工合同", "道路硬化 坑塘治理 雨污分流管网 文化广场改造 排水沟渠清淤 村庄绿化提升 农村户厕改造 路灯安装 党群服务中心装修", (80_000, 2_600_000), "works", 40),
    (ContractKind.SERVICE, "辛口镇{s}服务合同", "机关保洁 绿化养护 机关安保 生活垃圾清运 公厕保洁管理 工程造价咨询 工程监理 财务审计 网络及信息系统运维 档案整理数字化 河道保洁 病媒生物防制 法治宣传活动承办 疫情防控卡口后勤保障 公务车辆维修保养 食堂餐饮托管 社会稳定风险评估 法律顾问", (12_000, 600_000), "services", 60),
    (ContractKind.LEASE, "{v}{s}租赁合同", "集体土地 设施农业大棚 闲置厂房 集体鱼塘", (6_000, 240_000), "rural", 25),
    (ContractKind.COOPERATION, "辛口镇{s}合作协议", "沙窝萝卜产业发展 乡村旅游开发 农产品电商销售 农村金融服务 职业技能培训 公共法律服务进村居 垃圾分类宣传", (0, 300_000), "rural", 15),
    (ContractKind.TRANSFER, "辛口镇{s}转让合同", "报废公务车辆 旧办公家具 闲置办公设备 废旧路灯灯杆", (2_000, 60_000), "goods", 5),
    (ContractKind.OTHER, "{v}{s}补偿协议", "道路拓宽占地青苗 坑塘治理占地 排水管网施工占地", (5_000, 180_000), "residents", 10),
]  # fmt: skip
CONTRACT_VILLAGES = ["辛口村", "小沙窝村", "水高庄村", "大沙窝村", "第六埠村", "上辛口村", "田丽村"]
SUPPLIERS = {
    "goods": [
        ("天津市西青区辛口商贸有限公司", "刘振华"), ("天津安康医疗器械有限公司", "王丽"),
        ("天津市华康办公用品有限公司", "赵明"), ("天津众成电子科技有限公司", "孙立强"),
        ("天津绿源园林绿化工程有限公司", "李春生"), ("天津市光明照明工程有限公司", "周建军"),
        ("天津市鑫达消防器材有限公司", "吴海涛"), ("天津市津西食品配送有限公司", "郑淑芬"),
        ("天津宏远汽车销售服务有限公司", "冯国强"), ("天津市兴华印刷有限公司", "陈玉兰"),
    ],
    "works": [
        ("天津市西青区第一建筑工程有限公司", "杨德福"), ("天津市辛口建筑安装工程有限公司", "黄永生"),
        ("天津城建路桥工程有限公司", "徐卫东"), ("天津市西青水利工程有限公司", "马宝山"),
        ("天津振华市政工程有限公司", "朱广利"), ("天津市宏达装饰工程有限公司", "胡建国"),
    ],
    "services": [
        ("天津市洁美物业服务有限公司", "郭秀英"), ("天津市津西环卫清运有限公司", "何志强"),
        ("天津华信工程造价咨询有限公司", "高文斌"), ("天津市建科工程监理有限公司", "林长顺"),
        ("天津网通信息技术有限公司", "罗海燕"), ("天津市平安保安服务有限公司", "梁建军"),
        ("天津市康洁消杀服务有限公司", "宋桂英"), ("天津市西青区汽车维修服务有限公司", "谢金海"),
        ("天津中天会计师事务所有限公司", "韩雅琴"), ("天津市社会稳定风险评估中心有限公司", "唐立新"),
    ],
    "rural": [
        ("天津市西青区沙窝萝卜种植专业合作社", "曹树林"), ("天津市辛口乡村旅游发展有限公司", "袁少军"),
        ("天津市西青区设施农业专业合作社", "邓连生"), ("天津农村商业银行股份有限公司西青支行", "许庆丰"),
        ("天津市津西职业技能培训有限公司", "傅俊杰"),
    ],
}  # fmt: skip
SECTOR_OF = {"天津市西青区沙窝萝卜种植专业合作社": "93", "天津市西青区设施农业专业合作社": "93"}
NUMERALS = dict(enumerate("二三四五六七八九十", start=2))
LAW_FIRM = ("天津津西律师事务所", "吴律师")
DEPARTMENTS_OF = {
    ContractKind.PROCUREMENT: ["党政办", "党政办", "综合行政执法队", "综治办"],
    ContractKind.CONSTRUCTION: ["党政办"],
    ContractKind.SERVICE: ["党政办", "党政办", "综合行政执法队", "综治办", "司法所"],
    ContractKind.LEASE: ["党政办"],
    ContractKind.COOPERATION: ["党政办", "司法所"],
    ContractKind.TRANSFER: ["党政办"],
    ContractKind.OTHER: ["党政办"],
}
APPROVE_REASONS = [
    "主体适格，条款合法，权利义务明确，同意签订。",
    "经审查，合同内容符合《中华人民共和国合同法》及政府采购有关规定，同意签订。",
    "相对方资质材料齐全，价款、履行期限和验收标准约定明确，同意签订。",
    "合同条款与采购文件及成交通知书一致，未发现违反法律、行政法规强制性规定的内容，同意签订。",
]
CHANGES_REASONS = [
    "违约责任条款未约定逾期履行的违约金计算方式，请补充后签订。",
    "争议解决条款约定由对方所在地人民法院管辖，建议修改为由合同履行地人民法院管辖后签订。",
    "付款条件与验收条款不衔接，请明确验收合格后按进度付款后签订。",
    "合同未约定对方的保密和个人信息保护义务，请补充后签订。",
    "质量保证期约定不明确，请按有关规定明确保修期限后签订。",
]
# A rejection the department can cure and resubmit, and one it cannot.
CURABLE_REJECTION = (
    "合同金额已达政府采购限额标准，未见采购程序材料，不同意签订；请依法履行采购程序后重新送审。"
)
FINAL_REJECTIONS = [
    "合同约定由镇政府为第三方借款提供保证，违反《中华人民共和国担保法》第八条“国家机关不得为保证人”的规定，不同意签订。",
    "租赁期限约定为三十年，超过《中华人民共和国合同法》第二百一十四条规定的二十年上限，不同意签订。",
]


@dataclass
class ContractPlan:
    title: str
    kind: str
    amount_yuan: int
    counterparty: core_services.PartyInput
    department: str
    received_on: datetime.date
    reviewer: str
    opinion: str
    reasons: str
    reviewed_on: datetime.date
    resubmitted_on: datetime.date | None = None
    second_review_on: datetime.date | None = None
    signed_on: datetime.date | None = None
    filed_on: datetime.date | None = None
    contract: Contract | None = None


def _plan_contracts(year: Year) -> None:
    rng, workdays = year.rng, year.workdays
    suppliers = {
        group: [year.people.business(name, person, sector=SECTOR_OF.get(name, "91")) for name, person in rows]
        for group, rows in SUPPLIERS.items()
    }
    law_firm = year.people.business(*LAW_FIRM, sector="31")
    landholders = year.residents[:30]
    received_days = [
        day for day in workdays.between(_day(1, 6), _day(12, 4)) if not _day(1, 23) <= day <= _day(2, 16)
    ]  # the town's office worked on the epidemic from the Spring Festival to mid-February
    seen: dict[str, int] = {}
    plans: list[ContractPlan] = []
    for kind, pattern, subjects, (low, high), group, count in CONTRACT_LINES:
        for _ in range(count):
            subject = rng.choice(subjects.split())
            title = pattern.format(s=subject, v=rng.choice(CONTRACT_VILLAGES))
            repeat = seen[title] = seen.get(title, 0) + 1
            if repeat > 1:
                title += "（第%s%s）" % (
                    NUMERALS.get(repeat, repeat),
                    "批" if kind == ContractKind.PROCUREMENT else "期",
                )
            if subject == "法律顾问":
                counterparty = law_firm
            elif group == "residents" or (kind == ContractKind.LEASE and rng.random() < 0.5):
                counterparty = rng.choice(landholders)
            else:
                counterparty = rng.choice(suppliers[group])
            plans.append(
                ContractPlan(
                    title=title,
                    kind=kind,
                    amount_yuan=rng.randint(low, high) // 100 * 100,
                    counterparty=counterparty,
                    department=rng.choice(DEPARTMENTS_OF[ContractKind(kind)]),
                    received_on=rng.choice(received_days),
                    reviewer="guwen" if rng.random() < 0.8 else "shenhe",
                    opinion=ReviewOpinion.APPROVE,
                    reasons=rng.choice(APPROVE_REASONS),
                    reviewed_on=_day(1, 1),
                )
            )
    plans.sort(key=lambda plan: plan.received_on)
    # Six rejected (four cured and resubmitted), 38 approved with changes, a few reviews late.
    early = [plan for plan in plans if plan.received_on < _day(10, 1)]
    rejected = rng.sample(early, 6)
    for index, plan in enumerate(rejected):
        plan.opinion = ReviewOpinion.REJECT
        plan.reasons = CURABLE_REJECTION if index < 4 else FINAL_REJECTIONS[index - 4]
    with_changes = rng.sample([plan for plan in plans if plan.opinion == ReviewOpinion.APPROVE], 38)
    for plan in with_changes:
        plan.opinion = ReviewOpinion.APPROVE_WITH_CHANGES
        plan.reasons = rng.choice(CHANGES_REASONS)
    late = {id(plan) for plan in rng.sample(plans, 3)}
    for plan in plans:
        plan.reviewed_on = workdays.after(
            plan.received_on, rng.randint(6, 8) if id(plan) in late else rng.randint(1, 5)
        )
        last_review = plan.reviewed_on
        if plan.reasons == CURABLE_REJECTION:
            plan.resubmitted_on = workdays.after(plan.reviewed_on, rng.randint(3, 10))
            plan.second_review_on = last_review = workdays.after(plan.resubmitted_on, rng.randint(1, 4))
        if plan.opinion != ReviewOpinion.REJECT or plan.resubmitted_on:
            plan.signed_on = workdays.after(last_review, rng.randint(1, 6))
            plan.filed_on = workdays.after(plan.signed_on, rng.randint(1, 4))
        _schedule_contract(year, plan)


def _schedule_contract(year: Year, plan: ContractPlan) -> None:
    staff, agenda = year.staff, year.agenda

    def held() -> Contract:
        assert plan.contract is not None
        return plan.contract

    def register() -> None:
        counterparty = year.people.party(staff["admin"], plan.counterparty)
        draft = year.drafts.make(plan.title, counterparty.name, "送审稿")
        plan.contract = contracts.register_contract(
            staff["admin"],
            contracts.ContractInput(
                title=plan.title,
                kind=plan.kind,
                amount_fen=plan.amount_yuan * 100,
                counterparty=counterparty,
                department=year.department(plan.department),
                received_on=timezone.localdate(),
            ),
            drafts=[draft],
        )

    def review(opinion: str, reasons: str) -> Step:
        return lambda: contracts.review_contract(
            staff[plan.reviewer], held(), opinion=opinion, reasons=reasons
        )

    def resubmit() -> None:
        draft = year.drafts.make(plan.title, plan.counterparty.name, "修改稿")
        contracts.resubmit_contract(staff["admin"], held(), received_on=timezone.localdate(), drafts=[draft])

    def sign() -> None:
        contracts.sign_contract(
            staff["zhenzhang"],
            held(),
            signed_on=timezone.localdate(),
            changes_confirmed=plan.opinion == ReviewOpinion.APPROVE_WITH_CHANGES,
        )

    def file() -> None:
        signed_copy = year.drafts.make(plan.title, plan.counterparty.name, "签订本")
        contracts.file_contract(
            staff["admin"], held(), signed_copy=signed_copy, filed_on=timezone.localdate()
        )

    agenda.on(plan.received_on, register)
    agenda.on(plan.reviewed_on, review(plan.opinion, plan.reasons))
    if plan.resubmitted_on and plan.second_review_on:
        agenda.on(plan.resubmitted_on, resubmit)
        agenda.on(
            plan.second_review_on, review(ReviewOpinion.APPROVE, "已依法履行采购程序，材料齐全，同意签订。")
        )
    if plan.signed_on and plan.filed_on:
        agenda.on(plan.signed_on, sign)
        agenda.on(plan.filed_on, file)


# ---------------------------------------------------------------------------------- enforcement and 公示

STALL_PLACES = [
    "辛口镇辛口村村口",
    "辛口镇集贸市场东侧",
    "小沙窝村村委会门前",
    "辛口镇农贸市场北口",
    "津静公路辛口段辅路",
]
GOODS = ["蔬菜", "水果", "沙窝萝卜", "早点", "日用杂货", "烤红薯"]
SHOPS = [
    ("天津市西青区辛口福满多超市有限公司", "白玉柱"), ("天津市辛口老味道餐饮有限公司", "康春梅"),
    ("天津市西青区惠民五金建材有限公司", "毛洪亮"), ("天津市辛口鑫源建材销售有限公司", "邱连生"),
    ("天津市西青区乐家便利店有限公司", "秦丽娟"), ("天津市津西农资销售有限公司", "史德福"),
]  # fmt: skip
ROAD_BASIS = "《城市道路管理条例》第二十七条、第四十二条"
CITYSCAPE_BASIS = "《城市市容和环境卫生管理条例》第十五条、第三十四条"
GARBAGE_BASIS = "《天津市生活垃圾管理条例》关于单位分类投放生活垃圾的规定"


@dataclass(frozen=True)
class OnSpotPlan:
    """A 简易程序 decision. The 2017 行政处罚法 in force in 2020 allowed it for a warning or a fine of at
    most 50 yuan (a citizen) or 1,000 yuan (an organisation) (art. 33), and collecting on the spot only
    fines of at most 20 yuan (art. 47): the plans keep within those, narrower than today's."""

    decided_on: datetime.date
    power: str
    title: str
    place: str
    facts: str
    basis: str
    party: core_services.PartyInput
    fine_yuan: int
    collected_on_spot: bool = False


@dataclass(frozen=True)
class OrdinaryPlan:
    """A 普通程序 case that needed 法制审核 before the decision (国办发〔2018〕118号)."""

    received_on: datetime.date
    power: str
    title: str
    place: str
    summary: str
    findings: str
    notice_facts: str
    basis: str
    party: core_services.PartyInput
    fine_yuan: int
    statement: str = ""  # the party's 陈述申辩; empty: waived
    first_review_problem: str = ""


def _plan_enforcement(year: Year) -> None:
    rng, people = year.rng, year.people
    shops = [people.business(name, person) for name, person in SHOPS]
    vendors = [people.resident() for _ in range(14)]
    days = sorted(rng.sample(year.workdays.between(_day(3, 2), _day(11, 27)), 23))
    december = sorted(rng.sample(year.workdays.between(_day(12, 1), _day(12, 11)), 2))
    plans: list[OnSpotPlan] = []
    for index, day in enumerate(days):
        kind = index % 6
        place = rng.choice(STALL_PLACES)
        if kind in (0, 1, 2):
            fine = [50, 20, 0][index % 3]
            plans.append(
                OnSpotPlan(
                    day, "XQ-CJ-001", "占道经营", place,
                    "当事人在%s道路摆摊销售%s，占用城市道路约%d平方米%s。"
                    % (place, rng.choice(GOODS), rng.randint(2, 6), "，经教育当场改正" if not fine else ""),
                    ROAD_BASIS, vendors[index % len(vendors)], fine, collected_on_spot=fine == 20,
                )
            )  # fmt: skip
        elif kind == 3:
            plans.append(
                OnSpotPlan(
                    day, "XQ-CJ-001", "店外经营占用城市道路", place,
                    "当事人在店门外道路摆放商品和桌椅经营，占用城市道路约%d平方米。" % rng.randint(4, 12),
                    ROAD_BASIS, rng.choice(shops), rng.choice([200, 300, 500]),
                )
            )  # fmt: skip
        elif kind == 4:
            plans.append(
                OnSpotPlan(
                    day, "XQ-CJ-001", "堆放建材占用城市道路", "辛口镇工业园东路",
                    "当事人在工业园东路堆放砂石、砖块约%d平方米，占用城市道路。" % rng.randint(10, 30),
                    ROAD_BASIS, rng.choice(shops[2:4]), rng.choice([500, 800, 1000]),
                )
            )  # fmt: skip
        else:
            plans.append(
                OnSpotPlan(
                    day, "XQ-SR-002", "临街阳台外吊挂物品", rng.choice(STALL_PLACES),
                    "当事人在临街建筑物阳台外吊挂、堆放物品，影响市容。", CITYSCAPE_BASIS,
                    vendors[(index + 7) % len(vendors)], rng.choice([0, 50]),
                )
            )  # fmt: skip
    for day, shop in zip(december, shops[:2], strict=True):
        plans.append(
            OnSpotPlan(
                day, "XQ-LJ-003", "未按规定分类投放生活垃圾", "辛口镇集贸市场",
                "当事人未按规定分类投放生活垃圾，经现场指出后当场改正。", GARBAGE_BASIS, shop, 0,
            )
        )  # fmt: skip
    minor = people.resident(born=datetime.date(2003, 3, 15))
    plans.append(
        OnSpotPlan(
            _day(7, 22), "XQ-CJ-001", "占道经营", "辛口镇集贸市场东侧",
            "当事人在集贸市场东侧道路摆摊销售西瓜，占用城市道路约3平方米，经教育当场改正。",
            ROAD_BASIS, minor, 0,
        )
    )  # fmt: skip
    for plan in plans:
        _schedule_on_spot(year, plan)
    for ordinary in _ordinary_plans(year, shops):
        _schedule_ordinary(year, ordinary)


def _ordinary_plans(year: Year, shops: list[core_services.PartyInput]) -> list[OrdinaryPlan]:
    return [
        OrdinaryPlan(
            received_on=_day(5, 11),
            power="XQ-CJ-001",
            title="未经批准占用城市道路堆放建材",
            place="辛口镇工业园东路",
            summary="群众举报工业园东路被建材长期占用，影响车辆通行。",
            findings="经现场检查、询问当事人和调取现场照片，当事人自2020年4月起在工业园东路堆放砂石、砖块约60平方米，未经批准占用城市道路，事实清楚，证据确凿。",
            notice_facts="当事人未经批准在工业园东路堆放建材约60平方米，占用城市道路，违反《城市道路管理条例》第二十七条第（六）项，依据第四十二条拟处罚款。",
            basis=ROAD_BASIS,
            party=shops[3],
            fine_yuan=5_000,
        ),
        OrdinaryPlan(
            received_on=_day(8, 10),
            power="XQ-CJ-001",
            title="店外经营长期占用城市道路",
            place="辛口镇集贸市场东侧",
            summary="巡查发现当事人在店门外道路长期摆放桌椅经营，经多次劝导仍未改正。",
            findings="经调查，当事人自2020年6月起在店门外道路摆放桌椅经营，占用城市道路约20平方米，经责令改正后拒不改正，事实清楚，证据确凿。",
            notice_facts="当事人在店门外道路摆放桌椅经营，占用城市道路约20平方米，经责令改正后拒不改正，违反《城市道路管理条例》第二十七条，依据第四十二条拟处罚款。",
            basis=ROAD_BASIS,
            party=shops[1],
            fine_yuan=2_000,
            statement="当事人称疫情期间店内经营受限，请求从轻处罚，并承诺立即清除店外桌椅。",
            first_review_problem="告知书和拟作出的决定未写明所依据条款的具体项，请补正后重新提交审核。",
        ),
        OrdinaryPlan(
            received_on=_day(10, 19),
            power="XQ-SR-002",
            title="临街建筑物屋顶堆放杂物",
            place="辛口镇辛口村临街商铺",
            summary="群众反映临街商铺屋顶堆放大量废旧物品，影响市容并存在安全隐患。",
            findings="经现场检查和询问，当事人在临街建筑物屋顶堆放废旧包装物约30立方米，经责令限期清理后逾期未清理，事实清楚，证据确凿。",
            notice_facts="当事人在临街建筑物屋顶堆放废旧包装物，经责令限期清理后逾期未清理，违反《城市市容和环境卫生管理条例》第十五条，依据第三十四条拟处罚款。",
            basis=CITYSCAPE_BASIS,
            party=shops[0],
            fine_yuan=3_000,
        ),
    ]


def _power(year: Year, code: str) -> DelegatedPower:
    return DelegatedPower.objects.get(organisation=year.town, code=code)


def _schedule_publication(year: Year, case_of: Callable[[], Case], decided_on: datetime.date) -> None:
    """公示: the draft the day of the decision, published by the head within the 7 working days of
    国办发〔2018〕118号 (a minor's is withheld when the draft is made)."""
    staff = year.staff
    drafts: list[int] = []

    def prepare() -> None:
        drafts.append(disclosure.prepare_publication(staff["zhifa1"], case_of().decision).pk)

    def publish() -> None:
        publication = Publication.objects.get(pk=drafts[0])
        if publication.status == PublicationStatus.DRAFT:
            disclosure.publish(staff["zhenzhang"], publication)

    year.agenda.on(decided_on, prepare)
    year.agenda.on(year.workdays.after(decided_on, year.rng.randint(1, 4)), publish)


def _schedule_on_spot(year: Year, plan: OnSpotPlan) -> None:
    staff, rng, workdays = year.staff, year.rng, year.workdays
    officer, partner = (
        (staff["zhifa1"], staff["zhifa2"]) if rng.random() < 0.6 else (staff["zhifa2"], staff["zhifa1"])
    )
    held: list[Case] = []

    def decide() -> None:
        held.append(
            enforcement.decide_on_spot(
                officer,
                enforcement.OnSpotDecision(
                    party=year.people.party(officer, plan.party),
                    power=_power(year, plan.power),
                    co_officer=partner,
                    title=plan.title,
                    place=plan.place,
                    act_on=timezone.localdate(),
                    facts=plan.facts,
                    basis=plan.basis,
                    warning_only=plan.fine_yuan == 0,
                    fine_fen=plan.fine_yuan * 100,
                    defence_waived=True,
                    collected_on_spot=plan.collected_on_spot,
                    receipt_number="JZ2020%06d" % rng.randint(1, 999_999) if plan.collected_on_spot else "",
                ),
            )
        )

    def pay() -> None:
        enforcement.record_payment(
            officer,
            held[0],
            paid_on=timezone.localdate(),
            paid_fen=plan.fine_yuan * 100,
            receipt_number="YH2020%08d" % rng.randint(1, 99_999_999),
        )

    def report_and_close_later() -> None:
        enforcement.record_with_agency(officer, held[0])

    def close() -> None:
        reason = ClosureReason.WARNING_ONLY if plan.fine_yuan == 0 else ClosureReason.PERFORMED
        enforcement.close_case(
            staff["zhenzhang"], held[0], reason=reason, summary="当场处罚决定已履行，已备案。"
        )

    year.agenda.on(plan.decided_on, decide)
    _schedule_publication(year, lambda: held[0], plan.decided_on)
    performed_on = plan.decided_on
    if plan.fine_yuan and not plan.collected_on_spot:
        # Paid at the bank within the 15 days (art. 46 of the 2017 law; art. 67 today).
        performed_on = workdays.on_or_before(plan.decided_on + datetime.timedelta(days=rng.randint(2, 12)))
        year.agenda.on(performed_on, pay)
    year.agenda.on(performed_on, report_and_close_later)
    year.agenda.on(workdays.after(performed_on, 1), close)


def _schedule_ordinary(year: Year, plan: OrdinaryPlan) -> None:
    staff, agenda, workdays = year.staff, year.agenda, year.workdays
    officer, head, reviewer = staff["zhifa1"], staff["zhenzhang"], staff["shenhe"]
    held: list[Case] = []

    def case() -> Case:
        return held[0]

    def register() -> None:
        held.append(
            enforcement.register_lead(
                officer,
                title=plan.title,
                source="complaint",
                received_on=timezone.localdate(),
                act_on=timezone.localdate() - datetime.timedelta(days=3),
                place=plan.place,
                summary=plan.summary,
                party=year.people.party(officer, plan.party),
            )
        )

    def file_and_investigate() -> None:
        held[0] = enforcement.file_case(
            head,
            case(),
            party=year.people.party(officer, plan.party),
            power=_power(year, plan.power),
            act_ended_on=case().act_on,
            endangers_life_health_or_finance=False,
        )
        enforcement.start_investigation(officer, case(), investigators=[officer, staff["zhifa2"]])

    def close_investigation() -> None:
        enforcement.close_investigation(
            officer,
            case(),
            outcome="penalty",
            findings=plan.findings,
            review_grounds=ReviewGrounds(major_public_interest=True),
            major_or_complex=False,
            hearing_right=False,
        )

    def notify() -> None:
        enforcement.issue_notice(
            officer,
            case(),
            proposed_penalties="责令限期改正，罚款",
            proposed_fine_fen=plan.fine_yuan * 100,
            facts=plan.notice_facts,
            served_on=timezone.localdate(),
            statement_working_days=3,
        )
        if not plan.statement:
            enforcement.record_defence(officer, case(), statement="", waived=True)

    def hear_defence() -> None:
        enforcement.record_defence(officer, case(), statement=plan.statement, waived=False)

    def review(opinion: str, reasons: str) -> Step:
        def submit_and_review() -> None:
            enforcement.submit_legal_review(officer, case())
            enforcement.review_case(reviewer, case(), opinion=opinion, reasons=reasons)

        return submit_and_review

    def decide() -> None:
        enforcement.decide(
            head, case(), penalties="责令限期改正，罚款", fine_fen=plan.fine_yuan * 100, basis=plan.basis
        )

    def serve() -> None:
        party = case().party
        assert party is not None
        enforcement.serve_decision(
            officer,
            case(),
            method=ServiceMethod.DIRECT,
            served_on=timezone.localdate(),
            recipient=party.legal_representative or party.name,
            proof="送达回证，受送达人签收",
        )

    def pay_and_close() -> None:
        enforcement.record_payment(
            officer,
            case(),
            paid_on=timezone.localdate(),
            paid_fen=plan.fine_yuan * 100,
            receipt_number="YH2020%08d" % year.rng.randint(1, 99_999_999),
        )
        enforcement.close_case(head, case(), reason=ClosureReason.PERFORMED, summary="罚款已缴纳，执行完毕。")

    agreed = "事实清楚，证据确凿，适用依据正确，程序合法，处罚适当，同意。"
    agenda.on(plan.received_on, register)
    filed_on = workdays.after(plan.received_on, 1)
    agenda.on(filed_on, file_and_investigate)
    agenda.on(workdays.after(filed_on, 5), close_investigation)
    notified_on = workdays.after(filed_on, 6)
    agenda.on(notified_on, notify)
    reviewed_on = workdays.after(notified_on, 1)
    if plan.statement:
        # The statement period (3 working days) runs out before the decision.
        agenda.on(workdays.after(notified_on, 2), hear_defence)
        reviewed_on = workdays.after(notified_on, 4)
    if plan.first_review_problem:
        agenda.on(reviewed_on, review(ReviewOpinionChoice.PROBLEMS, plan.first_review_problem))
        reviewed_on = workdays.after(reviewed_on, 2)
    agenda.on(reviewed_on, review(ReviewOpinionChoice.AGREED, agreed))
    decided_on = workdays.after(reviewed_on, 1)
    agenda.on(decided_on, decide)
    _schedule_publication(year, case, decided_on)
    served_on = workdays.after(decided_on, 1)
    agenda.on(served_on, serve)
    agenda.on(workdays.after(served_on, 4), pay_and_close)


# ------------------------------------------------------------------------------------------- mediation

# Per top-level category of DEFAULT_CATEGORIES: (batches, persons) as the report states them from the
# centre's opening to the year's end, and the batches per leaf category (其他 has no leaves).
CATEGORY_PLAN = {
    "城乡建设": (38, 70, {"征地拆迁": 8, "物业管理": 10, "违法建设": 9, "环境污染": 11}),
    "劳动与社会保障": (26, 44, {"拖欠工资": 14, "劳动合同": 5, "社会保险": 4, "工伤": 3}),
    "农业农村": (10, 22, {"土地承包": 4, "宅基地": 3, "农村集体经济": 2, "山林水利": 1}),
    "其他": (15, 19, {"其他": 15}),
}
# (summary, claims, the other side) with {v} the village.
MATTERS = {
    "征地拆迁": [("{v}村民反映道路拓宽工程占用其承包地，青苗补偿款至今未发放。", "要求尽快发放青苗补偿款。", "道路拓宽工程建设单位"),
                 ("{v}村民对房屋征收评估结果有异议，认为评估价格偏低。", "要求重新评估并提高补偿标准。", "房屋征收实施单位")],
    "物业管理": [("{v}安置小区居民反映物业公司长期未清理楼道杂物，电梯多次停运。", "要求物业公司履行服务义务。", "小区物业服务企业"),
                 ("{v}安置小区物业公司以欠缴物业费为由停止供水，居民与物业发生争执。", "要求恢复供水，物业费问题协商解决。", "小区物业服务企业")],
    "违法建设": [("{v}村民反映邻居在宅基地外私自搭建彩钢房，影响通行和采光。", "要求拆除私自搭建的彩钢房。", "相邻村民"),
                 ("{v}村民反映有人私自圈占集体土地搭建临时建筑。", "要求依法拆除，恢复集体土地原状。", "搭建人")],
    "环境污染": [("{v}村民反映村边小作坊夜间生产，噪声扰民。", "要求作坊停止夜间生产。", "作坊经营者"),
                 ("{v}村民反映养殖场粪污流入坑塘，气味难闻。", "要求养殖场整改粪污处理设施。", "养殖场经营者")],
    "拖欠工资": [("{v}村民在镇内某建筑工地务工，工程完工后被拖欠工资。", "要求施工单位支付拖欠的工资。", "施工单位"),
                 ("{v}村民在某物流公司务工，离职后被拖欠两个月工资。", "要求公司结清拖欠的工资。", "用人单位")],
    "劳动合同": [("{v}村民反映在镇内某企业工作两年未签订书面劳动合同。", "要求企业补签劳动合同并支付二倍工资差额。", "用人单位"),
                 ("{v}村民被某企业以疫情为由解除劳动合同，未获经济补偿。", "要求企业支付经济补偿。", "用人单位")],
    "社会保险": [("{v}村民反映所在企业未为其缴纳社会保险。", "要求企业补缴社会保险费。", "用人单位"),
                 ("{v}村民反映城乡居民医疗保险报销遇到困难。", "要求协助办理医疗费用报销。", "经办机构")],
    "工伤": [("{v}村民在某厂务工时手部受伤，与企业就医疗费和误工费发生争议。", "要求企业承担医疗费、误工费。", "用人单位"),
             ("{v}村民在施工中摔伤，包工头拒绝支付医疗费。", "要求支付医疗费并协助申请工伤认定。", "包工头")],
    "土地承包": [("{v}两户村民因承包地边界不清发生争执。", "要求确认承包地边界。", "相邻承包户"),
                 ("{v}村民反映流转土地的租金未按约定支付。", "要求承租方支付拖欠的土地流转费。", "土地承租方")],
    "宅基地": [("{v}两户村民因宅基地界址发生争执，多次发生口角。", "要求按确权登记划定界址。", "相邻村民"),
               ("{v}村民翻建房屋时超出原宅基地范围，邻户不满。", "要求恢复原宅基地界址。", "翻建房屋的村民")],
    "农村集体经济": [("{v}村民对村集体土地租金分配方案有异议。", "要求公开分配方案并重新核算。", "村股份经济合作社"),
                     ("{v}外嫁女反映未能参与村集体收益分配。", "要求享有与其他村民同等的分配权利。", "村股份经济合作社")],
    "山林水利": [("{v}两户村民因灌溉用水先后顺序发生争执。", "要求村委会协调灌溉用水。", "相邻承包户")],
    "其他": [("{v}村民反映邻居饲养的犬只咬伤其家人。", "要求邻居拴养犬只并赔偿医药费。", "犬只饲养人"),
             ("{v}村民与商户因购买的电动自行车质量问题发生纠纷。", "要求商户退货退款。", "销售商户"),
             ("{v}村民因交通事故赔偿与对方协商未果。", "要求对方赔偿医疗费和车辆维修费。", "事故对方"),
             ("{v}村民反映相邻商户广告牌遮挡其店面。", "要求拆除或移位广告牌。", "相邻商户")],
}  # fmt: skip
# Per leaf: the unit it is dispatched to ("village": the visitor's village) and the outcomes it may have.
HANDLING = {
    "征地拆迁": ("司法所（人民调解委员会）", [Outcome.AGREEMENT, Outcome.BY_LAW, Outcome.GUIDED]),
    "物业管理": ("village", [Outcome.AGREEMENT, Outcome.AGREEMENT, Outcome.ENDED]),
    "违法建设": ("综合行政执法队", [Outcome.BY_LAW, Outcome.BY_LAW, Outcome.TRANSFERRED]),
    "环境污染": ("综合行政执法队", [Outcome.BY_LAW, Outcome.TRANSFERRED]),
    "拖欠工资": ("司法所（人民调解委员会）", [Outcome.AGREEMENT, Outcome.AGREEMENT, Outcome.GUIDED, Outcome.TRANSFERRED]),
    "劳动合同": ("司法所（人民调解委员会）", [Outcome.AGREEMENT, Outcome.GUIDED]),
    "社会保险": ("综治中心", [Outcome.TRANSFERRED, Outcome.BY_LAW]),
    "工伤": ("司法所（人民调解委员会）", [Outcome.AGREEMENT, Outcome.GUIDED]),
    "土地承包": ("village", [Outcome.AGREEMENT, Outcome.ENDED]),
    "宅基地": ("village", [Outcome.AGREEMENT, Outcome.BY_LAW]),
    "农村集体经济": ("village", [Outcome.BY_LAW, Outcome.AGREEMENT]),
    "山林水利": ("village", [Outcome.AGREEMENT]),
    "其他": ("综治中心", [Outcome.AGREEMENT, Outcome.AGREEMENT, Outcome.GUIDED, Outcome.BY_LAW, Outcome.ENDED]),
}  # fmt: skip
UNITS = [
    ("司法所（人民调解委员会）", UnitKind.CORE),
    ("综治中心", UnitKind.CORE),
    ("信访办", UnitKind.CORE),
    ("综合行政执法队", UnitKind.DEPARTMENT),
    *((village, UnitKind.VILLAGE) for village in VILLAGES),
]
LABOUR = {"拖欠工资", "劳动合同", "社会保险", "工伤"}
TRANSFERRED_TO = {
    "违法建设": "镇综合行政执法队",
    "环境污染": "区生态环境局",
    "拖欠工资": "区人力资源和社会保障局劳动保障监察支队",
    "社会保险": "区人力资源和社会保障局",
}
TERMS = {
    "城乡建设": "一、被申请方于十日内完成整改；二、双方今后遇事友好协商，不再因此事发生争执。",
    "劳动与社会保障": "一、被申请方于十五日内一次性支付申请方拖欠款项；二、双方就本纠纷再无其他争议。",
    "农业农村": "一、双方按村民委员会现场确认的界址和约定各自管理使用；二、双方今后不再因此事发生争执。",
    "其他": "一、被申请方于十日内赔偿申请方损失；二、双方就本纠纷再无其他争议。",
}
MEDIATORS = ["郑调解", "王某（人民调解员）", "刘某（人民调解员）"]


@dataclass
class DisputePlan:
    top: str
    leaf: str
    visitor_count: int
    village: str
    matter: tuple[str, str, str]
    outcome: str
    received_on: datetime.date = CENTRE_OPENED_ON
    closed_on: datetime.date = CENTRE_OPENED_ON
    session_on: datetime.date | None = None
    handed_on_on: datetime.date | None = None
    follow_up_on: datetime.date | None = None
    visitors: list[core_services.PartyInput] = field(default_factory=list)
    dispute: Dispute | None = None


def _split(persons: int, batches: int, rng: random.Random) -> list[int]:
    """Persons per batch, each at least one, summing to `persons`."""
    counts = [1] * batches
    for _ in range(persons - batches):
        counts[rng.randrange(batches)] += 1
    return counts


def _plan_mediation(year: Year) -> None:
    rng, workdays, staff = year.rng, year.workdays, year.staff

    def open_centre() -> None:
        mediation.ensure_default_categories()
        mediation.record_centre_opening(staff["admin"], name=CENTRE_NAME, opened_on=timezone.localdate())
        for name, kind in UNITS:
            mediation.add_handling_unit(staff["admin"], name=name, kind=kind)

    year.agenda.on(CENTRE_OPENED_ON, open_centre)
    plans: list[DisputePlan] = []
    for top, (batches, persons, leaves) in CATEGORY_PLAN.items():
        leaf_list = [leaf for leaf, count in leaves.items() for _ in range(count)]
        rng.shuffle(leaf_list)
        for leaf, visitor_count in zip(leaf_list, _split(persons, batches, rng), strict=True):
            matter = rng.choice(MATTERS[leaf])
            village = rng.choice(VILLAGES)
            plans.append(
                DisputePlan(
                    top=top,
                    leaf=leaf,
                    visitor_count=visitor_count,
                    village=village,
                    matter=(matter[0].format(v=village), matter[1], matter[2]),
                    outcome=rng.choice(HANDLING[leaf][1]),
                    visitors=rng.sample(year.residents, min(visitor_count, rng.choice([1, 1, 2]))),
                )
            )
    rng.shuffle(plans)
    window = workdays.between(CENTRE_OPENED_ON, _day(12, 18))
    for plan, received_on in zip(plans, sorted(rng.choice(window) for _ in plans), strict=True):
        plan.received_on = received_on
    last_day = workdays.on_or_before(_day(12, 31))
    late = {id(plan) for plan in rng.sample([plan for plan in plans if plan.received_on <= _day(11, 13)], 5)}
    for plan in plans:
        due_on = mediation_rules.closure_period().due(plan.received_on).due
        if id(plan) in late:
            plan.closed_on = workdays.after(due_on, rng.randint(2, 8))
        else:
            plan.closed_on = min(
                workdays.after(plan.received_on, rng.randint(2, 16)), workdays.on_or_before(due_on), last_day
            )
        if plan.outcome in (Outcome.AGREEMENT, Outcome.ENDED):
            plan.session_on = workdays.on_or_before(
                plan.closed_on - datetime.timedelta(days=rng.randint(0, 3))
            )
            plan.session_on = max(plan.session_on, plan.received_on)
        if (
            HANDLING[plan.leaf][0] == "village"
            and rng.random() < 0.3
            and plan.closed_on > workdays.after(plan.received_on, 2)
        ):
            plan.handed_on_on = workdays.after(plan.received_on, 1)
            plan.session_on = max(plan.session_on or plan.handed_on_on, plan.handed_on_on)
        follow_up_on = workdays.after(plan.closed_on, rng.randint(2, 10))
        if rng.random() < 0.75 and follow_up_on < last_day:
            plan.follow_up_on = follow_up_on
        _schedule_dispute(year, plan)


def _checklist(plan: DisputePlan, rng: random.Random) -> dict[str, str]:
    """三到位一处理: what was done by the outcome; a worker in hardship is also helped (帮扶救助)."""
    marks = dict.fromkeys(("solved", "educated", "assisted", "lawful"), "not_applicable")
    if plan.outcome == Outcome.AGREEMENT:
        marks["solved"] = "done"
    elif plan.outcome in (Outcome.BY_LAW, Outcome.TRANSFERRED):
        marks["lawful"] = "done"
        marks["solved"] = "done" if plan.outcome == Outcome.BY_LAW else "not_applicable"
    else:
        marks["educated"] = "done"
    if plan.leaf in LABOUR and rng.random() < 0.3:
        marks["assisted"] = "done"
    return marks


def _closure_note(plan: DisputePlan) -> str:
    if plan.outcome == Outcome.ENDED:
        return "双方分歧较大，经调解未能达成协议，已终止调解，并告知当事人可依法申请仲裁或者向人民法院起诉。"
    if plan.outcome == Outcome.TRANSFERRED:
        return "已移交%s依法处理，并告知来访人。" % TRANSFERRED_TO.get(plan.leaf, "有关部门")
    if plan.outcome == Outcome.GUIDED:
        if plan.leaf in LABOUR:
            return "已告知当事人向西青区劳动人事争议仲裁委员会申请仲裁的途径和期限，并引导其申请法律援助。"
        return "已告知当事人向西青区人民法院起诉的途径和期限，并提供法律咨询。"
    if plan.outcome == Outcome.BY_LAW:
        return "经核查，承办单位已依法处理，并向来访人反馈处理结果。"
    return ""


def _category(top: str, leaf: str) -> DisputeCategory:
    """The leaf category; 其他 has no leaves and is chosen itself."""
    if leaf == top:
        return DisputeCategory.objects.get(name=top, parent=None)
    return DisputeCategory.objects.get(name=leaf, parent__name=top, parent__parent=None)


def _schedule_dispute(year: Year, plan: DisputePlan) -> None:
    mediator, rng, agenda = year.staff["tiaojie"], year.rng, year.agenda
    unit_name = plan.village if HANDLING[plan.leaf][0] == "village" else HANDLING[plan.leaf][0]
    mediator_name = rng.choice(MEDIATORS)
    checklist = _checklist(plan, rng)
    satisfaction = rng.choices(
        [Satisfaction.SATISFIED, Satisfaction.FAIRLY, Satisfaction.UNSATISFIED], weights=[76, 20, 4]
    )[0]

    def dispute() -> Dispute:
        assert plan.dispute is not None
        return plan.dispute

    def unit(name: str) -> HandlingUnit:
        return HandlingUnit.objects.get(organisation=year.town, name=name)

    def register_and_dispatch() -> None:
        summary, claims, _other_side = plan.matter
        plan.dispute = mediation.register_dispute(
            mediator,
            mediation.DisputeInput(
                received_on=timezone.localdate(),
                channel="visit",
                category=_category(plan.top, plan.leaf),
                visitor_count=plan.visitor_count,
                visitors=[year.people.party(mediator, visitor) for visitor in plan.visitors],
                summary=summary,
                claims=claims,
            ),
        )
        mediation.dispatch_dispute(mediator, dispute(), unit=unit(unit_name), due_on=dispute().due_on)

    def hand_on() -> None:
        mediation.hand_on(
            mediator,
            dispute(),
            unit=unit("司法所（人民调解委员会）"),
            due_on=dispute().due_on,
            reason="村调委会调解未果，移交镇人民调解委员会调解。",
        )

    def session() -> None:
        other_side = plan.matter[2]
        mediation.record_session(
            mediator,
            dispute(),
            mediation.SessionInput(
                held_on=timezone.localdate(),
                place="%s村民委员会调解室" % plan.village
                if unit_name == plan.village and not plan.handed_on_on
                else "辛口镇矛调中心调解室",
                mediators=mediator_name,
                attendees="来访人代表、%s" % other_side,
                record="告知双方人民调解的性质和权利义务；双方陈述后，调解员释法说理，%s"
                % ("双方达成一致。" if plan.outcome == Outcome.AGREEMENT else "双方分歧较大，未能达成一致。"),
            ),
        )

    def close() -> None:
        summary, claims, other_side = plan.matter
        today = timezone.localdate()
        agreement = None
        if plan.outcome == Outcome.AGREEMENT:
            visitor = year.people.party(mediator, plan.visitors[0])
            agreement = mediation.AgreementInput(
                parties="申请人：%s%s，%s村民\n被申请人：%s"
                % (
                    visitor.name,
                    "等%d人" % plan.visitor_count if plan.visitor_count > 1 else "",
                    plan.village,
                    other_side,
                ),
                facts=summary,
                disputed_matters=claims,
                responsibilities="经调解员释法说理，双方对纠纷的成因和各自责任达成共识。",
                terms=TERMS[plan.top],
                performance="按协议约定的期限履行，调解委员会回访督促。",
                signed_on=today,
                mediator=mediator_name,
                committee="辛口镇人民调解委员会",
            )
        mediation.close_dispute(
            mediator,
            dispute(),
            mediation.ClosureInput(
                outcome=plan.outcome,
                closed_on=today,
                note=_closure_note(plan),
                checklist=checklist,
                agreement=agreement,
            ),
        )

    def follow_up() -> None:
        performance = Performance.NOT_APPLICABLE
        if plan.outcome == Outcome.AGREEMENT:
            performance = (
                Performance.FULL if satisfaction != Satisfaction.UNSATISFIED else Performance.PARTIAL
            )
        mediation.record_follow_up(
            mediator,
            dispute(),
            mediation.FollowUpInput(
                visited_on=timezone.localdate(),
                method=rng.choice([FollowUpMethod.PHONE, FollowUpMethod.PHONE, FollowUpMethod.VISIT]),
                performance=performance,
                satisfaction=satisfaction,
                note="来访人对处理结果%s。" % Satisfaction(satisfaction).label,
            ),
        )

    agenda.on(plan.received_on, register_and_dispatch)
    if plan.handed_on_on:
        agenda.on(plan.handed_on_on, hand_on)
    if plan.session_on:
        agenda.on(plan.session_on, session)
    agenda.on(plan.closed_on, close)
    if plan.follow_up_on:
        agenda.on(plan.follow_up_on, follow_up)


# ------------------------------------------------------------------------------------------- petitions


@dataclass(frozen=True)
class PetitionPlan:
    received_on: datetime.date
    channel: str
    person_count: int
    representatives: int
    request: str
    facts_and_reasons: str
    decided_on: datetime.date
    concluded_on: datetime.date  # the 处理意见书, or the 不予受理 notice with decided_on
    decision: str = ""  # empty: not accepted
    opinion_facts: str = ""
    opinion_reasons: str = ""
    basis: str = ""
    key_team: tuple[str, ...] = ()
    extension_on: datetime.date | None = None
    extension_reason: str = ""


PETITIONS = [
    PetitionPlan(
        _day(3, 9), Channel.VISIT, 15, 3,
        "要求公开道路拓宽工程征地补偿款分配方案，并足额发放补偿款。",
        "小沙窝村道路拓宽工程占用村集体土地，村民认为补偿款分配不公开、不透明，部分农户补偿未到位。",
        _day(3, 11), _day(5, 29), Decision.SUPPORT,
        "经工作专班核实，征地补偿款已足额拨付村集体，其中12户的青苗补偿因面积测量争议暂缓发放。",
        "补偿款分配方案应当经村民会议讨论并公开，信访人的请求有事实和政策依据。",
        "《天津市土地管理条例》有关征地补偿费用管理的规定。",
        ("xinfang", "admin", "shenhe"), _day(4, 28), "须由区规划资源部门复核征地面积，情况复杂。",
    ),
    PetitionPlan(
        _day(5, 20), Channel.ONLINE, 1, 1,
        "要求某建筑公司支付拖欠的农民工工资。",
        "信访人等在镇内某安置房工地务工，工程已完工，施工单位仍拖欠工资。",
        _day(5, 22), _day(6, 30), Decision.SUPPORT,
        "经工作专班会同区劳动保障监察部门核实，施工单位确欠工资，已督促其全额支付。",
        "支付劳动报酬是用人单位的法定义务。",
        "《保障农民工工资支付条例》第三条、第三十条。",
        ("xinfang", "tiaojie"),
    ),
    PetitionPlan(
        _day(7, 6), Channel.LETTER, 1, 1,
        "要求重新划定与邻户的宅基地界址。",
        "邻户翻建房屋时占用了信访人的宅基地约半米。",
        _day(7, 8), _day(8, 14), Decision.EXPLAIN,
        "经现场测量并调取确权登记资料，邻户房屋未超出其登记的宅基地范围。",
        "界址以不动产登记为准，信访人如有异议可依法申请更正登记。",
        "《不动产登记暂行条例》有关更正登记的规定。",
    ),
    PetitionPlan(
        _day(8, 17), Channel.VISIT, 8, 3,
        "要求整治村边养殖场的粪污和异味。",
        "水高庄村边养殖场粪污处理设施不完善，夏季异味严重，影响周边村民生活。",
        _day(8, 19), _day(10, 9), Decision.SUPPORT,
        "经工作专班会同区生态环境部门现场检查，养殖场粪污处理设施确不完善，已责令限期整改并完成验收。",
        "畜禽养殖场应当配套建设粪便污水处理设施，信访人的请求有事实依据。",
        "《畜禽规模养殖污染防治条例》第十三条。",
        ("xinfang", "zhifa1", "admin"),
    ),
    PetitionPlan(
        _day(9, 14), Channel.PHONE, 1, 1,
        "要求将其家庭纳入最低生活保障。",
        "信访人丈夫患病丧失劳动能力，家庭生活困难。",
        _day(9, 15), _day(10, 20), Decision.EXPLAIN,
        "经核实，信访人家庭尚未提出低保申请。",
        "最低生活保障须由本人向户籍所在地乡镇人民政府提出申请，经审核确认；已告知申请程序并协助准备材料。",
        "《社会救助暂行办法》第十一条。",
    ),
    PetitionPlan(
        _day(10, 19), Channel.VISIT, 1, 1,
        "要求镇政府责令他人归还借款。",
        "信访人借给他人的款项到期未还，已向人民法院起诉。",
        _day(10, 21), _day(10, 21),
    ),
    PetitionPlan(
        _day(11, 9), Channel.ONLINE, 1, 1,
        "要求修复辛口村主路损坏的路灯。",
        "辛口村主路十余盏路灯损坏一个多月，夜间出行不便。",
        _day(11, 10), _day(11, 27), Decision.SUPPORT,
        "经核实，路灯因线路老化损坏，已安排维修并全部恢复照明。",
        "路灯维护属镇政府职责，信访人的请求合理。",
        "《天津市城市照明管理规定》有关照明设施维护的规定。",
    ),
]  # fmt: skip


def _plan_petitions(year: Year) -> None:
    for plan in PETITIONS:
        _schedule_petition(year, plan, year.rng.sample(year.residents[30:], plan.representatives))


def _schedule_petition(year: Year, plan: PetitionPlan, petitioners: list[core_services.PartyInput]) -> None:
    staff, agenda = year.staff, year.agenda
    clerk, head = staff["xinfang"], staff["zhenzhang"]
    held: list[Petition] = []

    def register() -> None:
        held.append(
            petitions.register_petition(
                clerk,
                petitions.PetitionInput(
                    received_on=timezone.localdate(),
                    channel=plan.channel,
                    person_count=plan.person_count,
                    petitioners=[year.people.party(clerk, person) for person in petitioners],
                    request=plan.request,
                    facts_and_reasons=plan.facts_and_reasons,
                ),
            )
        )

    def decide() -> None:
        today = timezone.localdate()
        if not plan.decision:
            petitions.decline_petition(
                clerk,
                held[0],
                decided_on=today,
                notice_on=today,
                reason="信访人反映的借款纠纷已由西青区人民法院受理，属于应当通过诉讼途径解决的事项。",
                route="请依法通过诉讼程序解决，等待人民法院裁判。",
            )
            return
        held[0] = petitions.accept_petition(clerk, held[0], decided_on=today, notice_on=today)
        if plan.key_team:
            petitions.mark_key_matter(
                clerk, held[0], leader=head, team=[staff[name] for name in plan.key_team]
            )

    def extend() -> None:
        today = timezone.localdate()
        petitions.extend_handling(
            head, held[0], days=30, reason=plan.extension_reason, approved_on=today, notice_on=today
        )

    def conclude() -> None:
        today = timezone.localdate()
        petitions.issue_opinion(
            clerk,
            held[0],
            petitions.OpinionInput(
                request=plan.request,
                facts=plan.opinion_facts,
                reasons=plan.opinion_reasons,
                decision=plan.decision,
                basis=plan.basis,
                issued_on=today,
                served_on=today,
            ),
        )

    agenda.on(plan.received_on, register)
    agenda.on(plan.decided_on, decide)
    if plan.extension_on:
        agenda.on(plan.extension_on, extend)
    if plan.decision:
        agenda.on(plan.concluded_on, conclude)


# ------------------------------------------------------------------------------------------ prevention

FOUNDED_ON = _day(2, 10)  # the epidemic checkpoints (卡口) at the villages' entrances
JOINED_IN_SUMMER = _day(6, 15)
# The team as it formed in 2020: (name, role, joined). Four joined later and six left since (see
# fazhi/prevention/demo.py); 潘立军 and 任玉霞 left in 2020 itself.
FOUNDING_MEMBERS = {
    "辛口村": [
        ("王秀兰", R.BUILDING_HEAD, FOUNDED_ON), ("李建国", R.VETERAN_PARTY_MEMBER, FOUNDED_ON),
        ("张桂英", R.GRID_WORKER, FOUNDED_ON), ("刘德明", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("陈淑珍", R.SAFETY_VOLUNTEER, FOUNDED_ON), ("杨国强", R.VETERAN_PARTY_MEMBER, FOUNDED_ON),
        ("赵玉梅", R.BUILDING_HEAD, FOUNDED_ON), ("黄志刚", R.GRID_WORKER, FOUNDED_ON),
        ("吴永生", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("徐丽华", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("孙宝山", R.GRID_WORKER, FOUNDED_ON), ("马春燕", R.BUILDING_HEAD, JOINED_IN_SUMMER),
        ("朱文忠", R.SAFETY_VOLUNTEER, JOINED_IN_SUMMER), ("田宝林", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("潘立军", R.SAFETY_VOLUNTEER, FOUNDED_ON),
    ],
    "小沙窝村": [
        ("郭振华", R.GRID_WORKER, FOUNDED_ON), ("何玉兰", R.BUILDING_HEAD, FOUNDED_ON),
        ("高建军", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("林淑芬", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("罗长顺", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("郑桂兰", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("梁志强", R.GRID_WORKER, FOUNDED_ON), ("谢美玲", R.BUILDING_HEAD, JOINED_IN_SUMMER),
        ("宋德胜", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("唐秀珍", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("冯晓燕", R.SAFETY_VOLUNTEER, FOUNDED_ON), ("于海涛", R.SAFETY_VOLUNTEER, JOINED_IN_SUMMER),
        ("董淑华", R.BUILDING_HEAD, FOUNDED_ON), ("萧国栋", R.OTHER, FOUNDED_ON),
        ("石凤琴", R.BUILDING_HEAD, FOUNDED_ON), ("钱永福", R.VETERAN_PARTY_MEMBER, FOUNDED_ON),
        ("任玉霞", R.SAFETY_VOLUNTEER, FOUNDED_ON),
    ],
    "水高庄村": [
        ("程建华", R.GRID_WORKER, FOUNDED_ON), ("曹玉珍", R.BUILDING_HEAD, FOUNDED_ON),
        ("袁志明", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("邓丽娟", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("许长林", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("傅秀英", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("沈卫东", R.GRID_WORKER, FOUNDED_ON), ("曾凤兰", R.BUILDING_HEAD, JOINED_IN_SUMMER),
        ("彭建平", R.VETERAN_PARTY_MEMBER, FOUNDED_ON), ("吕淑英", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("卢桂香", R.SAFETY_VOLUNTEER, FOUNDED_ON), ("蒋文斌", R.SAFETY_VOLUNTEER, JOINED_IN_SUMMER),
        ("蔡春梅", R.SAFETY_VOLUNTEER, FOUNDED_ON), ("贾宏伟", R.SAFETY_VOLUNTEER, FOUNDED_ON),
        ("姚振江", R.GRID_WORKER, FOUNDED_ON),
    ],
}  # fmt: skip
LEFT_IN_2020 = {"潘立军": (_day(10, 30), "外出务工"), "任玉霞": (_day(11, 30), "身体原因本人申请退出")}
# (day, kind, place, what was done, materials handed out, people reached, village of the members)
ACTIVITIES_2020 = [
    (_day(2, 12), ActivityKind.OTHER, "辛口村疫情防控卡口", "卡口值守：进出人员测温、登记，劝导外来车辆绕行。", 0, 600, "辛口村"),
    (_day(3, 18), ActivityKind.ANTI_FRAUD, "辛口村疫情防控卡口", "利用卡口测温登记的契机，向进出群众发放防范电信诈骗宣传材料，提醒警惕冒充防疫人员、虚假口罩销售等诈骗。", 800, 650, "辛口村"),
    (_day(4, 8), ActivityKind.FIRE_SAFETY, "小沙窝村疫情防控卡口", "向进出卡口的群众发放防火防盗宣传材料，提示春季防火和居家用电安全。", 600, 520, "小沙窝村"),
    (_day(6, 10), ActivityKind.PATROL, "水高庄村主要街道", "夜间治安巡逻，查看村内重点部位和独居老人家门。", 0, 0, "水高庄村"),
    (_day(9, 16), ActivityKind.DISPUTE_SCREENING, "辛口村", "入户排查邻里、宅基地纠纷隐患，发现3起，已移交矛调中心。", 0, 0, "辛口村"),
    (_day(11, 11), ActivityKind.ANTI_FRAUD, "水高庄村老年活动室", "以案说法，提醒老年人防范保健品诈骗和冒充公检法诈骗。", 150, 90, "水高庄村"),
    (_day(12, 4), ActivityKind.LEGAL_PUBLICITY, "辛口镇集市", "国家宪法日宣传：宣讲宪法和民法典，设法律咨询台解答群众问题。", 500, 380, "小沙窝村"),
]  # fmt: skip


def _plan_prevention(year: Year) -> None:
    actor, agenda = year.staff["tiaojie"], year.agenda
    villages = {
        village.name: village
        for village in Organisation.objects.filter(parent=year.town, kind=OrganisationKind.VILLAGE)
    }

    def join(village: str, name: str, role: str) -> Step:
        return lambda: prevention.add_volunteer(
            actor, name=name, role=role, village=villages[village], joined_on=timezone.localdate()
        )

    for village, rows in FOUNDING_MEMBERS.items():
        for name, role, joined_on in rows:
            agenda.on(joined_on, join(village, name, role))

    def leave(name: str, reason: str) -> Step:
        return lambda: prevention.end_service(
            actor,
            CommunityVolunteer.objects.get(organisation=year.town, name=name),
            left_on=timezone.localdate(),
            reason=reason,
        )

    for name, (left_on, reason) in LEFT_IN_2020.items():
        agenda.on(left_on, leave(name, reason))

    def activity(
        held_on: datetime.date,
        kind: str,
        place: str,
        description: str,
        materials: int,
        people: int,
        village: str,
    ) -> Step:
        def record() -> None:
            serving = CommunityVolunteer.objects.filter(
                prevention_selectors.serving_on(held_on), village=villages[village]
            ).order_by("pk")[:5]
            prevention.record_activity(
                actor,
                held_on=held_on,
                place=place,
                kind=kind,
                description=description,
                materials_handed_out=materials,
                people_reached=people,
                volunteers=list(serving),
            )

        return record

    for row in ACTIVITIES_2020:
        agenda.on(row[0], activity(*row))


# ------------------------------------------------------------------------------------ a major decision

DECISION_TITLE = "辛口镇生活垃圾分类工作实施方案"
COMMENTS = [
    ("建议在各村增设可回收物兑换点，提高村民分类积极性。", Answer.ADOPTED, "采纳，已在实施方案中增加“积分兑换”内容。"),
    ("建议取消对个人违规投放的罚款。", Answer.NOT_ADOPTED, "罚款由《天津市生活垃圾管理条例》规定，方案不能取消；方案已明确以教育引导为主。"),
]  # fmt: skip


def _plan_major_decision(year: Year) -> None:
    """Through 公众参与、专家论证、风险评估、合法性审查 to 集体讨论 and 公布 (国务院令第713号, which the
    town applies under its art. 42), ahead of the 天津市生活垃圾管理条例 in force from 1 December."""
    staff, agenda = year.staff, year.agenda
    admin, head = staff["admin"], staff["zhenzhang"]

    def decision() -> MajorDecision:
        return MajorDecision.objects.get(organisation=year.town, catalogue_item__title=DECISION_TITLE)

    def period() -> CommentPeriod:
        return CommentPeriod.objects.get(decision=decision())

    def catalogue() -> None:
        decisions.add_catalogue_item(
            admin, year=YEAR, title=DECISION_TITLE, department=year.department("党政办")
        )

    def start() -> None:
        item = CatalogueItem.objects.get(organisation=year.town, year=YEAR, title=DECISION_TITLE)
        registered = decisions.register_decision(
            admin,
            item,
            summary="在全镇机关、企事业单位和辛口村、小沙窝村、水高庄村推行生活垃圾分类，配置分类收集容器，建立分类收运体系，与《天津市生活垃圾管理条例》同日施行。",
            needs_expert=True,
            needs_risk=True,
        )
        today = timezone.localdate()
        decisions.open_comment_period(
            admin,
            registered,
            draft="一、实施范围：全镇机关、企事业单位和三个村。\n二、分类标准：厨余垃圾、可回收物、有害垃圾、其他垃圾。\n三、收运体系：定时定点投放，分类收集、分类运输。\n四、监督执法：条例施行后依法查处违规投放行为。",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=30),
        )

    def comment(text: str) -> Step:
        return lambda: decisions.submit_comment(
            period(), decisions.CommentInput(text=text), today=timezone.localdate()
        )

    def moderate_and_answer() -> None:
        for text, answer, reason in COMMENTS:
            received = PublicComment.objects.get(period=period(), text=text)
            decisions.moderate_comment(admin, received, approve=True)
            decisions.answer_comment(admin, received, answer=answer, reason=reason)

    def assess(kind: str, assessors: str, conclusion: str) -> Step:
        return lambda: decisions.record_assessment(
            admin,
            decision(),
            kind=kind,
            held_on=timezone.localdate(),
            assessors=assessors,
            conclusion=conclusion,
        )

    def submit_for_review() -> None:
        decisions.submit_legality_review(
            admin, decision(), due_on=year.workdays.after(timezone.localdate(), 7)
        )

    def discuss() -> None:
        decisions.record_discussion(
            admin,
            decision(),
            decisions.DiscussionInput(
                meeting_on=timezone.localdate(),
                meeting="镇政府常务会议（2020年第15次）",
                attendees=[admin, staff["shenhe"], staff["guwen"]],
                presided_by=head,
                head_spoke_last=True,
                outcome=DiscussionOutcome.ADOPTED,
                dissent="",
            ),
        )

    agenda.on(_day(3, 2), catalogue)
    agenda.on(_day(3, 4), lambda: decisions.publish_catalogue(head, year=YEAR))
    agenda.on(_day(6, 1), start)
    agenda.on(_day(6, 9), comment(COMMENTS[0][0]))
    agenda.on(_day(6, 16), comment(COMMENTS[1][0]))
    agenda.on(_day(7, 3), moderate_and_answer)
    agenda.on(
        _day(7, 8),
        assess(
            AssessmentKind.EXPERT,
            "区城市管理委员会环卫专家组",
            "方案分类标准与收运体系符合市、区要求，技术上可行，建议分村分步推开。",
        ),
    )
    agenda.on(
        _day(7, 10),
        assess(
            AssessmentKind.RISK,
            "天津市社会稳定风险评估中心有限公司",
            "风险等级为低风险，须做好宣传引导和收运衔接，可以实施。",
        ),
    )
    agenda.on(_day(7, 13), submit_for_review)
    agenda.on(
        _day(7, 17),
        lambda: decisions.give_legality_opinion(
            staff["guwen"],
            decision(),
            passed=True,
            opinion="方案内容与《天津市生活垃圾管理条例》一致，程序合法，同意提交集体讨论。",
        ),
    )
    agenda.on(_day(7, 21), discuss)
    agenda.on(
        _day(7, 24),
        lambda: decisions.publish_decision(
            admin, decision(), published_on=timezone.localdate(), where="辛口镇人民政府网站、镇政务公开栏"
        ),
    )


demo.register(load_2020, history=True)
