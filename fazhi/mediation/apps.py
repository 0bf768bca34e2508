from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    verbose_name = "矛调中心与信访"

    def ready(self) -> None:
        from fazhi.core import party_links
        from fazhi.ledger import events
        from fazhi.mediation import selectors
        from fazhi.mediation.events import MEDIATION_EVENT_LABELS, MediationEvent

        events.register(MediationEvent, MEDIATION_EVENT_LABELS)
        party_links.register("disputes", "矛调中心来访", selectors.party_dispute_links)
