"""The petitions list reads newest first by the day received, also when a letter is entered late."""

import datetime

from fazhi.petitions import selectors
from fazhi.testing.petitions import RECEIVED, register


def test_petitions_are_listed_newest_first_by_the_day_received(town):
    recent = register(town, received_on=RECEIVED)
    entered_late = register(town, received_on=RECEIVED - datetime.timedelta(days=20))
    older = register(town, received_on=RECEIVED - datetime.timedelta(days=10))
    assert list(selectors.petitions_for(town.clerk)) == [recent, older, entered_late]
