"""Every page declares who may open it (@staff_required or @public_page); the API declares its auth."""

from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.access import ACCESS_ATTRIBUTE

# Django's admin checks AdminSite.has_permission (管理员 only, see core/admin.py); django-ninja checks the
# API's auth on every operation (see test_api.py for the 401).
DELEGATED_PREFIXES = ("admin/", "api/v1/")


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_view_declares_its_access_rule():
    undeclared = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if not route.startswith(DELEGATED_PREFIXES)
        and getattr(view, ACCESS_ATTRIBUTE, None) is None
        and getattr(getattr(view, "view_class", None), ACCESS_ATTRIBUTE, None) is None
    ]
    assert undeclared == []


def test_the_walk_finds_the_core_pages():
    routes = [route for route, _ in walk(get_resolver().url_patterns)]
    assert "parties/<id:party_id>/" in routes
    assert "login/" in routes
