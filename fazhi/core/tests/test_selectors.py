"""Party search: the same rows whichever index answers, on SQLite and PostgreSQL."""

import pytest

from conftest import credit_code
from fazhi.core import selectors, services
from fazhi.core.models import PartyKind

COMPANIES = ["天津市西青区辛口建材有限公司", "天津市西青区杨柳青物流有限公司", "天津市西青区辛口农机合作社"]


def register_companies(world):
    return [
        services.register_party(
            world.officer,
            services.PartyInput(
                kind=PartyKind.ORGANISATION,
                name=name,
                uscc=credit_code(f"9112011100000{index:04d}"),
                legal_representative="马某",
            ),
        ).party
        for index, name in enumerate(COMPANIES)
    ]


def names(actor, query):
    return sorted(party.name for party in selectors.search_parties_for(actor, query=query))


def test_a_substring_from_the_middle_of_names_finds_exactly_those_names(world):
    register_companies(world)
    assert names(world.admin, "辛口建") == ["天津市西青区辛口建材有限公司"]
    assert names(world.admin, "西青区") == sorted(COMPANIES)
    assert names(world.admin, "有限公司") == sorted(COMPANIES[:2])
    assert names(world.admin, "不存在的") == []


def test_two_characters_from_the_middle_of_names_find_them(world):
    # 老马, 超市, 金海 found nothing when two characters matched only the start of a name.
    register_companies(world)
    for index, name in enumerate(("张老马修车铺", "辛口金海超市")):
        services.register_party(
            world.officer,
            services.PartyInput(
                kind=PartyKind.ORGANISATION,
                name=name,
                uscc=credit_code(f"9212011100001{index:04d}"),
                legal_representative="马某",
            ),
        )
    assert names(world.admin, "老马") == ["张老马修车铺"]
    assert names(world.admin, "超市") == ["辛口金海超市"]
    assert names(world.admin, "金海") == ["辛口金海超市"]
    assert names(world.admin, "建材") == ["天津市西青区辛口建材有限公司"]
    assert names(world.admin, "辛口") == sorted(
        ["天津市西青区辛口建材有限公司", "天津市西青区辛口农机合作社", "辛口金海超市"]
    )
    assert names(world.other_admin, "超市") == []


def test_a_substring_search_follows_a_renamed_party(world):
    company = register_companies(world)[0]
    services.update_party(
        world.officer,
        company,
        services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="天津市西青区新材料有限公司",
            uscc=company.uscc,
            legal_representative="马某",
        ),
    )
    assert names(world.admin, "辛口建") == []
    assert names(world.admin, "新材料") == ["天津市西青区新材料有限公司"]


def test_a_common_substring_past_the_candidate_cap_gives_the_same_rows(world, monkeypatch):
    register_companies(world)
    monkeypatch.setattr(selectors, "FTS_CANDIDATE_CAP", 1)
    assert names(world.admin, "西青区") == sorted(COMPANIES)


@pytest.mark.parametrize("query", ['"辛口', "辛口'", "OR 辛口", "*辛口*"])
def test_search_text_with_query_syntax_is_taken_literally(world, query):
    register_companies(world)
    assert names(world.admin, query) == []


def test_another_towns_parties_are_not_found_by_substring(world):
    register_companies(world)
    assert names(world.other_admin, "西青区") == []


def test_sqlite_answers_substrings_from_its_trigram_table(world):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL uses its trigram index instead")
    assert selectors._sqlite_has_name_index() is True
