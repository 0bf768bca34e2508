"""Publication pages through HTTP: the staff preview and publish, the public list and detail without
logging in, a withdrawn decision's old address, and the proof."""

import json
import subprocess
import sys

from django.conf import settings
from django.test import Client

from fazhi.core.models import Party
from fazhi.disclosure import services
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.disclosure.tests.test_public_crawl import ID_NUMBER
from fazhi.disclosure.tests.test_public_crawl import PHONE as PHONE_NUMBER
from fazhi.enforcement.models import Notice
from fazhi.ledger import verify
from fazhi.testing.disclosure import settle_and_publish
from fazhi.testing.pages import refused_form

PHONE = "13912345678"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_prepare_fix_and_publish_then_the_public_finds_it(town, decided):
    Party.objects.filter(pk=town.party.pk).update(name="刘建国", phone=PHONE)
    officer, head = client_for(town.officer), client_for(town.head)
    queue = officer.get("/disclosure/").content.decode()
    assert decided.decision.number.text in queue
    prepared = officer.post(
        f"/disclosure/decisions/{decided.decision.pk}/prepare/", {"severity": "ordinary"}, follow=True
    )
    page = prepared.content.decode()
    assert "已生成公示稿" in page
    assert "刘某某" in page
    publication = Publication.objects.get()
    # The officer types a phone number back in; the head's publish is refused, saying where.
    officer.post(
        f"/disclosure/{publication.pk}/",
        {
            "facts": f"当事人电话 {PHONE[:3]} {PHONE[3:7]} {PHONE[7:]}，占道摆摊。",
            "penalty_content": "罚款2000元",
        },
    )
    refused = head.post(f"/disclosure/{publication.pk}/publish/", {"confirm": "on"})
    assert refused.status_code == 422
    assert "手机号码" in refused.content.decode()
    assert Publication.objects.get().status == PublicationStatus.DRAFT
    officer.post(
        f"/disclosure/{publication.pk}/", {"facts": "当事人占道摆摊。", "penalty_content": "罚款2000元"}
    )
    published = head.post(f"/disclosure/{publication.pk}/publish/", {"confirm": "on"}, follow=True)
    assert "已公示，公示内容已存证。" in published.content.decode()

    public = Client()
    listing = public.get("/gongshi/", {"q": "刘某某"}).content.decode()
    assert decided.decision.number.text in listing
    detail = public.get(f"/gongshi/{publication.pk}/").content.decode()
    publication.refresh_from_db()
    assert publication.content_sha256 in detail
    bundle = json.loads(public.get(f"/gongshi/{publication.pk}/proof.json").content)
    assert all(ok for ok, _ in verify.verify_bundle(bundle))
    assert publication.content_sha256 in bundle["event"]["entry"]
    assert services.fingerprint(publication) == publication.content_sha256


def test_a_withdrawn_decision_says_so_at_its_old_address_and_shows_nothing_else(town, decided):
    publication = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    head = client_for(town.head)
    assert refused_form(
        head, f"/disclosure/{publication.pk}/withdraw/", {"reason": " ", "confirm": "on"}
    ) == {"reason": ["这个字段是必填项。"]}
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.PUBLISHED
    head.post(f"/disclosure/{publication.pk}/withdraw/", {"reason": "原决定经复议被撤销", "confirm": "on"})
    public = Client()
    detail = public.get(f"/gongshi/{publication.pk}/").content.decode()
    assert "已于" in detail
    assert "原决定经复议被撤销" in detail
    assert publication.facts not in detail
    assert public.get(f"/gongshi/{publication.pk}/proof.json").status_code == 404
    assert decided.decision.number.text not in public.get("/gongshi/").content.decode()


