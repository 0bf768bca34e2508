"""The enforcement documents (立案审批表 … 结案审批表) as .docx: which exist for a case, what each is filled
with, and the template it is filled into (the town's own, else the district's, else the bundled one).
Pure reads: no service, no ledger."""

from fazhi.enforcement.documents.contents import RowT
from fazhi.enforcement.documents.fields import (
    BUNDLED_DIRECTORY,
    COMMON_FIELDS,
    CONTENT_TYPE,
    CONTEXT_FIELDS,
    RECORD_FIELDS,
    TEMPLATE_MAX_BYTES,
    Context,
)
from fazhi.enforcement.documents.templates import (
    available,
    check_template,
    context,
    current_template,
    filename,
    render,
)

__all__ = [
    "BUNDLED_DIRECTORY",
    "COMMON_FIELDS",
    "CONTENT_TYPE",
    "CONTEXT_FIELDS",
    "RECORD_FIELDS",
    "TEMPLATE_MAX_BYTES",
    "Context",
    "RowT",
    "available",
    "check_template",
    "context",
    "current_template",
    "filename",
    "render",
]
