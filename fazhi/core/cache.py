"""Django's Redis cache with one redis client per connection pool instead of one per command.

Django's RedisCacheClient.get_client builds a new redis.Redis for every cache operation, and each one
fills a table of some 170 response callbacks: about 0.17 ms, twice for every cached public page (the
rate-limit count and the page), which kept the portal below half of a trivial view's throughput on a
district's servers (docs/performance.md). A redis.Redis may be shared between threads: its pool hands
each command a connection of its own.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # _get_connection_pool and _client are Django's own, untyped in django-stubs.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
