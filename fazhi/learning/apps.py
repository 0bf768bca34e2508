from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    verbose_name = "学法与培训"

    def ready(self) -> None:
        from fazhi.learning.events import LEARNING_EVENT_LABELS, LearningEvent
        from fazhi.ledger import events

        events.register(LearningEvent, LEARNING_EVENT_LABELS)
