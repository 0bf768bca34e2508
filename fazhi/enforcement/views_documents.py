"""A case's documents as .docx downloads: thin, like every page; enforcement.documents fills them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from fazhi.core.access import request_staff, staff_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import documents, selectors
from fazhi.enforcement.models import DocumentKind


@staff_required()
@require_http_methods(["GET"])
def case_document(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """Anyone who may see the case may print its documents. A kind the case has not reached raises
    RuleViolation, which core.middleware turns into the 422 page with the article."""
    actor = request_staff(request)
    case = selectors.access_case(actor, case_id)
    if kind not in DocumentKind.values:
        raise NotFoundOrHidden()
    document_kind = DocumentKind(kind)
    content = documents.render(case, document_kind)
    disposition = content_disposition_header(
        as_attachment=True, filename=documents.filename(case, document_kind)
    )
    return HttpResponse(
        content,
        content_type=documents.CONTENT_TYPE,
        headers={"Content-Disposition": disposition or "attachment"},
    )
