"""Tracking numbers a citizen is given on paper and reads out over the phone (矛调中心 visits,
信访 matters): random, so that one number says nothing about another, and typed on the portal."""

from __future__ import annotations

import secrets

# Unambiguous characters only: no 0/O, 1/I.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10


def new_tracking_number() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
