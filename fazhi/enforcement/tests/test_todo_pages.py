"""The 工作台, the sidebar's counts, the bell and the API read the one 待办 registry (issue 16, parts 1
and 2): what a person sees, how the due date is worded, the filters, another person's messages
hidden, the daily digest once a day through its channel."""

from __future__ import annotations

import datetime
import http.server
import json
import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command

from fazhi.core import channels
from fazhi.core import services as core_services
from fazhi.core.models import DigestDelivery, Notification
from fazhi.core.services.digest import send_daily_digests
from fazhi.enforcement import rules, services
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import TODAY, close, lead
from fazhi.testing.pages import client_for

DAY = datetime.timedelta(days=1)


def test_the_heads_workbench_lists_the_lead_with_its_step_and_link(town):
    case = lead(town)
    page = client_for(town.head).get("/").content.decode()
    assert 'data-testid="todos"' in page
    assert 'data-kind="lead"' in page
    assert "线索待立案" in page
    assert case.title in page
    assert f'href="/cases/{case.pk}/file/"' in page
    assert "立案须经行政机关负责人批准" in page
    # The sidebar counts the item beside 行政执法 and 工作台, once the page has loaded.
    assert 'hx-get="/nav/counts/?section=home"' in page
    sidebar = client_for(town.head).get("/nav/counts/?section=home").content.decode()
    assert 'data-testid="nav-count-cases">1<span class="visually-hidden"> 项待办</span>' in sidebar
    assert 'data-testid="nav-count-home"' in sidebar
    assert 'aria-current="page"' in sidebar
    assert "hx-get" not in sidebar
    officer_page = client_for(town.officer).get("/").content.decode()
    assert "暂无待办事项" in officer_page
    assert "nav-count" not in client_for(town.officer).get("/nav/counts/?section=<x>").content.decode()


def test_the_due_date_is_worded_in_working_days_left_or_days_overdue(town, investigated):
    client = client_for(town.officer)
    page = client.get("/").content.decode()
    assert "还剩" in page
    assert "个工作日" in page
    close(town, investigated)
    case = type(investigated).objects.get(pk=investigated.pk)
    case.clock_due = TODAY - 2 * DAY
    case.save(update_fields=["clock_due"])
    cache.clear()  # the clock moved without a service, so without the ledger event that versions the list
    page = client.get("/").content.decode()
    assert "已逾期 2 天" in page
    only_overdue = client.get("/?due=overdue").content.decode()
    assert 'data-kind="notice"' in only_overdue
    other_kind = client.get("/?kind=lead").content.decode()
    assert 'data-kind="notice"' not in other_kind
    assert "没有符合条件的待办" in other_kind
    # A filter that does not parse is dropped, not an error.
    assert client.get("/?kind=%00&due=never").status_code == 200


def test_a_team_lead_reads_the_teams_items(town, investigated):
    client = client_for(town.head)
    assert 'data-testid="team-link"' in client.get("/").content.decode()
    assert 'data-testid="team-link"' not in client_for(town.officer).get("/").content.decode()
    page = client.get("/?who=team").content.decode()
    assert 'data-testid="team-todos"' in page
    assert "张执法" in page
    assert "赵执法" in page


def test_the_tasks_api_returns_the_callers_items_with_the_named_fields(town, investigated):
    body = token_client(town, town.officer).get("/api/v1/tasks").json()
    assert len(body) == 1
    task = body[0]
    assert {"kind", "title", "record_type", "record_id", "step", "due_on", "overdue", "url"} <= set(task)
    assert task["kind"] == "investigation"
    assert (task["record_type"], task["record_id"], task["step"]) == (
        "case",
        investigated.pk,
        "close_investigation",
    )
    assert task["due_on"] == investigated.decision_due.isoformat()
    assert task["overdue"] is False
    assert task["url"] == f"/cases/{investigated.pk}/close-investigation/"
    client = token_client(town, town.officer)
    assert client.get("/api/v1/tasks?kind=lead").json() == []
    assert client.get("/api/v1/tasks?overdue=true").json() == []
    # Another town's administrator has their own town's work only (last year's report, in December).
    others = token_client(town, town.other_admin).get("/api/v1/tasks").json()
    assert [task["record_type"] for task in others if task["record_type"] == "case"] == []
    assert client.get("/api/v1/tasks?kind=" + "x" * 500).status_code == 422


def _remind(person, text="案件期限将届满", key="k"):
    core_services.notify([person], key=key, day=TODAY, text=text, url="/cases/")
    return Notification.objects.get(recipient=person, key=key)


