from datetime import timedelta

import pytest
from django.utils import timezone

from huisvanhetkind.models import Heartbeat
from huisvanhetkind.services import heartbeat_record

from .redis_server import RedisServer, use_broker


@pytest.fixture
def fresh_heartbeat(db):
    return heartbeat_record(name="beat")


def test_healthz_is_200_when_database_redis_worker_and_beat_are_alive(
    client, celery_worker, fresh_heartbeat
):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["parts"]["worker"]["workers"] >= 1
    assert body["parts"]["beat"]["last_heartbeat_age_seconds"] < 5


def test_healthz_names_the_worker_when_no_worker_answers(client, fresh_heartbeat):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["worker"]


def test_healthz_names_beat_when_the_heartbeat_is_stale(client, celery_worker, settings):
    stale = timezone.now() - timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS + 1)
    Heartbeat.objects.create(name="beat", last_seen=stale)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["beat"]


def test_healthz_names_beat_when_no_heartbeat_ever_ran(client, celery_worker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "beat" in response.json()["down"]


@pytest.fixture
def stopped_redis(settings, tmp_path):
    """A real Redis server of our own, started and then stopped: the portal's Redis goes away."""
    from huisvanhetkind.celery import app

    server = RedisServer(tmp_path)
    old_broker = app.conf.broker_url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": server.url},
    }
    use_broker(app, server.url)
    server.stop()
    yield
    use_broker(app, old_broker)


def test_healthz_names_cache_and_broker_when_redis_is_stopped(
    client, fresh_heartbeat, stopped_redis
):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert {"cache", "broker", "worker"} <= set(body["down"])
    assert "database" not in body["down"]


def test_healthz_is_never_cached(client, fresh_heartbeat):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


OUTSIDE = {"REMOTE_ADDR": "203.0.113.8"}


def test_the_public_answer_says_only_ok(client, celery_worker, fresh_heartbeat):
    response = client.get("/healthz", **OUTSIDE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_public_answer_does_not_name_what_is_down(client, fresh_heartbeat, stopped_redis):
    response = client.get("/healthz", **OUTSIDE)
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_a_request_through_a_proxy_on_the_same_machine_gets_the_public_answer(
    client, fresh_heartbeat
):
    response = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_the_token_shows_the_details_from_anywhere(client, fresh_heartbeat, settings):
    settings.HEALTHZ_TOKEN = "s3cret-token-for-monitoring"
    response = client.get(
        "/healthz", HTTP_AUTHORIZATION="Bearer s3cret-token-for-monitoring", **OUTSIDE
    )
    assert response.status_code == 503
    assert response.json()["down"] == ["worker"]


@pytest.mark.parametrize(
    "authorization", ["Bearer wrong", "Bearer ", "Basic s3cret-token-for-monitoring", ""]
)
def test_a_wrong_or_missing_token_gets_the_public_answer(
    client, fresh_heartbeat, settings, authorization
):
    settings.HEALTHZ_TOKEN = "s3cret-token-for-monitoring"
    response = client.get("/healthz", HTTP_AUTHORIZATION=authorization, **OUTSIDE)
    assert response.json() == {"status": "down"}


def test_without_a_configured_token_no_bearer_opens_the_details(client, fresh_heartbeat, settings):
    settings.HEALTHZ_TOKEN = ""
    response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer ", **OUTSIDE)
    assert response.json() == {"status": "down"}
