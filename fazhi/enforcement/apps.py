from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from fazhi.core import charts, party_links, public_text, todos
        from fazhi.core import figures as registry
        from fazhi.enforcement import dashboards, figures, selectors
        from fazhi.enforcement import todos as case_todos
        from fazhi.enforcement.events import ENFORCEMENT_EVENT_LABELS, EnforcementEvent
        from fazhi.ledger import events

        events.register(EnforcementEvent, ENFORCEMENT_EVENT_LABELS)
        party_links.register("cases", "行政执法案件", selectors.party_case_links)
        public_text.register_people("enforcement.named", selectors.people_named)
        registry.register(*figures.FIGURES)
        charts.register(*dashboards.SERIES)
        todos.register(case_todos.case_todos, *case_todos.KINDS)
