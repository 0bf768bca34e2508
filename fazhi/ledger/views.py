"""Ledger pages: a proof bundle for one event (staff), and the public key, the latest checkpoint and the
offline verifier for anyone."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse

from fazhi.core.access import public_page, request_staff, staff_required
from fazhi.ledger import checkpoint, selectors, services, verify


@staff_required()
def event_proof(request: HttpRequest, sequence: int) -> JsonResponse:
    actor = request_staff(request)
    event = selectors.access_event(actor, sequence)
    signed = selectors.latest_checkpoint()
    if signed is None or signed.tree_size <= event.sequence:
        signed = services.make_checkpoint()
    assert signed is not None
    response = JsonResponse(
        selectors.proof_bundle(event, signed), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="fazhi-proof-{event.sequence}.json"'
    return response


@public_page
def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        checkpoint.signing_key().verifier_key + "\n", content_type="text/plain; charset=utf-8"
    )


@public_page
def latest_checkpoint(request: HttpRequest) -> HttpResponse:
    signed = selectors.latest_checkpoint()
    if signed is None:
        return HttpResponse("尚无检查点。\n", status=404, content_type="text/plain; charset=utf-8")
    return HttpResponse(signed.note, content_type="text/plain; charset=utf-8")


@public_page
def offline_verifier(request: HttpRequest) -> FileResponse:
    source = Path(verify.__file__)
    return FileResponse(
        source.open("rb"), as_attachment=True, filename="verify.py", content_type="text/x-python"
    )
