"""The roster and the activity log are written by the services only: a member added, their service
ended, an activity recorded, each with its ledger event. Every bad input is refused with a Chinese
message naming the field, and nothing is written."""

import datetime

import pytest

from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied
from fazhi.ledger.models import Event
from fazhi.prevention import services
from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.testing.prevention import TODAY, add, ledger_actions, record


def test_a_member_is_added_to_the_town_with_a_ledger_event_that_hides_the_phone(town):
    member = add(town, phone="13800001111")
    assert member.organisation == town.town
    assert member.village == town.village
    assert member.left_on is None
    event = Event.objects.get(action="prevention.volunteer.added")
    assert event.actor == town.mediator
    assert event.organisation == town.town
    assert '"name":"王秀兰"' in event.entry
    assert "13800001111" not in event.entry
    assert "phone_sha256" in event.entry


def test_a_community_counts_as_a_place_of_service_and_the_head_may_add(town):
    member = add(town, actor=town.head, village=town.community, role="grid_worker")
    assert member.village.name == "辛口社区"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"village": None}, "village", "请选择本镇（街道）的村（社区）。"),
        ({"joined_on": TODAY + datetime.timedelta(days=1)}, "joined_on", "加入日期不能晚于今天。"),
        ({"phone": "call me"}, "phone", "联系电话格式不正确。"),
    ],
)
def test_bad_member_input_is_refused_and_nothing_changes(town, overrides, field, message):
    with pytest.raises(InvalidInput, match="队员信息有误") as raised:
        add(town, **overrides)
    assert raised.value.field_errors[field] == message
    assert not CommunityVolunteer.objects.exists()
    assert ledger_actions() == []


def test_a_village_of_another_town_or_a_department_is_not_a_place_of_service(town):
    for place in (town.other_village, town.enforcement_team, town.town):
        with pytest.raises(InvalidInput) as raised:
            add(town, village=place)
        assert raised.value.field_errors["village"] == "请选择本镇（街道）的村（社区）。"
    assert not CommunityVolunteer.objects.exists()


def test_the_same_name_in_the_same_village_is_registered_once_while_serving(town):
    first = add(town)
    with pytest.raises(InvalidInput) as raised:
        add(town, name="王秀兰", role="safety_volunteer")
    assert raised.value.field_errors["name"] == "辛口村已有在册队员“王秀兰”，请勿重复登记。"
    assert CommunityVolunteer.objects.count() == 1
    assert ledger_actions() == ["prevention.volunteer.added"]
    # The same name in another village is another person; after leaving, one may join again.
    add(town, village=town.shagou)
    services.end_service(town.mediator, first, left_on=TODAY, reason="迁居市区")
    add(town, joined_on=TODAY)
    assert CommunityVolunteer.objects.filter(name="王秀兰").count() == 3


def test_only_the_keepers_of_the_roster_write_it(town):
    for actor in (town.officer, town.petition_staff, town.supervisor):
        with pytest.raises(PermissionDenied):
            add(town, actor=actor)
    assert not CommunityVolunteer.objects.exists()
    assert ledger_actions() == []


def test_service_ends_once_with_its_date_and_reason(town):
    member = add(town)
    services.end_service(town.mediator, member, left_on=TODAY, reason="迁居市区")
    member.refresh_from_db()
    assert member.left_on == TODAY
    assert member.left_reason == "迁居市区"
    assert ledger_actions() == ["prevention.volunteer.added", "prevention.volunteer.service_ended"]
    with pytest.raises(InvalidInput, match="王秀兰已于 2026-11-28 退出队伍，不能重复办理。"):
        services.end_service(town.mediator, member, left_on=TODAY, reason="再次退出")
    member.refresh_from_db()
    assert member.left_reason == "迁居市区"
    assert len(ledger_actions()) == 2


@pytest.mark.parametrize(
    ("left_on", "reason", "field", "message"),
    [
        (datetime.date(2024, 2, 29), "迁居", "left_on", "服务截止日期不能早于加入日期 2024-03-01。"),
        (TODAY + datetime.timedelta(days=1), "迁居", "left_on", "服务截止日期不能晚于今天。"),
    ],
)
def test_bad_end_of_service_is_refused_and_nothing_changes(town, left_on, reason, field, message):
    member = add(town)
    with pytest.raises(InvalidInput, match="退出信息有误") as raised:
        services.end_service(town.mediator, member, left_on=left_on, reason=reason)
    assert raised.value.field_errors[field] == message
    member.refresh_from_db()
    assert member.left_on is None
    assert ledger_actions() == ["prevention.volunteer.added"]


def test_service_cannot_end_before_an_activity_the_member_took_part_in(town):
    member = add(town)
    record(town, held_on=TODAY - datetime.timedelta(days=2), volunteers=[member])
    with pytest.raises(InvalidInput) as raised:
        services.end_service(town.mediator, member, left_on=TODAY - datetime.timedelta(days=3), reason="迁居")
    assert (
        raised.value.field_errors["left_on"] == "该队员参加了 2026-11-26 的活动，服务截止日期不能早于该日。"
    )
    member.refresh_from_db()
    assert member.left_on is None


