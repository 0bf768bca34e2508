"""The API's input shape: the text and choice metadata every app's schemas use, and the Chinese message
each pydantic error becomes beside its field."""

from typing import Annotated

import pytest
from django.db import models
from pydantic import BaseModel, Field, ValidationError

from fazhi.core import api_input
from fazhi.core.api_input import Choice, OptionalText, Required


class Colour(models.TextChoices):
    RED = "red", "红色"
    BLUE = "blue", "蓝色"


class Sample(BaseModel):
    title: Annotated[str, Required("请填写标题。", max_length=5)]
    note: Annotated[str, Required()]
    remark: OptionalText = ""
    colour: Annotated[Colour, Choice(Colour)]
    size: Annotated[str, Choice([("s", "小"), ("l", "大")])] = "s"
    count: int = Field(ge=0)


def errors_of(**data: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        Sample.model_validate(data)
    return api_input.field_errors(raised.value.errors())


def test_clean_values_come_out_stripped_and_as_choices():
    sample = Sample.model_validate(
        {"title": " 标题 ", "note": "\t说明\n", "remark": "  ", "colour": "red", "count": 0}
    )
    assert (sample.title, sample.note, sample.remark) == ("标题", "说明", "")
    assert sample.colour is Colour.RED


def test_each_field_gets_its_own_chinese_message():
    fields = errors_of(title=" \u3000 ", note="", colour="green", count=-1, size="m")
    assert fields == {
        "title": "请填写标题。",
        "note": "请填写此项。",
        "colour": "请选择其一：red（红色）、blue（蓝色）。",
        "count": "不能小于 0。",
        "size": "请选择其一：s（小）、l（大）。",
    }


def test_too_long_absent_and_wrongly_typed_values():
    assert (
        Sample.model_validate({"title": " 五个字标题 ", "note": "说明", "colour": "blue", "count": 1}).title
        == "五个字标题"
    )
    fields = errors_of(title=" 六个字的标题", colour="red", count="三")
    assert fields == {"title": "不能超过 5 个字。", "note": "请填写此项。", "count": "请填写整数。"}


@pytest.mark.parametrize(
    ("location", "name"),
    [
        (("body", "payload", "agreement", "terms"), "agreement.terms"),
        (("body", "payload"), "payload"),
        (("form", "title"), "title"),
        (("query", "year"), "year"),
        ((), "body"),
    ],
)
def test_a_field_is_named_as_the_services_name_it(location, name):
    assert api_input.field_name(location) == name


def test_an_unknown_error_still_reads_in_chinese():
    assert api_input.message({"type": "something_new", "msg": "Value error"}) == "格式不正确。"
