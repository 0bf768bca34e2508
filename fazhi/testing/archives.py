"""Tampering with a zip archive as an outsider would: the same archive with one member's bytes changed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable


def with_member_changed(archive: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """A copy of `archive` in which member `name` holds change(its bytes); every other member as it was.
    A change that changes nothing is refused: the test would prove nothing."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    original = source.read(name)
    if change(original) == original:
        raise ValueError(f"the change leaves {name} as it was")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def one_byte_flipped(content: bytes) -> bytes:
    """The same bytes with the lowest bit of the middle byte flipped."""
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :]
