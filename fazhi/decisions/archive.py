"""The complete file of a major decision as one zip (art. 33): an index of every record of every step,
the draft and the consultation, the comments with their answers, and for every event of the decision
the proof that it is in the signed ledger, with the offline verifier. Pure reads; services.archive_decision
keeps the zip and records its SHA-256."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import IO

from openpyxl import Workbook

from fazhi.core import files
from fazhi.core.events import CoreEvent
from fazhi.core.models import Attachment
from fazhi.core.spreadsheets import inert_row
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import MajorDecision
from fazhi.ledger import selectors as ledger_selectors
from fazhi.ledger import verify
from fazhi.ledger.models import Checkpoint, Event

README = """本压缩包为重大行政决策“%(title)s”的决策档案（重大行政决策程序暂行条例第三十三条）。

索引.xlsx        每个程序环节的每条记录：日期、办理人、内容
征求意见稿.txt   向社会公开征求意见的文本
材料/            各环节的材料（专家论证意见、风险评估报告、会议纪要等）
全过程记录/      本决策每条操作记录及其纳入签名检查点的证明
verify.py        离线校验程序（仅需 Python 3 标准库）

校验整个档案（每条记录，每份材料与征求意见稿的 SHA-256）：python3 verify.py 本档案.zip
校验某条记录：python3 verify.py 全过程记录/记录-序号.json
"""

DRAFT = "征求意见稿.txt"


Row = tuple[str, str, str, str]


def index_rows(decision: MajorDecision) -> list[Row]:
    """(step, date, who, what) for every record, in the order of the procedure."""
    item = decision.catalogue_item
    published = (
        [("公布", decision.published_on.isoformat(), "", decision.published_where)]
        if decision.published_on
        else []
    )
    return [
        ("决策事项目录", str(item.year), item.added_by.full_name, item.title),
        (
            "决策启动",
            decision.registered_at.date().isoformat(),
            decision.registered_by.full_name,
            decision.summary,
        ),
        *_consultation_rows(decision),
        *(
            (
                assessment.get_kind_display(),
                assessment.held_on.isoformat(),
                assessment.assessors,
                assessment.conclusion,
            )
            for assessment in decision.assessments.all()
        ),
        *_review_rows(decision),
        *_discussion_rows(decision),
        *published,
        *(
            (
                f"材料（{attachment.description}）",
                attachment.uploaded_at.date().isoformat(),
                attachment.uploaded_by.full_name,
                f"{attachment.original_name}，SHA-256 {attachment.blob.sha256}",
            )
            for attachment in step_files(decision)
        ),
        *(
            ("决策后评估", evaluation.evaluated_on.isoformat(), evaluation.evaluator, evaluation.conclusion)
            for evaluation in decision.evaluations.all()
        ),
    ]


def _consultation_rows(decision: MajorDecision) -> list[Row]:
    period = getattr(decision, "comment_period", None)
    if period is None:
        return []
    rows: list[Row] = [
        (
            "公开征求意见",
            f"{period.opens_on.isoformat()}—{period.closes_on.isoformat()}",
            period.opened_by.full_name,
            "征求意见稿.txt",
        )
    ]
    for comment in period.comments.all():
        answer = f"{comment.get_answer_display()}：{comment.answer_reason}" if comment.answer else "未答复"
        rows.append(
            (
                "公众意见（%s）" % comment.get_moderation_display(),
                comment.submitted_at.date().isoformat(),
                "公众",
                f"{comment.text}\n答复：{answer}",
            )
        )
    return rows


def _review_rows(decision: MajorDecision) -> list[Row]:
    rows: list[Row] = []
    for review in decision.legality_reviews.select_related("reviewer"):
        verdict = "审查中" if review.passed is None else ("通过" if review.passed else "须修改")
        rows.append(
            (
                "合法性审查",
                f"{review.submitted_on.isoformat()} 送审，{review.reviewed_on or ''} 审查",
                review.reviewer.full_name if review.reviewer else "",
                f"{verdict}。{review.opinion}",
            )
        )
    return rows


def _discussion_rows(decision: MajorDecision) -> list[Row]:
    discussion = getattr(decision, "discussion", None)
    if discussion is None:
        return []
    attendees = "、".join(person.full_name for person in discussion.attendees.order_by("full_name"))
    return [
        (
            "集体讨论决定",
            discussion.meeting_on.isoformat(),
            f"{discussion.presided_by.full_name}（主持，最后发表意见）",
            f"{discussion.meeting}；出席：{attendees}；决定：{discussion.get_outcome_display()}；"
            f"不同意见：{discussion.dissent or '无'}",
        )
    ]


def step_files(decision: MajorDecision) -> list[Attachment]:
    """The files attached to the decision's steps (the archive itself excluded)."""
    return list(
        Attachment.objects.filter(subject_type=decision._meta.label_lower, subject_id=str(decision.pk))
        .exclude(description="决策档案")
        .select_related("blob", "uploaded_by")
        .order_by("uploaded_at", "id")
    )


def write_zip(decision: MajorDecision, signed: Checkpoint, out: IO[bytes]) -> None:
    events = list(
        Event.objects.filter(
            subject_type=decision._meta.label_lower,
            subject_id=str(decision.pk),
            sequence__lt=signed.tree_size,
        ).order_by("sequence")
    )
    # Which archived file each event fingerprints, and in which payload field: the verifier hashes the
    # archive's copy of the file against it.
    proved: dict[int, dict[str, str]] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("索引.xlsx", _index_workbook(decision, index_rows(decision), len(events)))
        period = getattr(decision, "comment_period", None)
        if period is not None:
            archive.writestr(DRAFT, period.draft)
            opened = next((e for e in events if e.action == DecisionEvent.COMMENTS_OPENED), None)
            if opened is not None:
                proved[opened.sequence] = {"file": DRAFT, "file_field": "draft_sha256"}
        for number, attachment in enumerate(step_files(decision), start=1):
            name = "材料/%(n)02d-%(step)s-%(file)s" % {
                "n": number,
                "step": attachment.description,
                "file": attachment.original_name,
            }
            with (
                files.open_blob(attachment.blob) as source,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(files.CHUNK_BYTES):
                    target.write(chunk)
            marker = '"attachment":%(id)d,' % {"id": attachment.pk}
            attached = next(
                (e for e in events if e.action == CoreEvent.FILE_ATTACHED and marker in e.entry), None
            )
            if attached is not None:
                proved[attached.sequence] = {"file": name}
        for event in events:
            bundle = {**ledger_selectors.proof_bundle(event, signed), **proved.get(event.sequence, {})}
            archive.writestr(
                "全过程记录/记录-%(seq)d.json" % {"seq": event.sequence},
                json.dumps(bundle, ensure_ascii=False, indent=2),
            )
        archive.writestr("全过程记录/检查点.txt", signed.note)
        archive.write(Path(verify.__file__), "verify.py")
        archive.writestr("说明.txt", README % {"title": decision})


def _index_workbook(
    decision: MajorDecision, rows: list[tuple[str, str, str, str]], event_count: int
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "索引"
    sheet.append(inert_row([f"{decision} 决策档案索引"]))
    sheet.append(["序号", "程序环节", "日期", "办理人", "内容"])
    for number, row in enumerate(rows, start=1):
        sheet.append(inert_row([number, *row]))
    sheet.append([len(rows) + 1, "全过程记录（%(n)d 条）" % {"n": event_count}, "", "", "全过程记录/"])
    for column, width in zip("ABCDE", (6, 20, 24, 24, 80), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
