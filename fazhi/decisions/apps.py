from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from fazhi.core import figures as registry
        from fazhi.core import public_text
        from fazhi.core import todos as todo_registry
        from fazhi.decisions import figures, selectors, todos
        from fazhi.decisions.events import DECISION_EVENT_LABELS, DecisionEvent
        from fazhi.ledger import events

        events.register(DecisionEvent, DECISION_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        public_text.register_people("decisions.commenters", selectors.commenter_names)
        todo_registry.register(todos.decision_todos, *todos.KINDS)
