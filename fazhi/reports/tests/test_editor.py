"""The paragraph editor speaks of figures by their Chinese labels: the text is shown with 【label】 where
the stored text has the figure's key, saved back with the key; braces and unknown labels are refused
with a Chinese message; no report page ever shows a figure's key."""

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_staff
from fazhi.core.figures import FIGURES
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.reports import rules, services, wording
from fazhi.testing.reports import finalised

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    return world


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def keys_shown(html: str) -> list[str]:
    names = [figure.key for figure in FIGURES] + list(rules.CONTEXT_NAMES)
    return [name for name in names if "{" + name in html or name + "}" in html]


def test_the_editor_text_names_figures_by_label_and_stores_keys():
    stored = "{organisation}全年学法{study_sessions}，审核合同{contracts_reviewed}。"
    shown = wording.for_editor(stored)
    assert shown == "【单位名称】全年学法【专题学法活动】，审核合同【审核合同协议】。"
    assert wording.from_editor(shown) == (stored, [])
    assert wording.from_editor("学法【专题学法】次") == ("学法{专题学法}次", ["专题学法"])


def test_the_labels_of_the_figures_are_unique_and_fit_the_editor():
    labels = [figure.label for figure in FIGURES] + list(rules.CONTEXT_LABELS.values())
    assert len(labels) == len(set(labels))
    assert not [label for label in labels if "【" in label or "】" in label]


def test_a_paragraph_is_edited_with_labels_and_refused_braces_and_unknown_labels_change_nothing(town):
    report = services.draft_report(town.head, year=LAST_YEAR)
    lead = report.paragraphs.get(key="duty.study")
    head = client_for(town.head)
    url = f"/reports/{report.pk}/paragraphs/{lead.pk}/"
    form = head.get(url).content.decode()
    assert "【专题学法活动】" in form
    assert keys_shown(form) == []
    for text, message in (
        ("全年学法{study_sessions}。", "文字中不能有花括号；需要统计数字时请用“插入数据”。"),
        ("全年学法【专题学法】。", "无法识别的数据：【专题学法】。请从“插入数据”中选用。"),
    ):
        refused = head.post(url, {"text": text})
        assert refused.status_code == 422
        page = refused.content.decode()
        assert message in page
        assert keys_shown(page.replace(text, "")) == []  # beyond what the user typed, kept to correct
    lead.refresh_from_db()
    assert lead.text == rules.DEFAULTS_BY_KEY["duty.study"].text
    assert not Event.objects.filter(action="reports.paragraph.edited").exists()
    head.post(url, {"text": "【单位名称】全年开展专题学法【专题学法活动】。"})
    lead.refresh_from_db()
    assert lead.text == "{organisation}全年开展专题学法{study_sessions}。"
    created = head.post(
        f"/reports/{report.pk}/paragraphs/new/", {"section": "other", "text": "【报告年度】年无其他情况。"}
    )
    assert created.status_code == 302
    assert report.paragraphs.get(section="other").text == "{year}年无其他情况。"


def test_no_report_page_shows_a_figures_key(town):
    report = services.draft_report(town.head, year=LAST_YEAR)
    paragraph = report.paragraphs.get(key="duty.study")
    head = client_for(town.head)
    admin = client_for(town.admin)
    pages = [
        (head, "/reports/"),
        (head, f"/reports/{report.pk}/"),
        (head, f"/reports/{report.pk}/paragraphs/{paragraph.pk}/"),
        (head, f"/reports/{report.pk}/paragraphs/new/?section=other"),
        (head, f"/reports/{report.pk}/suggestions/device_gap/reword/"),
        (head, f"/reports/{report.pk}/figures/study_sessions/"),
        (admin, "/reports/wording/"),
        (admin, "/reports/wording/duty.study/"),
        (admin, f"/reports/figures/study_sessions/?org={town.town.pk}&year={LAST_YEAR}"),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert keys_shown(response.content.decode()) == [], url
    finalised(town.head, report)
    services.publish_report(town.head, report)
    for client, url in [(head, f"/reports/{report.pk}/"), (Client(), f"/gongshi/baogao/{report.pk}/")]:
        assert keys_shown(client.get(url).content.decode()) == [], url


def test_an_administrator_rewords_a_default_paragraph_with_labels(town):
    admin = client_for(town.admin)
    form = admin.get("/reports/wording/duty.study/").content.decode()
    assert "【专题学法活动】" in form
    admin.post("/reports/wording/duty.study/", {"text": "【单位名称】学法【专题学法活动】。"})
    listing = admin.get("/reports/wording/").content.decode()
    assert "【单位名称】学法【专题学法活动】。" in listing
    report = services.draft_report(town.head, year=LAST_YEAR)
    assert report.paragraphs.get(key="duty.study").text == "{organisation}学法{study_sessions}。"
