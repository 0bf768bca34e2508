"""Major decisions: the 30-day comment period, citizens' comments (script escaped, ID numbers masked on
the portal, answered), the 7-working-day legality review by counsel only, and collective discussion
blocked until the review has passed and the required steps are on file."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_staff, resident_id
from fazhi.core import calendar, public_text
from fazhi.core import services as core_services
from fazhi.core.errors import NotFoundOrHidden, RuleViolation
from fazhi.core.models import IdType, OrganisationKind, PartyKind
from fazhi.core.roles import Role
from fazhi.decisions import selectors, services
from fazhi.decisions.models import (
    CollectiveDiscussion,
    CommentPeriod,
    DecisionStatus,
    Moderation,
    PublicComment,
)
from fazhi.ledger.models import Event

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
ORDER = "重大行政决策程序暂行条例（国务院令第713号）"


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.deputy = make_staff(world.system, world.town, "deputy", [Role.HEAD], full_name="王副镇长")
    world.counsel = make_staff(world.system, world.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    world.office = core_services.create_organisation(
        world.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    return world


@pytest.fixture
def decision(town):
    item = services.add_catalogue_item(
        town.admin, year=TODAY.year, title="辛口镇老旧小区改造方案", department=town.office
    )
    return services.register_decision(
        town.admin, item, summary="改造3个老旧小区，涉及居民1200户。", needs_expert=True, needs_risk=False
    )


def open_comments(town, decision, *, days=30):
    return services.open_comment_period(
        town.admin, decision, draft="一、改造范围……", opens_on=TODAY, closes_on=TODAY + days * DAY
    )


def discussion(town, **overrides):
    fields = {
        "meeting_on": TODAY,
        "meeting": "镇政府常务会议",
        "attendees": [town.head, town.deputy, town.admin],
        "presided_by": town.head,
        "head_spoke_last": True,
        "outcome": "adopted",
        "dissent": "王副镇长：建议分两期实施。",
    }
    return services.DiscussionInput(**{**fields, **overrides})


def test_a_comment_period_shorter_than_30_days_is_refused(town, decision):
    with pytest.raises(RuleViolation) as raised:
        open_comments(town, decision, days=29)
    assert raised.value.citation == f"{ORDER} 第十四条"
    assert "不得少于 30 日" in raised.value.message
    assert not hasattr(decision, "comment_period")
    assert open_comments(town, decision).closes_on == TODAY + 30 * DAY


def test_a_citizens_comment_with_script_and_an_id_number_is_escaped_and_masked_on_the_portal(town, decision):
    period = open_comments(town, decision)
    number = resident_id("11010519491231002")
    client = Client()
    page = client.post(
        f"/gongshi/juece/{period.pk}/",
        {
            "text": f"<script>alert(1)</script>我是居民，身份证{number}，建议增加停车位。",
            "name": "张三",
            "contact": "13912345678",
        },
        follow=True,
    )
    assert "已收到您的意见，经审核后公开" in page.content.decode()
    comment = PublicComment.objects.get()
    assert comment.moderation == Moderation.PENDING
    # Not shown before moderation.
    assert "建议增加停车位" not in client.get(f"/gongshi/juece/{period.pk}/").content.decode()
    services.moderate_comment(town.admin, comment, approve=True)
    services.answer_comment(town.admin, comment, answer="adopted", reason="已在方案中增加停车位120个。")
    shown = client.get(f"/gongshi/juece/{period.pk}/").content.decode()
    assert "建议增加停车位" in shown
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;" in shown
    assert number not in shown
    assert "张三" not in shown
    assert "13912345678" not in shown
    assert "采纳：已在方案中增加停车位120个。" in shown
    # The ledger holds the comment's fingerprint, not its words.
    received = Event.objects.get(action="decisions.comment.received")
    assert number not in received.entry


def test_comments_outside_the_period_or_empty_are_refused(town, decision):
    period = open_comments(town, decision)
    with pytest.raises(RuleViolation, match="现在不能提交意见"):
        services.submit_comment(period, services.CommentInput(text="晚了"), today=period.closes_on + DAY)
    for text, message in [("  ", "请填写意见。"), ("意" * 2001, "意见不超过 2000 字。")]:
        page = Client().post(f"/gongshi/juece/{period.pk}/", {"text": text})
        assert message in page.content.decode()
    assert not PublicComment.objects.exists()


def test_only_counsel_gives_the_legality_opinion_and_the_reviewer_gets_7_working_days(town, decision):
    with pytest.raises(RuleViolation) as raised:
        services.submit_legality_review(town.admin, decision, due_on=TODAY + 2 * DAY)
    assert raised.value.citation == f"{ORDER} 第二十七条"
    due = calendar.add_working_days(TODAY, 7)
    services.submit_legality_review(town.admin, decision, due_on=due)
    with pytest.raises(RuleViolation, match="只能由法律顾问或司法所"):
        services.give_legality_opinion(town.head, decision, passed=True, opinion="合法。")
    review = services.give_legality_opinion(
        town.counsel, decision, passed=True, opinion="权限、程序、内容合法。"
    )
    assert review.passed


def test_collective_discussion_is_blocked_until_the_review_passes_and_the_steps_are_recorded(
    town, decision, on_day
):
    with pytest.raises(RuleViolation) as raised:
        services.record_discussion(town.admin, decision, discussion(town))
    assert raised.value.citation == f"{ORDER} 第二十五条、第三十条"
    for missing in ("尚未公开征求意见", "须专家论证而尚未记录", "合法性审查尚未通过"):
        assert missing in raised.value.message
    period = open_comments(town, decision)
    comment = services.submit_comment(period, services.CommentInput(text="同意改造。"), today=TODAY)
    services.record_assessment(
        town.admin,
        decision,
        kind="expert",
        held_on=TODAY,
        assessors="市规划院专家3名",
        conclusion="方案可行。",
    )
    services.submit_legality_review(town.admin, decision, due_on=calendar.add_working_days(TODAY, 7))
    services.give_legality_opinion(town.counsel, decision, passed=True, opinion="合法。")
    on_day(period.closes_on + DAY)
    with pytest.raises(RuleViolation, match="1 条公众意见未审核或未答复"):
        services.record_discussion(town.admin, decision, discussion(town, meeting_on=period.closes_on + DAY))
    services.moderate_comment(town.admin, comment, approve=True)
    services.answer_comment(town.admin, comment, answer="adopted", reason="采纳。")
    with pytest.raises(RuleViolation, match="行政首长应当最后发表意见"):
        services.record_discussion(
            town.admin, decision, discussion(town, meeting_on=period.closes_on + DAY, head_spoke_last=False)
        )
    assert not CollectiveDiscussion.objects.exists()
    done = services.record_discussion(
        town.admin, decision, discussion(town, meeting_on=period.closes_on + DAY)
    )
    assert done.dissent == "王副镇长：建议分两期实施。"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DISCUSSED
    published = services.publish_decision(
        town.admin, decision, published_on=period.closes_on + DAY, where="镇政府网站"
    )
    assert published.status == DecisionStatus.PUBLISHED


def test_a_failed_legality_review_keeps_discussion_blocked(town, decision):
    services.submit_legality_review(town.admin, decision, due_on=calendar.add_working_days(TODAY, 7))
    services.give_legality_opinion(town.counsel, decision, passed=False, opinion="超越法定权限。")
    facts = selectors.readiness(decision, today=TODAY)
    assert not facts.legality_passed
    page = Client()
    page.force_login(town.admin)
    shown = page.get(f"/decisions/{decision.pk}/").content.decode()
    assert "暂不能进行" in shown
    assert "合法性审查尚未通过" in shown


def test_another_town_sees_nothing_and_counts_are_per_town(town, decision):
    with pytest.raises(NotFoundOrHidden):
        selectors.access_decision(town.other_admin, decision.pk)
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/decisions/{decision.pk}/").status_code == 404
    counts = selectors.counts_for_year(town.town, year=TODAY.year)
    assert (counts.catalogue_items, counts.decided) == (1, 0)
    assert selectors.counts_for_year(town.other_town, year=TODAY.year).catalogue_items == 0


def test_the_api_refuses_discussion_before_the_review_with_the_article(town, decision):
    import json

    client = Client()
    client.force_login(town.admin)
    body = {
        "meeting_on": TODAY.isoformat(),
        "meeting": "镇政府常务会议",
        "attendee_ids": [town.head.pk, town.deputy.pk],
        "presided_by_id": town.head.pk,
        "head_spoke_last": True,
        "outcome": "adopted",
    }
    refused = client.post(
        f"/api/v1/decisions/{decision.pk}/discussion", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["citation"] == f"{ORDER} 第二十五条、第三十条"
    shown = client.get(f"/api/v1/decisions/{decision.pk}").json()
    assert "合法性审查尚未通过（第二十五条）" in shown["blocked_for_discussion"]
    assert not CollectiveDiscussion.objects.exists()


def test_a_published_decision_is_archived_as_one_zip_with_its_index_and_evaluated_by_someone_new(
    town, on_day
):
    import io
    import json
    import zipfile

    import openpyxl

    from fazhi.core import files
    from fazhi.core.models import Attachment
    from fazhi.decisions.models import DecisionArchive, PostEvaluation
    from fazhi.ledger import verify
    from fazhi.testing.archives import one_byte_flipped, with_member_changed

    item = services.add_catalogue_item(
        town.admin, year=TODAY.year, title="人居环境整治计划", department=town.office
    )
    decision = services.register_decision(
        town.admin, item, summary="整治计划。", needs_expert=True, needs_risk=False
    )
    period = open_comments(town, decision)
    services.record_assessment(
        town.admin, decision, kind="expert", held_on=TODAY, assessors="市规划院", conclusion="可行。"
    )
    services.submit_legality_review(town.admin, decision, due_on=calendar.add_working_days(TODAY, 7))
    services.give_legality_opinion(town.counsel, decision, passed=True, opinion="合法。")
    with pytest.raises(RuleViolation, match="决策公布后归档"):
        services.archive_decision(town.admin, decision)
    minutes = files.StoredFile(
        *files.store(io.BytesIO(b"%PDF-1.4\n% minutes\n"), original_name="会议纪要.pdf")
    )
    services.attach_file(town.admin, decision, step="集体讨论决定", stored=minutes)
    later = period.closes_on + DAY
    on_day(later)
    services.record_discussion(town.admin, decision, discussion(town, meeting_on=later))
    services.publish_decision(town.admin, decision, published_on=later, where="镇政府网站")
    record = services.archive_decision(town.admin, decision)
    attachment = Attachment.objects.get(description="决策档案")
    assert attachment.blob.sha256 == record.sha256
    with files.open_blob(attachment.blob) as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    names = set(archive.namelist())
    assert {"索引.xlsx", "征求意见稿.txt", "verify.py", "全过程记录/检查点.txt"} <= names
    assert "材料/01-集体讨论决定-会议纪要.pdf" in names
    index = openpyxl.load_workbook(io.BytesIO(archive.read("索引.xlsx")))["索引"]
    steps = [row[1] for row in index.iter_rows(min_row=3, values_only=True)]
    assert steps[:7] == [
        "决策事项目录",
        "决策启动",
        "公开征求意见",
        "专家论证",
        "合法性审查",
        "集体讨论决定",
        "公布",
    ]
    proofs = [name for name in names if name.startswith("全过程记录/记录-")]
    assert proofs
    bundle = json.loads(archive.read(proofs[0]))
    assert all(passed for passed, _ in verify.verify_bundle(bundle))
    with files.open_blob(attachment.blob) as stored:
        content = stored.read()

    def failures(archive_bytes: bytes) -> list[str]:
        checked = verify.verify_archive(zipfile.ZipFile(io.BytesIO(archive_bytes)))
        assert len(checked) == len(proofs)
        return [message for _, results in checked for passed, message in results if not passed]

    assert failures(content) == []
    # The draft put out for comment and each step's file are hashed against what the ledger recorded.
    draft_changed = with_member_changed(
        content, "征求意见稿.txt", lambda text: text.replace("改造".encode(), "新建".encode())
    )
    assert failures(draft_changed) == [
        "文件与记录中的 draft_sha256 一致 file hashes to the draft_sha256 recorded in the event"
    ]
    minutes_changed = with_member_changed(content, "材料/01-集体讨论决定-会议纪要.pdf", one_byte_flipped)
    assert failures(minutes_changed) == [
        "文件与记录中的 sha256 一致 file hashes to the sha256 recorded in the event"
    ]
    with pytest.raises(RuleViolation, match="已归档"):
        services.archive_decision(town.admin, decision)
    with pytest.raises(RuleViolation, match="不能再添加材料"):
        services.attach_file(town.admin, decision, step="公布", stored=minutes)
    assert DecisionArchive.objects.count() == 1
    with pytest.raises(RuleViolation) as raised:
        services.record_post_evaluation(
            town.admin, decision, evaluated_on=later, evaluator="市规划院", conclusion="效果良好。"
        )
    assert raised.value.citation == f"{ORDER} 第三十六条"
    services.record_post_evaluation(
        town.admin, decision, evaluated_on=later, evaluator="区发展研究中心", conclusion="效果良好。"
    )
    assert PostEvaluation.objects.get().evaluator == "区发展研究中心"


def test_the_api_publishes_the_catalogue_and_attaches_a_steps_file(town, decision):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.models import Attachment

    head = Client()
    head.force_login(town.head)
    published = head.post(f"/api/v1/decisions/catalogue/{TODAY.year}/publish")
    assert published.json() == {"published": 1}
    assert "辛口镇老旧小区改造方案" in Client().get("/gongshi/juece/").content.decode()
    admin = Client()
    admin.force_login(town.admin)
    attached = admin.post(
        f"/api/v1/decisions/{decision.pk}/files",
        {"step": "专家论证", "file": SimpleUploadedFile("专家论证意见.pdf", b"%PDF-1.4\n% opinion\n")},
    )
    assert attached.status_code == 200, attached.content
    assert Attachment.objects.get(subject_type="decisions.majordecision").description == "专家论证"
    refused = admin.post(
        f"/api/v1/decisions/{decision.pk}/files",
        {"step": "随便", "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n")},
    )
    assert refused.status_code == 422
    assert Attachment.objects.count() == 1


def test_the_api_refuses_blank_parts_and_unknown_choices_beside_their_fields(town, decision):
    from fazhi.testing.api import refused_fields, token_client

    admin, head = token_client(town, town.admin), token_client(town, town.head)
    url = f"/api/v1/decisions/{decision.pk}"
    item = {"year": 1999, "title": " ", "department_id": town.office.pk}
    assert refused_fields(admin, "/api/v1/decisions/catalogue", item) == {
        "year": "不能小于 2000。",
        "title": "请填写决策事项。",
    }
    period = {"draft": "", "opens_on": TODAY.isoformat(), "closes_on": TODAY.isoformat()}
    assert refused_fields(admin, f"{url}/comment-period", period) == {"draft": "请填写征求意见稿。"}
    assessment = {"kind": "poll", "held_on": TODAY.isoformat(), "assessors": "", "conclusion": " "}
    assert refused_fields(admin, f"{url}/assessments", assessment) == {
        "kind": "请选择专家论证或风险评估。",
        "assessors": "请填写专家或评估机构。",
        "conclusion": "请填写结论。",
    }
    meeting = {
        "meeting_on": TODAY.isoformat(),
        "meeting": "",
        "attendee_ids": [],
        "presided_by_id": town.head.pk,
        "head_spoke_last": True,
        "outcome": "maybe",
    }
    assert refused_fields(head, f"{url}/discussion", meeting) == {
        "meeting": "请填写会议名称。",
        "outcome": "请选择决定。",
    }
    assert refused_fields(head, f"{url}/publish", {"published_on": TODAY.isoformat(), "where": " "}) == {
        "where": "请填写公布载体，如：镇政府网站、公示栏。"
    }
    evaluation = {"evaluated_on": TODAY.isoformat(), "evaluator": "", "conclusion": ""}
    assert refused_fields(admin, f"{url}/evaluations", evaluation) == {
        "evaluator": "请填写评估机构或人员。",
        "conclusion": "请填写评估结论。",
    }
    answer = {"answer": "maybe", "reason": ""}
    assert refused_fields(admin, "/api/v1/decisions/comments/1/answer", answer) == {
        "answer": "请选择采纳或不采纳。",
        "reason": "请说明理由。",
    }
    decision.refresh_from_db()
    assert decision.status == "preparing"


def test_a_comment_its_answer_and_the_draft_pass_the_public_text_gate(town, decision):
    """Names the town's registers hold, names after a cue and numbers are masked wherever the portal shows
    a consultation's text."""
    core_services.register_party(
        town.admin,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="马秀兰", id_type=IdType.PASSPORT, id_number="E2345678"
        ),
    )
    period = open_comments(town, decision)
    CommentPeriod.objects.filter(pk=period.pk).update(draft="方案由马秀兰（电话139 1111 2222）起草。")
    client = Client()
    client.post(f"/gongshi/juece/{period.pk}/", {"text": "我的邻居丁国华住解放路12号，建议增设路灯。"})
    comment = PublicComment.objects.get()
    services.moderate_comment(town.admin, comment, approve=True)
    services.answer_comment(town.admin, comment, answer="adopted", reason="已请马秀兰核实后增设路灯。")
    shown = client.get(f"/gongshi/juece/{period.pk}/").content.decode()
    assert "方案由马某某（电话（已隐去））起草。" in shown
    assert "我的邻居丁某某住解放路（已隐去），建议增设路灯。" in shown
    assert "已请马某某核实后增设路灯。" in shown
    for private in ("马秀兰", "丁国华", "12号", "2222"):
        assert private not in shown


