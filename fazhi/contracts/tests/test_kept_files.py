"""A refused registration keeps the drafts chosen with it: the page lists each as kept, and the corrected
form, posted without choosing them again, registers the contract with all of them. A wrong file is
not kept: its error says why and it must be chosen again."""

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.contracts.models import Contract
from fazhi.core.models import Attachment
from fazhi.testing.contracts import PDF, TODAY
from fazhi.testing.pages import client_for


def registration(town, **overrides):
    return {
        "title": "机关食堂食材采购合同",
        "kind": "procurement",
        "amount": "180000.00",
        "counterparty": town.company.uscc,
        "department": town.office.pk,
        "received_on": TODAY.isoformat(),
        **overrides,
    }


def test_the_drafts_chosen_on_a_refused_registration_are_kept(town):
    admin = client_for(town.admin)
    drafts = [
        SimpleUploadedFile("送审稿.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("附件一.pdf", PDF + b"annex", content_type="application/pdf"),
    ]
    refused = admin.post("/contracts/new/", registration(town, title="", drafts=drafts))
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "已选择文件：送审稿.pdf（保留，无需重新选择）" in page
    assert "已选择文件：附件一.pdf（保留，无需重新选择）" in page
    assert not Contract.objects.exists()
    tokens = [held.token for held in refused.context["form"].fields["drafts"].held]

    saved = admin.post("/contracts/new/", registration(town, drafts__held=tokens))
    assert saved.status_code == 302
    contract = Contract.objects.get()
    names = set(
        Attachment.objects.filter(subject_id=str(contract.pk)).values_list("original_name", flat=True)
    )
    assert names == {"送审稿.pdf", "附件一.pdf"}


def test_a_file_refused_for_itself_is_not_kept(town):
    refused = client_for(town.admin).post(
        "/contracts/new/",
        registration(
            town, drafts=SimpleUploadedFile("送审稿.pdf", b"not a pdf", content_type="application/pdf")
        ),
    )
    assert refused.status_code == 422
    assert "已选择文件" not in refused.content.decode()
