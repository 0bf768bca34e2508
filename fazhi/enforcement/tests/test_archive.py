"""归档: a closed case becomes one zip with its index, documents, evidence and the proof of every event;
each piece is opened back here as a user would."""

import datetime
import hashlib
import io
import json
import subprocess
import sys
import zipfile

import docx
import openpyxl
import pytest
from django.test import Client

from fazhi.core import files
from fazhi.core.errors import RuleViolation
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Case, Closure
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.tests.test_evidence import JPEG, evidence_input
from fazhi.ledger import verify
from fazhi.testing.archives import one_byte_flipped, with_member_changed
from fazhi.testing.enforcement import TODAY, close, decide, file, lead, notify


@pytest.fixture
def closed(town, investigated):
    services.add_evidence(
        town.officer,
        investigated,
        evidence_input(town),
        stored=files.store(io.BytesIO(JPEG), original_name="现场.jpg"),
    )
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    decide(town, case)
    services.serve_decision(
        town.officer, case, method="direct", served_on=TODAY, recipient="刘某", proof="送达回证签收"
    )
    services.record_payment(town.officer, case, paid_on=TODAY, paid_fen=2_000_00, receipt_number="R1")
    services.close_case(town.head, case, reason="performed", summary="罚款已缴清")
    case.refresh_from_db()
    return case


def test_a_closed_case_is_archived_as_one_verifiable_zip(town, closed, tmp_path):
    closure = services.archive_case(town.head, closed, archive_number="XQXK-2026-ZF-001")
    closed.refresh_from_db()
    assert closed.stage == Stage.ARCHIVED
    head = Client()
    head.force_login(town.head)
    page = head.get(f"/cases/{closed.pk}/").content.decode()
    assert "XQXK-2026-ZF-001" in page
    attachment = selectors.archive_file(closed)
    assert attachment is not None
    content = head.get(f"/files/{attachment.pk}/").getvalue()
    assert hashlib.sha256(content).hexdigest() == closure.archive_sha256

    bundle = zipfile.ZipFile(io.BytesIO(content))
    names = bundle.namelist()
    assert "证据/01-现场.jpg" in names
    assert hashlib.sha256(bundle.read("证据/01-现场.jpg")).hexdigest() == hashlib.sha256(JPEG).hexdigest()
    decision_docx = next(name for name in names if name.startswith("文书/行政处罚决定书"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bundle.read(decision_docx))).paragraphs)
    assert "刘某" in text
    index = openpyxl.load_workbook(io.BytesIO(bundle.read("卷内目录.xlsx"))).worksheets[0]
    titles = [row[1] for row in index.iter_rows(min_row=3, values_only=True)]
    assert "行政处罚决定书" in titles
    assert any(str(title).startswith("书证：现场照片") for title in titles)

    proofs = [name for name in names if name.startswith("全过程记录/记录-")]
    assert len(proofs) >= 8, "every step of the case has its proof"
    for name in proofs:
        assert all(ok for ok, _ in verify.verify_bundle(json.loads(bundle.read(name))))
    file_proof = next(name for name in names if name.startswith("全过程记录/文件-"))
    assert all(ok for ok, _ in verify.verify_bundle(json.loads(bundle.read(file_proof)), JPEG))

    # The bundled verifier runs on its own, with the standard library only.
    bundle.extractall(tmp_path)
    checked = subprocess.run(
        [
            sys.executable,
            str(tmp_path / "verify.py"),
            str(tmp_path / file_proof),
            str(tmp_path / "证据/01-现场.jpg"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def failures(archive: bytes) -> list[tuple[str, str]]:
    """(bundle, message) for every check the offline verifier fails on this archive."""
    checked = verify.verify_archive(zipfile.ZipFile(io.BytesIO(archive)))
    return [(name, message) for name, results in checked for passed, message in results if not passed]


def test_the_case_archive_verifies_whole_and_fails_on_an_altered_evidence_byte_or_claim(
    town, closed, tmp_path
):
    services.archive_case(town.head, closed, archive_number="XQXK-2026-ZF-002")
    attachment = selectors.archive_file(closed)
    assert attachment is not None
    with files.open_blob(attachment.blob) as stored:
        content = stored.read()
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    file_proof = next(name for name in names if name.startswith("全过程记录/文件-"))
    assert json.loads(zipfile.ZipFile(io.BytesIO(content)).read(file_proof))["file"] == "证据/01-现场.jpg"
    assert failures(content) == []

    flipped = with_member_changed(content, "证据/01-现场.jpg", one_byte_flipped)
    assert failures(flipped) == [
        (file_proof, "文件与记录中的 sha256 一致 file hashes to the sha256 recorded in the event")
    ]

    def claim_another_file(raw: bytes) -> bytes:
        bundle = json.loads(raw)
        bundle["file_sha256"] = hashlib.sha256(b"another photo").hexdigest()
        return json.dumps(bundle, ensure_ascii=False).encode("utf-8")

    assert failures(with_member_changed(content, file_proof, claim_another_file)) == [
        (
            file_proof,
            "file_sha256 与记录中的 sha256 一致 file_sha256 matches the sha256 recorded in the event",
        )
    ]

    # The bundled verifier checks the whole archive from the command line.
    for name, archive in [("honest.zip", content), ("flipped.zip", flipped)]:
        (tmp_path / name).write_bytes(archive)
    standalone = tmp_path / "verify.py"
    standalone.write_bytes(zipfile.ZipFile(io.BytesIO(content)).read("verify.py"))

    def run(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-I", str(standalone), str(tmp_path / name)],
            capture_output=True,
            text=True,
            check=False,
        )

    honest = run("honest.zip")
    assert honest.returncode == 0, honest.stdout + honest.stderr
    assert "通过 OK    文件与记录中的 sha256 一致" in honest.stdout
    altered = run("flipped.zip")
    assert altered.returncode == 1
    assert "失败 FAIL  文件与记录中的 sha256 一致" in altered.stdout

    # Unpacked, one bundle alone is checked against the file it names.
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(io.BytesIO(flipped)).extractall(unpacked)
    alone = subprocess.run(
        [sys.executable, "-I", str(unpacked / "verify.py"), str(unpacked / file_proof)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert alone.returncode == 1
    assert "失败 FAIL  文件与记录中的 sha256 一致" in alone.stdout


def test_only_a_closed_case_is_archived(town, closed):
    open_case = file(town, lead(town))
    with pytest.raises(RuleViolation, match="不能进入“归档”"):
        services.archive_case(town.head, open_case, archive_number="A-1")
    services.archive_case(town.head, closed, archive_number="A-1")
    assert Closure.objects.get(case=closed).archive_number == "A-1"
    assert Case.objects.get(pk=open_case.pk).stage == Stage.FILED
