"""The town's own statements: a sentence of 一, 二 or 五 that carries no figure is marked on the draft's
page as 本镇自述 and listed for the head, who confirms it (one paragraph, or all) before 定稿; a sentence
reworded after is asked for again; 定稿 is refused while one is unconfirmed, and the refusal changes
nothing; only the head of the report's own town confirms, and only while it is a draft."""

import io
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from docx import Document

from conftest import make_staff
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.figures import FIGURES
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.reports import rules, selectors, services, wording
from fazhi.reports.events import ReportEvent
from fazhi.reports.models import ReportStatus
from fazhi.testing.reports import finalised

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def town(world, spelled_out_prompts):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.other_head = make_staff(world.system, world.other_town, "other-head", [Role.HEAD])
    return world


@pytest.fixture
def report(town):
    return services.draft_report(town.head, year=LAST_YEAR)


def pending(report) -> list[str]:
    return [sentence for found in selectors.own_statements_of(report) for sentence in found.unconfirmed]


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_a_sentence_is_the_towns_own_statement_only_when_no_figure_backs_it():
    text = "强化学习教育，夯实法治建设基础。全年共组织各类专题学法活动{study_sessions}；{organisation}坚持依法决策。"
    assert rules.sentences(text) == [
        "强化学习教育，夯实法治建设基础。",
        "全年共组织各类专题学法活动{study_sessions}；",
        "{organisation}坚持依法决策。",
    ]
    # The town's name is not a figure: the last sentence still states something no record backs.
    assert rules.own_statements(text) == ["强化学习教育，夯实法治建设基础。", "{organisation}坚持依法决策。"]
    assert rules.own_statements("全年审核合同{contracts_reviewed}") == []
    assert rules.unconfirmed_statements(text, "强化学习教育，夯实法治建设基础。") == [
        "{organisation}坚持依法决策。"
    ]


def test_the_default_wording_states_every_fact_of_the_year_from_a_figure_or_as_a_lead():
    """In the defaults, a sentence of 一 and 二 without a figure is a lead or a method, never a count or
    a claim the records could contradict: the major decisions' procedure is a figure's phrase."""
    statements = [
        sentence
        for paragraph in rules.DEFAULT_PARAGRAPHS
        if paragraph.section in rules.OWN_STATEMENT_SECTIONS and not paragraph.heading
        for sentence in rules.own_statements(paragraph.text)
    ]
    assert statements
    for sentence in statements:
        assert not re.search(r"\d", sentence), sentence
        assert "专家论证" not in sentence, sentence
        assert "合法性审查" not in sentence, sentence


