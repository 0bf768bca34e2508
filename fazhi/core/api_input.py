"""The shape of what the API accepts, checked before a service runs: the text types every app's input
schemas use, and the Chinese message beside each field that does not fit (the API's validation error
handler, fazhi/api/urls.py). A service then receives clean values — stripped, present, of the right
kind and length — and keeps only the rules of the law and of the records."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

from django.db.models import Choices
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

REQUIRED = "请填写此项。"


class Required:
    """Schema metadata for text the user must give: surrounding spaces are removed, then a value left
    blank gets `message` — the field's own words where a user needs more than "请填写此项" — and one
    longer than `max_length` (the model column's) is refused."""

    def __init__(self, message: str = REQUIRED, *, max_length: int | None = None) -> None:
        self.message = message
        self.max_length = max_length

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: str) -> str:
        value = value.strip()
        if not value:
            raise PydanticCustomError("blank", self.message)
        if self.max_length is not None and len(value) > self.max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": self.max_length})
        return value


class Choice:
    """Schema metadata for a value from a fixed list — a model's choices, or (value, label) pairs for a
    field typed as plain text: anything else gets `message`, or by default the list itself, each code
    with the words a user knows it by."""

    def __init__(self, choices: type[Choices] | Sequence[tuple[str, str]], message: str = "") -> None:
        pairs = choices.choices if isinstance(choices, type) else list(choices)
        self.values = {value for value, _label in pairs}
        listed = "、".join(f"{value}（{label}）" for value, label in pairs)
        self.message = message or f"请选择其一：{listed}。"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_wrap_validator_function(self.check, handler(source))

    def check(self, value: Any, validate: Callable[[Any], Any]) -> Any:
        try:
            chosen = validate(value)
        except ValidationError:
            raise PydanticCustomError("choice", self.message) from None
        if chosen not in self.values:
            raise PydanticCustomError("choice", self.message)
        return chosen


class Between:
    """Schema metadata for a whole number in [low, high]: anything else gets `message`, and the OpenAPI
    document states the range, so a client (and the fuzzer in CI) knows it before asking."""

    def __init__(self, low: int, high: int, message: str) -> None:
        self.low, self.high, self.message = low, high, message

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.update(minimum=self.low, maximum=self.high)
        return json_schema

    def check(self, value: int) -> int:
        if not self.low <= value <= self.high:
            raise PydanticCustomError("between", self.message)
        return value


# A record's id given in a body or a query: at most 18 digits, as in a URL (core.converters), so an
# absurd one is refused here rather than overflowing the database's 64-bit integer.
MAX_RECORD_ID = 10**18 - 1
RecordId = Annotated[int, Between(1, MAX_RECORD_ID, "没有这个编号的记录。")]
# Text the user may leave empty: surrounding spaces removed.
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
# Messages the schema metadata above writes itself.
OWN_MESSAGES = {"blank", "choice", "between"}

MESSAGES = {
    "missing": REQUIRED,
    "string_too_short": REQUIRED,
    "string_too_long": "不能超过 %(max_length)s 个字。",
    "enum": "请选择有效的选项：%(expected)s。",
    "literal_error": "请选择有效的选项：%(expected)s。",
    "date_parsing": "请填写有效的日期，如 2026-03-01。",
    "date_from_datetime_parsing": "请填写有效的日期，如 2026-03-01。",
    "date_from_datetime_inexact": "请填写日期，不带时间，如 2026-03-01。",
    "date_type": "请填写有效的日期，如 2026-03-01。",
    "datetime_parsing": "请填写有效的时间，如 2026-03-01T09:30:00+08:00。",
    "datetime_from_date_parsing": "请填写有效的时间，如 2026-03-01T09:30:00+08:00。",
    "datetime_type": "请填写有效的时间，如 2026-03-01T09:30:00+08:00。",
    "int_parsing": "请填写整数。",
    "int_type": "请填写整数。",
    "int_from_float": "请填写整数。",
    "decimal_parsing": "请填写数字。",
    "decimal_type": "请填写数字。",
    "greater_than_equal": "不能小于 %(ge)s。",
    "greater_than": "应大于 %(gt)s。",
    "less_than_equal": "不能大于 %(le)s。",
    "less_than": "应小于 %(lt)s。",
    "bool_parsing": "请填写 true 或 false。",
    "bool_type": "请填写 true 或 false。",
    "list_type": "应为列表。",
    "too_short": "至少 %(min_length)s 项。",
    "too_long": "至多 %(max_length)s 项。",
    "string_type": "应为文字。",
    "dict_type": "应为对象。",
    "model_type": "应为对象。",
    "json_invalid": "请求内容不是有效的 JSON。",
}
OTHERWISE = "格式不正确。"


def field_name(location: Sequence[Any]) -> str:
    """The field an error is about, as the services name it: `title`, `agreement.terms`; not the
    body parameter's own name nor where the value came from."""
    parts = [str(part) for part in location]
    if parts[:1] == ["body"]:
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts[:1] in (["query"], ["path"], ["form"]):
        parts = parts[1:]
    return ".".join(parts) or "body"


def message(error: Mapping[str, Any]) -> str:
    """The Chinese message for one of pydantic's errors."""
    kind = str(error.get("type", ""))
    if kind in OWN_MESSAGES:
        return str(error.get("msg", OTHERWISE))
    template = MESSAGES.get(kind, OTHERWISE)
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template % context if context else template.replace("%%", "%")
    except (KeyError, ValueError):
        return OTHERWISE


def field_errors(errors: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Each field's first error, in Chinese."""
    found: dict[str, str] = {}
    for error in errors:
        found.setdefault(field_name(error.get("loc", ())), message(error))
    return found
