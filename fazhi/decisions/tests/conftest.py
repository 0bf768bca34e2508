"""Decision fixtures: the day the services believe it is, as for the enforcement clocks."""

from fazhi.enforcement.tests.conftest import on_day  # noqa: F401
