"""The governance tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.enforcement import on_day  # noqa: F401
from fazhi.testing.governance import task, town  # noqa: F401