def test_the_bell_counts_unread_messages_and_the_list_marks_them_read(town):
    note = _remind(town.officer)
    client = client_for(town.officer)
    page = client.get("/cases/").content.decode()
    assert 'data-testid="bell-count">1<' in page
    listing = client.get("/notifications/").content.decode()
    assert "案件期限将届满" in listing
    assert "未读" in listing
    client.post(f"/notifications/{note.pk}/read/", {"next": "list"})
    assert 'data-testid="bell-count"' not in client.get("/cases/").content.decode()
    _remind(town.officer, key="k2")
    _remind(town.officer, key="k3")
    client.post("/notifications/read/")
    assert not Notification.objects.filter(recipient=town.officer, read_at__isnull=True).exists()


def test_nobody_reads_or_marks_anothers_messages(town):
    note = _remind(town.officer)
    other = token_client(town, town.officer2)
    assert other.get("/api/v1/notifications").json() == []
    assert other.post(f"/api/v1/notifications/{note.pk}/read").status_code == 404
    client_for(town.officer2).post(f"/notifications/{note.pk}/read/")
    note.refresh_from_db()
    assert note.read_at is None
    own = token_client(town, town.officer)
    assert [n["text"] for n in own.get("/api/v1/notifications?unread=true").json()] == ["案件期限将届满"]
    assert own.post(f"/api/v1/notifications/{note.pk}/read").json()["unread"] is False
    for absurd in ("0", "99999999999999999", "-1"):
        assert own.post(f"/api/v1/notifications/{absurd}/read").status_code == 404


class Collecting:
    name = "test"

    def __init__(self, fail_for: str = "") -> None:
        self.sent: list[channels.Message] = []
        self.fail_for = fail_for

    def send(self, message: channels.Message) -> None:
        if message.name == self.fail_for:
            raise OSError("gateway down")
        self.sent.append(message)


def test_one_digest_a_day_per_person_with_their_items_and_reminders(town, investigated):
    lead(town, title="擅自搭建")
    _remind(town.officer)
    channel = Collecting()
    run = send_daily_digests(today=TODAY, channel=channel)
    by_name = {message.name: message.text for message in channel.sent}
    assert {"张执法", "赵执法", "李镇长"} <= set(by_name)
    assert run.sent == len(by_name)
    assert "待办 1 项" in by_name["张执法"]
    assert "今日新提醒 1 条" in by_name["张执法"]
    assert "擅自搭建" in by_name["李镇长"]
    assert "立案" in by_name["李镇长"]
    # Run again the same day: nobody gets a second message.
    again = Collecting()
    assert send_daily_digests(today=TODAY, channel=again).sent == 0
    assert again.sent == []
    assert DigestDelivery.objects.filter(day=TODAY).count() == run.sent


def test_a_failed_send_is_tried_again_on_the_next_run(town, investigated):
    failing = Collecting(fail_for="张执法")
    run = send_daily_digests(today=TODAY, channel=failing)
    assert run.failed == ["张执法"]
    assert not DigestDelivery.objects.filter(recipient=town.officer).exists()
    retry = Collecting()
    send_daily_digests(today=TODAY, channel=retry)
    assert [message.name for message in retry.sent] == ["张执法"]


class Gateway(http.server.BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Gateway.received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def gateway():
    server = http.server.HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Gateway.received = []
    yield f"http://127.0.0.1:{server.server_address[1]}/send"
    server.shutdown()


def test_the_gateway_channel_posts_the_phone_and_text(town, investigated, gateway, settings):
    town.officer.phone = "13800000000"
    town.officer.save(update_fields=["phone"])
    settings.NOTIFY_CHANNEL = "fazhi.core.channels.GatewayChannel"
    settings.NOTIFY_GATEWAY_URL = gateway
    run = send_daily_digests(today=TODAY)
    assert [body["phone"] for body in Gateway.received] == ["13800000000"]
    assert "调查终结（" in Gateway.received[0]["text"]
    # 赵执法 has no phone: logged and tried again later, not sent elsewhere.
    assert "赵执法" in run.failed


def test_the_command_sends_through_the_configured_channel(town, investigated, capsys, caplog):
    caplog.set_level("INFO", logger="fazhi.notifications")
    call_command("send_digests")
    sent = DigestDelivery.objects.filter(day=TODAY).count()
    assert sent >= 2
    assert f"已发送 {sent} 人" in capsys.readouterr().out
    assert any("张执法" in record.getMessage() for record in caplog.records)


def test_the_reminder_job_reaches_the_bell(town, investigated, on_day):
    case = type(investigated).objects.get(pk=investigated.pk)
    due = case.clock_due
    assert case.clock_key == rules.DECISION.key
    assert due is not None
    on_day(due - DAY)
    services.send_clock_reminders(today=due - DAY)
    page = client_for(town.officer).get("/cases/").content.decode()
    assert 'data-testid="bell-count">1<' in page