def test_a_commenters_name_is_known_to_the_public_text_gate(town, decision):
    """The name a commenter gives is never shown, and where another text names them it is masked."""
    period = open_comments(town, decision)
    Client().post(f"/gongshi/juece/{period.pk}/", {"text": "建议增设路灯。", "name": "向前"})
    assert public_text.masked("向前的建议已采纳。", town.town) == "向某的建议已采纳。"


def test_archiving_and_publishing_the_catalogue_ask_for_confirmation(town, decision):
    from fazhi.decisions.forms import PublishForm
    from fazhi.decisions.models import DecisionArchive

    admin = Client()
    admin.force_login(town.admin)
    events = Event.objects.count()
    archived = admin.post(f"/decisions/{decision.pk}/archive/", {}, follow=True).content.decode()
    assert "此操作不可撤销，请阅读提示并勾选确认。" in archived
    assert not DecisionArchive.objects.exists()
    head = Client()
    head.force_login(town.head)
    catalogue = head.get(f"/decisions/?year={TODAY.year}").content.decode()
    assert "我已知悉：公布后目录中的事项即在公示网站公开，不能撤回。" in catalogue
    head.post("/decisions/catalogue/publish/", {"year": TODAY.year})
    assert Event.objects.count() == events
    assert not selectors.published_catalogue(year=TODAY.year).exists()
    assert PublishForm({"published_on": TODAY.isoformat(), "where": "镇政府网站"}).errors == {
        "confirm": ["此操作不可撤销，请阅读提示并勾选确认。"]
    }
