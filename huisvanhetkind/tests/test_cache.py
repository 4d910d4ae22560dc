"""The cache fails open: with its Redis stopped every call answers at once, never raises."""

import logging
import time

import pytest

from huisvanhetkind.cache import FailOpenRedisCache
from tests.redis_server import RedisServer


def _cache(url: str, **options) -> FailOpenRedisCache:
    return FailOpenRedisCache(
        url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, **options}}
    )


@pytest.fixture
def server(tmp_path):
    redis = RedisServer(tmp_path)
    yield redis
    redis.stop()


def test_the_cache_works_as_django_redis_cache_while_redis_is_up(server):
    cache = _cache(server.url)
    assert cache.add("k", 1) is True
    assert cache.add("k", 2) is False
    assert cache.incr("k") == 2
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert cache.ping() is True


def test_every_call_answers_as_an_empty_cache_when_redis_is_stopped(server, caplog):
    cache = _cache(server.url, fail_open_retry_seconds=0)
    cache.set("kept", "value")
    server.stop()
    with caplog.at_level(logging.WARNING, logger="huisvanhetkind.cache"):
        started = time.monotonic()
        assert cache.get("kept") is None
        assert cache.get("kept", "default") == "default"
        assert cache.get_or_set("computed", lambda: "fresh") == "fresh"
        assert cache.set("k", 1) is None
        assert cache.add("k", 1) is True  # callers go on as if stored (allauth's lock, TOTP)
        assert cache.incr("counter") == 1
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.has_key("kept") is False
        assert cache.delete("kept") is False
        cache.delete_many(["a"])
        assert cache.touch("kept") is False
        cache.clear()
        elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert "Cache unavailable" in caplog.text
    with pytest.raises(Exception):  # noqa: B017 - /healthz asks Redis itself
        cache.ping()


def test_after_a_failure_redis_is_not_asked_again_for_a_few_seconds(server):
    cache = _cache(server.url, fail_open_retry_seconds=60)
    server.stop()
    assert cache.get("k") is None
    server.start()
    assert cache.get("k", "skipped") == "skipped"  # still within the pause
    assert cache.ping() is True  # a successful ping ends the pause
    cache.set("k", "back")
    assert cache.get("k") == "back"


def test_the_cache_is_back_as_soon_as_redis_is(server):
    cache = _cache(server.url, fail_open_retry_seconds=0)
    server.stop()
    cache.set("k", 1)
    server.start()
    cache.set("k", 2)
    assert cache.get("k") == 2


def test_what_was_stored_before_a_lost_write_is_not_served_after_the_outage(server):
    """A catalogue change while Redis is down could not move the version: drop it all."""
    cache = _cache(server.url, fail_open_retry_seconds=0)
    cache.set("aanbod:catalogue-version", 1)
    cache.set("page:1:search", "old page")
    server.process.send_signal(19)  # SIGSTOP: Redis keeps its data but does not answer
    try:
        cache.set("aanbod:catalogue-version", 2)  # times out: the bump is lost
    finally:
        server.process.send_signal(18)  # SIGCONT
    assert cache.get("page:1:search") is None
    assert cache.get("aanbod:catalogue-version") is None


def test_a_failed_read_alone_clears_nothing(server):
    cache = _cache(server.url, fail_open_retry_seconds=0)
    cache.set("kept", "value")
    server.process.send_signal(19)
    try:
        assert cache.get("kept") is None
    finally:
        server.process.send_signal(18)
    assert cache.get("kept") == "value"


@pytest.mark.django_db
def test_with_redis_stopped_the_public_forms_rate_limit_lets_families_through(
    server, settings, client, caplog
):
    from partners.tests.factories import NetworkFactory
    from signalen.models import Signal

    network = NetworkFactory(slug="redis-weg")
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": server.url},
    }
    server.stop()
    with caplog.at_level(logging.WARNING):
        for _family in range(7):  # the limit is 5 an hour
            response = client.post(
                f"/nl/signaal/?netwerk={network.slug}",
                {"text": "Alle groepen zijn overdag, ik werk.", "barrier": "opening_hours"},
            )
            assert response.status_code == 302
    assert Signal.objects.count() == 7
    assert "Cache unavailable" in caplog.text
