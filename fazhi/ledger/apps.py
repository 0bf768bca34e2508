from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    verbose_name = "全过程记录"

    def ready(self) -> None:
        from fazhi.ledger import events

        events.register(events.LedgerEvent, events.LEDGER_EVENT_LABELS)
