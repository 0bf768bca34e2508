"""The Redis cache backend against the real Redis the district runs: it stores, counts and expires
like Django's, and builds one redis client per pool rather than one per command."""

import uuid

import pytest
import redis

from fazhi.core.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.fail("These tests need Redis on 127.0.0.1:6379 (.ci/run starts it).", pytrace=False)
    return RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_it_stores_counts_and_adds_once(redis_cache):
    redis_cache.set("page", (200, "text/html", "公示".encode()), 60)
    assert redis_cache.get("page") == (200, "text/html", "公示".encode())
    assert redis_cache.add("count", 1, 61)
    assert not redis_cache.add("count", 1, 61)
    assert redis_cache.incr("count") == 2
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("missing")
    redis_cache.delete_many(["page", "count"])
    assert redis_cache.get("page") is None


def test_one_client_serves_every_command(redis_cache):
    client = redis_cache._cache
    first = client.get_client(write=True)
    redis_cache.set("a", 1, 10)
    redis_cache.get("a")
    assert client.get_client(write=True) is first
    assert client.get_client() is first
