"""The contracts tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.contracts import submitted, town  # noqa: F401
