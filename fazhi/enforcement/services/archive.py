"""归档: the complete case file as one zip, kept under its SHA-256, which the ledger records."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core import files, locking
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff, StoredBlob
from fazhi.enforcement import archive, rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import Case, Closure
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.services.common import move
from fazhi.ledger import record as ledger
from fazhi.ledger import services as ledger_services


def archive_case(actor: Staff, case: Case, *, archive_number: str) -> Closure:
    """归档: the complete case file as one zip, kept under its SHA-256, which the ledger records.
    The zip is written before the transaction that records it, so no write lock waits on the disk."""
    locking.judge_step(
        actor,
        case,
        rules.STEPS["archive"],
        lambda record: selectors.CaseRowFacts(record, today=timezone.localdate()),
    )
    if Closure.objects.filter(case__organisation=case.organisation, archive_number=archive_number).exists():
        raise InvalidInput(
            "档案号“%(n)s”已被使用。" % {"n": archive_number},
            field_errors={"archive_number": "档案号已被使用。"},
        )
    signed = ledger_services.make_checkpoint()
    assert signed is not None, "a closed case has events"
    with tempfile.TemporaryFile() as zipped:
        archive.write_zip(case, signed, zipped)
        zipped.seek(0)
        blob, name = files.store(
            zipped,
            original_name="案卷-%(case)s.zip" % {"case": case},
            max_bytes=settings.EVIDENCE_UPLOAD_MAX_BYTES * 4,
        )
    return _record_archive(actor, case, number=archive_number, blob=blob, name=name)


@transaction.atomic(durable=True)
def _record_archive(actor: Staff, case: Case, *, number: str, blob: StoredBlob, name: str) -> Closure:
    case = locking.lock_own(actor, case)
    move(case, Stage.ARCHIVED)
    case.save(update_fields=["stage", "updated_at"])
    closure = Closure.objects.select_for_update().get(case=case)
    closure.archive_number = number
    closure.archived_on = timezone.localdate()
    closure.archive_sha256 = blob.sha256
    closure.save(update_fields=["archive_number", "archived_on", "archive_sha256"])
    core_services.record_attachment(
        actor, subject=case, organisation=case.organisation, blob=blob, name=name, description="电子案卷"
    )
    ledger.record(
        actor,
        EnforcementEvent.ARCHIVED,
        case,
        {"archive_number": number, "sha256": blob.sha256, "size": blob.size},
        organisation=case.organisation,
    )
    return closure
