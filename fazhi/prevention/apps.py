from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "fazhi.prevention"
    verbose_name = "群防群治与普法宣传"

    def ready(self) -> None:
        from fazhi.core import figures as registry
        from fazhi.core import public_text
        from fazhi.ledger import events
        from fazhi.prevention import figures, selectors
        from fazhi.prevention.events import PREVENTION_EVENT_LABELS, PreventionEvent

        events.register(PreventionEvent, PREVENTION_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        public_text.register_people("prevention.volunteers", selectors.volunteer_names)
