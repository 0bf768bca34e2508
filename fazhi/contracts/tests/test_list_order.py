"""The register reads newest first by the day the materials were complete."""

from fazhi.contracts import selectors
from fazhi.testing.contracts import TODAY, days, register


def test_the_register_lists_contracts_newest_first_by_the_day_received(town):
    recent = register(town, received_on=TODAY)
    entered_late = register(town, title="物业服务合同", received_on=TODAY - days(20))
    older = register(town, title="保洁服务合同", received_on=TODAY - days(10))
    listed = selectors.register(town.admin, selectors.ContractFilters(), today=TODAY)
    assert list(listed) == [recent, older, entered_late]
