"""Today's records of each area, on top of the demo town and its 2020: what a user finds waiting when
they first log in (cases at every stage, publications, contracts under review, visits to the centre,
petitions, the prevention team as it stands)."""

from __future__ import annotations

from collections.abc import Callable

from fazhi.demo.today import (
    contracts,
    decisions,
    disclosure,
    enforcement,
    learning,
    mediation,
    petitions,
    prevention,
)
from fazhi.demo.town import DemoTown

# In this order: publications are of enforcement's decisions; every area reads the town as set up.
LOADERS: list[Callable[[DemoTown], None]] = [
    enforcement.load,
    disclosure.load,
    contracts.load,
    learning.load,
    decisions.load,
    mediation.load,
    petitions.load,
    prevention.load,
]
