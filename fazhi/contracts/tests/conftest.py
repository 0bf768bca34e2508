"""The contracts tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.contracts import submitted, town  # noqa: F401
from fazhi.testing.enforcement import on_day  # noqa: F401
