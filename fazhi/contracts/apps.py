from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "fazhi.contracts"
    verbose_name = "合同合法性审查"

    def ready(self) -> None:
        from fazhi.contracts import figures, selectors, todos
        from fazhi.contracts.events import CONTRACT_EVENT_LABELS, ContractEvent
        from fazhi.core import charts, party_links
        from fazhi.core import figures as registry
        from fazhi.core import todos as todo_registry
        from fazhi.ledger import events

        events.register(ContractEvent, CONTRACT_EVENT_LABELS)
        party_links.register("contracts", "政府合同", selectors.party_contract_links)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
        todo_registry.register(todos.contract_todos, *todos.KINDS)
