"""The HSDS 3.0 API under /api/hsds/v3/: read-only, public, JSON.

Thin views: a selector loads the rows, opendata/hsds.py turns them into HSDS objects,
and `hsds_endpoint` adds what every answer shares — the language (`?lang=`), a rate
limit per client, a short server cache, ETag / Last-Modified / Cache-Control, CORS for
GET, and errors as JSON (never the portal's HTML error page).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.csrf import csrf_exempt
from redis.exceptions import RedisError

from aanbod.catalogue_version import catalogue_version
from huisvanhetkind.antispam import rate_limit_exceeded

from . import hsds, selectors
from .selectors import BadParameter

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
    "Access-Control-Max-Age": "86400",
}


class ApiResult:
    """What a view answers: the JSON data and when it last changed (if known)."""

    def __init__(self, data, last_modified=None):
        self.data = data
        self.last_modified = last_modified


def _set_headers(response: HttpResponse, headers: dict) -> None:
    for name, value in headers.items():
        response[name] = value


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    _set_headers(response, CORS_HEADERS)
    response["Cache-Control"] = "no-store"
    return response


def _language(request) -> str:
    lang = request.GET.get("lang", "nl") or "nl"
    if lang not in {code for code, _name in settings.LANGUAGES}:
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        raise BadParameter(f"lang must be one of: {codes}.")
    return lang


def hsds_endpoint(view):
    @csrf_exempt
    @wraps(view)
    def wrapper(request, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            _set_headers(response, CORS_HEADERS)
            return response
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "Only GET is allowed: this API is read-only.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        if rate_limit_exceeded(
            request, scope="hsds", limit=settings.HSDS_RATE_LIMIT_PER_MINUTE, window_seconds=60
        ):
            response = _error(429, "Too many requests: wait a minute, or use the nightly file.")
            response["Retry-After"] = "60"
            return response
        try:
            lang = _language(request)
            body, last_modified = _cached_body(request, lang, view, kwargs)
        except BadParameter as error:
            return _error(400, str(error))
        except Http404:
            return _error(404, "Not found.")
        return _conditional(request, body, last_modified, lang)

    return wrapper


def _cached_body(request, lang, view, kwargs) -> tuple[bytes, float | None]:
    """The answer's bytes, from the cache for the same URL and catalogue version.

    Organisation and location edits do not change the catalogue version: they show
    within HSDS_CACHE_SECONDS."""
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"hsds:{catalogue_version()}:{url}"
    try:
        cached = cache.get(key)
    except RedisError:
        cached = None
    if cached is not None:
        return cached
    result = view(request, lang, **kwargs)
    body = json.dumps(result.data, ensure_ascii=False, separators=(",", ":")).encode()
    stamp = result.last_modified.timestamp() if result.last_modified else None
    with contextlib.suppress(RedisError):
        cache.set(key, (body, stamp), timeout=settings.HSDS_CACHE_SECONDS)
    return body, stamp


def _conditional(request, body: bytes, last_modified: float | None, lang: str) -> HttpResponse:
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={settings.HSDS_CACHE_SECONDS}",
        "Content-Language": lang,
        **CORS_HEADERS,
    }
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    if_none_match = request.headers.get("If-None-Match")
    if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    not_modified = (
        etag in [tag.strip() for tag in if_none_match.split(",")]
        if if_none_match
        else (
            if_modified_since is not None
            and last_modified is not None
            and int(last_modified) <= if_modified_since
        )
    )
    if not_modified:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    _set_headers(response, headers)
    return response


def _int(request, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise BadParameter(f"{name} must be a whole number.") from error
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low} and {high}.")
    return value


def _flag(request, name: str) -> bool:
    return request.GET.get(name, "").lower() in ("true", "1", "yes")


def _check_format(request) -> None:
    if request.GET.get("format", "json") not in ("", "json"):
        raise BadParameter("format: only json is offered; the whole dataset is a nightly file.")


def paginate(request, rows, serialize) -> tuple[dict, list]:
    """One page as the HSDS OpenAPI `Page`: two queries (count, rows) whatever the size."""
    _check_format(request)
    page = _int(request, "page", 1, low=1, high=1_000_000)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    total = rows.count()
    total_pages = math.ceil(total / per_page)
    window = slice((page - 1) * per_page, page * per_page)
    if not total:
        items = []
    elif isinstance(rows, QuerySet):
        # A deep page skips many rows: find its ids in the narrow index first (an
        # index-only scan), then load only those wide rows — still one query.
        items = list(rows.filter(pk__in=rows.values("pk")[window]))
    else:
        items = list(rows[window])
    contents = [serialize(item) for item in items]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }, items


def _latest(moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


def _taxonomy_params(request) -> dict:
    params = {}
    term_id = request.GET.get("taxonomy_term_id", "")
    if term_id:
        params["taxonomy_term"] = hsds.term_by_id(term_id)
        if params["taxonomy_term"] is None:
            raise BadParameter("taxonomy_term_id: no such term (see /taxonomy_terms).")
    taxonomy_id = request.GET.get("taxonomy_id", "")
    if taxonomy_id:
        params["taxonomy"] = hsds.taxonomy_by_id(taxonomy_id)
        if params["taxonomy"] is None:
            raise BadParameter("taxonomy_id: no such taxonomy (see /taxonomies).")
    return params


# --- Endpoints ---------------------------------------------------------------------------


@hsds_endpoint
def api_info(request, lang):
    return ApiResult(hsds.api_info(lang))


@hsds_endpoint
def service_list(request, lang):
    full = _flag(request, "full")
    minimal = _flag(request, "minimal")
    offers = selectors.service_filter(
        selectors.services(full=full, lang=lang, minimal=minimal),
        search=request.GET.get("search", "").strip(),
        organization_id=request.GET.get("organization_id", ""),
        modified_after=request.GET.get("modified_after", ""),
        **_taxonomy_params(request),
    )

    def serialize(offer):
        if minimal:
            return {
                "id": str(offer.uuid),
                "name": hsds.text(offer, "title", lang),
                "status": "active",
                "last_modified": offer.updated_at.isoformat(),
            }
        return hsds.service(offer, lang, full=full)

    page, items = paginate(request, offers, serialize)
    return ApiResult(page, _latest(offer.updated_at for offer in items))


@hsds_endpoint
def service_detail(request, lang, id):
    offer = selectors.service_get(id, lang=lang)
    if offer is None:
        raise Http404
    return ApiResult(hsds.service(offer, lang), offer.updated_at)


@hsds_endpoint
def organization_list(request, lang):
    full = _flag(request, "full") or _flag(request, "full_service")
    orgs = selectors.organization_filter(
        selectors.organizations(with_locations=full), search=request.GET.get("search", "").strip()
    )
    page, items = paginate(
        request, orgs, lambda org: hsds.organization(org, lang, with_locations=full)
    )
    return ApiResult(page, _latest(org.last_modified for org in items))


@hsds_endpoint
def organization_detail(request, lang, id):
    org = selectors.organization_get(id)
    if org is None:
        raise Http404
    return ApiResult(hsds.organization(org, lang, with_locations=True), org.last_modified)


@hsds_endpoint
def service_at_location_list(request, lang):
    full = _flag(request, "full")
    offer_ids = selectors.service_filter(
        selectors.services(full=False),
        search=request.GET.get("search", "").strip(),
        organization_id=request.GET.get("organization_id", ""),
        modified_after=request.GET.get("modified_after", ""),
        **_taxonomy_params(request),
    ).values("pk")
    pairs = selectors.service_at_locations().filter(offer__in=offer_ids)
    postcode = request.GET.get("postcode", "").strip()
    if postcode:
        pairs = pairs.filter(location__postcode=postcode)
    page, items = paginate(
        request,
        pairs,
        lambda pair: hsds.service_at_location(
            pair.offer, pair.location, lang, nested_location=full
        ),
    )
    return ApiResult(page, _latest(pair.offer.updated_at for pair in items))


@hsds_endpoint
def service_at_location_detail(request, lang, id):
    pair = selectors.service_at_location_get(id)
    if pair is None:
        raise Http404
    return ApiResult(
        hsds.service_at_location(pair.offer, pair.location, lang, nested_location=True),
        pair.offer.updated_at,
    )


class _Rows(list):
    """A list that paginates like a queryset (taxonomies live in code, not the database)."""

    def count(self):
        return len(self)


@hsds_endpoint
def taxonomy_list(request, lang):
    search = request.GET.get("search", "").strip().lower()
    rows = _Rows(tax for tax in hsds.TAXONOMIES if search in tax.name.lower())
    page, _items = paginate(request, rows, lambda tax: hsds.taxonomy(tax, lang))
    return ApiResult(page)


@hsds_endpoint
def taxonomy_detail(request, lang, id):
    tax = hsds.taxonomy_by_id(id)
    if tax is None:
        raise Http404
    return ApiResult(hsds.taxonomy(tax, lang))


@hsds_endpoint
def taxonomy_term_list(request, lang):
    search = request.GET.get("search", "").strip().lower()
    taxonomy_id = request.GET.get("taxonomy_id", "")
    terms = hsds.taxonomy_terms(lang)
    if taxonomy_id:
        terms = [term for term in terms if term["taxonomy_id"] == taxonomy_id]
    if request.GET.get("parent_id"):
        terms = []  # our vocabularies are flat: no term has a parent
    if search:
        terms = [term for term in terms if search in term["name"].lower()]
    page, _items = paginate(request, _Rows(terms), lambda term: term)
    return ApiResult(page)


@hsds_endpoint
def taxonomy_term_detail(request, lang, id):
    found = hsds.term_by_id(id)
    if found is None:
        raise Http404
    tax, code = found
    return ApiResult(hsds.taxonomy_term(tax, code, lang, detail=True))
