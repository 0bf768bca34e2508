"""Fazhi (法治): a township government's rule-of-law work, recorded and provable."""

from fazhi.celery import app as celery_app

__all__ = ["celery_app"]
