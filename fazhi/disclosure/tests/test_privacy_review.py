"""The publisher's privacy review: the draft's findings, hiding what the scan missed, releasing a finding
with a reason, the refusal while a number or address is open; and the reported decision end to end: its
neighbour's name, phone and ID number never reach /gongshi/<id>/ or its proof.json, which names no staff
member and still verifies."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import credit_code
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.core.masking import FindingKind
from fazhi.core.models import IdType, PartyKind
from fazhi.disclosure import selectors, services
from fazhi.disclosure.models import FindingReview, PublicationStatus, ReviewAction
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.models import Notice
from fazhi.ledger import verify
from fazhi.ledger.models import Event
from fazhi.testing.disclosure import settle_and_publish
from fazhi.testing.enforcement import TODAY

REPORTED = "与邻居丁国华（tel13911112222，证件IDNo120111194808230299）发生争执"


def draft_with(town, decided, facts):
    Notice.objects.filter(case=decided).update(facts=facts)
    return services.prepare_publication(town.officer, decided.decision)


def open_texts(publication):
    return [f.text for review in selectors.field_reviews(publication) for f in review.open]


def test_the_reported_on_the_spot_decision_reaches_the_public_masked_and_its_proof_names_no_staff(spot):
    case = enforcement_services.decide_on_spot(
        spot.officer,
        enforcement_services.OnSpotDecision(
            party=spot.party,
            power=spot.power,
            co_officer=spot.officer2,
            title="占道经营",
            place="辛口镇政府路",
            act_on=TODAY,
            facts=f"当事人在政府路占道摆摊，{REPORTED}。",
            basis="《城市道路管理条例》第四十二条",
            warning_only=False,
            fine_fen=100_00,
            statement="",
            defence_waived=True,
        ),
    )
    publication = services.prepare_publication(spot.officer, case.decision)
    assert open_texts(publication) == ["13911112222", "120111194808230299"]
    published = settle_and_publish(spot.head, publication)
    assert "与邻居丁某某（tel（已隐去），证件IDNo（已隐去））发生争执" in published.facts

    public = Client()
    page = public.get(f"/gongshi/{published.pk}/").content.decode()
    raw_proof = public.get(f"/gongshi/{published.pk}/proof.json").content.decode()
    for body in (page, raw_proof):
        for private in ("丁国华", "13911112222", "120111194808230299"):
            assert private not in body
    bundle = json.loads(raw_proof)
    assert all(ok for ok, _ in verify.verify_bundle(bundle))
    entry = json.loads(bundle["event"]["entry"])
    assert entry["actor"] == {
        "id": core_services.system_actor().pk,
        "username": core_services.SYSTEM_USERNAME,
    }
    assert entry["payload"]["content_sha256"] == published.content_sha256
    assert spot.head.username not in raw_proof
    # The head's approval is in the ledger for the town and its auditors, with the same fingerprint.
    approval = Event.objects.get(action="disclosure.publication.published", subject_id=str(published.pk))
    assert approval.actor == spot.head
    assert published.content_sha256 in approval.entry


def test_a_changed_byte_of_the_public_proof_fails_it(town, decided):
    published = settle_and_publish(town.head, services.prepare_publication(town.officer, decided.decision))
    bundle = json.loads(Client().get(f"/gongshi/{published.pk}/proof.json").content)
    bundle["event"]["entry"] = bundle["event"]["entry"].replace('"system"', '"systen"')
    assert not all(ok for ok, _ in verify.verify_bundle(bundle))


def test_publishing_is_refused_while_a_number_or_address_is_open_and_names_need_no_decision(town, decided):
    publication = draft_with(town, decided, "证人王建国（住解放路12号3栋，电话13911112222）在场。")
    with pytest.raises(RuleViolation) as refused:
        services.publish(town.head, publication)
    assert "违法事实第11字起的住址门牌“12号3栋”" in refused.value.message
    assert "违法事实第19字起的手机号码“13911112222”" in refused.value.message
    assert "个人信息保护法 第二十八条" in refused.value.citation
    assert "王建国" not in refused.value.message  # the name rule masks it by itself
    assert publication.status == PublicationStatus.DRAFT
    assert not Event.objects.filter(action="disclosure.publication.published").exists()


def test_the_publisher_hides_what_the_scan_missed_and_the_ledger_keeps_only_its_hash(town, decided):
    publication = draft_with(town, decided, "当事人在政府路摆摊，外号“小辣椒”，群众多次反映。")
    assert open_texts(publication) == []
    review = services.review_finding(
        town.head, publication, field="facts", text="小辣椒", action=ReviewAction.HIDE
    )
    assert review.kind == FindingKind.MARKED
    [_type_review, facts_review, *_] = selectors.field_reviews(publication)
    assert [(f.kind, f.text) for f in facts_review.findings] == [(FindingKind.MARKED, "小辣椒")]
    event = Event.objects.get(action="disclosure.publication.finding_hidden")
    assert "小辣椒" not in event.entry
    published = services.publish(town.head, publication)
    assert published.facts == "当事人在政府路摆摊，外号“（已隐去）”，群众多次反映。"


def test_a_released_finding_stays_with_its_reason_recorded(town, decided):
    publication = draft_with(town, decided, "当事人在辛口镇便民服务中心（服务热线022-27391234）门前摆摊。")
    assert open_texts(publication) == ["022-27391234"]
    services.review_finding(
        town.head,
        publication,
        field="facts",
        text="022-27391234",
        action=ReviewAction.RELEASE,
        reason="系便民服务中心对外公布的服务电话，不属个人信息",
    )
    assert open_texts(publication) == []
    event = Event.objects.get(action="disclosure.publication.finding_released")
    assert "系便民服务中心对外公布的服务电话" in event.entry
    published = services.publish(town.head, publication)
    assert "022-27391234" in published.facts


def test_the_latest_decision_on_a_span_stands(town, decided):
    publication = draft_with(town, decided, "联系电话13911112222。")
    services.review_finding(
        town.head,
        publication,
        field="facts",
        text="13911112222",
        action=ReviewAction.RELEASE,
        reason="本人同意",
    )
    services.review_finding(
        town.head, publication, field="facts", text="13911112222", action=ReviewAction.HIDE
    )
    assert services.publish(town.head, publication).facts == "联系电话（已隐去）。"


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"field": "facts", "text": "13911112222", "action": "release", "reason": " "}, {"reason"}),
        ({"field": "facts", "text": "不在原文中", "action": "hide"}, {"text"}),
        ({"field": "party_name", "text": "刘某", "action": "hide"}, {"field"}),
        ({"field": "facts", "text": "13911112222", "action": "publish"}, {"action"}),
        ({"field": "facts", "text": "  ", "action": "hide"}, {"text"}),
    ],
)
def test_a_bad_review_is_refused_in_chinese_and_changes_nothing(town, decided, values, errors):
    publication = draft_with(town, decided, "联系电话13911112222。")
    with pytest.raises(InvalidInput) as refused:
        services.review_finding(town.head, publication, **{"reason": "", **values})
    assert set(refused.value.field_errors) == errors
    assert not FindingReview.objects.exists()
    assert not Event.objects.filter(action__startswith="disclosure.publication.finding").exists()


def test_a_published_publication_is_not_reviewed_again(town, decided):
    published = settle_and_publish(town.head, draft_with(town, decided, "当事人占道摆摊。"))
    with pytest.raises(RuleViolation):
        services.review_finding(town.head, published, field="facts", text="摆摊", action=ReviewAction.HIDE)


def test_an_organisations_legal_representative_and_registered_address_stay(town, decided):
    company = core_services.register_party(
        town.officer,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="天津市西青区辛口建材有限公司",
            uscc=credit_code("91120111MA05K1234"),
            legal_representative="赵建设",
            address="辛口镇工业园8号",
        ),
    ).party
    type(decided).objects.filter(pk=decided.pk).update(party=company)
    decided.refresh_from_db()
    publication = draft_with(
        town, decided, "当事人（住所辛口镇工业园8号）法定代表人赵建设到场，员工孙小林（住解放路3号）在场。"
    )
    assert open_texts(publication) == ["3号"]
    published = settle_and_publish(town.head, publication)
    assert (
        published.facts
        == "当事人（住所辛口镇工业园8号）法定代表人赵建设到场，员工孙某某（住解放路（已隐去））在场。"
    )
    assert published.legal_representative == "赵建设"


def test_the_penalised_persons_name_in_the_text_follows_the_rule_like_every_natural_person(
    town, decided, settings
):
    settings.DISCLOSURE_NAME_RULE = "hidden"
    core_services.register_party(
        town.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="欧阳晓明", id_type=IdType.PASSPORT, id_number="E7654321"
        ),
    )
    published = settle_and_publish(town.head, draft_with(town, decided, "欧阳晓明与张执法交谈。"))
    # The officers' names are public; a person in the registers is masked by the configured rule.
    assert published.facts == "某某与张执法交谈。"


def test_a_case_title_used_as_the_violation_type_passes_the_gate_too(town, decided):
    type(decided).objects.filter(pk=decided.pk).update(power=None, title="王建国占道经营")
    decided.refresh_from_db()
    decided.decision.refresh_from_db()
    publication = draft_with(town, decided, "当事人占道摆摊。")
    assert publication.violation_type == "王建国占道经营"
    assert settle_and_publish(town.head, publication).violation_type == "王某某占道经营"


def test_only_the_head_releases_a_finding_and_the_officer_may_hide(town, decided):
    publication = draft_with(town, decided, "联系电话13911112222。")
    with pytest.raises(PermissionDenied):
        services.review_finding(
            town.officer,
            publication,
            field="facts",
            text="13911112222",
            action=ReviewAction.RELEASE,
            reason="同意",
        )
    services.review_finding(
        town.officer, publication, field="facts", text="13911112222", action=ReviewAction.HIDE
    )
    assert open_texts(publication) == []


def test_a_release_without_reason_through_the_page_is_refused_beside_the_field(town, decided):
    publication = draft_with(town, decided, "联系电话13911112222。")
    head = Client()
    head.force_login(town.head)
    refused = head.post(
        f"/disclosure/{publication.pk}/review/",
        {"field": "facts", "text": "13911112222", "action": "release", "reason": ""},
    )
    assert refused.status_code == 422
    assert "保留公开须说明理由。" in refused.content.decode()
    assert not FindingReview.objects.exists()
    page = head.get(f"/disclosure/{publication.pk}/").content.decode()
    assert '<mark class="bg-danger-subtle" title="手机号码" data-kind="mobile">13911112222</mark>' in page


def test_an_older_publication_is_passed_through_the_gate_again_and_its_proof_proves_the_masked_text(
    town, decided
):
    published = settle_and_publish(town.head, draft_with(town, decided, "当事人在政府路占道摆摊。"))
    # As published before the gate: the neighbour's name and phone in the public snapshot.
    old_facts = f"当事人在政府路占道摆摊，{REPORTED}。"
    type(published).objects.filter(pk=published.pk).update(facts=old_facts)
    assert "13911112222" in Client().get(f"/gongshi/{published.pk}/").content.decode()

    out = io.StringIO()
    call_command("repost_published", stdout=out)
    assert "重新上网 1 条" in out.getvalue()
    page = Client().get(f"/gongshi/{published.pk}/").content.decode()
    assert "13911112222" not in page
    assert "丁国华" not in page
    bundle = json.loads(Client().get(f"/gongshi/{published.pk}/proof.json").content)
    assert "13911112222" not in bundle["content"]["违法事实"]
    assert all(ok for ok, _ in verify.verify_bundle(bundle))
    assert json.loads(bundle["event"]["entry"])["actor"]["username"] == "system"

    again = io.StringIO()
    call_command("repost_published", stdout=again)
    assert "重新上网 0 条" in again.getvalue()
