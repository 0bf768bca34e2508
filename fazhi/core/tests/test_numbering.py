"""文号: GB/T 9704 form, gap-free per series and year, safe under concurrent requests."""

import threading

import pytest
from django.db import connection, connections, transaction

from fazhi.core import numbering, services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import IssuedNumber, NumberSeries
from fazhi.ledger.models import Event


def make_series(world) -> NumberSeries:
    return services.create_number_series(
        world.admin, organisation=world.town, key="government", code="西青辛政", name="辛口镇人民政府文件"
    )


def test_numbers_are_in_gbt_9704_form_and_count_per_year(world):
    series = make_series(world)
    with transaction.atomic():
        first = services.issue_number(world.admin, series, year=2020, subject=world.town)
        second = services.issue_number(world.admin, series, year=2020, subject=world.town)
        next_year = services.issue_number(world.admin, series, year=2021, subject=world.town)
    assert [first.text, second.text, next_year.text] == [
        "西青辛政〔2020〕1号",
        "西青辛政〔2020〕2号",
        "西青辛政〔2021〕1号",
    ]
    assert Event.objects.filter(action="core.number.issued").count() == 3


def test_a_rolled_back_document_gives_its_number_back(world):
    series = make_series(world)

    def save_document_that_fails() -> None:
        with transaction.atomic():
            services.issue_number(world.admin, series, year=2020, subject=world.town)
            raise RuntimeError("the document failed to save")

    with pytest.raises(RuntimeError):
        save_document_that_fails()
    with transaction.atomic():
        issued = services.issue_number(world.admin, series, year=2020, subject=world.town)
    assert issued.text == "西青辛政〔2020〕1号"


def test_a_voided_number_is_kept_and_not_reused(world):
    series = make_series(world)
    with transaction.atomic():
        issued = services.issue_number(world.admin, series, year=2020, subject=world.town)
    services.void_number(world.admin, issued, reason="文件起草有误")
    with transaction.atomic():
        following = services.issue_number(world.admin, series, year=2020, subject=world.town)
    assert following.text == "西青辛政〔2020〕2号"
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == "文件起草有误"


@pytest.mark.django_db(transaction=True)
def test_allocation_outside_a_transaction_is_refused(world):
    series = make_series(world)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        numbering.allocate(world.admin, series, year=2020, subject=world.town)


@pytest.mark.parametrize(
    "text", ["西青辛政〔2020〕12号", "国办发〔2018〕118号", "厅字〔2019〕28号", "西青辛综执罚〔2020〕3号"]
)
def test_well_formed_numbers_parse(text):
    assert numbering.parse_number(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "西青辛政[2020]12号",
        "西青辛政（2020）12号",
        "西青辛政【2020】12号",
        "西青辛政〔20〕12号",
        "西青辛政〔2020〕012号",
        "西青辛政〔2020〕第12号",
        "西青辛政〔2020〕0号",
        "西青辛政〔2020〕12",
        "西青辛政 〔2020〕12号",
    ],
)
def test_malformed_numbers_are_rejected(text):
    with pytest.raises(InvalidInput, match="文号格式不正确"):
        numbering.parse_number(text)


def test_another_towns_admin_cannot_void_a_number(world):
    series = make_series(world)
    with transaction.atomic():
        issued = services.issue_number(world.admin, series, year=2020, subject=world.town)
    with pytest.raises(NotFoundOrHidden):
        services.void_number(world.other_admin, issued, reason="越权")
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == ""


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_get_twenty_consecutive_numbers(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are tested on PostgreSQL (CI runs this suite there too)")
    series = make_series(world)
    barrier = threading.Barrier(20)
    failures: list[BaseException] = []

    def allocate_one() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                services.issue_number(world.admin, series, year=2020, subject=world.town)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate_one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sequences = sorted(
        IssuedNumber.objects.filter(series=series, year=2020).values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, 21))
    ledger_sequences = list(Event.objects.order_by("sequence").values_list("sequence", flat=True))
    assert ledger_sequences == list(range(len(ledger_sequences)))
