from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "fazhi.governance"
    verbose_name = "依法治镇"

    def ready(self) -> None:
        from fazhi.core import figures as registry
        from fazhi.core import todos as todo_registry
        from fazhi.governance import figures, todos
        from fazhi.governance.events import GOVERNANCE_EVENT_LABELS, GovernanceEvent
        from fazhi.ledger import events

        events.register(GovernanceEvent, GOVERNANCE_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        todo_registry.register(todos.governance_todos, *todos.KINDS)
