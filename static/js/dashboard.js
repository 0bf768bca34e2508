// The supervision dashboards' charts. The page carries its data in <script id="dashboard-data"
// type="application/json"> (Django's json_script) and an empty [data-chart] box per chart; this draws
// each chart with ECharts and, on a click on a bar, opens the address of the rows behind that bar,
// which the server put in the data. No data and no address is made up here.
(function () {
  "use strict";

  var COLOURS = ["#c0392b", "#2f6fb0", "#e6a23c", "#3a9d5d", "#8e5ea2", "#5f6b7a", "#d4774a", "#2aa1a8"];

  function option(chart) {
    var percent = chart.unit === "%";
    return {
      // No animation: a bar is where it will stay as soon as it is drawn, for a click or a screen reader.
      animation: false,
      aria: { enabled: true },
      color: COLOURS,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { show: chart.series.length > 1, type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: chart.series.length > 1 ? 48 : 28 },
      xAxis: { type: "category", data: chart.categories, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", name: chart.unit, minInterval: percent ? 0 : 1, max: percent ? 100 : null },
      series: chart.series.map(function (line) {
        return {
          name: line.name,
          type: "bar",
          stack: chart.stacked ? "all" : null,
          cursor: "pointer",
          emphasis: { focus: "series" },
          data: line.data.map(function (point) {
            return { value: point.value, url: point.url };
          })
        };
      })
    };
  }

  function draw(box, chart) {
    var drawn = echarts.init(box, null, { renderer: "canvas" });
    drawn.setOption(option(chart));
    drawn.on("click", function (params) {
      if (params.data && params.data.url) {
        window.location.assign(params.data.url);
      }
    });
    window.addEventListener("resize", function () {
      drawn.resize();
    });
  }

  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var charts = {};
    JSON.parse(source.textContent).charts.forEach(function (chart) {
      charts[chart.key] = chart;
    });
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var chart = charts[box.getAttribute("data-chart")];
      if (chart) {
        draw(box, chart);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
