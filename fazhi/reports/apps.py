from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        from fazhi.ledger import events
        from fazhi.reports.events import REPORT_EVENT_LABELS, ReportEvent

        events.register(ReportEvent, REPORT_EVENT_LABELS)
