"""The petition pages: registration, the list's deadline warnings, each step's form with the law's
refusals shown in place, the 处理意见书 .docx in the official layout, the key matters board, the party
page, and what another town and a supervisor may do."""

from __future__ import annotations

import datetime
import io

import docx
from django.test import Client
from docx.shared import Pt

from fazhi.ledger.models import Event
from fazhi.petitions import services
from fazhi.petitions.models import Petition, PetitionStatus
from fazhi.testing.pages import chosen_rows
from fazhi.testing.petitions import RECEIVED, accept, opinion_input, register, snapshot

DAY = datetime.timedelta(days=1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_registration_on_the_page_refuses_six_representatives_of_a_visit_in_place(town):
    clerk = client_for(town.clerk)
    fields = {
        "received_on": RECEIVED.isoformat(),
        "channel": "visit",
        "person_count": "30",
        **chosen_rows("petitioners", town.villagers[:6]),
        "request": "要求修复道路。",
        "facts_and_reasons": "道路破损。",
    }
    refused = clerk.post("/petitions/new/", fields)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "代表人数不超过5人；本次登记了 6 名代表。（依据：信访工作条例 第二十条）" in page
    assert not Petition.objects.exists()
    del fields["petitioners-5"]
    saved = clerk.post("/petitions/new/", fields, follow=True)
    petition = Petition.objects.get()
    assert (
        f"已登记，查询码 {petition.tracking_number}；应于 2026-06-16 前书面告知是否受理。"
        in saved.content.decode()
    )
    assert petition.person_count == 30


def test_the_list_warns_of_periods_due_soon_and_overdue_and_filters_them(town, on_day):
    waiting = register(town, request="等待告知是否受理的事项")
    handling = accept(town, register(town, request="办理中已超期的事项"))
    on_day(RECEIVED + 12 * DAY)
    page = client_for(town.clerk).get("/petitions/").content.decode()
    assert "告知是否受理 2026-06-16" in page
    assert "即将到期" in page
    on_day(RECEIVED + 70 * DAY)
    listing = client_for(town.clerk)
    overdue = listing.get("/petitions/", {"state": "overdue"}).content.decode()
    assert "办理中已超期的事项" in overdue
    assert "等待告知是否受理的事项" in overdue
    assert overdue.count("已超期</span>") == 2
    services.issue_opinion(
        town.clerk, handling, opinion_input(issued_on=RECEIVED + 70 * DAY, served_on=RECEIVED + 70 * DAY)
    )
    overdue = listing.get("/petitions/", {"state": "overdue"}).content.decode()
    assert "办理中已超期的事项" not in overdue
    concluded = listing.get("/petitions/", {"state": "concluded"}).content.decode()
    assert "超期办结" in concluded
    assert "等待告知是否受理的事项" not in concluded
    assert waiting.status == PetitionStatus.RECEIVED


def test_a_late_notice_on_the_page_is_refused_with_article_23_and_nothing_changes(town, on_day):
    petition = register(town)
    on_day(RECEIVED + 20 * DAY)
    before = snapshot(petition)
    refused = client_for(town.clerk).post(
        f"/petitions/{petition.pk}/accept/",
        {"decided_on": (RECEIVED + DAY).isoformat(), "notice_on": (RECEIVED + 20 * DAY).isoformat()},
    )
    assert refused.status_code == 422
    assert "告知期限至 2026-06-16" in refused.content.decode()
    assert "（依据：信访工作条例 第二十三条）" in refused.content.decode()
    assert snapshot(petition) == before


def test_only_the_head_extends_on_the_page_and_not_beyond_30_days(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 40 * DAY)
    fields = {
        "days": "31",
        "reason": "涉及区交通部门立项。",
        "approved_on": (RECEIVED + 40 * DAY).isoformat(),
        "notice_on": (RECEIVED + 40 * DAY).isoformat(),
    }
    assert client_for(town.clerk).post(f"/petitions/{petition.pk}/extend/", fields).status_code == 403
    head = client_for(town.head)
    refused = head.post(f"/petitions/{petition.pk}/extend/", fields)
    assert refused.status_code == 422
    assert (
        "延长办理期限不得超过30日，申请延长 31 日。（依据：信访工作条例 第三十四条）"
        in refused.content.decode()
    )
    assert not Event.objects.filter(action="petitions.petition.extended").exists()
    saved = head.post(f"/petitions/{petition.pk}/extend/", {**fields, "days": "30"}, follow=True)
    assert "已批准延长 30 日，办结期限延至 2026-08-31。" in saved.content.decode()
    assert 'data-testid="extension"' in saved.content.decode()


def test_the_opinion_docx_is_in_the_official_layout_and_tells_the_30_days_for_review(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 25 * DAY)
    clerk = client_for(town.clerk)
    clerk.post(
        f"/petitions/{petition.pk}/opinion/",
        {
            "request": "要求修复村内被压坏的道路。",
            "facts": "经现场核实，村主路约800米路面破损。",
            "reasons": "道路养护属镇政府职责。",
            "decision": "support",
            "basis": "《农村公路养护管理办法》第五条。",
            "issued_on": (RECEIVED + 20 * DAY).isoformat(),
            "served_on": (RECEIVED + 21 * DAY).isoformat(),
        },
    )
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.CONCLUDED
    response = clerk.get(f"/petitions/{petition.pk}/opinion.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "信访处理意见书" in texts
    assert "测试信处〔2026〕1号" in texts
    assert "刘某、陈某：" in texts
    assert "四、处理意见：你（们）的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。" in texts
    assert "五、依据：《农村公路养护管理办法》第五条。" in texts
    assert any("自收到本意见书之日起30日内" in text and "请求复查" in text for text in texts)
    title = next(p for p in document.paragraphs if p.text == "信访处理意见书")
    assert title.style is not None
    assert title.style.font.size == Pt(22)
    body = next(p for p in document.paragraphs if p.text.startswith("四、处理意见"))
    assert body.style is not None
    assert body.style.font.size == Pt(16)
    assert body.style.font.name is not None
    assert body.style.font.name.startswith("仿宋")
    fonts = body.style.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia").startswith(
        "仿宋"
    )
    page = clerk.get(f"/petitions/{petition.pk}/").content.decode()
    assert "信访人可于 2026-07-22 前请求复查" in page


def test_another_town_finds_nothing_and_a_supervisor_reads_but_does_not_act(town):
    petition = register(town)
    before = snapshot(petition)
    other = client_for(town.other_admin)
    assert other.get(f"/petitions/{petition.pk}/").status_code == 404
    assert (
        other.post(
            f"/petitions/{petition.pk}/accept/",
            {"decided_on": RECEIVED.isoformat(), "notice_on": RECEIVED.isoformat()},
        ).status_code
        == 404
    )
    assert petition.request not in other.get("/petitions/").content.decode()
    assert petition.request in client_for(town.clerk).get("/petitions/").content.decode()
    supervisor = client_for(town.supervisor)
    assert supervisor.get(f"/petitions/{petition.pk}/").status_code == 200
    assert (
        supervisor.post(
            f"/petitions/{petition.pk}/accept/",
            {"decided_on": RECEIVED.isoformat(), "notice_on": RECEIVED.isoformat()},
        ).status_code
        == 403
    )
    assert snapshot(petition) == before


def test_the_board_shows_the_years_key_matters_and_whether_they_were_cleared(town, on_day):
    petition = accept(town, register(town, request="重点事项：道路修复"))
    clerk = client_for(town.clerk)
    form = clerk.get(f"/petitions/{petition.pk}/key-matter/").content.decode()
    assert "李镇长" in form
    clerk.post(
        f"/petitions/{petition.pk}/key-matter/",
        {"leader": town.head.pk, "team": [town.clerk.pk, town.admin.pk]},
    )
    assert Petition.objects.get(pk=petition.pk).is_key
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, petition, opinion_input())
    board = client_for(town.supervisor).get("/petitions/key-matters/", {"year": "2026"}).content.decode()
    assert "重点事项：道路修复" in board
    assert "均已在规定时限内办结，实现清仓见底" in board
    assert "按期办结" in board


def test_the_party_page_lists_its_petitions(town):
    petition = register(town)
    page = client_for(town.admin).get(f"/parties/{town.villagers[0].pk}/").content.decode()
    assert "信访事项" in page
    assert f"/petitions/{petition.pk}/" in page


def test_the_pages_that_only_show_refuse_a_post(town, on_day):
    petition = accept(town, register(town))
    on_day(RECEIVED + 25 * DAY)
    services.issue_opinion(town.clerk, petition, opinion_input())
    before = snapshot(petition)
    clerk = client_for(town.clerk)
    for path in (
        "/petitions/",
        f"/petitions/{petition.pk}/",
        f"/petitions/{petition.pk}/opinion.docx",
        "/petitions/key-matters/",
    ):
        assert clerk.get(path).status_code == 200
        assert clerk.post(path).status_code == 405
    assert snapshot(petition) == before
