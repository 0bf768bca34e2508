"""Who keeps the town's 群防群治 roster and its activity log. The work has no statute of its own; its
figures follow the town's report (a team of "40余人"), its roles the town's practice."""

from __future__ import annotations

from fazhi.core.roles import Role
from fazhi.core.rules import Step, Steps

# The mediation centre keeps the roster beside its visits; the office and the heads may too.
WRITER_ROLES = (Role.MEDIATOR, Role.ADMIN, Role.HEAD)

STEPS: Steps[Step[None]] = Steps(
    Step(name="add_volunteer", label="登记队员", roles=WRITER_ROLES),
    Step(name="end_service", label="办理退出", roles=WRITER_ROLES),
    Step(name="record_activity", label="登记活动", roles=WRITER_ROLES),
)
