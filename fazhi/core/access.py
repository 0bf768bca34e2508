"""Every URL declares who may open it: @staff_required(...) or @public_page. A project test walks
the URL resolver and fails on any view that declares neither."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from fazhi.core import permissions
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Role, Staff

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
ACCESS_ATTRIBUTE = "fazhi_access"


def staff_required(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """Logged-in staff with a visible scope; with roles, at least one of them."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, Staff)
            if permissions.scope_root(user) is None:
                raise PermissionDenied("您的账号未分配到可查看的单位，请联系管理员。")
            if roles:
                permissions.require_role(user, *roles)
            return view(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, ("staff", tuple(roles)))
        return wrapper  # type: ignore[return-value]

    return decorator


def public_page(view: ViewFunc) -> ViewFunc:
    """Open to anyone, logged in or not. Such a view shows nothing a town has not published."""
    setattr(view, ACCESS_ATTRIBUTE, ("public", ()))
    return view


def request_staff(request: HttpRequest) -> Staff:
    user = request.user
    assert isinstance(user, Staff), "staff_required guarantees a logged-in Staff"
    return user
