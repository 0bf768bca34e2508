"""The report's publicity figures counted from rows made here: the channels the year's publicity went
through, worded as the report words them, and the drill-down listing exactly the rows counted, with
their channel. Another town's events, another year's and patrols (even at a checkpoint) are not
counted."""

import datetime

from fazhi.core.figures import FIGURES, Scope
from fazhi.testing.prevention import record

CHANNEL_COLUMN = [column.header for column in FIGURES["publicity_by_channel"].columns].index("渠道")


def test_the_years_publicity_is_worded_by_channel_in_the_order_of_the_choices(town):
    counted = [
        record(town, held_on=datetime.date(2026, 2, 10), channel="sms", kind="anti_fraud"),
        record(town, held_on=datetime.date(2026, 2, 11), channel="wechat", kind="legal_publicity"),
        record(town, held_on=datetime.date(2026, 3, 18), channel="checkpoint", kind="anti_fraud"),
        record(town, held_on=datetime.date(2026, 4, 8), channel="checkpoint", kind="fire_safety"),
        record(town, held_on=datetime.date(2026, 11, 11), channel="on_site", kind="anti_fraud"),
    ]
    record(town, held_on=datetime.date(2026, 2, 12), channel="checkpoint", kind="other")
    record(town, held_on=datetime.date(2026, 6, 10), channel="on_site", kind="patrol")
    record(town, held_on=datetime.date(2025, 12, 31), channel="broadcast", kind="legal_publicity")
    record(town, actor=town.other_admin, channel="broadcast", kind="fire_safety")
    scope = Scope(town.town, 2026)
    figure = FIGURES["publicity_by_channel"]
    value = figure.compute(scope)
    assert value.value == value.display == "现场活动1次、短信1次、微信群和朋友圈1次、卡口点位2次"
    assert value.label == "宣传活动渠道（报告表述）"
    rows = list(figure.drill_down(scope))
    assert rows == counted
    assert [figure.columns[CHANNEL_COLUMN].value(row) for row in rows] == [
        "短信",
        "微信群、朋友圈",
        "卡口点位",
        "卡口点位",
        "现场活动",
    ]
    # The same rows as the count and the sum of the report's sentence.
    assert list(FIGURES["publicity_events"].drill_down(scope)) == rows
    assert FIGURES["publicity_events"].compute(scope).value == 5


def test_a_year_without_publicity_says_so(town):
    record(town, held_on=datetime.date(2026, 6, 10), channel="on_site", kind="patrol")
    record(town, held_on=datetime.date(2025, 6, 10), channel="sms", kind="anti_fraud")
    value = FIGURES["publicity_by_channel"].compute(Scope(town.town, 2026))
    assert value.display == "全年未开展宣传活动"
    assert list(FIGURES["publicity_by_channel"].drill_down(Scope(town.town, 2026))) == []


def test_a_district_counts_the_channels_of_its_towns(town):
    record(town, channel="sms")
    record(town, actor=town.other_admin, channel="sms")
    record(town, actor=town.other_admin, channel="broadcast")
    assert FIGURES["publicity_by_channel"].compute(Scope(town.district, 2026)).display == "短信2次、广播1次"
