"""The petitions tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.petitions import on_day, town  # noqa: F401
