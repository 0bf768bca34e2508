"""The one public-text gate with what the town knows: its registers' natural persons (parties, their
legal representatives, staff, and the registers other apps add: volunteers, commenters), its
organisation tree as places (the apps' own registers are tested in their tests); and manage.py mask_text, which prints a text as the portal would."""

import io
import sys

import pytest
from django.core.management import CommandError, call_command

from conftest import credit_code, make_staff
from fazhi.core import public_text
from fazhi.core import services as core_services
from fazhi.core.models import IdType, OrganisationKind, PartyKind
from fazhi.core.roles import Role

# None of these is a name jieba tags, nor follows a person cue: only the registers know them.
TEXT = "文静与方圆、常青、向前到场，水高庄村与辛口村交界处。"


def register_person(world, name, number):
    core_services.register_party(
        world.admin,
        core_services.PartyInput(kind=PartyKind.PERSON, name=name, id_type=IdType.PASSPORT, id_number=number),
    )


def test_the_registers_of_the_town_name_the_persons_and_the_tree_names_the_places(world):
    assert public_text.masked(TEXT, world.town) == TEXT
    register_person(world, "文静", "E1000001")
    core_services.register_party(
        world.admin,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="辛口建材有限公司",
            uscc=credit_code("91120111MA05K1234"),
            legal_representative="方圆",
            business_registration_no="120111000012345",
        ),
    )
    make_staff(world.system, world.town, "changqing", [Role.ADMIN], full_name="常青")
    masked = public_text.masked(TEXT, world.town)
    assert masked == "文某与方某、常某、向前到场，水高庄村与辛口村交界处。"
    # A village of the tree is a place, in full or without its 村, though jieba reads a name in it.
    market = "李明庄的集市里，李明庄村村民在摆摊。"
    assert public_text.masked(market, world.town) == "李某某的集市里，李明庄村村民在摆摊。"
    core_services.create_organisation(
        world.system, name="李明庄村", kind=OrganisationKind.VILLAGE, parent=world.town
    )
    assert public_text.masked(market, world.town) == market


def test_another_towns_registers_are_not_read(world):
    core_services.register_party(
        world.other_admin,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="文静", id_type=IdType.PASSPORT, id_number="E1000002"
        ),
    )
    assert public_text.masked("文静到场。", world.town) == "文静到场。"
    assert public_text.masked("文静到场。", world.other_town) == "文某到场。"


def run_mask_text(stdin: bytes, *args: str) -> str:
    out = io.StringIO()
    original = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        call_command("mask_text", *args, stdout=out)
    finally:
        sys.stdin = original
    return out.getvalue()


def test_mask_text_prints_the_text_exactly_as_the_portal_would(world, settings):
    register_person(world, "程功", "E1000003")
    text = "与邻居丁国华（tel13911112222，证件IDNo120111194808230299）发生争执，程功在场。\n第二行\n"
    assert run_mask_text(text.encode("utf-8"), "--org", str(world.town.pk)) == (
        "与邻居丁某某（tel（已隐去），证件IDNo（已隐去））发生争执，程某在场。\n第二行\n"
    )
    settings.DISCLOSURE_NAME_RULE = "hidden"
    assert run_mask_text("邻居丁国华在场".encode()) == "邻居某某在场"


def test_mask_text_refuses_what_is_not_utf8_or_an_unknown_organisation(world):
    with pytest.raises(CommandError, match="不是 UTF-8"):
        run_mask_text("丁国华".encode("gbk"))
    with pytest.raises(CommandError, match="没有编号为 999999 的单位"):
        run_mask_text(b"text", "--org", "999999")
