"""Evidence (its files uploaded first in resumable pieces) and records of the investigation."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Schema, Status

from fazhi.core import api_params
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import selectors, services
from fazhi.enforcement.api.common import CaseOut, router
from fazhi.enforcement.models import Case, Evidence, EvidenceKind, RecordKind, UploadSession


class EvidenceIn(Schema):
    kind: Annotated[EvidenceKind, Choice(EvidenceKind, "请选择第四十六条规定的证据种类。")]
    description: Annotated[str, Required("请填写证据名称及说明。", max_length=200)]
    captured_by_id: RecordId
    captured_at: datetime.datetime
    place: Annotated[str, Required("请填写采集地点。", max_length=200)]
    # The officers who took or received it (art. 42): at least two with a 执法证 valid that day.
    officer_ids: list[RecordId]
    device_id: RecordId | None = None
    upload_key: str = ""


class EvidenceOut(Schema):
    id: int
    kind: str
    description: str
    captured_at: datetime.datetime
    device: str | None
    sha256: str | None
    officer_ids: list[int]

    @staticmethod
    def resolve_officer_ids(obj: Evidence) -> list[int]:
        return [person.pk for person in obj.officers.all()]

    @staticmethod
    def resolve_device(obj: Evidence) -> str | None:
        return obj.device.number if obj.device else None

    @staticmethod
    def resolve_sha256(obj: Evidence) -> str | None:
        return obj.attachment.blob.sha256 if obj.attachment else None


@router.post(
    "/cases/{id:case_id}/evidence", response={201: EvidenceOut}, summary="登记证据（文件先以分片上传）"
)
def add_evidence(request: HttpRequest, case_id: int, payload: EvidenceIn) -> Status[Evidence]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    captured_by = selectors.team_of(actor).filter(pk=payload.captured_by_id).first()
    if captured_by is None:
        raise NotFoundOrHidden()
    officers = list(selectors.team_of(actor).filter(pk__in=payload.officer_ids))
    device = selectors.access_device(actor, payload.device_id) if payload.device_id else None
    stored = None
    if payload.upload_key:
        blob, name, _session = services.finish_upload(actor, payload.upload_key)
        stored = (blob, name)
    data = services.EvidenceInput(
        kind=payload.kind,
        description=payload.description,
        captured_by=captured_by,
        captured_at=payload.captured_at,
        place=payload.place,
        officers=officers,
        device=device,
    )
    return Status(201, services.add_evidence(actor, case, data, stored=stored))


class UploadIn(Schema):
    name: str = Field(max_length=200)
    size: int


class UploadOut(Schema):
    key: str
    received_bytes: int
    total_bytes: int


@router.post(
    "/cases/{id:case_id}/uploads",
    response={201: UploadOut},
    summary="开始分片上传",
    url_name="case-upload-start",
)
def start_upload(request: HttpRequest, case_id: int, payload: UploadIn) -> Status[UploadSession]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    return Status(
        201, services.start_upload(actor, case, original_name=payload.name, total_bytes=payload.size)
    )


@router.get(
    "/uploads/{key}", response=UploadOut, summary="查询已上传字节数（续传从此处开始）", url_name="upload"
)
def upload_status(request: HttpRequest, key: str) -> UploadSession:
    return services.access_upload(api_params.actor(request), key)


@router.put(
    "/uploads/{key}", response={200: UploadOut, 409: UploadOut}, summary="上传一个分片（?offset=已收字节数）"
)
def upload_piece(request: HttpRequest, key: str, offset: int) -> Status[UploadSession]:
    """The body is the raw piece, read as a stream. A piece at the wrong offset gets 409 with the
    offset to resume from."""
    actor = api_params.actor(request)
    length = int(request.headers.get("Content-Length") or 0)
    try:
        return Status(200, services.receive_piece(actor, key, request, offset=offset, length=length))
    except services.UploadOffsetMismatch:
        return Status(409, services.access_upload(actor, key))


class RecordIn(Schema):
    kind: Annotated[RecordKind, Choice(RecordKind)]
    place: Annotated[str, Required("请填写地点。", max_length=200)]
    started_at: datetime.datetime
    ended_at: datetime.datetime
    subject_person: Annotated[str, Required("请填写被询问人（现场负责人）。", max_length=100)]
    subject_details: OptionalText = Field("", max_length=200)
    content: Annotated[str, Required("请填写笔录内容。")]
    officer_ids: list[RecordId]
    # 行政处罚法 第五十五条: stated on every record, never assumed.
    credentials_shown: bool
    signed: bool = True
    refusal_noted: bool = False


@router.post("/cases/{id:case_id}/records", response={201: CaseOut}, summary="登记笔录")
def add_record(request: HttpRequest, case_id: int, payload: RecordIn) -> Status[Case]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    data = payload.dict()
    officers = list(selectors.team_of(actor).filter(pk__in=data.pop("officer_ids")))
    services.add_record(actor, case, services.RecordInput(officers=officers, **data))
    return Status(201, selectors.access_case(actor, case_id))
