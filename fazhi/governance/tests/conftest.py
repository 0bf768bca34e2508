"""The governance tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.governance import task, town  # noqa: F401
