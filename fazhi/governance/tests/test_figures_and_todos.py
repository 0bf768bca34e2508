"""The report's 依法治镇 figures, each with the rows it counts, the 跟踪反馈不及时 prompt raised by the
data, and the 待办 items of a key task: each for its lead, nobody else, gone once done."""

import json

import pytest
from django.core.management import call_command

from fazhi.core import permissions, todos
from fazhi.core.figures import FIGURES, Scope, compute_all
from fazhi.core.todos import Seat
from fazhi.governance import services
from fazhi.governance.models import MeetingKind, SupervisionNotice
from fazhi.governance.todos import KINDS
from fazhi.reports import rules as report_rules
from fazhi.testing.governance import DEPLOYED, TODAY, days, register

TASK_FIGURES = ("key_tasks_deployed", "key_tasks_on_time", "key_tasks_late", "key_tasks_silent")


@pytest.fixture
def year(town):
    """One task done on time with regular 反馈, one late with regular 反馈, one silent since deployment;
    the daily job run today; a committee meeting and a 专题学法 recorded here."""
    on_time = register(town, title="按期完成的任务")
    services.report_feedback(town.lead, on_time, reported_on=DEPLOYED + days(10), text="推进中")
    services.complete_task(town.lead, on_time, completed_on=DEPLOYED + days(20), note="完成")
    late = register(town, title="逾期的任务", deadline=TODAY - days(1))
    services.report_feedback(town.lead, late, reported_on=DEPLOYED + days(20), text="推进中")
    services.report_feedback(town.lead, late, reported_on=TODAY, text="仍在推进")
    silent = register(town, title="未反馈的任务")
    services.raise_supervision(today=TODAY)
    for kind in (MeetingKind.COMMITTEE, MeetingKind.STUDY):
        services.record_meeting(
            town.admin,
            services.MeetingInput(
                kind=kind, held_on=TODAY, title="会议", topics="议题", decisions="决定", attendees=[town.head]
            ),
        )
    return {"on_time": on_time, "late": late, "silent": silent}


def rows(key, town):
    return list(FIGURES[key].drill_down(Scope(town.town, DEPLOYED.year)))


def test_each_figure_counts_the_rows_it_lists(town, year):
    values = compute_all(Scope(town.town, DEPLOYED.year))
    assert values["key_tasks_deployed"].value == 3
    assert rows("key_tasks_on_time", town) == [year["on_time"]]
    assert rows("key_tasks_late", town) == [year["late"]]
    assert rows("key_tasks_silent", town) == [year["silent"]]
    assert values["supervision_notices"].value == 2
    assert {notice.cause for notice in rows("supervision_notices", town)} == {"late", "silent"}
    # The 专题学法 recorded here is left to the learning app's figure.
    assert values["governance_meetings"].value == 1
    assert values["key_tasks_silent"].display == "1项"


def test_the_committee_is_stated_as_recorded(town):
    scope = Scope(town.town, TODAY.year)
    assert FIGURES["governance_committee"].compute(scope).display == "尚未成立全面依法治镇委员会"
    services.set_committee(town.admin, name="辛口镇党委全面依法治镇委员会", established_on=TODAY)
    assert FIGURES["governance_committee"].compute(scope).display == "成立了辛口镇党委全面依法治镇委员会"
    district = FIGURES["governance_committee"].compute(Scope(town.district, TODAY.year))
    assert district.display == "成立了辛口镇党委全面依法治镇委员会"


def test_the_prompt_is_raised_by_tasks_without_feedback(town, year):
    prompt = report_rules.PROMPTS_BY_KEY["key_tasks_silent"]
    assert "跟踪反馈不及时" in prompt.shortcoming
    assert prompt.shows(compute_all(Scope(town.town, DEPLOYED.year)))
    services.set_silent_days(town.admin, days=60)
    assert not prompt.shows(compute_all(Scope(town.town, DEPLOYED.year)))


def test_the_report_json_labels_name_the_key_tasks_and_the_notices(town, year, tmp_path):
    out = tmp_path / "report.json"
    call_command("annual_report", org="辛口镇", year=DEPLOYED.year, json=str(out))
    figures = {item["key"]: item for item in json.loads(out.read_text(encoding="utf-8"))["figures"]}
    for key in TASK_FIGURES:
        assert "重点工作" in figures[key]["label"]
    assert "督办" in figures["supervision_notices"]["label"]
    assert figures["supervision_notices"]["value"] == 2
    assert "默认30天" in figures["key_tasks_silent"]["source"]


