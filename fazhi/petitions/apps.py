from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "fazhi.petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        from fazhi.core import charts, party_links, progress
        from fazhi.core import figures as registry
        from fazhi.core import todos as todo_registry
        from fazhi.ledger import events
        from fazhi.petitions import figures, selectors, todos
        from fazhi.petitions.events import PETITION_EVENT_LABELS, PetitionEvent

        events.register(PetitionEvent, PETITION_EVENT_LABELS)
        party_links.register("petitions", "信访事项", selectors.party_petition_links)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
        progress.register("petitions", selectors.public_progress)
        todo_registry.register(todos.petition_todos, *todos.KINDS)
