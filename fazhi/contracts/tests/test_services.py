"""The contract rules through the services: the review period, who may review, the signing gate
(修改后同意 needs the changes confirmed; 不同意 blocks; resubmission), filing with an archive number,
milestones and reminders. Each refusal names its rule and changes nothing."""

import pytest

from conftest import credit_code
from fazhi.contracts import rules, selectors, services
from fazhi.contracts.models import Contract, ContractReview, ContractStatus, ReviewOpinion
from fazhi.core import calendar
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.models import Attachment, Notification, Party
from fazhi.ledger.models import Event
from fazhi.testing.contracts import TODAY, contract_input, days, register, stored


def events(contract: Contract) -> list[str]:
    return list(
        Event.objects.filter(
            subject_type="contracts.contract", subject_id=str(contract.pk), action__startswith="contracts."
        )
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_registration_starts_the_5_working_day_review_clock_and_keeps_the_draft(town, submitted):
    assert submitted.status == ContractStatus.SUBMITTED
    assert submitted.review_due == calendar.add_working_days(TODAY, 5)
    assert not submitted.possibly_major
    [draft] = Attachment.objects.filter(subject_type="contracts.contract", subject_id=str(submitted.pk))
    assert draft.description == "送审稿"
    assert events(submitted) == ["contracts.contract.registered"]


def test_the_review_period_is_a_setting(town, settings):
    settings.CONTRACT_REVIEW_WORKING_DAYS = 10
    assert register(town).review_due == calendar.add_working_days(TODAY, 10)


def test_a_large_contract_is_flagged_as_possibly_a_major_decision(town, settings):
    settings.CONTRACT_MAJOR_AMOUNT_YUAN = 1_000_000
    assert register(town, amount_fen=1_000_000_00).possibly_major
    assert not register(town, title="小额", amount_fen=999_999_99).possibly_major


def test_a_counterparty_with_a_wrong_credit_code_is_refused_and_nothing_is_registered(town):
    code = town.company.uscc
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    Party.objects.filter(pk=town.company.pk).update(uscc=wrong)
    town.company.refresh_from_db()
    with pytest.raises(InvalidInput) as raised:
        register(town)
    assert "统一社会信用代码有误" in raised.value.message
    assert "校验码错误" in raised.value.message
    assert raised.value.citation == "GB 32100-2015 法人和其他组织统一社会信用代码编码规则"
    assert not Contract.objects.exists()


def test_another_towns_party_a_future_date_and_no_draft_are_refused(town):
    from fazhi.core import services as core_services
    from fazhi.core.models import PartyKind

    theirs = core_services.register_party(
        town.other_admin,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="杨柳青公司",
            uscc=credit_code("91120111MA05XK3Q2"),
            legal_representative="杨某",
        ),
    ).party
    with pytest.raises(InvalidInput, match="不在本镇"):
        register(town, counterparty=theirs)
    with pytest.raises(InvalidInput) as raised:
        register(town, received_on=TODAY + days(1))
    assert set(raised.value.extra["fields"]) == {"received_on"}
    with pytest.raises(InvalidInput, match="请上传合同文本"):
        services.register_contract(town.admin, contract_input(town), drafts=[])
    assert not Contract.objects.exists()


def test_only_the_counsel_or_the_reviewer_gives_an_opinion_numbered_from_the_series(town, submitted):
    with pytest.raises(RuleViolation) as raised:
        services.review_contract(town.head, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意")
    assert raised.value.citation == rules.REVIEW_REQUIRED
    assert not ContractReview.objects.exists()
    review = services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="条款合法。"
    )
    assert review.number.text == f"辛口合审〔{TODAY.year}〕1号"
    assert not review.late
    submitted.refresh_from_db()
    assert submitted.status == ContractStatus.REVIEWED


def test_a_late_opinion_is_marked_late(town):
    contract = register(town, received_on=TODAY - days(20))
    review = services.review_contract(town.counsel, contract, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    assert review.late


def test_no_contract_is_signed_without_a_passing_review(town, submitted):
    with pytest.raises(RuleViolation) as raised:
        services.sign_contract(town.head, submitted, signed_on=TODAY)
    assert "合法性审查中" in raised.value.message
    assert raised.value.citation == rules.REVIEW_REQUIRED
    services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.REJECT, reasons="相对方无相应资质。"
    )
    with pytest.raises(RuleViolation, match="不同意"):
        services.sign_contract(town.head, submitted, signed_on=TODAY)
    submitted.refresh_from_db()
    assert submitted.status == ContractStatus.REVIEWED
    assert submitted.signed_on is None
    assert "contracts.contract.signed" not in events(submitted)


