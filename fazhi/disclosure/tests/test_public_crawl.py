"""Every public page of the demo town, reached by following links from the portal as a citizen does:
no string that looks like an ID number or a phone number appears on any of them, though the demo
parties have both and one decision's facts were written with them."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fazhi.core.models import Party
from fazhi.disclosure.models import Publication, PublicationStatus

# Bounded by anything but letters and digits, so that digits inside a SHA-256 fingerprint do not count.
ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9A-Za-z])"
)
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")
PUBLIC_PREFIXES = ("/gongshi/", "/ledger/checkpoint.txt", "/ledger/public-key.txt")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(PUBLIC_PREFIXES):
                self.found.append(href.split("#")[0])


def crawl(client: Client, start: str) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        pages[url] = text
        if response["Content-Type"].startswith("text/html"):
            parser = Links()
            parser.feed(text)
            queue.extend(link.replace("&amp;", "&") for link in parser.found if link not in pages)
    return pages


@pytest.mark.django_db
def test_no_public_page_of_the_demo_town_shows_an_id_or_phone_number(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    cache.clear()
    people = Party.objects.exclude(id_number="")
    assert people.exists()
    assert Party.objects.exclude(phone="").exists()
    every = Publication.objects.filter(status=PublicationStatus.PUBLISHED)
    # Two of this year on the portal; the 28 of the demo year 2020 (fazhi/demo/year2020) have ended
    # their disclosure period and must not be there.
    published = every.filter(visible_until__gte=timezone.localdate())
    expired = every.filter(visible_until__lt=timezone.localdate())
    assert (published.count(), expired.count()) == (2, 28)

    pages = crawl(Client(), "/gongshi/")

    # The crawl reached every publication, its proof, the authorities and the ledger's public files.
    for item in published:
        assert f"/gongshi/{item.pk}/" in pages
        assert f"/gongshi/{item.pk}/proof.json" in pages
    for item in expired:
        assert f"/gongshi/{item.pk}/" not in pages
    assert any(url.startswith("/gongshi/zhuti/") and url != "/gongshi/zhuti/" for url in pages)
    assert "/ledger/checkpoint.txt" in pages
    for url, text in pages.items():
        assert not ID_NUMBER.search(text), (url, ID_NUMBER.search(text))
        assert not PHONE.search(text), (url, PHONE.search(text))
        for person in people:
            assert person.id_number not in text, url
            if person.address:
                assert person.address not in text, url
    # The masked facts are there, so the search above looked at real content.
    chen = published.get(party_name="陈某某")
    proof = json.loads(pages[f"/gongshi/{chen.pk}/proof.json"])
    assert "（已隐去）" in proof["content"]["违法事实"]
    assert proof["content"]["处罚内容"] == "罚款 100 元"
