"""Ledger pages: proof bundles for one event or one stored file (staff), and the public key, the latest
checkpoint and the offline verifier for anyone."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse

from fazhi.core.access import public_page, request_staff, staff_required
from fazhi.ledger import checkpoint, selectors, services, verify
from fazhi.ledger.models import Event


def _bundle_download(event: Event, filename: str, extra: dict[str, object]) -> JsonResponse:
    signed = selectors.latest_checkpoint()
    if signed is None or signed.tree_size <= event.sequence:
        signed = services.make_checkpoint()
    assert signed is not None
    bundle = {**selectors.proof_bundle(event, signed), **extra}
    response = JsonResponse(bundle, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required()
def event_proof(request: HttpRequest, sequence: int) -> JsonResponse:
    event = selectors.access_event(request_staff(request), sequence)
    return _bundle_download(event, f"fazhi-proof-{event.sequence}.json", {})


@staff_required()
def file_proof(request: HttpRequest, attachment_id: int) -> JsonResponse:
    """The proof that a stored file is the one uploaded: check with `verify.py BUNDLE.json FILE`."""
    event, sha256 = selectors.attachment_event(request_staff(request), attachment_id)
    return _bundle_download(event, f"fazhi-file-proof-{attachment_id}.json", {"file_sha256": sha256})


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
