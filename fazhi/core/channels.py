"""Where the daily digest goes out: a channel takes one person's message. The town chooses the channel
in settings (FAZHI_NOTIFY_CHANNEL); the default writes the message to the log, which an intranet
without an SMS gateway reads, and the gateway channel posts it to a government messaging or SMS
gateway's HTTP endpoint (FAZHI_NOTIFY_GATEWAY_URL).

A channel sends; it does not report back whether anyone read the message (no read receipts on staff:
the 2026 rules on 政务应用 forbid forcing staff to leave traces of their reading)."""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("fazhi.notifications")


@dataclass(frozen=True)
class Message:
    recipient_id: int
    name: str
    phone: str
    text: str


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None:
        """Deliver the message or raise: the digest records a delivery only once it was sent."""


class LogChannel:
    name = "log"

    def send(self, message: Message) -> None:
        logger.info("每日待办提醒 → %s：%s", message.name, message.text)


class GatewayChannel:
    """An HTTP gateway taking {"phone", "text"} as JSON (a 政务短信 or 政务即时通讯 platform's adapter)."""

    name = "gateway"

    def __init__(self, url: str | None = None, timeout: float = 10.0) -> None:
        self.url = url or settings.NOTIFY_GATEWAY_URL
        self.timeout = timeout

    def send(self, message: Message) -> None:
        if not message.phone:
            raise ValueError("该工作人员未登记联系电话，无法通过短信网关发送。")
        body = json.dumps({"phone": message.phone, "text": message.text}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        # The URL is the administrator's setting, never user input.
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise OSError(f"gateway answered {response.status}")


def configured() -> Channel:
    channel: Channel = import_string(settings.NOTIFY_CHANNEL)()
    return channel