def test_the_figures_with_nothing_to_count_still_write_their_query(town, tmp_path):
    out = tmp_path / "report.json"
    call_command("annual_report", org="辛口镇", year=DEPLOYED.year, json=str(out))
    figures = {item["key"]: item for item in json.loads(out.read_text(encoding="utf-8"))["figures"]}
    assert figures["key_tasks_silent"]["value"] == 0


def seat(town, staff):
    return Seat(town_ids=(town.town.pk,), roles=permissions.roles_of(staff), staff=staff)


def other_seat(town, staff):
    return Seat(town_ids=(town.other_town.pk,), roles=permissions.roles_of(staff), staff=staff)


def governance_items(seat, day):
    """The seat's 依法治镇 items: other apps' (last year's annual report, say) are their own tests'."""
    return [todo for todo in todos.gather(seat, day) if todo.kind in {kind.code for kind in KINDS}]


def kinds_of(found):
    return [(todo.kind, todo.record_id) for todo in found]


def test_a_task_due_for_its_feedback_is_its_leads_until_reported(town, task):
    # Deployed 40 days ago, never reported on: its 反馈 was due ten days ago.
    [item] = governance_items(seat(town, town.lead), TODAY)
    assert (item.kind, item.record_id, item.step) == ("key_task_feedback", task.pk, "feedback")
    assert item.overdue(TODAY)
    assert todos.kind(item.kind).label == "重点工作反馈"
    assert governance_items(seat(town, town.officer), TODAY) == []
    assert governance_items(seat(town, town.head), TODAY) == []
    assert governance_items(other_seat(town, town.other_head), TODAY) == []
    services.report_feedback(town.lead, task, reported_on=TODAY, text="已启动")
    assert governance_items(seat(town, town.lead), TODAY) == []


def test_an_open_notice_is_the_leads_until_answered(town, task):
    services.report_feedback(town.lead, task, reported_on=TODAY, text="已启动")
    services.head_act(town.head, task, kind="supervise", acted_on=TODAY, note="请加快进度")
    [item] = governance_items(seat(town, town.lead), TODAY)
    assert (item.kind, item.step) == ("supervision", "answer")
    assert item.due_on == TODAY + days(7)
    assert governance_items(seat(town, town.clerk), TODAY) == []
    assert governance_items(seat(town, town.officer), TODAY) == []
    assert governance_items(other_seat(town, town.other_head), TODAY) == []
    notice = SupervisionNotice.objects.get()
    services.answer_notice(town.lead, notice, answered_on=TODAY, response="已整改")
    assert governance_items(seat(town, town.lead), TODAY) == []


def test_an_unanswered_notice_past_its_day_is_the_heads_to_follow_up(town, task):
    services.report_feedback(town.lead, task, reported_on=TODAY, text="已启动")
    services.head_act(town.head, task, kind="supervise", acted_on=TODAY, note="请加快进度")
    later = TODAY + days(8)
    [item] = [
        todo
        for todo in governance_items(seat(town, town.head), later)
        if todo.kind == "supervision_follow_up"
    ]
    assert (item.step, item.why) == ("act", "由负责人办理")
    assert "刘主任未答复督办" in item.title
    assert [todo.kind for todo in governance_items(seat(town, town.lead), later)] == ["supervision"]
    assert governance_items(seat(town, town.officer), later) == []
    assert governance_items(other_seat(town, town.other_head), later) == []
    assert governance_items(seat(town, town.head), TODAY) == []
    services.answer_notice(town.lead, SupervisionNotice.objects.get(), answered_on=TODAY, response="已整改")
    assert governance_items(seat(town, town.head), later) == []


def test_a_town_seat_sees_every_leads_items(town, task):
    found = governance_items(Seat(town_ids=(town.town.pk,), roles=frozenset({"admin"}), staff=None), TODAY)
    assert kinds_of(found) == [("key_task_feedback", task.pk)]
    assert found[0].why == "牵头人：刘主任"
