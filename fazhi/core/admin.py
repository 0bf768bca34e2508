"""The admin site is for 管理员 only, and only for what has no page of its own yet. Changes made here
still go through services, so they reach the ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fazhi.core import permissions, services
from fazhi.core.models import HolidayOverride, Staff
from fazhi.core.roles import Role


def is_fazhi_admin(request: HttpRequest) -> bool:
    user = request.user
    return (
        isinstance(user, Staff)
        and user.is_active
        and (user.is_superuser or permissions.has_role(user, Role.ADMIN))
    )


class FazhiAdminSite(admin.AdminSite):
    site_header = "法治 · 系统管理"
    site_title = "法治"
    index_title = "系统管理"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_fazhi_admin(request)


site = FazhiAdminSite(name="fazhi_admin")


@admin.register(HolidayOverride, site=site)
class HolidayOverrideAdmin(admin.ModelAdmin[HolidayOverride]):
    list_display = ["day", "name", "is_working_day", "source"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_fazhi_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_fazhi_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_fazhi_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_fazhi_admin(request)

    def save_model(self, request: HttpRequest, obj: HolidayOverride, form: Any, change: bool) -> None:
        actor = request.user
        assert isinstance(actor, Staff)
        services.save_holiday_override(
            actor, day=obj.day, is_working_day=obj.is_working_day, name=obj.name, source=obj.source
        )
