"""依法治镇: the town's 全面依法治镇委员会 and its members, the meetings that study or decide the town's
rule-of-law work, the year's 重点工作 with their progress reports (反馈), the head's acts on them
(部署、过问、协调、督办) and the 督办 notices a late or silent task raises."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from fazhi.core.models import Organisation, Staff

DEFAULT_SILENT_DAYS = 30


class GovernanceSetting(models.Model):
    """A town's own setting: how many days a 重点工作 may go without a 反馈 before it is 督办."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    silent_days = models.PositiveSmallIntegerField(
        "反馈间隔（天）",
        default=DEFAULT_SILENT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = "依法治镇设置"
        verbose_name_plural = "依法治镇设置"

    def __str__(self) -> str:
        return str(self.silent_days)


class Committee(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=100)
    established_on = models.DateField("成立日期")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "全面依法治镇委员会"
        verbose_name_plural = "全面依法治镇委员会"

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    DIRECTOR = "director", "主任"
    DEPUTY = "deputy", "副主任"
    MEMBER = "member", "成员"


class CommitteeMember(models.Model):
    """A member: one of the town's staff, or a person named (a village secretary, the 派出所所长)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=100)
    role = models.CharField("委员会职务", max_length=20, choices=MemberRole.choices)
    joined_on = models.DateField("任职日期")
    left_on = models.DateField("离任日期", null=True, blank=True)

    class Meta:
        ordering = ["left_on", "role", "id"]

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", "依法治镇委员会会议"
    PARTY = "party", "党委会"
    EXECUTIVE = "executive", "政府常务会"
    STUDY = "study", "专题学法"
    OTHER = "other", "其他"


class Meeting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("会议类别", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("会议日期")
    title = models.CharField("会议名称", max_length=200)
    presided_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="主持人"
    )
    attendees = models.ManyToManyField(Staff, related_name="+", verbose_name="出席人员")
    other_attendees = models.CharField("其他出席人员", max_length=300, blank=True)
    topics = models.TextField("议题")
    decisions = models.TextField("议定事项")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="meeting_org_held")]

    def __str__(self) -> str:
        return self.title


class TaskStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "推进中"
    COMPLETED = "completed", "已完成"


class KeyTask(models.Model):
    """One item of the year's 重点工作安排, from the document that set it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    source_title = models.CharField("来源文件", max_length=200)
    source_number = models.CharField("文号", max_length=60, blank=True)
    title = models.CharField("工作任务", max_length=200)
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    lead = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="牵头人")
    deployed_on = models.DateField("部署日期")
    deadline = models.DateField("完成时限")
    status = models.CharField(
        "状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.IN_PROGRESS
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completion_note = models.TextField("完成情况", blank=True)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点工作"
        verbose_name_plural = "重点工作"
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["organisation", "status", "deadline"], name="keytask_org_status")]

    def __str__(self) -> str:
        return self.title


class TaskFeedback(models.Model):
    """A progress report (反馈) on a task, with its evidence as attachments."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="feedback")
    reported_on = models.DateField("反馈日期")
    text = models.TextField("进展情况")
    reported_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class ActKind(models.TextChoices):
    DEPLOY = "deploy", "亲自部署"
    INQUIRE = "inquire", "亲自过问"
    COORDINATE = "coordinate", "亲自协调"
    SUPERVISE = "supervise", "亲自督办"


class HeadAct(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="acts")
    kind = models.CharField("方式", max_length=20, choices=ActKind.choices)
    acted_on = models.DateField("日期")
    note = models.TextField("内容")
    head = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["acted_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class SupervisionCause(models.TextChoices):
    LATE = "late", "逾期未完成"
    SILENT = "silent", "未按时反馈进展"
    HEAD = "head", "负责人督办"


class SupervisionNotice(models.Model):
    """督办单: to the task's lead and the town's heads; closed by the lead's 整改情况."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="notices")
    cause = models.CharField("督办原因", max_length=20, choices=SupervisionCause.choices)
    issued_on = models.DateField("督办日期")
    reason = models.TextField("督办事由")
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    answer_due = models.DateField("答复期限")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    response = models.TextField("整改落实情况", blank=True)
    answered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            # The periodic job raises one open notice per task and cause; it may run daily.
            models.UniqueConstraint(
                fields=["task", "cause"],
                condition=Q(answered_on__isnull=True) & ~Q(cause="head"),
                name="supervision_one_open_per_cause",
            )
        ]

    def __str__(self) -> str:
        return self.get_cause_display()


class LegalConsultation(models.Model):
    """法律咨询: a question a department of the town or a person put to the town's legal counsel
    (驻镇律师), and the counsel's answer."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField("咨询日期")
    asked_by_department = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="咨询部门",
    )
    asked_by_person = models.CharField("咨询人", max_length=50, blank=True)
    question = models.TextField("咨询事项")
    answer = models.TextField("解答意见")
    counsel = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="法律顾问")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "法律咨询"
        verbose_name_plural = "法律咨询"
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["organisation", "asked_on"], name="consultation_org_asked")]
        constraints = [
            models.CheckConstraint(
                condition=Q(asked_by_department__isnull=False) | ~Q(asked_by_person=""),
                name="consultation_has_asker",
            )
        ]

    def __str__(self) -> str:
        return self.question[:30]

    @property
    def asked_by(self) -> str:
        """The department, the person, or both ("党政办 王某")."""
        department = self.asked_by_department.name if self.asked_by_department else ""
        return " ".join(part for part in (department, self.asked_by_person) if part)
