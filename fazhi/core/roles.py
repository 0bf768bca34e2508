"""The roles a staff member may hold. Pure data, so that every app's rules can say who takes a step
without importing a model."""

from __future__ import annotations

from django.db.models import TextChoices


class Role(TextChoices):
    OFFICER = "officer", "执法人员"
    AUXILIARY = "auxiliary", "辅助执法人员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    LEGAL_COUNSEL = "legal_counsel", "法律顾问"
    MEDIATOR = "mediator", "调解员"
    PETITION_STAFF = "petition_staff", "信访工作人员"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"
    SUPERVISOR = "supervisor", "上级监督"
