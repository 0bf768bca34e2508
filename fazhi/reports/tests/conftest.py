"""The reports tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.reports import area  # noqa: F401
