"""A resumable upload's pieces, kept one stored file per piece and read back in order as one file."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage

from fazhi.core import files
from fazhi.core.errors import InvalidInput
from fazhi.core.models import StoredBlob

KEY = "0123456789abcdef0123456789abcdef"
# An MP4 starts with a box whose type, at bytes 4..8, is "ftyp".
VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40


def send(content, size):
    for offset in range(0, len(content), size):
        piece = content[offset : offset + size]
        assert files.append_piece(KEY, io.BytesIO(piece), offset=offset, limit=len(piece)) == len(piece)


def test_the_pieces_make_the_whole_file_and_are_removed_once_it_is_kept(db):
    send(VIDEO, 1000)
    # A piece sent again (the reply was lost) replaces the first copy instead of adding to it.
    files.append_piece(KEY, io.BytesIO(VIDEO[1000:2000]), offset=1000, limit=1000)
    assert len(default_storage.listdir(f"partial/{KEY}")[1]) == 11
    blob, name = files.store_partial(KEY, original_name="记录仪.mp4", total_bytes=len(VIDEO), max_bytes=10**6)
    assert blob.sha256 == hashlib.sha256(VIDEO).hexdigest()
    assert blob.size == len(VIDEO)
    assert name == "记录仪.mp4"
    assert not default_storage.exists(f"partial/{KEY}")


def test_a_piece_longer_than_declared_is_refused(db):
    with pytest.raises(InvalidInput, match="超过了声明的大小"):
        files.append_piece(KEY, io.BytesIO(VIDEO[:1001]), offset=0, limit=1000)


def test_a_missing_piece_is_refused_and_nothing_is_kept(db):
    send(VIDEO, 1000)
    default_storage.delete(f"partial/{KEY}/{2000:016d}")
    with pytest.raises(InvalidInput, match=f"不完整（只找到 2000 / {len(VIDEO)} 字节）"):
        files.store_partial(KEY, original_name="v.mp4", total_bytes=len(VIDEO), max_bytes=10**6)
    assert not StoredBlob.objects.exists()
    assert not default_storage.exists(f"partial/{KEY}")


def test_an_empty_piece_ends_the_file_short_instead_of_looping(db):
    send(VIDEO[:1000], 1000)
    files.append_piece(KEY, io.BytesIO(b""), offset=1000, limit=1000)
    with pytest.raises(InvalidInput, match=r"不完整（只找到 1000 / 2000 字节）"):
        files.store_partial(KEY, original_name="v.mp4", total_bytes=2000, max_bytes=10**6)
    assert not StoredBlob.objects.exists()


def test_upload_keys_cannot_name_another_directory(db):
    with pytest.raises(ValueError, match="32 hex digits"):
        files.append_piece("../../sha256", io.BytesIO(b"x"), offset=0, limit=1)
