"""Disclosure fixtures: the enforcement town with a decided case."""

from fazhi.enforcement.tests.conftest import decided, investigated, on_day, town  # noqa: F401
