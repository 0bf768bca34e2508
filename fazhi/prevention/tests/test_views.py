"""The pages: the roster (the sidebar's entry) with its counts, filters and add form, a member's page
with their history and the end of service, the activity log with its filters, the record form and an
activity's page, the year's figures. Staff of another town get the same 404 as for a missing record;
a supervisor reads across their towns and writes nothing."""

import datetime

import pytest
from django.test import Client

from fazhi.prevention import services
from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.testing.prevention import TODAY, add, ledger_actions, record


def client_for(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def team(town):
    town.wang = add(town, phone="13800001111")
    town.li = add(town, name="李建国", role="veteran_party_member", village=town.shagou)
    town.cai = add(town, name="蔡春梅", role="safety_volunteer", joined_on=datetime.date(2022, 3, 1))
    services.end_service(town.mediator, town.cai, left_on=datetime.date(2025, 6, 30), reason="迁居市区")
    town.fraud = record(town, volunteers=[town.wang, town.li])
    town.patrol = record(
        town,
        kind="patrol",
        held_on=datetime.date(2026, 10, 3),
        place="小沙窝村主要街道",
        materials_handed_out=0,
        people_reached=0,
        volunteers=[town.li],
    )
    return town


def test_the_sidebar_entry_opens_the_roster_with_counts_and_the_add_form(team):
    page = client_for(team.mediator).get("/prevention/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "共 2 人（年度报告表述：2人）" in html
    assert "楼栋长 1 人" in html
    assert "老党员 1 人" in html
    assert html.index("王秀兰") < html.index("蔡春梅")
    assert "已退出" in html
    assert 'action="/prevention/volunteers/new/"' in html
    assert "13800001111" not in html


def test_the_roster_filters_by_role_and_village(team):
    client = client_for(team.mediator)
    by_role = client.get("/prevention/", {"role": "veteran_party_member"}).content.decode()
    assert "李建国" in by_role
    assert "王秀兰" not in by_role
    by_village = client.get("/prevention/", {"village": team.village.pk}).content.decode()
    assert "王秀兰" in by_village
    assert "李建国" not in by_village


def test_a_member_is_added_on_the_page_and_a_bad_one_is_refused_in_place(team):
    client = client_for(team.mediator)
    refused = client.post(
        "/prevention/volunteers/new/",
        {"name": "王秀兰", "role": "grid_worker", "village": team.village.pk, "joined_on": "2025-01-01"},
    )
    assert refused.status_code == 422
    assert "辛口村已有在册队员“王秀兰”，请勿重复登记。" in refused.content.decode()
    assert CommunityVolunteer.objects.count() == 3
    added = client.post(
        "/prevention/volunteers/new/",
        {
            "name": "周凤英",
            "role": "safety_volunteer",
            "village": team.community.pk,
            "joined_on": "2026-11-01",
        },
        follow=True,
    )
    assert "已登记队员周凤英。" in added.content.decode()
    member = CommunityVolunteer.objects.get(name="周凤英")
    assert member.village == team.community


def test_a_members_page_shows_the_phone_the_activities_and_the_verified_history(team):
    html = client_for(team.mediator).get(f"/prevention/volunteers/{team.wang.pk}/").content.decode()
    assert "13800001111" in html
    assert "反诈宣传" in html
    assert "登记群防群治队员" in html
    assert 'data-status="' in html
    assert f'href="/prevention/volunteers/{team.wang.pk}/end/"' in html


def test_the_end_of_service_on_the_page_refuses_a_date_before_joining(team):
    client = client_for(team.mediator)
    url = f"/prevention/volunteers/{team.wang.pk}/end/"
    refused = client.post(url, {"left_on": "2024-01-01", "reason": "迁居"})
    assert refused.status_code == 422
    assert "服务截止日期不能早于加入日期 2024-03-01。" in refused.content.decode()
    done = client.post(url, {"left_on": TODAY.isoformat(), "reason": "迁居市区"}, follow=True)
    assert "已办理王秀兰退出队伍。" in done.content.decode()
    team.wang.refresh_from_db()
    assert team.wang.left_on == TODAY
    again = client.get(f"/prevention/volunteers/{team.wang.pk}/").content.decode()
    assert "办理退出" not in again


def test_the_activity_log_filters_by_kind_and_month(team):
    client = client_for(team.mediator)
    everything = client.get("/prevention/activities/").content.decode()
    assert "辛口村文化广场" in everything
    assert "小沙窝村主要街道" in everything
    patrols = client.get("/prevention/activities/", {"kind": "patrol"}).content.decode()
    assert "辛口村文化广场" not in patrols
    october = client.get("/prevention/activities/", {"month": "2026-10"}).content.decode()
    assert "小沙窝村主要街道" in october
    assert "辛口村文化广场" not in october
    online = record(team, channel="sms", place="全镇（短信平台）")
    by_sms = client.get("/prevention/activities/", {"channel": "sms"}).content.decode()
    assert "全镇（短信平台）" in by_sms
    assert "辛口村文化广场" not in by_sms
    assert f'href="/prevention/activities/{online.pk}/"' in by_sms
    garbled = client.get("/prevention/activities/", {"month": "2026-13"})
    assert garbled.status_code == 200
    assert "月份格式应为" in garbled.content.decode()


def test_an_activity_is_recorded_from_the_serving_roster(team):
    client = client_for(team.mediator)
    form = client.get("/prevention/activities/new/").content.decode()
    assert "王秀兰（楼栋长 · 辛口村）" in form
    assert "蔡春梅" not in form
    refused = client.post(
        "/prevention/activities/new/",
        {
            "held_on": TODAY.isoformat(),
            "kind": "fire_safety",
            "channel": "on_site",
            "place": "辛口社区",
            "materials_handed_out": "-3",
            "people_reached": "40",
            "volunteers": [team.wang.pk],
        },
    )
    assert refused.status_code == 422
    assert "数量不能为负数。" in refused.content.decode()
    assert PreventionActivity.objects.count() == 2
    saved = client.post(
        "/prevention/activities/new/",
        {
            "held_on": TODAY.isoformat(),
            "kind": "fire_safety",
            "channel": "checkpoint",
            "place": "辛口社区",
            "description": "讲解冬季用火用电安全。",
            "materials_handed_out": "200",
            "people_reached": "150",
            "volunteers": [team.wang.pk, team.li.pk],
        },
        follow=True,
    )
    html = saved.content.decode()
    assert "已登记2026-11-28的消防安全宣传。" in html
    activity = PreventionActivity.objects.get(kind="fire_safety")
    assert set(activity.volunteers.all()) == {team.wang, team.li}
    assert "讲解冬季用火用电安全。" in html
    assert '<dt class="col-sm-3">渠道</dt><dd class="col-sm-9">卡口点位</dd>' in html
    assert "登记群防群治、普法宣传活动" in html


@pytest.mark.parametrize(
    ("channel", "message"),
    [("", "这个字段是必填项。"), ("telegram", "选择一个有效的选项。 telegram 不在可用的选项中。")],
)
def test_an_activity_without_a_known_channel_is_refused_in_place(team, channel, message):
    client = client_for(team.mediator)
    form = client.get("/prevention/activities/new/").content.decode()
    assert '<option value="" selected>请选择</option>' in form
    refused = client.post(
        "/prevention/activities/new/",
        {
            "held_on": TODAY.isoformat(),
            "kind": "anti_fraud",
            "channel": channel,
            "place": "辛口村疫情防控卡口",
            "materials_handed_out": "800",
            "people_reached": "650",
        },
    )
    assert refused.status_code == 422
    assert message in refused.content.decode()
    assert PreventionActivity.objects.count() == 2
    assert ledger_actions().count("prevention.activity.recorded") == 2


def test_the_year_page_states_the_figures_for_the_report(team):
    html = client_for(team.head).get("/prevention/statistics/", {"year": 2026}).content.decode()
    assert "2 人（表述：2人组建群防群治工作队伍）" in html
    assert "2 次，其中普法宣传 1 次" in html
    assert "300 份 / 260 人次" in html
    assert "10 月" in html


def test_another_town_gets_the_same_404_as_a_missing_record(team):
    client = client_for(team.other_admin)
    for url in (
        f"/prevention/volunteers/{team.wang.pk}/",
        f"/prevention/activities/{team.fraud.pk}/",
        "/prevention/volunteers/999999/",
    ):
        assert client.get(url).status_code == 404
    refused = client.post(
        f"/prevention/volunteers/{team.wang.pk}/end/", {"left_on": TODAY.isoformat(), "reason": "x"}
    )
    assert refused.status_code == 404
    team.wang.refresh_from_db()
    assert team.wang.left_on is None
    roster = client.get("/prevention/").content.decode()
    assert "王秀兰" not in roster


def test_a_supervisor_reads_across_the_towns_and_writes_nothing(team):
    client = client_for(team.supervisor)
    roster = client.get("/prevention/").content.decode()
    assert "王秀兰" in roster
    assert 'action="/prevention/volunteers/new/"' not in roster
    assert client.get(f"/prevention/activities/{team.fraud.pk}/").status_code == 200
    before = ledger_actions()
    assert client.post("/prevention/volunteers/new/", {"name": "某某"}).status_code == 403
    assert client.get("/prevention/activities/new/").status_code == 403
    assert ledger_actions() == before


def test_petition_staff_read_the_roster_and_an_officer_does_not(team):
    reader = client_for(team.petition_staff).get("/prevention/").content.decode()
    assert "王秀兰" in reader
    assert "登记队员" not in reader
    assert client_for(team.officer).get("/prevention/").status_code == 403
