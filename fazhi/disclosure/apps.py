from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    verbose_name = "行政执法公示"

    def ready(self) -> None:
        from fazhi.disclosure.events import DISCLOSURE_EVENT_LABELS, DisclosureEvent
        from fazhi.ledger import events

        events.register(DisclosureEvent, DISCLOSURE_EVENT_LABELS)
