from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    verbose_name = "行政执法公示"

    def ready(self) -> None:
        from fazhi.core import charts
        from fazhi.core import figures as registry
        from fazhi.disclosure import figures
        from fazhi.disclosure.events import DISCLOSURE_EVENT_LABELS, DisclosureEvent
        from fazhi.ledger import events

        events.register(DisclosureEvent, DISCLOSURE_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
