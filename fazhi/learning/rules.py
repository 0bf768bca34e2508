"""Learning targets as data, with their sources; both are settings, since the sources are unconfirmed
(DOMAIN §3.8)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from fazhi.core.roles import Role
from fazhi.core.rules import Step, Steps

# 国办发〔2023〕27号: at least 60 学时 a year per officer of 公共法律知识、业务知识、执法技能.
HOURS_CITATION = "国办发〔2023〕27号"
# 法治政府建设实施纲要（2021—2025年）: at least two 法治专题讲座 a year for leadership teams.
LECTURES_CITATION = "法治政府建设实施纲要（2021—2025年）"
MAX_TRAINING_HOURS = Decimal(200)


def yearly_hours_target() -> Decimal:
    return Decimal(settings.LEARNING_HOURS_TARGET)


def yearly_lectures_target() -> int:
    return int(settings.LEARNING_LECTURES_TARGET)


# ------------------------------------------------------------------------------------- the step table

RECORDER_ROLES = (Role.ADMIN, Role.HEAD)
STEPS: Steps[Step[None]] = Steps(
    Step(name="record_study", label="登记学法活动", roles=RECORDER_ROLES),
    Step(name="record_training", label="登记培训", roles=RECORDER_ROLES),
)
