"""Demo learning records of this year: a 法治专题讲座 on the 民法典 for the town's leaders, and a
training on the body cameras for the enforcement team (the auxiliary included)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from fazhi.demo.town import DemoTown
from fazhi.learning import services
from fazhi.learning.models import StudyKind, TrainingKind


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    today = timezone.localdate()
    earlier = max(today.replace(month=1, day=1), today - datetime.timedelta(days=30))
    services.record_study_session(
        staff["admin"],
        services.StudyInput(
            kind=StudyKind.LECTURE,
            held_on=earlier,
            topic="民法典与基层依法行政",
            laws="民法典、行政处罚法",
            lecturer="吴律师",
            attendees=[staff["zhenzhang"], staff["admin"], staff["shenhe"]],
        ),
        materials=[],
    )
    services.record_training(
        staff["admin"],
        services.TrainingInput(
            kind=TrainingKind.RECORDING_EQUIPMENT,
            held_on=earlier,
            topic="执法记录仪使用培训",
            hours=Decimal(4),
            trainer="区综合执法局",
            attendees=[staff["zhifa1"], staff["zhifa2"], staff["fuzhu"]],
        ),
        materials=[],
    )
