"""Ledger action names of the learning app."""

from enum import StrEnum


class LearningEvent(StrEnum):
    STUDY_RECORDED = "learning.study_session.recorded"
    TRAINING_RECORDED = "learning.training.recorded"


LEARNING_EVENT_LABELS: dict[LearningEvent, str] = {
    LearningEvent.STUDY_RECORDED: "登记学法活动",
    LearningEvent.TRAINING_RECORDED: "登记培训",
}
