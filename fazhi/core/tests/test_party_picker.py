"""The party picker's shape (core.forms.PartyPickerField, PartyRowsField) and its list (core:party-pick):
what a form takes before any service runs, and who may ask the list."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from fazhi.core.forms import PartyPickerField, PartyRowsField
from fazhi.core.services import PartyChoice


class Picked(forms.Form):
    party = PartyPickerField(label="当事人")


class Rows(forms.Form):
    visitors = PartyRowsField(name="visitors", label="来访人")


def errors_of(form: forms.Form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def test_the_picker_cleans_to_an_id_a_new_party_or_a_name_to_be_chosen():
    assert Picked({"party": "12", "party_name": "王五"}).is_valid()
    chosen = Picked({"party": "12", "party_name": "王五"})
    chosen.is_valid()
    assert chosen.cleaned_data["party"] == PartyChoice(party_id=12, field="party")
    typed = Picked({"party_name": " 王五 "})
    typed.is_valid()
    assert typed.cleaned_data["party"].typed_name == "王五"
    new = Picked({"party": "new", "party_name": "赵新", "party_kind": "person", "party_id_number": " 1 "})
    new.is_valid()
    assert (new.cleaned_data["party"].new.name, new.cleaned_data["party"].new.id_number) == ("赵新", "1")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请选择当事人，或选择“新当事人”并填写其信息。"),
        ({"party": "1" * 19}, "未找到该当事人。"),
        ({"party": "abc"}, "未找到该当事人。"),
        ({"party": "new"}, "请填写新当事人的姓名（名称）。"),
        ({"party": "new", "party_name": "赵新", "party_phone": "1" * 31}, "联系电话不能超过 30 个字。"),
    ],
)
def test_the_picker_refuses_a_shape_it_cannot_take(data, message):
    assert errors_of(Picked(data)) == {"party": [message]}


def test_rows_skip_blank_rows_keep_their_numbers_and_name_the_line_refused():
    rows = Rows({"visitors-0": "3", "visitors-2": "new", "visitors-3_name": "王五"})
    assert errors_of(rows) == {"visitors": ["第3行：请填写新当事人的姓名（名称）。"]}
    rows = Rows({"visitors-0": "3", "visitors-3_name": "王五"})
    assert rows.is_valid()
    assert [
        (choice.party_id, choice.typed_name, choice.line) for choice in rows.cleaned_data["visitors"]
    ] == [
        (3, "", 1),
        (None, "王五", 4),
    ]
    assert errors_of(Rows({})) == {
        "visitors": ["请至少填写一行：选择本镇（街道）的当事人，或选择“新当事人”登记。"]
    }


def test_the_list_is_for_signed_in_staff_only(db):
    response = Client().get(reverse("core:party-pick"), {"q": "王"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