def test_finalising_waits_for_the_head_to_confirm_every_own_statement(town, report):
    for suggestion in selectors.suggestions_of(report, selectors.values_of(report)):
        services.decide_suggestion(town.head, report, prompt_key=suggestion.key, decision="dropped")
    assert len(pending(report)) > 3
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.finalise_report(town.head, report)
    assert "本镇自述" in refused.value.message
    assert "起草规程" in refused.value.citation
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert Event.objects.count() == events

    first = selectors.own_statements_of(report)[0]
    assert services.confirm_statements(town.head, report, paragraph_id=first.paragraph.pk) == len(
        first.unconfirmed
    )
    assert first.unconfirmed[0] not in pending(report)
    remaining = len(pending(report))
    assert services.confirm_statements(town.head, report) == remaining
    assert pending(report) == []
    event = Event.objects.filter(action=ReportEvent.STATEMENTS_CONFIRMED).last()
    assert event is not None
    payload = json.loads(event.entry)["payload"]
    assert sum(len(row["statements"]) for row in payload["paragraphs"]) == remaining
    services.finalise_report(town.head, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL


def test_a_sentence_reworded_after_its_confirmation_is_asked_for_again(town, report):
    services.confirm_statements(town.head, report)
    paragraph = report.paragraphs.get(key="measures.study")
    services.edit_paragraph(
        town.admin, paragraph, text="强化学习教育，筑牢法治根基。全年共组织各类专题学法活动{study_sessions}。"
    )
    assert pending(report) == ["强化学习教育，筑牢法治根基。"]
    # A sentence given a figure needs nothing more.
    services.edit_paragraph(town.admin, paragraph, text="全年共组织各类专题学法活动{study_sessions}。")
    assert pending(report) == []


def test_only_the_head_of_the_reports_town_confirms_and_a_refusal_writes_nothing(town, report):
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        services.confirm_statements(town.admin, report)
    with pytest.raises(NotFoundOrHidden):
        services.confirm_statements(town.other_head, report)
    with pytest.raises(InvalidInput):
        services.confirm_statements(town.head, report, paragraph_id=10**12)
    assert Event.objects.count() == events
    assert not report.paragraphs.exclude(confirmed_statements="").exists()
    services.confirm_statements(town.head, report)
    with pytest.raises(InvalidInput) as nothing:
        services.confirm_statements(town.head, report)
    assert "没有待确认" in nothing.value.message


def test_a_finalised_report_confirms_nothing_more(town, report):
    finalised(town.head, report)
    with pytest.raises(RuleViolation):
        services.confirm_statements(town.head, report)


def test_the_page_marks_each_own_statement_and_the_head_confirms_them_there(town, report):
    page = client_for(town.head).get(f"/reports/{report.pk}/")
    html = page.content.decode()
    assert 'data-testid="own-statements"' in html
    marked = re.findall(r'data-testid="own-statement" data-confirmed="no">([^<]+)<', html)
    assert "强化学习教育，夯实法治建设基础。" in marked
    # A sentence with a figure is never marked.
    assert not [sentence for sentence in marked if "专题学法活动" in sentence]
    paragraph = report.paragraphs.get(key="measures.study")
    response = client_for(town.head).post(
        f"/reports/{report.pk}/statements/confirm/", {"paragraph": paragraph.pk}
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.confirmed_statements == "强化学习教育，夯实法治建设基础。"
    assert paragraph.confirmed_by == town.head
    html = client_for(town.head).get(f"/reports/{report.pk}/").content.decode()
    assert 'data-confirmed="yes">强化学习教育，夯实法治建设基础。<' in html
    assert 'title="本镇自述，李镇长于%s确认"' % timezone.localdate().isoformat() in html
    client_for(town.head).post(f"/reports/{report.pk}/statements/confirm/", {})
    html = client_for(town.head).get(f"/reports/{report.pk}/").content.decode()
    assert 'data-testid="own-statements"' not in html
    assert 'data-confirmed="no"' not in html


@pytest.mark.parametrize("paragraph", ["abc", "-1", "99999999999999999999", "0"])
def test_absurd_paragraph_ids_are_refused_in_chinese_and_confirm_nothing(town, report, paragraph):
    response = client_for(town.head).post(
        f"/reports/{report.pk}/statements/confirm/", {"paragraph": paragraph}, HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 422
    assert re.search(r"[\u4e00-\u9fff]", response.content.decode())
    assert not report.paragraphs.exclude(confirmed_statements="").exists()


def test_another_towns_head_cannot_reach_the_page_or_confirm(town, report):
    assert client_for(town.other_head).get(f"/reports/{report.pk}/").status_code == 404
    response = client_for(town.other_head).post(f"/reports/{report.pk}/statements/confirm/", {})
    assert response.status_code in (403, 404)
    assert not report.paragraphs.exclude(confirmed_statements="").exists()


def test_the_command_lists_each_own_statement_and_whether_the_head_confirmed_it(town, report):
    first = selectors.own_statements_of(report)[0]
    services.confirm_statements(town.head, report, paragraph_id=first.paragraph.pk)
    out = io.StringIO()
    call_command("annual_report", "--org", town.town.name, "--year", str(LAST_YEAR), "--json", stdout=out)
    listed = json.loads(out.getvalue())["own_statements"]
    confirmed = {row["statement"] for row in listed if row["confirmed"]}
    assert confirmed == set(first.unconfirmed)
    assert len(listed) > len(confirmed)


def test_the_default_wording_places_each_figure_once_and_names_each_rate_by_its_label():
    """A figure is said once across 一 to 四 and the suggestions; a rate is introduced by exactly the
    label of the figure that counts it (the 法制审核率 once read "一般程序处罚决定的法制审核率" while
    it counted only the decisions art. 58 requires review for)."""
    texts = [paragraph.text for paragraph in rules.DEFAULT_PARAGRAPHS]
    texts += [rules.suggested_shortcoming(prompt) for prompt in rules.PROMPTS]
    said = Counter(name for text in texts for name in rules.PLACEHOLDER.findall(text))
    assert [name for name, times in said.items() if times > 1 and name not in rules.CONTEXT_NAMES] == []
    rates = 0
    for text in texts:
        for match in rules.PLACEHOLDER.finditer(text):
            name = match.group(1)
            if name in rules.CONTEXT_NAMES or FIGURES[name].kind != "share":
                continue
            rates += 1
            assert text[: match.start()].removesuffix("为").endswith(FIGURES[name].label), name
    assert rates >= 10


def test_a_figure_a_taken_shortcoming_states_is_not_listed_again_after_a_finalised_report(town, report):
    """三's "培训学时达标率为0%" is frozen at 定稿 as filled text: the table after the text still knows the
    figure is stated, on the page, in the .docx and on the portal."""
    assert "training_hours" in {s.key for s in selectors.suggestions_of(report, selectors.values_of(report))}
    finalised(town.head, report, decision="confirmed")
    services.publish_report(town.head, report)
    values = selectors.values_of(report)
    appendix = selectors.appendix_of(selectors.sections_of(report, values), values)
    assert "training_target_met" not in {value.key for value in appendix}
    assert appendix
    label = FIGURES["training_target_met"].label
    public = re.sub(r"<[^>]+>", "", Client().get(f"/gongshi/baogao/{report.pk}/").content.decode())
    assert public.count(label) == 1
    assert f"{label}为0%" in public
    document = Document(io.BytesIO(Client().get(f"/gongshi/baogao/{report.pk}/report.docx").content))
    assert label not in [row.cells[0].text for row in document.tables[-1].rows]


def test_a_year_with_nothing_recorded_is_offered_sentences_not_rows_of_zeros(town, report):
    """No major decision, no 复议 or 诉讼, no key petition, no publicity: each of those paragraphs is
    offered its short text; a rate over no records says so instead of a bare dash."""
    values = selectors.values_of(report)
    context = selectors.context_of(report)
    text = {
        paragraph.key: wording.fill(paragraph.text, values, context) for paragraph in report.paragraphs.all()
    }
    assert text["measures.decisions"] == "严格落实规定，全面完善决策机制。全年未作出重大行政决策。"
    assert text["measures.remedies"].endswith("当年提起的行政复议和行政诉讼案件0件。")
    assert text["measures.petitions"].endswith("全年无重点信访事项。")
    assert "其中" not in text["measures.decisions"]
    assert "比例为—（当年无可统计的记录）" in text["measures.disclosure"]
    assert not re.search(r"为—(?!（)", "".join(text.values()))
    # An organisation's own wording is kept as written, figures of zero and all.
    own = "全年作出重大行政决策{major_decisions}。"
    services.set_wording(town.admin, key="measures.decisions", text=own)
    services.remove_paragraph(town.head, report.paragraphs.get(key="measures.decisions"))
    report.delete()
    again = services.draft_report(town.head, year=LAST_YEAR)
    assert again.paragraphs.get(key="measures.decisions").text == own