def test_another_towns_member_is_hidden_from_the_end_of_service(town):
    member = add(town)
    with pytest.raises(NotFoundOrHidden):
        services.end_service(town.other_admin, member, left_on=TODAY, reason="迁居")
    member.refresh_from_db()
    assert member.left_on is None


def test_an_activity_is_recorded_with_its_members_and_a_ledger_event(town):
    first = add(town)
    second = add(town, name="李建国", role="veteran_party_member")
    activity = record(town, volunteers=[first, second, first])
    assert activity.organisation == town.town
    assert activity.is_publicity is True
    assert sorted(activity.volunteers.values_list("name", flat=True)) == ["李建国", "王秀兰"]
    event = Event.objects.get(action="prevention.activity.recorded")
    assert f'"volunteers":[{first.pk},{second.pk}]' in event.entry
    assert '"materials_handed_out":300' in event.entry
    assert '"channel":"on_site"' in event.entry
    patrol = record(town, kind="patrol", materials_handed_out=0, people_reached=0)
    assert patrol.is_publicity is False


def test_an_activity_keeps_the_channel_it_went_through(town):
    online = record(town, channel="wechat", place="各村微信群")
    assert PreventionActivity.objects.get(pk=online.pk).get_channel_display() == "微信群、朋友圈"
    assert '"channel":"wechat"' in Event.objects.get(action="prevention.activity.recorded").entry


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"held_on": TODAY + datetime.timedelta(days=1)},
            "held_on",
            "活动日期不能晚于今天：只登记已经开展的活动。",
        ),
        ({"materials_handed_out": -1}, "materials_handed_out", "数量不能为负数。"),
        ({"people_reached": -5}, "people_reached", "数量不能为负数。"),
        ({"people_reached": 1_000_001}, "people_reached", "数量过大（超过 1000000），请核对。"),
        (
            {"channel": "telegram"},
            "channel",
            "请选择活动渠道（现场活动、短信、微信群和朋友圈、卡口点位、广播或其他）。",
        ),
        (
            {"channel": ""},
            "channel",
            "请选择活动渠道（现场活动、短信、微信群和朋友圈、卡口点位、广播或其他）。",
        ),
    ],
)
def test_bad_activity_input_is_refused_and_nothing_changes(town, overrides, field, message):
    with pytest.raises(InvalidInput, match="活动信息有误") as raised:
        record(town, **overrides)
    assert raised.value.field_errors[field] == message
    assert not PreventionActivity.objects.exists()
    assert ledger_actions() == []


def test_a_member_not_serving_on_the_day_cannot_take_part(town):
    newcomer = add(town, name="周凤英", joined_on=TODAY - datetime.timedelta(days=1))
    former = add(town, name="蔡春梅", joined_on=datetime.date(2023, 3, 1))
    services.end_service(town.mediator, former, left_on=datetime.date(2026, 6, 30), reason="迁居市区")
    with pytest.raises(InvalidInput) as raised:
        record(town, held_on=TODAY - datetime.timedelta(days=2), volunteers=[newcomer, former])
    assert raised.value.field_errors["volunteers"] == "周凤英、蔡春梅 在 2026-11-26 不在服务期内。"
    assert not PreventionActivity.objects.exists()
    # Both ends of the period are days of service.
    record(town, held_on=datetime.date(2026, 6, 30), volunteers=[former])
    record(town, held_on=TODAY - datetime.timedelta(days=1), volunteers=[newcomer])
    assert PreventionActivity.objects.count() == 2


def test_a_member_of_another_town_cannot_take_part(town):
    theirs = services.add_volunteer(
        town.other_admin,
        name="杨某某",
        role="safety_volunteer",
        village=town.other_village,
        joined_on=datetime.date(2024, 1, 1),
    )
    with pytest.raises(InvalidInput) as raised:
        record(town, volunteers=[theirs])
    assert raised.value.field_errors["volunteers"] == "参加队员应为本镇（街道）的群防群治队员。"
    assert not PreventionActivity.objects.exists()
    assert ledger_actions() == ["prevention.volunteer.added"]


def test_a_member_ended_after_being_read_is_checked_afresh(town):
    member = add(town)
    stale = CommunityVolunteer.objects.get(pk=member.pk)
    services.end_service(town.mediator, member, left_on=datetime.date(2026, 10, 31), reason="迁居")
    with pytest.raises(InvalidInput):
        record(town, volunteers=[stale])
    assert not PreventionActivity.objects.exists()


def test_only_the_keepers_of_the_roster_record_activities(town):
    for actor in (town.officer, town.petition_staff, town.supervisor):
        with pytest.raises(PermissionDenied):
            record(town, actor=actor)
    assert not PreventionActivity.objects.exists()
