"""The disputes list reads newest first by the day received, also when a visit is entered late."""

import datetime

from fazhi.mediation import selectors
from fazhi.testing.mediation import TODAY, visit


def test_disputes_are_listed_newest_first_by_the_day_received(town):
    recent = visit(town, received_on=TODAY)
    entered_late = visit(town, received_on=TODAY - datetime.timedelta(days=20))
    older = visit(town, received_on=TODAY - datetime.timedelta(days=10))
    assert list(selectors.disputes_for(town.mediator)) == [recent, older, entered_late]
