from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    verbose_name = "行政执法公示"

    def ready(self) -> None:
        from fazhi.core import charts
        from fazhi.core import figures as registry
        from fazhi.core import todos as todo_registry
        from fazhi.disclosure import figures, todos
        from fazhi.disclosure.events import DISCLOSURE_EVENT_LABELS, DisclosureEvent
        from fazhi.ledger import events

        events.register(DisclosureEvent, DISCLOSURE_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
        todo_registry.register(todos.publication_todos, *todos.KINDS)
