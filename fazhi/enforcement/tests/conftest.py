"""The enforcement tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.enforcement import decided, investigated, on_day, spot, town  # noqa: F401
