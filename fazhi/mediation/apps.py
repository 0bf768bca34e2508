from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    verbose_name = "矛调中心与信访"

    def ready(self) -> None:
        from fazhi.core import charts, party_links, progress
        from fazhi.core import figures as registry
        from fazhi.core import todos as todo_registry
        from fazhi.ledger import events
        from fazhi.mediation import figures, selectors, todos
        from fazhi.mediation.events import MEDIATION_EVENT_LABELS, MediationEvent

        events.register(MediationEvent, MEDIATION_EVENT_LABELS)
        party_links.register("disputes", "矛调中心来访", selectors.party_dispute_links)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
        progress.register("disputes", selectors.public_progress)
        todo_registry.register(todos.dispute_todos, *todos.KINDS)
