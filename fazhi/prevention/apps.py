from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "fazhi.prevention"
    verbose_name = "群防群治与普法宣传"

    def ready(self) -> None:
        from fazhi.ledger import events
        from fazhi.prevention.events import PREVENTION_EVENT_LABELS, PreventionEvent

        events.register(PreventionEvent, PREVENTION_EVENT_LABELS)
