"""Disclosure fixtures: the enforcement town with a decided case."""

from fazhi.testing.enforcement import decided, investigated, on_day, spot, town  # noqa: F401
