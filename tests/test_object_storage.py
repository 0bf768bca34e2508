"""A city's stored files on S3-compatible object storage (FAZHI_S3_BUCKET): kept, read back and hashed
as on local disk, body-camera video in resumable pieces included.

These run against the S3-compatible server (moto) that .ci/run starts and names in
FAZHI_TEST_S3_ENDPOINT; without it they are skipped, saying so."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import uuid

import boto3
import pytest
from django.test import Client
from django.utils import timezone

import fazhi.settings
from fazhi.core import files
from fazhi.core.errors import InvalidInput
from fazhi.core.models import StoredBlob
from fazhi.enforcement import services
from fazhi.testing.enforcement import TODAY, file, lead, town  # noqa: F401  (fixture)

MIB = 1024 * 1024
# An MP4 starts with a box whose type, at bytes 4..8, is "ftyp". Larger than boto3's 8 MB threshold, so
# it goes up in parts, and than two of the resumable upload's 4 MiB pieces.
VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * (9 * MIB // 256 + 7)


@pytest.fixture
def bucket(db, settings, monkeypatch, tmp_path):
    """A fresh bucket as the file storage, configured through the same settings a city sets."""
    endpoint = os.environ.get("FAZHI_TEST_S3_ENDPOINT")
    if not endpoint:
        pytest.skip(
            "FAZHI_TEST_S3_ENDPOINT is not set: no S3-compatible server to test against (.ci/run starts one)"
        )
    name = f"fazhi-test-{uuid.uuid4().hex[:16]}"
    environment = {
        "FAZHI_S3_BUCKET": name,
        "FAZHI_S3_ENDPOINT_URL": endpoint,
        "FAZHI_S3_ACCESS_KEY_ID": "fazhi-test",
        "FAZHI_S3_SECRET_ACCESS_KEY": "fazhi-test-secret",
        "FAZHI_S3_REGION": "us-east-1",
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=environment["FAZHI_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["FAZHI_S3_SECRET_ACCESS_KEY"],
        region_name=environment["FAZHI_S3_REGION"],
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": fazhi.settings.default_storage_config()}
    # The staging directory of this test alone (other test processes stage files at the same time).
    settings.FILE_ROOT = tmp_path / "files"
    return Bucket(client, name)


class Bucket:
    def __init__(self, client, name):
        self.client = client
        self.name = name

    def keys(self, prefix=""):
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return {item["Key"]: item["Size"] for item in listed.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def test_a_stored_file_goes_to_the_bucket_under_its_hash(bucket, settings):
    blob, name = files.store(io.BytesIO(VIDEO), original_name="执法记录仪.mp4")
    assert name == "执法记录仪.mp4"
    assert blob.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert bucket.keys() == {blob.storage_name: len(VIDEO)}
    assert hashlib.sha256(bucket.read(blob.storage_name)).hexdigest() == blob.sha256
    # Only the staging directory is on local disk, and it is left empty.
    assert list((settings.FILE_ROOT / "incoming").iterdir()) == []
    # Stored again, the same bytes stay one object.
    again, _ = files.store(io.BytesIO(VIDEO), original_name="副本.mp4")
    assert again == blob
    assert len(bucket.keys()) == 1


def test_a_stored_file_reads_back_as_a_stream(bucket):
    blob, _ = files.store(io.BytesIO(VIDEO), original_name="v.mp4")
    digest = hashlib.sha256()
    with files.open_blob(blob) as stream:
        # The object's body as it arrives, not a copy of the whole video made first.
        assert not stream.seekable()
        while chunk := stream.read(files.CHUNK_BYTES):
            assert len(chunk) <= files.CHUNK_BYTES
            digest.update(chunk)
    assert digest.hexdigest() == blob.sha256


def test_a_refused_file_leaves_nothing_in_the_bucket(bucket):
    with pytest.raises(InvalidInput, match="不符"):
        files.store(io.BytesIO(b"MZ" + b"\x00" * 100), original_name="v.mp4")
    assert bucket.keys() == {}
    assert not StoredBlob.objects.exists()


def test_a_missing_object_is_a_missing_file(bucket):
    with pytest.raises(FileNotFoundError):
        files.open_blob(StoredBlob(sha256="0" * 64, size=1, content_type="video/mp4"))


def pieces(content, size):
    return [(offset, content[offset : offset + size]) for offset in range(0, len(content), size)]


def test_body_camera_video_uploaded_in_pieces_is_kept_on_the_bucket_and_downloaded_whole(
    town,  # noqa: F811
    bucket,
    settings,
):
    case = file(town, lead(town))
    investigating = services.start_investigation(
        town.officer, case, investigators=[town.officer, town.officer2]
    )
    session = services.start_upload(
        town.officer, investigating, original_name="记录仪.mp4", total_bytes=len(VIDEO)
    )
    size = settings.UPLOAD_CHUNK_MAX_BYTES
    (first_offset, first), *rest = pieces(VIDEO, size)
    services.receive_piece(
        town.officer, session.key, io.BytesIO(first), offset=first_offset, length=len(first)
    )
    # The connection drops halfway through the second piece; the client sends it again.
    second_offset, second = rest[0]
    with pytest.raises(InvalidInput, match="分片不完整"):
        services.receive_piece(
            town.officer,
            session.key,
            io.BytesIO(second[: MIB // 2]),
            offset=second_offset,
            length=len(second),
        )
    for offset, piece in rest:
        services.receive_piece(town.officer, session.key, io.BytesIO(piece), offset=offset, length=len(piece))
    # The pieces wait on the bucket, not on one server's disk: the next may reach another server.
    assert sorted(bucket.keys(f"partial/{session.key}/").values()) == sorted(
        len(p) for _o, p in pieces(VIDEO, size)
    )

    blob, name, _ = services.finish_upload(town.officer, session.key)
    assert blob.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert bucket.keys() == {blob.storage_name: len(VIDEO)}
    camera = services.add_device(town.admin, number="XQ-ZFJLY-001", model_name="DSJ-V8")
    services.assign_device(
        town.admin, camera, staff=town.officer, valid_from=TODAY - datetime.timedelta(days=30)
    )
    recording = services.EvidenceInput(
        kind="audio_visual",
        description="现场执法记录仪视频",
        captured_by=town.officer,
        captured_at=timezone.now() - datetime.timedelta(hours=1),
        place="辛口镇政府路",
        officers=[town.officer, town.officer2],
        device=camera,
    )
    evidence = services.add_evidence(town.officer, investigating, recording, stored=(blob, name))
    assert evidence.attachment is not None

    browser = Client()
    browser.force_login(town.officer)
    response = browser.get(f"/files/{evidence.attachment.pk}/")
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == blob.sha256
    assert hashlib.sha256(response.getvalue()).hexdigest() == blob.sha256


def test_an_upload_missing_a_piece_is_refused_and_nothing_is_kept(
    town,  # noqa: F811
    bucket,
):
    case = file(town, lead(town))
    investigating = services.start_investigation(
        town.officer, case, investigators=[town.officer, town.officer2]
    )
    content = VIDEO[: 3 * MIB]
    session = services.start_upload(
        town.officer, investigating, original_name="v.mp4", total_bytes=len(content)
    )
    for offset, piece in pieces(content, MIB):
        services.receive_piece(town.officer, session.key, io.BytesIO(piece), offset=offset, length=len(piece))
    bucket.client.delete_object(Bucket=bucket.name, Key=f"partial/{session.key}/{MIB:016d}")
    with pytest.raises(InvalidInput, match=f"不完整（只找到 {MIB} / {len(content)} 字节）"):
        services.finish_upload(town.officer, session.key)
    assert not StoredBlob.objects.exists()
    assert bucket.keys() == {}
