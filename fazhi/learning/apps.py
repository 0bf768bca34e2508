from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    verbose_name = "学法与培训"

    def ready(self) -> None:
        from fazhi.core import charts
        from fazhi.core import figures as registry
        from fazhi.learning import figures
        from fazhi.learning.events import LEARNING_EVENT_LABELS, LearningEvent
        from fazhi.ledger import events

        events.register(LearningEvent, LEARNING_EVENT_LABELS)
        registry.register(*figures.FIGURES)
        charts.register(*figures.SERIES)
