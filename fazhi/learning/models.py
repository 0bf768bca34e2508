"""Legal study (学法) of the town's leaders and training (培训) of its staff, with who attended: the
annual report counts both, and each officer's training hours are checked against the yearly target."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from fazhi.core.models import Organisation, Staff


class StudyKind(models.TextChoices):
    CENTRAL_GROUP = "central_group", "党委理论中心组专题学习"
    EXECUTIVE_MEETING = "executive_meeting", "政府常务会议（行政办公会）学法"
    LECTURE = "lecture", "法治专题讲座"
    OTHER = "other", "其他专题学法"


class TrainingKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "执法业务培训"
    RECORDING_EQUIPMENT = "recording_equipment", "执法记录装备使用培训"
    ALL_STAFF = "all_staff", "全员法治培训"
    OTHER = "other", "其他培训"


class StudySession(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="study_sessions")
    kind = models.CharField("学法形式", max_length=30, choices=StudyKind.choices)
    held_on = models.DateField("日期")
    topic = models.CharField("主题", max_length=200)
    laws = models.CharField("学习的法律法规", max_length=300, help_text="如：宪法、民法典、行政处罚法")
    lecturer = models.CharField("主讲人", max_length=100, blank=True)
    attendees = models.ManyToManyField(Staff, related_name="study_sessions", verbose_name="参加人员")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="study_org_held")]

    def __str__(self) -> str:
        return self.topic


class Training(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="trainings")
    kind = models.CharField("培训类别", max_length=30, choices=TrainingKind.choices)
    held_on = models.DateField("日期")
    topic = models.CharField("主题", max_length=200, help_text="如：执法记录仪使用培训")
    hours = models.DecimalField(
        "学时", max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    trainer = models.CharField("授课人", max_length=100)
    attendees = models.ManyToManyField(Staff, related_name="trainings", verbose_name="参训人员")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "培训"
        verbose_name_plural = "培训"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="training_org_held")]

    def __str__(self) -> str:
        return self.topic
