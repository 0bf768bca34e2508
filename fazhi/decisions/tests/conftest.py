"""Decision fixtures: the day the services believe it is, as for the enforcement clocks."""

from fazhi.testing.enforcement import on_day  # noqa: F401
