"""Every write to enforcement data, by phase of the case: check who acts and what the law allows
(enforcement.rules), change rows, record the change in the ledger, in one transaction. Callers use
`services.<name>`; each module holds one subject."""

from fazhi.enforcement.services.archive import archive_case
from fazhi.enforcement.services.clocks import ReminderRun, refresh_clock, send_clock_reminders
from fazhi.enforcement.services.common import DECISION_SERIES_KEY, FILING_SERIES_KEY, SUMMARY_SERIES_KEY
from fazhi.enforcement.services.decision import (
    DecisionInput,
    decide,
    extend_decision_period,
    record_collective_discussion,
    review_case,
    submit_legal_review,
)
from fazhi.enforcement.services.devices import add_device, assign_device, return_device
from fazhi.enforcement.services.execution import (
    apply_to_court,
    close_case,
    end_remedy,
    issue_demand,
    record_payment,
    record_service_consent,
    serve_decision,
    start_remedy,
)
from fazhi.enforcement.services.filing import add_delegated_power, decline_case, file_case, register_lead
from fazhi.enforcement.services.hearing import (
    end_hearing,
    hold_hearing,
    issue_notice,
    record_defence,
    request_hearing,
    schedule_hearing,
)
from fazhi.enforcement.services.investigation import (
    RECORDED_KINDS,
    EvidenceInput,
    RecordInput,
    add_evidence,
    add_record,
    close_investigation,
    start_investigation,
)
from fazhi.enforcement.services.payment_plan import approve_payment_plan
from fazhi.enforcement.services.preservation import PreservationInput, handle_preservation, preserve
from fazhi.enforcement.services.recusal import decide_recusal, request_recusal
from fazhi.enforcement.services.standards import record_large_amount_standard
from fazhi.enforcement.services.summary import OnSpotDecision, decide_on_spot, record_with_agency
from fazhi.enforcement.services.templates import replace_document_template, restore_bundled_template
from fazhi.enforcement.services.uploads import (
    STALE_UPLOAD_DAYS,
    UploadOffsetMismatch,
    access_upload,
    finish_upload,
    purge_stale_uploads,
    receive_piece,
    start_upload,
)

__all__ = [
    "DECISION_SERIES_KEY",
    "FILING_SERIES_KEY",
    "RECORDED_KINDS",
    "STALE_UPLOAD_DAYS",
    "SUMMARY_SERIES_KEY",
    "DecisionInput",
    "EvidenceInput",
    "OnSpotDecision",
    "PreservationInput",
    "RecordInput",
    "ReminderRun",
    "UploadOffsetMismatch",
    "access_upload",
    "add_delegated_power",
    "add_device",
    "add_evidence",
    "add_record",
    "apply_to_court",
    "approve_payment_plan",
    "archive_case",
    "assign_device",
    "close_case",
    "close_investigation",
    "decide",
    "decide_on_spot",
    "decide_recusal",
    "decline_case",
    "end_hearing",
    "end_remedy",
    "extend_decision_period",
    "file_case",
    "finish_upload",
    "handle_preservation",
    "hold_hearing",
    "issue_demand",
    "issue_notice",
    "preserve",
    "purge_stale_uploads",
    "receive_piece",
    "record_collective_discussion",
    "record_defence",
    "record_large_amount_standard",
    "record_payment",
    "record_service_consent",
    "record_with_agency",
    "refresh_clock",
    "register_lead",
    "replace_document_template",
    "request_hearing",
    "request_recusal",
    "restore_bundled_template",
    "return_device",
    "review_case",
    "schedule_hearing",
    "send_clock_reminders",
    "serve_decision",
    "start_investigation",
    "start_remedy",
    "start_upload",
    "submit_legal_review",
]
