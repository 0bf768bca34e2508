"""The demo's tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.prevention import fixed_today, on_day, town  # noqa: F401
