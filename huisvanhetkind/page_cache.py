"""Public pages as every visitor without a session sees them, kept for a minute.

Most parents come without an account, a list or a message waiting: for them a catalogue
page is the same for everyone who asks the same URL (the language is in the path), so it
is stored rendered and served from the cache. Only the CSRF token of the page's forms is
personal: pages are rendered with a placeholder (`csrf_placeholder`, read by the layout's
context processor) that is swapped for the visitor's own token on the way out.

Not stored: anyone with a session cookie (signed in, a shortlist, a message), anything but
GET/HEAD, anything but a 200, and a response that says `Cache-Control: private` or
`no-store` (e.g. a search without results, which is counted as a signal every time).
Keys carry the catalogue version (aanbod.catalogue_version, registered by the aanbod app
with `content_version_register`: the core imports no domain app), so a changed offer shows at
once; opening hours and "this week" may lag by PAGE_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

PAGE_CACHE_SECONDS = 60
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")
_NOT_STORED = ("private", "no-store", "no-cache")
# () -> int, bumped whenever what public pages show changes (see the module).
_content_version = None


def content_version_register(version) -> None:
    global _content_version
    _content_version = version


def content_version() -> int:
    return _content_version() if _content_version is not None else 0


def public_page(view):
    """Serve `view` from the cache to visitors without a session (see the module)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _anonymous_read(request) or not settings.PAGE_CACHE_ENABLED:
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return _with_token(request, response)
        request.csrf_placeholder = True
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _storable(request, response):
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), PAGE_CACHE_SECONDS)
        return _with_token(request, response)

    return wrapper


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context for a page being rendered for the cache: forms get the placeholder."""
    if getattr(request, "csrf_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _anonymous_read(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def _key(request: HttpRequest) -> str:
    # htmx asks for parts of a page: which part is in the headers.
    htmx = (request.headers.get("HX-Request", ""), request.headers.get("HX-Target", ""))
    # Scheme and host too: a page rendered for http://other-name/ carries that name in its
    # absolute links (share links, JSON-LD, canonical) and must not be served on https.
    asked = repr(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            translation.get_language(),
            htmx,
        )
    )
    digest = hashlib.sha256(asked.encode()).hexdigest()
    return f"page:{content_version()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and not any(word in cache_control for word in _NOT_STORED)
    )


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if CSRF_PLACEHOLDER.encode() in response.content:
        # get_token also makes the CSRF middleware set the cookie the token belongs to.
        response.content = response.content.replace(
            CSRF_PLACEHOLDER.encode(), get_token(request).encode()
        )
    patch_vary_headers(response, ["Cookie"])
    return response
