"""The reports tests' fixtures, from the shared builders (fazhi.testing)."""

from fazhi.testing.reports import area, spelled_out_prompts  # noqa: F401
