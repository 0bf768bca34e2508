"""发布 and 撤回 are not undone: each page says so and asks for a tick; without it nothing changes, and
the message after publishing names no SHA-256."""

from fazhi.disclosure import services
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.ledger.models import Event
from fazhi.testing.pages import client_for


def test_publishing_asks_for_confirmation_and_the_message_names_no_hash(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    head = client_for(town.head)
    page = head.get(f"/disclosure/{publication.pk}/").content.decode()
    assert "我已知悉：发布后公示内容即向社会公开，不能再修改，只能撤回。" in page

    events = Event.objects.count()
    refused = head.post(f"/disclosure/{publication.pk}/publish/", {})
    assert refused.status_code == 422
    assert "此操作不可撤销，请阅读提示并勾选确认。" in refused.content.decode()
    assert Publication.objects.get().status == PublicationStatus.DRAFT
    assert Event.objects.count() == events

    done = head.post(
        f"/disclosure/{publication.pk}/publish/", {"confirm": "on"}, follow=True
    ).content.decode()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert "已公示，公示内容已存证。" in done
    assert publication.content_sha256 not in done


def test_withdrawing_asks_for_confirmation(town, decided):
    publication = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    head = client_for(town.head)
    assert (
        "我已知悉：撤回后本公示即从公示网站撤下，不能恢复。"
        in head.get(f"/disclosure/{publication.pk}/").content.decode()
    )
    refused = head.post(f"/disclosure/{publication.pk}/withdraw/", {"reason": "原决定经复议被撤销"})
    assert refused.status_code == 422
    assert Publication.objects.get().status == PublicationStatus.PUBLISHED
