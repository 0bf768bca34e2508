"""The JSON API at /api/v1/. Each app owns its router; errors are mapped here, once."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from fazhi.api.auth import PersonalToken, StaffSession
from fazhi.contracts.api import router as contracts_router
from fazhi.core import api_input, error_pages
from fazhi.core.api import router as core_router
from fazhi.core.errors import DomainError
from fazhi.decisions.api import router as decisions_router
from fazhi.disclosure.api import router as disclosure_router
from fazhi.enforcement.api import router as enforcement_router
from fazhi.governance.api import router as governance_router
from fazhi.learning.api import router as learning_router
from fazhi.ledger.api import router as ledger_router
from fazhi.mediation.api import router as mediation_router
from fazhi.petitions.api import router as petitions_router
from fazhi.prevention.api import router as prevention_router
from fazhi.reports.api import router as reports_router

api = NinjaAPI(
    title="法治 API",
    version="1",
    description="镇（街道）法治工作数据接口。认证：个人令牌（Authorization: Bearer …）或浏览器会话（需 CSRF）。",
    auth=[PersonalToken(), StaffSession()],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(
        request,
        {"message": error.message, "citation": error.citation, "extra": error.extra},
        status=error.status_code,
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    fields = api_input.field_errors(error.errors)
    return api.create_response(
        request, {"message": "请求数据格式不正确。", "citation": "", "extra": {"fields": fields}}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"message": error_pages.MESSAGES[401], "citation": "", "extra": {}}, status=401
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(
        request, {"message": error_pages.MESSAGES[404], "citation": "", "extra": {}}, status=404
    )


api.add_router("/", core_router)
api.add_router("/", ledger_router)
api.add_router("/", enforcement_router)
api.add_router("/", contracts_router)
api.add_router("/", learning_router)
api.add_router("/", decisions_router)
api.add_router("/", mediation_router)
api.add_router("/", petitions_router)
api.add_router("/", disclosure_router)
api.add_router("/", prevention_router)
api.add_router("/", governance_router)
api.add_router("/", reports_router)
