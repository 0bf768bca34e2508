"""Case endpoints: every action of the case pages, with the same services, rules and errors. Each module
adds its operations to one router (common.router), which fazhi/api mounts."""

from fazhi.enforcement.api import cases, evidence, execution, fieldwork, standards
from fazhi.enforcement.api.common import router

# Imported for the operations they add to the router.
__all__ = ["cases", "evidence", "execution", "fieldwork", "router", "standards"]
