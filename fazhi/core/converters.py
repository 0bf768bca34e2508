"""The path converter of every record id in a URL, pages and API alike.

Django's `int` converter takes any run of digits, and a 20-digit id then overflows the database's
64-bit integer (a 500 on SQLite, an error on PostgreSQL). `id` takes at most 18 digits — every id the
database can hold that a town will ever reach — so an absurd one is simply a page that does not exist.
"""

from __future__ import annotations

from django.urls import register_converter


class RecordIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(RecordIdConverter, "id")
