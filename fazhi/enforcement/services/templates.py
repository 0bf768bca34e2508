"""A town's own templates for the enforcement documents."""

from __future__ import annotations

from typing import IO

from django.db import transaction

from fazhi.core import files, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Organisation, Staff, StoredBlob
from fazhi.enforcement import documents, rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import DocumentKind, DocumentTemplate
from fazhi.ledger import record as ledger


def replace_document_template(
    actor: Staff, *, kind: str, stream: IO[bytes], original_name: str
) -> DocumentTemplate:
    """A town's own template for one kind of document. It is checked (a .docx, valid tags, only the
    names the kind provides) and stored before the transaction that puts it in force."""
    permissions.require_step(actor, rules.STEPS["manage_templates"])
    town = permissions.acting_town(actor)
    if kind not in DocumentKind.values:
        raise InvalidInput("请选择文书种类。", field_errors={"kind": "请选择文书种类。"})
    if not original_name.lower().endswith(".docx"):
        raise InvalidInput("模板须为 .docx 文件。", field_errors={"file": "模板须为 .docx 文件。"})
    documents.check_template(stream, DocumentKind(kind))
    blob, name = files.store(stream, original_name=original_name)
    return _put_template_in_force(actor, town, DocumentKind(kind), blob, name)


@transaction.atomic(durable=True)
def _put_template_in_force(
    actor: Staff, town: Organisation, kind: DocumentKind, blob: StoredBlob, name: str
) -> DocumentTemplate:
    DocumentTemplate.objects.filter(organisation=town, kind=kind, active=True).update(active=False)
    attachment = core_services.record_attachment(
        actor, subject=town, organisation=town, blob=blob, name=name, description="文书模板：" + kind.label
    )
    template = DocumentTemplate.objects.create(
        organisation=town, kind=kind, attachment=attachment, uploaded_by=actor
    )
    ledger.record(
        actor,
        EnforcementEvent.TEMPLATE_REPLACED,
        template,
        {"kind": kind.value, "sha256": blob.sha256, "name": name},
        organisation=town,
    )
    return template


@transaction.atomic(durable=True)
def restore_bundled_template(actor: Staff, *, kind: str) -> int:
    """Back to the bundled template (or the district's): the town's own is kept, no longer in force."""
    permissions.require_step(actor, rules.STEPS["manage_templates"])
    town = permissions.acting_town(actor)
    if kind not in DocumentKind.values:
        raise InvalidInput("请选择文书种类。", field_errors={"kind": "请选择文书种类。"})
    stopped = list(DocumentTemplate.objects.filter(organisation=town, kind=kind, active=True))
    for template in stopped:
        template.active = False
        template.save(update_fields=["active"])
        ledger.record(
            actor,
            EnforcementEvent.TEMPLATE_RESTORED,
            template,
            {"kind": kind},
            organisation=town,
        )
    return len(stopped)