def test_drafts_do_not_exist_for_the_public(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    assert Client().get(f"/gongshi/{publication.pk}/").status_code == 404


def test_another_towns_staff_cannot_open_our_publication(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    assert client_for(town.other_admin).get(f"/disclosure/{publication.pk}/").status_code == 404


def test_no_public_page_carries_an_id_or_phone_number(town, decided):
    Party.objects.filter(pk=town.party.pk).update(phone=PHONE, address="辛口镇辛口村8号")
    Notice.objects.filter(case=decided).update(facts=f"当事人（电话{PHONE}，住辛口镇辛口村8号）占道摆摊。")
    publication = settle_and_publish(town.head, services.prepare_publication(town.officer, decided.decision))
    public = Client()
    for url in ["/gongshi/", f"/gongshi/{publication.pk}/", f"/gongshi/{publication.pk}/proof.json"]:
        body = public.get(url).content.decode()
        # Bounded like the crawl's patterns: digits inside a SHA-256 in the proof are not a number.
        assert not ID_NUMBER.search(body), url
        assert not PHONE_NUMBER.search(body), url
        assert "辛口村8号" not in body


def test_a_crawler_hammering_the_list_is_slowed_not_served_errors(db):
    public = Client()
    statuses = [public.get("/gongshi/").status_code for _ in range(settings.PUBLIC_PAGES_PER_MINUTE + 5)]
    assert statuses[: settings.PUBLIC_PAGES_PER_MINUTE] == [200] * settings.PUBLIC_PAGES_PER_MINUTE
    assert statuses[-5:] == [429] * 5
    refused = public.get("/gongshi/")
    assert refused["Retry-After"] == "60"
    assert "访问过于频繁" in refused.content.decode()
    # Another address is not slowed by the first.
    assert Client(REMOTE_ADDR="10.0.0.8").get("/gongshi/").status_code == 200


def test_behind_the_proxy_each_visitor_is_counted_by_the_address_the_proxy_passes(db, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    settings.PUBLIC_PAGES_PER_MINUTE = 3
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert [first.get("/gongshi/").status_code for _ in range(4)] == [200, 200, 200, 429]
    # Another citizen through the same proxy still gets the page.
    assert Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2").get("/gongshi/").status_code == 200


def test_public_pages_may_be_cached(db):
    assert "max-age=60" in Client().get("/gongshi/")["Cache-Control"]


def test_a_citizen_gets_the_cached_page_until_a_publication_changes(
    town, decided, django_assert_max_num_queries
):
    publication = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    citizen = Client()
    first = citizen.get(f"/gongshi/{publication.pk}/")
    assert "public-content" in first.content.decode()
    # Served again without the page's queries: at most the content version is read.
    with django_assert_max_num_queries(1):
        again = citizen.get(f"/gongshi/{publication.pk}/")
    assert again.content == first.content
    assert "public" in again["Cache-Control"]
    services.withdraw(town.head, publication, reason="经复议撤销")
    after = citizen.get(f"/gongshi/{publication.pk}/").content.decode()
    assert "经复议撤销" in after
    assert "public-content" not in after


def test_a_logged_in_visitor_gets_a_page_of_their_own_that_nobody_else_is_served(town):
    staff = client_for(town.head)
    own = staff.get("/gongshi/")
    assert town.head.full_name in own.content.decode()
    assert "private" in own["Cache-Control"]
    assert town.head.full_name not in Client().get("/gongshi/").content.decode()


CONTENT_FAILS = (
    False,
    "内容 content 与记录中的 content_sha256 一致 content hashes to the content_sha256 recorded in the event",
)


def test_a_portal_proof_fails_when_any_field_of_its_content_is_altered(town, decided, tmp_path):
    publication = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    response = Client().get(f"/gongshi/{publication.pk}/proof.json")
    bundle = json.loads(response.content)
    assert bundle["content"]["处罚内容"] == publication.penalty_content
    honest = verify.verify_bundle(bundle)
    assert all(passed for passed, _ in honest)
    assert (True, *CONTENT_FAILS[1:]) in honest

    for field, value in bundle["content"].items():
        altered = {**bundle, "content": {**bundle["content"], field: value + "。"}}
        results = verify.verify_bundle(altered)
        assert CONTENT_FAILS in results, field
        # Only the content is wrong: the event, its inclusion and the signature still hold.
        assert [message for passed, message in results if not passed] == [CONTENT_FAILS[1]], field
    dropped = {**bundle, "content": {k: v for k, v in bundle["content"].items() if k != "处罚机关"}}
    assert CONTENT_FAILS in verify.verify_bundle(dropped)

    # The finding of issue 14: the fine cut in a saved proof.json, checked with the downloaded verifier.
    saved = tmp_path / "proof.json"
    text = response.content.decode()
    assert '"罚款金额（元）": "2,000"' in text
    saved.write_text(text.replace('"罚款金额（元）": "2,000"', '"罚款金额（元）": "200"'), encoding="utf-8")
    standalone = tmp_path / "verify.py"
    standalone.write_bytes(Client().get("/ledger/verify.py").getvalue())
    checked = subprocess.run(
        [sys.executable, "-I", str(standalone), str(saved)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1
    assert "失败 FAIL  内容 content 与记录中的 content_sha256 一致" in checked.stdout
