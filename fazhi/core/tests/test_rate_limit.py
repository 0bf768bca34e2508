"""The public pages' rate limit counts each address once across all of a district's server processes
when Redis is configured, and per process in a town that runs without it."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis

from conftest import ROOT

REDIS_URL = "redis://127.0.0.1:6379/13"
LIMIT = 5

# One server process: the limiter around a public page, asked `count` times from one address.
VISITS = """
import sys

import django

django.setup()

from django.http import HttpResponse
from django.test import RequestFactory

from fazhi.core.access import public_page, rate_limited


@rate_limited
@public_page
def portal(request):
    return HttpResponse("公示")


address, count = sys.argv[1], int(sys.argv[2])
print(" ".join(str(portal(RequestFactory().get("/gongshi/", REMOTE_ADDR=address)).status_code) for _ in range(count)))
"""


def visits(address: str, count: int, *, redis_url: str) -> list[int]:
    """The statuses one fresh server process answers to `count` requests from `address`."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fazhi.settings_test",
            "FAZHI_PUBLIC_PAGES_PER_MINUTE": str(LIMIT),
            "REDIS_URL": redis_url,
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", VISITS, address, str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [int(status) for status in result.stdout.split()]


@pytest.fixture
def same_minute():
    """The counts are per clock minute; two processes run a few seconds, so both run in one minute."""
    if time.time() % 60 > 45:
        time.sleep(60 - time.time() % 60)


@pytest.fixture
def redis_server():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.fail("These tests need Redis on 127.0.0.1:6379 (.ci/run starts it).", pytrace=False)
    return REDIS_URL


def test_with_redis_two_server_processes_share_one_count(redis_server, same_minute):
    # An address no other run uses, so the count starts from nothing.
    address = f"203.0.113.{uuid.uuid4().hex}"
    assert visits(address, 3, redis_url=redis_server) == [200, 200, 200]
    # The second process has served this address nothing, yet it refuses past the shared limit.
    assert visits(address, 3, redis_url=redis_server) == [200, 200, 429]
    # Another visitor is counted apart.
    assert visits(f"198.51.100.{uuid.uuid4().hex}", 1, redis_url=redis_server) == [200]


def test_without_redis_each_process_counts_alone_and_still_limits(same_minute):
    address = f"203.0.113.{uuid.uuid4().hex}"
    assert visits(address, 3, redis_url="") == [200, 200, 200]
    # A town's single process: its own memory holds the count, which still stops a crawler.
    assert visits(address, LIMIT + 2, redis_url="") == [200] * LIMIT + [429, 429]
