"""The complete case file of a closed case as one zip (art. 47; 国办发〔2018〕118号 全过程记录): an
index, every document, every evidence file and, for every event of the case, the proof that it is in
the signed ledger, with the offline verifier. Pure reads; enforcement.services.archive_case keeps the
zip and records its SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import IO

from openpyxl import Workbook

from fazhi.core import files
from fazhi.core.models import Attachment
from fazhi.core.spreadsheets import inert_row
from fazhi.enforcement import documents
from fazhi.enforcement.models import Case
from fazhi.ledger import selectors as ledger_selectors
from fazhi.ledger import verify
from fazhi.ledger.models import Checkpoint, Event

README = """本压缩包为案件 %(case)s 的电子案卷。

卷内目录.xlsx       每份材料的名称、文件和 SHA-256
文书/               执法文书（.docx）
证据/               证据文件，与登记时的 SHA-256 一致
全过程记录/         本案每条操作记录及其纳入签名检查点的证明
verify.py           离线校验程序（仅需 Python 3 标准库）

校验整个案卷（每条记录，每个证据文件的 SHA-256）：python3 verify.py 本案卷.zip
校验某条记录：python3 verify.py 全过程记录/记录-序号.json
校验某个证据文件：python3 verify.py 全过程记录/文件-编号.json 证据/文件名
"""


def _events(case: Case) -> list[Event]:
    return list(
        Event.objects.filter(subject_type=case._meta.label_lower, subject_id=str(case.pk)).order_by(
            "sequence"
        )
    )


def _file_event(attachment: Attachment, events: list[Event]) -> Event | None:
    marker = '"attachment":%(id)d,' % {"id": attachment.pk}
    return next((event for event in events if marker in event.entry), None)


def write_zip(case: Case, signed: Checkpoint, out: IO[bytes]) -> None:
    """Write the case file to `out`. Evidence is copied in pieces, never read whole."""
    events = [event for event in _events(case) if event.sequence < signed.tree_size]
    index: list[tuple[str, str, str, str]] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in documents.available(case):
            name = "文书/" + documents.filename(case, kind)
            content = documents.render(case, kind)
            archive.writestr(name, content)
            index.append((kind.label, name, hashlib.sha256(content).hexdigest(), ""))
        evidence = case.evidence.select_related("attachment__blob").prefetch_related("officers")
        for number, item in enumerate(evidence, start=1):
            taken_by = "、".join(person.full_name for person in item.officers.all()) or "未登记"
            title = f"{item.get_kind_display()}：{item.description}（取证执法人员：{taken_by}）"
            if item.attachment is None:
                index.append((title, "（实物，未附文件）", "", ""))
                continue
            name = "证据/%(n)02d-%(file)s" % {"n": number, "file": item.attachment.original_name}
            with (
                files.open_blob(item.attachment.blob) as source,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(files.CHUNK_BYTES):
                    target.write(chunk)
            event = _file_event(item.attachment, events)
            proof_name = ""
            if event is not None:
                proof_name = "全过程记录/文件-%(id)d.json" % {"id": item.attachment.pk}
                bundle = {
                    **ledger_selectors.proof_bundle(event, signed),
                    "file_sha256": item.attachment.blob.sha256,
                    "file": name,
                }
                archive.writestr(proof_name, json.dumps(bundle, ensure_ascii=False, indent=2))
            index.append(
                (
                    title,
                    name,
                    item.attachment.blob.sha256,
                    proof_name,
                )
            )
        for event in events:
            name = "全过程记录/记录-%(seq)d.json" % {"seq": event.sequence}
            bundle = ledger_selectors.proof_bundle(event, signed)
            archive.writestr(name, json.dumps(bundle, ensure_ascii=False, indent=2))
        archive.writestr("全过程记录/检查点.txt", signed.note)
        archive.write(Path(verify.__file__), "verify.py")
        archive.writestr("说明.txt", README % {"case": case})
        archive.writestr("卷内目录.xlsx", _index_workbook(case, index, len(events)))


def _index_workbook(case: Case, rows: list[tuple[str, str, str, str]], event_count: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "卷内目录"
    sheet.append(inert_row([f"{case} {case.title} 卷内目录"]))
    sheet.append(["序号", "材料名称", "文件", "SHA-256", "存证"])
    for number, (title, name, sha256, proof) in enumerate(rows, start=1):
        sheet.append(inert_row([number, title, name, sha256, proof]))
    sheet.append(
        [len(rows) + 1, "全过程记录（%(n)d 条）" % {"n": event_count}, "全过程记录/", "", "检查点.txt"]
    )
    for column, width in zip("ABCDE", (6, 36, 48, 66, 28), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
