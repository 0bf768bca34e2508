"""The sidebar: what each role sees in the navigation."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import HttpRequest
from django.utils import timezone

from fazhi.core import permissions, selectors, todos
from fazhi.core.models import Staff
from fazhi.core.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str
    count: int = 0  # the reader's 待办 of the section


def _items_for(staff: Staff) -> list[NavItem]:
    items = [
        NavItem("工作台", "core:home", "home"),
        NavItem("行政执法", "enforcement:case-list", "cases"),
        NavItem("当事人", "core:party-list", "parties"),
    ]
    if staff.is_superuser or permissions.has_role(staff, Role.OFFICER, Role.HEAD, Role.ADMIN):
        items.insert(2, NavItem("执法公示", "disclosure:queue", "disclosure"))
    if staff.is_superuser or permissions.has_role(
        staff, Role.ADMIN, Role.HEAD, Role.OFFICER, Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER, Role.SUPERVISOR
    ):
        items.append(NavItem("合同审查", "contracts:register", "contracts"))
    items.append(NavItem("学法与培训", "learning:overview", "learning"))
    if staff.is_superuser or permissions.has_role(
        staff, Role.ADMIN, Role.HEAD, Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER, Role.SUPERVISOR
    ):
        items.append(NavItem("重大行政决策", "decisions:catalogue", "decisions"))
    if staff.is_superuser or permissions.has_role(
        staff, Role.MEDIATOR, Role.PETITION_STAFF, Role.ADMIN, Role.HEAD, Role.SUPERVISOR
    ):
        items.append(NavItem("矛调中心", "mediation:list", "mediation"))
        items.append(NavItem("信访", "petitions:list", "petitions"))
        items.append(NavItem("群防群治", "prevention:roster", "prevention"))
    # Every town role: any of the town's staff may lead a key task or answer a 督办单.
    items.append(NavItem("依法治镇", "governance:overview", "governance"))
    if staff.is_superuser or permissions.has_role(
        staff, Role.ADMIN, Role.HEAD, Role.SUPERVISOR, Role.LEGAL_REVIEWER, Role.LEGAL_COUNSEL
    ):
        items.append(NavItem("年度报告", "reports:list", "reports"))
    items.append(NavItem("组织机构", "core:organisation-list", "organisations"))
    items.append(NavItem("工作人员", "core:staff-list", "staff"))
    items.append(NavItem("工作日计算", "core:calendar", "calendar"))
    if staff.is_superuser or permissions.has_role(staff, Role.ADMIN):
        items.append(NavItem("文号管理", "core:number-series-list", "numbering"))
        items.append(NavItem("赋权事项", "enforcement:power-list", "powers"))
        items.append(NavItem("文书模板", "enforcement:template-list", "templates"))
    if staff.is_superuser or permissions.has_role(staff, Role.ADMIN, Role.HEAD):
        items.append(NavItem("执法记录仪", "enforcement:device-list", "devices"))
    return items


# Which sidebar entry a page belongs to, by the start of its URL name.
SECTION_OF_URL_NAME = [
    ("core:party-", "parties"),
    ("core:file-", "parties"),
    ("core:organisation-", "organisations"),
    ("core:staff-", "staff"),
    ("core:credential-", "staff"),
    ("core:calendar", "calendar"),
    ("core:holiday-", "calendar"),
    ("core:number", "numbering"),
    ("core:home", "home"),
    ("enforcement:power", "powers"),
    ("enforcement:device", "devices"),
    ("enforcement:template", "templates"),
    ("enforcement:", "cases"),
    ("disclosure:", "disclosure"),
    ("contracts:", "contracts"),
    ("learning:", "learning"),
    ("decisions:", "decisions"),
    ("mediation:", "mediation"),
    ("petitions:", "petitions"),
    ("prevention:", "prevention"),
    ("governance:", "governance"),
    ("reports:", "reports"),
]


def _section(request: HttpRequest) -> str:
    match = request.resolver_match
    name = match.view_name if match else ""
    return next((section for prefix, section in SECTION_OF_URL_NAME if name.startswith(prefix)), "")


def counted_items(staff: Staff) -> list[NavItem]:
    """The sidebar with the reader's 待办 counted beside each entry, 工作台 holding them all."""
    counts = todos.counts(staff, timezone.localdate())
    counts["home"] = sum(counts.values())
    return [replace(item, count=counts.get(item.section, 0)) for item in _items_for(staff)]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated or not isinstance(user, Staff):
        return {}
    return {
        "nav_items": _items_for(user),
        "nav_unread": selectors.unread_notifications(user).count(),
        "nav_section": _section(request),
        "nav_roles": [Role(role).label for role in sorted(permissions.roles_of(user))],
        "nav_is_admin": user.is_superuser or permissions.has_role(user, Role.ADMIN),
    }
