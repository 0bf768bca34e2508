"""The supervision dashboard through a real browser: the district's supervisor opens it from the annual
reports, sees the charts drawn, clicks a bar and lands on exactly the visits it counts, then follows a
cell of the per-town table to that town's rows; the town's head sees the town's own dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.testing.enforcement import (
    TODAY,
    on_day,  # noqa: F401  (fixture)
    town,  # noqa: F401  (fixture)
)
from fazhi.testing.reports import area, dispute  # noqa: F401  (area: fixture)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, sign_in

# The centre of the first bar with a value in a chart, in page coordinates, from ECharts' own layout.
BAR_CENTRE = """(key) => {
  const box = document.querySelector(`[data-chart="${key}"]`);
  const chart = echarts.getInstanceByDom(box);
  const frame = box.getBoundingClientRect();
  const options = chart.getOption().series;
  for (const [seriesIndex, series] of chart.getModel().getSeries().entries()) {
    const data = series.getData();
    for (let index = 0; index < data.count(); index += 1) {
      const value = options[seriesIndex].data[index].value;
      if (value) {
        const bar = data.getItemLayout(index);
        return {x: frame.left + bar.x + bar.width / 2, y: frame.top + bar.y + bar.height / 2, value};
      }
    }
  }
  return null;
}"""


def click_first_bar(page: Page, key: str) -> int:
    page.locator(f'[data-chart="{key}"]').scroll_into_view_if_needed()
    bar = page.evaluate(BAR_CENTRE, key)
    assert bar is not None, key
    page.mouse.click(bar["x"], bar["y"])
    return int(bar["value"])


@pytest.mark.browser
def test_a_supervisor_clicks_a_bar_and_a_town_cell_through_to_the_rows_they_count(
    transactional_db,
    area,  # noqa: F811
    live_server,
    open_chromium_page,
):
    mine = [dispute(area, area.town, TODAY), dispute(area, area.town, TODAY)]
    theirs = dispute(area, area.other_town, TODAY)

    supervisor = open_chromium_page()
    watched = [watch_for_problems(supervisor)]
    log_in(supervisor, live_server.url, "supervisor")
    supervisor.goto(f"{live_server.url}/reports/")
    supervisor.get_by_role("link", name="监督看板").click()
    expect(supervisor.get_by_role("heading", level=1)).to_have_text(f"监督看板：西青区{TODAY.year}年")
    expect(supervisor.locator('[data-chart="disputes"] canvas')).to_have_count(1)
    expect(supervisor.locator('[data-chart="compare-mediation_batches"] canvas')).to_have_count(1)

    # The area's visits this month: one bar of three batches; its rows are those three visits.
    assert click_first_bar(supervisor, "disputes") == 3
    expect(supervisor).to_have_url(re.compile(r"/reports/dashboard/rows/disputes/\?"))
    rows = supervisor.get_by_test_id("dashboard-rows").locator("tbody tr")
    expect(rows).to_have_count(3)
    for visit in (*mine, theirs):
        expect(supervisor.locator(f'a[href="/mediation/{visit.pk}/"]')).to_have_count(1)

    # Back on the dashboard, 杨柳青镇's cell in the table: its one visit.
    supervisor.go_back()
    table = supervisor.get_by_test_id("town-table")
    table.locator(f'tr[data-town="{area.other_town.pk}"] a[data-figure="mediation_batches"]').click()
    expect(supervisor.get_by_test_id("figure-value")).to_have_text("1批")
    expect(supervisor.get_by_test_id("figure-rows").locator("tbody tr")).to_have_count(1)
    expect(supervisor.locator(f'a[href="/mediation/{theirs.pk}/"]')).to_have_count(1)

    # The comparison chart: 辛口镇's bar is its two visits.
    supervisor.go_back()
    assert click_first_bar(supervisor, "compare-mediation_batches") == 2
    expect(supervisor.get_by_test_id("figure-rows").locator("tbody tr")).to_have_count(2)

    # The town's head: the town's own dashboard, no table of towns, the bar for its two visits.
    head = sign_in(browser_of(supervisor), live_server.url, "head", watched)
    head.goto(f"{live_server.url}/reports/dashboard/")
    expect(head.get_by_role("heading", level=1)).to_have_text(f"监督看板：辛口镇{TODAY.year}年")
    expect(head.get_by_test_id("town-table")).to_have_count(0)
    expect(head.locator('[data-chart="disputes"] canvas')).to_have_count(1)
    assert click_first_bar(head, "disputes") == 2
    expect(head.get_by_test_id("dashboard-rows").locator("tbody tr")).to_have_count(2)
    expect(head.locator(f'a[href="/mediation/{theirs.pk}/"]')).to_have_count(0)

    assert [problem for page_problems in watched for problem in page_problems] == []