def test_approval_with_changes_signs_only_once_the_changes_are_confirmed(town, submitted):
    services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.APPROVE_WITH_CHANGES, reasons="补充违约金计算方式。"
    )
    with pytest.raises(RuleViolation, match="须确认已按审查意见修改"):
        services.sign_contract(town.head, submitted, signed_on=TODAY)
    with pytest.raises(PermissionDenied):
        services.sign_contract(town.admin, submitted, signed_on=TODAY, changes_confirmed=True)
    signed = services.sign_contract(town.head, submitted, signed_on=TODAY, changes_confirmed=True)
    assert signed.status == ContractStatus.SIGNED
    assert signed.filing_due == calendar.add_working_days(TODAY, 5)


def test_a_rejected_contract_is_resubmitted_reviewed_again_and_signed(town, submitted):
    services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.REJECT, reasons="缺少争议解决条款。"
    )
    services.resubmit_contract(town.admin, submitted, received_on=TODAY, drafts=[stored("修改稿.pdf")])
    submitted.refresh_from_db()
    assert submitted.status == ContractStatus.SUBMITTED
    second = services.review_contract(
        town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="已补充。"
    )
    assert second.number.text == f"辛口合审〔{TODAY.year}〕2号"
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    assert events(submitted) == [
        "contracts.contract.registered",
        "contracts.contract.reviewed",
        "contracts.contract.resubmitted",
        "contracts.contract.reviewed",
        "contracts.contract.signed",
    ]


def test_an_approved_contract_cannot_be_resubmitted(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    with pytest.raises(RuleViolation):
        services.resubmit_contract(town.admin, submitted, received_on=TODAY, drafts=[stored()])


def test_filing_keeps_the_signed_copy_and_gives_an_archive_number(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    with pytest.raises(RuleViolation, match="只有已签订的合同"):
        services.file_contract(town.admin, submitted, signed_copy=stored("签订本.pdf"), filed_on=TODAY)
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    filed = services.file_contract(
        town.admin, submitted, signed_copy=stored("签订本.pdf", PDF_SIGNED), filed_on=TODAY
    )
    assert filed.status == ContractStatus.FILED
    assert filed.archive_number == f"辛口合档〔{TODAY.year}〕1号"
    descriptions = set(
        Attachment.objects.filter(subject_type="contracts.contract", subject_id=str(filed.pk)).values_list(
            "description", flat=True
        )
    )
    assert descriptions == {"送审稿", "签订文本"}


PDF_SIGNED = b"%PDF-1.4\n% the signed copy\n"


def test_another_town_cannot_touch_the_contract(town, submitted):
    with pytest.raises(NotFoundOrHidden):
        selectors.access_contract(town.other_admin, submitted.pk)
    with pytest.raises(NotFoundOrHidden):
        services.resubmit_contract(town.other_admin, submitted, received_on=TODAY, drafts=[stored()])


def test_milestones_and_reminders(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    with pytest.raises(RuleViolation, match="签订后"):
        services.add_milestone(town.admin, submitted, title="支付首期款", due_on=TODAY)
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    milestone = services.add_milestone(town.admin, submitted, title="支付首期款", due_on=TODAY + days(1))
    waiting = register(town, title="保洁服务协议", received_on=TODAY - days(10))
    run = services.send_contract_reminders(today=TODAY)
    # The overdue review (to the counsel) and tomorrow's milestone (to the registrar); the filing is
    # due in five working days, beyond the two-day warning.
    assert run.reminded == 2
    texts = set(Notification.objects.values_list("recipient__username", "text"))
    assert (
        "counsel",
        f"合同“保洁服务协议”的合法性审查期限为 {waiting.review_due.isoformat()}，已超期。",
    ) in texts
    assert any("支付首期款" in text for _who, text in texts)
    # Run again the same day: nobody is told twice.
    services.send_contract_reminders(today=TODAY)
    assert Notification.objects.count() == len(texts)
    services.complete_milestone(town.admin, milestone, done_on=TODAY)
    with pytest.raises(RuleViolation, match="已登记完成"):
        services.complete_milestone(town.admin, milestone, done_on=TODAY)


def test_the_years_counts_for_the_annual_report(town, submitted):
    services.review_contract(town.counsel, submitted, opinion=ReviewOpinion.APPROVE, reasons="同意。")
    services.sign_contract(town.head, submitted, signed_on=TODAY)
    register(town, title="尚未审查的合同")
    counts = selectors.counts_for_year(town.town, year=TODAY.year)
    assert (counts.registered, counts.reviewed, counts.with_numbered_review, counts.signed) == (2, 1, 1, 1)
    assert counts.signed_without_passing_review == 0
    assert selectors.counts_for_year(town.other_town, year=TODAY.year).registered == 0
