"""依法治镇 through the services: the committee and its members, meetings, key tasks with their 反馈
and completion, the head's own acts, the 督办单 raised by the daily job (once per cause) and answered
by the lead. Each refusal names its rule and changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command

from fazhi.core import files
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.models import Attachment, Notification
from fazhi.governance import rules, services
from fazhi.governance.models import (
    ActKind,
    KeyTask,
    Meeting,
    MeetingKind,
    MemberRole,
    SupervisionCause,
    SupervisionNotice,
    TaskFeedback,
    TaskStatus,
)
from fazhi.ledger.models import Event
from fazhi.testing.governance import DEPLOYED, TODAY, days, register, task_input


def unchanged(before: tuple[int, int, int, int]) -> None:
    assert (
        Event.objects.count(),
        TaskFeedback.objects.count(),
        SupervisionNotice.objects.count(),
        KeyTask.objects.filter(status=TaskStatus.COMPLETED).count(),
    ) == before


def counts() -> tuple[int, int, int, int]:
    return (
        Event.objects.count(),
        TaskFeedback.objects.count(),
        SupervisionNotice.objects.count(),
        KeyTask.objects.filter(status=TaskStatus.COMPLETED).count(),
    )


def test_the_committee_its_members_and_a_member_who_leaves(town):
    with pytest.raises(RuleViolation, match="尚未登记全面依法治镇委员会"):
        services.add_member(
            town.admin,
            services.MemberInput(
                name="", position="镇长", role=MemberRole.DIRECTOR, joined_on=TODAY, staff=town.head
            ),
        )
    committee = services.set_committee(
        town.admin, name="辛口镇全面依法治镇委员会", established_on=TODAY - days(100)
    )
    director = services.add_member(
        town.admin,
        services.MemberInput(
            name="", position="镇长", role=MemberRole.DIRECTOR, joined_on=TODAY, staff=town.head
        ),
    )
    outsider = services.add_member(
        town.admin,
        services.MemberInput(name="赵所长", position="派出所所长", role=MemberRole.MEMBER, joined_on=TODAY),
    )
    assert director.name == "李镇长"
    assert [member.name for member in committee.members.all()] == ["李镇长", "赵所长"]
    services.member_leaves(town.admin, outsider, left_on=TODAY)
    with pytest.raises(RuleViolation, match="已于"):
        services.member_leaves(town.admin, outsider, left_on=TODAY)
    with pytest.raises(InvalidInput, match="不是本镇"):
        services.add_member(
            town.admin,
            services.MemberInput(
                name="", position="x", role=MemberRole.MEMBER, joined_on=TODAY, staff=town.other_admin
            ),
        )
    with pytest.raises(PermissionDenied):
        services.set_committee(town.clerk, name="x", established_on=TODAY)


def test_a_meeting_with_its_attendees_and_decisions(town):
    meeting = services.record_meeting(
        town.admin,
        services.MeetingInput(
            kind=MeetingKind.COMMITTEE,
            held_on=TODAY,
            title="第一次全面依法治镇委员会会议",
            topics="审议年度重点工作安排",
            decisions="通过年度重点工作安排",
            attendees=[town.head, town.lead],
            other_attendees="派出所所长赵某",
            presided_by=town.head,
        ),
    )
    assert set(meeting.attendees.all()) == {town.head, town.lead}
    assert Event.objects.filter(action="governance.meeting.recorded").count() == 1
    before = Meeting.objects.count()
    with pytest.raises(RuleViolation, match="不能晚于今天"):
        services.record_meeting(
            town.admin,
            services.MeetingInput(
                kind=MeetingKind.PARTY,
                held_on=TODAY + days(1),
                title="x",
                topics="x",
                decisions="x",
                attendees=[town.head],
            ),
        )
    with pytest.raises(InvalidInput, match="出席人员"):
        services.record_meeting(
            town.admin,
            services.MeetingInput(
                kind=MeetingKind.PARTY, held_on=TODAY, title="x", topics="x", decisions="x", attendees=[]
            ),
        )
    assert Meeting.objects.count() == before


def test_registering_a_task_checks_department_lead_and_dates(town):
    before = KeyTask.objects.count()
    with pytest.raises(InvalidInput, match="责任单位"):
        register(town, department=town.other_town)
    with pytest.raises(InvalidInput, match="不是本镇"):
        register(town, lead=town.other_admin)
    with pytest.raises(RuleViolation, match=r"完成时限.*不能早于部署日期"):
        register(town, deadline=DEPLOYED - days(1))
    with pytest.raises(RuleViolation, match=r"部署日期.*不能晚于今天"):
        register(town, deployed_on=TODAY + days(1), deadline=TODAY + days(5))
    with pytest.raises(PermissionDenied):
        services.register_task(town.clerk, task_input(town))
    assert KeyTask.objects.count() == before


def test_the_lead_or_the_department_reports_and_nobody_else(town, task):
    pdf = files.StoredFile(*files.store(io.BytesIO(b"%PDF-1.4 evidence"), original_name="清单.pdf"))
    feedback = services.report_feedback(
        town.lead, task, reported_on=TODAY, text="已梳理权责事项", evidence=[pdf]
    )
    [evidence] = Attachment.objects.filter(
        subject_type="governance.taskfeedback", subject_id=str(feedback.pk)
    )
    assert evidence.original_name == "清单.pdf"
    services.report_feedback(town.clerk, task, reported_on=TODAY, text="干事补充材料")
    before = counts()
    with pytest.raises(RuleViolation) as refused:
        services.report_feedback(town.officer, task, reported_on=TODAY, text="x")
    assert refused.value.citation == rules.LOCAL_RULES
    with pytest.raises(RuleViolation, match="不能早于部署日期"):
        services.report_feedback(town.lead, task, reported_on=DEPLOYED - days(1), text="x")
    with pytest.raises(RuleViolation, match="不能晚于今天"):
        services.report_feedback(town.lead, task, reported_on=TODAY + days(1), text="x")
    unchanged(before)


def test_completion_follows_the_last_report_and_is_taken_once(town, task):
    services.report_feedback(town.lead, task, reported_on=TODAY - days(2), text="进展过半")
    before = counts()
    with pytest.raises(RuleViolation, match="不能早于最近一次反馈"):
        services.complete_task(town.lead, task, completed_on=TODAY - days(3), note="x")
    unchanged(before)
    done = services.complete_task(town.lead, task, completed_on=TODAY, note="已完成并公布")
    assert done.status == TaskStatus.COMPLETED
    before = counts()
    with pytest.raises(RuleViolation, match=r"已于.*完成"):
        services.report_feedback(town.lead, done, reported_on=TODAY, text="x")
    with pytest.raises(RuleViolation, match=r"已于.*完成"):
        services.complete_task(town.lead, done, completed_on=TODAY, note="x")
    unchanged(before)


def test_only_the_head_deploys_inquires_coordinates_and_supervises(town, task):
    before = counts()
    with pytest.raises(RuleViolation) as refused:
        services.head_act(town.admin, task, kind=ActKind.INQUIRE, acted_on=TODAY, note="x")
    assert refused.value.citation == rules.FIRST_RESPONSIBLE
    unchanged(before)
    services.head_act(town.head, task, kind=ActKind.COORDINATE, acted_on=TODAY, note="协调司法所协助审核")
    assert not SupervisionNotice.objects.exists()
    services.head_act(town.head, task, kind=ActKind.SUPERVISE, acted_on=TODAY, note="请加快进度")
    [notice] = SupervisionNotice.objects.all()
    assert notice.cause == SupervisionCause.HEAD
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"lead", "head"}


def test_the_daily_job_supervises_a_silent_task_once_until_it_is_answered(town, task):
    # Deployed 40 days ago with no 反馈: beyond the default 30 days.
    assert services.raise_supervision(today=TODAY).issued == 1
    assert services.raise_supervision(today=TODAY).issued == 0
    assert services.raise_supervision(today=TODAY + days(1)).issued == 0
    [notice] = SupervisionNotice.objects.all()
    assert notice.cause == SupervisionCause.SILENT
    assert "30天" in notice.reason
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"lead", "head"}
    assert not Notification.objects.filter(recipient=town.other_head).exists()
    with pytest.raises(RuleViolation):
        services.answer_notice(town.officer, notice, answered_on=TODAY, response="x")
    services.answer_notice(town.lead, notice, answered_on=TODAY, response="已制定推进计划")
    # The answer is the task's 反馈 of that day: the silence starts again from it.
    assert TaskFeedback.objects.filter(task=task, reported_on=TODAY).exists()
    assert services.raise_supervision(today=TODAY + days(1)).issued == 0
    assert services.raise_supervision(today=TODAY + days(30)).issued == 0
    # A day later the 30 days since the answer have run, and so has the deadline: two causes, two notices.
    assert services.raise_supervision(today=TODAY + days(31)).issued == 2
    open_causes = SupervisionNotice.objects.filter(answered_on__isnull=True).values_list("cause", flat=True)
    assert set(open_causes) == {SupervisionCause.SILENT, SupervisionCause.LATE}
    with pytest.raises(RuleViolation, match="已于"):
        services.answer_notice(town.lead, notice, answered_on=TODAY, response="x")


def test_the_interval_is_the_towns_setting(town, task):
    services.set_silent_days(town.admin, days=60)
    assert services.raise_supervision(today=TODAY).issued == 0
    with pytest.raises(InvalidInput):
        services.set_silent_days(town.admin, days=0)
    with pytest.raises(PermissionDenied):
        services.set_silent_days(town.head, days=10)


def test_a_late_task_is_supervised_once_even_after_an_answer(town):
    late = register(town, deadline=TODAY - days(1))
    services.report_feedback(town.lead, late, reported_on=TODAY, text="尚在推进")
    assert services.raise_supervision(today=TODAY).issued == 1
    notice = SupervisionNotice.objects.get(task=late)
    assert notice.cause == SupervisionCause.LATE
    services.answer_notice(town.lead, notice, answered_on=TODAY, response="本周内完成")
    assert services.raise_supervision(today=TODAY + days(1)).issued == 0


def test_the_command_runs_the_job(town, task):
    out = io.StringIO()
    call_command("send_supervision", stdout=out)
    assert "发出督办单 1 份" in out.getvalue()


def test_longest_silence_reads_the_gaps():
    start = datetime.date(2020, 1, 1)
    assert rules.longest_silence(deployed_on=start, reports=[], until=datetime.date(2020, 1, 31)) == 30
    assert (
        rules.longest_silence(
            deployed_on=start,
            reports=[datetime.date(2020, 1, 20), datetime.date(2020, 3, 1)],
            until=datetime.date(2020, 3, 5),
        )
        == 41
    )


def test_the_daily_job_is_scheduled_under_its_task_name(settings, town, task):
    from fazhi.governance.tasks import raise_supervision_task

    entry = settings.CELERY_BEAT_SCHEDULE["governance-supervision"]
    assert entry["task"] == raise_supervision_task.name == "governance.raise_supervision"
    assert raise_supervision_task() == 1
