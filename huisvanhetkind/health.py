"""The health of the parts the portal needs, for /healthz and monitoring.

Each check returns a small dict with ``ok`` and what it saw; none raises, so one
part that is down never hides the state of the others. Everyone may read whether the
portal is ok; which part is down only the machine itself or a holder of HEALTHZ_TOKEN.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .client_ip import client_ip
from .models import Heartbeat

WORKER_PING_TIMEOUT_SECONDS = 1.0


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}


def check_cache() -> dict:
    try:
        # The cache fails open (huisvanhetkind/cache.py), so ask Redis past that layer.
        if hasattr(cache, "ping"):
            return {"ok": cache.ping()}
        cache.set("healthz", "ok", timeout=10)
        return {"ok": cache.get("healthz") == "ok"}
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}


def check_broker() -> dict:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return {"ok": True}
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}


def check_worker() -> dict:
    """A live answer from at least one worker (heartbeats only tell after minutes)."""
    from .celery import app

    try:
        # A connection of our own: the shared pool may be closed by a worker
        # shutting down in the same process.
        with app.connection_for_write() as conn:
            replies = app.control.ping(
                timeout=WORKER_PING_TIMEOUT_SECONDS, limit=1, connection=conn
            )
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": bool(replies), "workers": len(replies)}


def check_beat() -> dict:
    """Beat schedules the heartbeat and a worker runs it: a fresh one proves both."""
    try:
        last_seen = (
            Heartbeat.objects.filter(name="beat").values_list("last_seen", flat=True).first()
        )
    except Exception as error:
        return {"ok": False, "error": error.__class__.__name__}
    if last_seen is None:
        return {"ok": False, "last_heartbeat_age_seconds": None}
    age = (timezone.now() - last_seen).total_seconds()
    return {
        "ok": age <= settings.HEARTBEAT_MAX_AGE_SECONDS,
        "last_heartbeat_age_seconds": round(age, 1),
    }


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
    "beat": check_beat,
}


def health_report() -> dict:
    parts = {}
    for name, check in CHECKS.items():
        if name == "worker" and not parts["broker"]["ok"]:
            # Pinging through a dead broker would only wait for its timeouts.
            parts[name] = {"ok": False, "error": "broker is down"}
            continue
        parts[name] = check()
    down = [name for name, part in parts.items() if not part["ok"]]
    return {"status": "ok" if not down else "down", "down": down, "parts": parts}


def may_see_health_details(request: HttpRequest) -> bool:
    """The machine itself (e.g. docker's health check), or `Authorization: Bearer HEALTHZ_TOKEN`.

    A request that came through a proxy (it carries X-Forwarded-For) is never "the machine
    itself", even when that proxy runs on the same host.
    """
    token = settings.HEALTHZ_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and constant_time_compare(given.strip(), token):
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False
