"""The demo year's tables and the driver that replays them: every row names a service the driver knows,
every reference points at the town or at a record an earlier row created, and a row's values are read
as the service's own types."""

import datetime
from pathlib import Path

import pytest

from fazhi.demo import replay
from fazhi.mediation.services import FollowUpInput

TABLES = Path(replay.__file__).parent / "year2020"
KNOWN_PREFIXES = ("@staff:", "@org:", "@category:")


def references(value):
    if isinstance(value, str) and value.startswith("@"):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def test_every_row_names_a_known_step_in_time_order_and_refers_only_to_what_came_before():
    rows = replay.rows_of(TABLES)
    assert len(rows) > 1600
    assert [row["n"] for row in rows] == sorted({row["n"] for row in rows})
    days = [row["day"] for row in rows]
    assert days == sorted(days)
    assert {day[:4] for day in days} == {"2020"}
    created: set[str] = set()
    for row in rows:
        assert row["step"] in replay.STEPS, row["n"]
        for reference in references({k: v for k, v in row.items() if k != "creates"}):
            record = reference.partition(".")[0]
            assert reference.startswith(KNOWN_PREFIXES) or record in created, (row["n"], reference)
        if "creates" in row:
            created.add(row["creates"])


def test_a_row_is_read_as_the_services_own_types():
    follow_up = replay.Records.__new__(replay.Records).build(
        FollowUpInput,
        {
            "visited_on": "2020-08-03",
            "method": "phone",
            "performance": "full",
            "satisfaction": "satisfied",
            "note": "来访人对处理结果满意。",
        },
    )
    assert follow_up.visited_on == datetime.date(2020, 8, 3)
    assert follow_up.note == "来访人对处理结果满意。"


def test_a_row_naming_an_unknown_step_is_refused_by_its_number():
    with pytest.raises(ValueError, match=r"row 7 names no known step: enforcement\.delete_everything"):
        replay.take(
            replay.Records.__new__(replay.Records),
            {"n": 7, "day": "2020-01-02", "step": "enforcement.delete_everything"},
        )
