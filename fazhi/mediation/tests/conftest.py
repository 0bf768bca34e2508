"""The mediation tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.mediation import town  # noqa: F401
