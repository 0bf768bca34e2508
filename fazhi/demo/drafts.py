"""Contract texts for the demo's records, as .docx."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document

from fazhi.core import files


class Drafts:
    """Contract texts as .docx. python-docx takes some 40 ms a document, too slow for the year's 400,
    so one document is made with placeholders and each text is written into a copy of its XML (packed
    fast rather than small: the default styles are most of the bytes)."""

    PLACEHOLDERS = (b"TITLE-PLACEHOLDER", b"PARTY-PLACEHOLDER", b"STAGE-PLACEHOLDER")
    WRITTEN = (2020, 1, 1, 0, 0, 0)

    def __init__(self) -> None:
        document = Document()
        document.add_heading(self.PLACEHOLDERS[0].decode(), level=1)
        document.add_paragraph("甲方：天津市西青区辛口镇人民政府")
        document.add_paragraph("乙方：" + self.PLACEHOLDERS[1].decode())
        document.add_paragraph("（" + self.PLACEHOLDERS[2].decode() + "）")
        buffer = io.BytesIO()
        document.save(buffer)
        self._template = buffer.getvalue()

    def make(self, title: str, counterparty: str, stage: str) -> files.StoredFile:
        source = zipfile.ZipFile(io.BytesIO(self._template))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "word/document.xml":
                    for placeholder, text in zip(
                        self.PLACEHOLDERS, (title, counterparty, stage), strict=True
                    ):
                        data = data.replace(placeholder, escape(text).encode("utf-8"))
                # A fixed date in the archive, so that the same text is the same file (and the same
                # SHA-256 in the ledger) whenever the demo is loaded.
                entry = zipfile.ZipInfo(item.filename, date_time=self.WRITTEN)
                entry.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(entry, data, compresslevel=1)
        out.seek(0)
        return files.StoredFile(*files.store(out, original_name=f"{title}（{stage}）.docx"))
