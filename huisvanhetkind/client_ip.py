"""The address of the client behind our own proxies: one rule for every rate limit.

`X-Forwarded-For` is written by whoever sent the request, so only the entries added by
proxies we run ourselves can be believed. `TRUSTED_PROXIES` says how many there are in
front of Django (docker-compose: 1, its nginx, which appends the address it saw). The
client is then the entry that the outermost trusted proxy appended; anything to its left
may be made up. With 0 (the default) the header is never read.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder key for a request without any address


def client_ip(request: HttpRequest) -> str:
    """The client's address as the nearest proxy we trust saw it; REMOTE_ADDR without proxies."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    hops = settings.TRUSTED_PROXIES
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        # Fewer entries than proxies: the request did not come through all of them
        # (a health check from inside, a misconfiguration); the socket's peer is the truth.
        return remote
    return _valid(forwarded[-hops]) or remote


def _valid(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""
