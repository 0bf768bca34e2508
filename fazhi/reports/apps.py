from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        from fazhi.core import charts, figures
        from fazhi.core import todos as todo_registry
        from fazhi.ledger import events
        from fazhi.reports import rules, todos
        from fazhi.reports.events import REPORT_EVENT_LABELS, ReportEvent

        events.register(ReportEvent, REPORT_EVENT_LABELS)
        # The other apps registered their figures before this one (INSTALLED_APPS puts reports last).
        figures.FIGURES.present_in(rules.FIGURE_ORDER)
        charts.present_in(rules.CHART_ORDER)
        todo_registry.register(todos.report_todos, *todos.KINDS)
