"""Publication: a masked draft from the decision, refused while anything private remains, published
with its fingerprint in the ledger, withdrawn with a public reason; a minor's decision is withheld."""

import datetime

import pytest

from fazhi.core import calendar
from fazhi.core.errors import NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.masking import FindingKind
from fazhi.core.models import IdType, Party, PartyKind
from fazhi.disclosure import rules, selectors, services
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import Notice
from fazhi.ledger.models import Event
from fazhi.testing.disclosure import settle_and_publish
from fazhi.testing.enforcement import TODAY


def test_the_draft_shows_the_name_by_the_rule_and_the_published_text_hides_private_data(town, decided):
    Party.objects.filter(pk=town.party.pk).update(name="刘建国", phone="13912345678")
    facts = "当事人刘建国（电话13912345678）在政府路摆摊，证人王秀英称其摆摊已一个月。身份证号110105 19491231 002X。"
    Notice.objects.filter(case=decided).update(facts=facts)
    publication = services.prepare_publication(town.officer, decided.decision)
    assert publication.party_name == "刘某某"
    assert publication.status == PublicationStatus.DRAFT
    assert publication.due_on == calendar.add_working_days(decided.decision.decided_on, 7)
    assert selectors.decisions_awaiting_publication(town.officer).count() == 0
    # The publisher checks the text as the decision has it, every finding marked.
    assert publication.facts == facts
    [_type_review, facts_review, *_] = selectors.field_reviews(publication)
    assert [(f.kind, f.text) for f in facts_review.findings] == [
        (FindingKind.PERSON_NAME, "刘建国"),
        (FindingKind.PARTY_DETAIL, "13912345678"),
        (FindingKind.PERSON_NAME, "王秀英"),
        (FindingKind.ID_NUMBER, "110105 19491231 002X"),
    ]
    published = settle_and_publish(town.head, publication)
    assert published.facts == (
        "当事人刘某某（电话（已隐去））在政府路摆摊，证人王某某称其摆摊已一个月。身份证号（已隐去）。"
    )


def test_publishing_is_refused_while_private_data_remains_and_says_where(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    services.edit_draft(
        town.officer,
        publication,
        facts="当事人联系电话１３９ １２３４ ５６７８。",
        penalty_content="罚款2000元",
    )
    with pytest.raises(RuleViolation) as raised:
        services.publish(town.head, publication)
    assert "违法事实第8字起的手机号码" in raised.value.message
    assert Publication.objects.get().status == PublicationStatus.DRAFT
    assert not Event.objects.filter(action="disclosure.publication.published").exists()


def test_the_head_publishes_and_the_fingerprint_is_in_the_ledger(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    with pytest.raises(PermissionDenied):
        services.publish(town.officer, publication)
    published = services.publish(town.head, publication)
    assert published.visible_until == rules.visible_until(published.decided_on, "ordinary")
    assert published.content_sha256 == services.fingerprint(published)
    event = Event.objects.filter(action="disclosure.publication.published").get()
    assert published.content_sha256 in event.entry
    assert list(selectors.public_list(today=TODAY)) == [published]


def test_a_withdrawn_publication_leaves_the_list_with_its_reason(town, decided):
    published = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    services.withdraw(town.head, published, reason="经行政复议，原处罚决定被撤销")
    assert list(selectors.public_list(today=TODAY)) == []
    assert selectors.public_publication(published.pk).withdrawal_reason == "经行政复议，原处罚决定被撤销"


def test_an_expired_publication_leaves_the_list(town, decided):
    published = services.publish(town.head, services.prepare_publication(town.officer, decided.decision))
    assert published.visible_until is not None
    assert list(selectors.public_list(today=published.visible_until)) == [published]
    assert list(selectors.public_list(today=published.visible_until + datetime.timedelta(days=1))) == []


def test_a_decision_against_a_minor_is_withheld(town, decided):
    Party.objects.filter(pk=town.party.pk).update(
        kind=PartyKind.PERSON,
        id_type=IdType.PASSPORT,
        birth_date=decided.act_on.replace(year=decided.act_on.year - 16),
    )
    publication = services.prepare_publication(town.officer, decided.decision)
    assert publication.status == PublicationStatus.NOT_PUBLISHED
    with pytest.raises(RuleViolation):
        services.publish(town.head, publication)
    assert Event.objects.filter(action="disclosure.publication.withheld").exists()


def test_another_town_cannot_publish_our_decision(town, decided):
    publication = services.prepare_publication(town.officer, decided.decision)
    with pytest.raises(NotFoundOrHidden):
        services.publish(town.other_admin, publication)
