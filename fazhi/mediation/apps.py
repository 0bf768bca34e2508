from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    verbose_name = "矛调中心与信访"

    def ready(self) -> None:
        from fazhi.ledger import events
        from fazhi.mediation.events import MEDIATION_EVENT_LABELS, MediationEvent

        events.register(MediationEvent, MEDIATION_EVENT_LABELS)
