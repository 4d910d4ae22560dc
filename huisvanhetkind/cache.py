"""The cache backend: Django's RedisCache, failing open when Redis is away.

Everything the portal keeps in the cache can be rebuilt (stored pages, filter counts,
the school calendar) or may be skipped for a while (rate limits, used TOTP codes): a
Redis that is down or full must cost a page its speed, never answer 500. So every
call that cannot reach Redis logs a warning and answers as an empty cache would:
`get` the default, `add` True (the caller goes on as if it stored the value), `incr`
the delta. After a failure the backend does not try Redis again for
`fail_open_retry_seconds` (OPTIONS, default 5): a Redis host that drops packets would
otherwise cost every call its connect timeout.

A write that failed may have been an invalidation (a changed offer moving the catalogue
version, a school holiday dropping the stored calendar): when Redis answers again, the
process that lost a write first clears the cache's database (the broker's is another),
so nothing stored before the outage is served after it.

The price, written down in README "Health": while Redis is down, rate limits count
nothing and a TOTP code could be used twice within its 30 seconds.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 5.0
# One warning per server per this many seconds: a page makes several cache calls.
WARNING_INTERVAL_SECONDS = 60.0

# Per process, shared by the per-thread backend instances: server -> monotonic time
# before which Redis is not asked again, and when we last warned about it.
_skip_until: dict[str, float] = {}
_warned_at: dict[str, float] = {}
# Servers this process failed to write to: cleared when they answer again.
_lost_writes: set[str] = set()
_WRITES = {"add", "set", "touch", "delete", "incr", "set_many", "delete_many", "clear"}
_lock = threading.Lock()


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        self.retry_seconds = float(
            params["OPTIONS"].pop("fail_open_retry_seconds", DEFAULT_RETRY_SECONDS)
        )
        super().__init__(server, params)
        self._server_name = ",".join(self._servers)

    def _call(self, operation: str, fallback, function, *args):
        if time.monotonic() < _skip_until.get(self._server_name, 0.0):
            if operation in _WRITES:
                _lost_writes.add(self._server_name)
            return fallback
        try:
            if self._server_name in _lost_writes:
                self._clear_after_outage()
            return function(*args)
        except RedisError as error:
            self._failed(operation, error)
            return fallback

    def _clear_after_outage(self) -> None:
        self._cache.get_client(write=True).flushdb()
        _lost_writes.discard(self._server_name)
        logger.warning("Cache cleared: Redis is back, and writes were lost while it was away.")

    def _failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        with _lock:
            if operation in _WRITES:
                _lost_writes.add(self._server_name)
            _skip_until[self._server_name] = now + self.retry_seconds
            if now - _warned_at.get(self._server_name, -WARNING_INTERVAL_SECONDS) < (
                WARNING_INTERVAL_SECONDS
            ):
                return
            _warned_at[self._server_name] = now
        logger.warning(
            "Cache unavailable (%s on %s): serving without it.", error.__class__.__name__, operation
        )

    def ping(self) -> bool:
        """Ask Redis itself, past the fail-open layer (for /healthz); raises when it is down."""
        ok = bool(self._cache.get_client(write=True).ping())
        _skip_until.pop(self._server_name, None)
        return ok

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)
