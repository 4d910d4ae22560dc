"""The coordinator's start page lists, rendered once per process for exactly what they show.

Drawing the start page's lists (eleven lists of up to twenty lines, each with a link, dates
and translated words) was about 5 ms of the page. Their HTML depends only on the language,
the time zone, the lists' addresses and the values of the lines the template reads
(`SHOWN`). It is kept in this process under exactly those values, as the agenda's days
are (aanbod.agenda_days), and rendered from the key alone: there is nothing to invalidate,
and no coordinator is ever shown lines built for another's permissions. A value the
template `dashboards/_start_page.html` shows must be in `SHOWN`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

# What a line of each list shows (dotted: an attribute of an attribute).
SHOWN = {
    "networks_without_reader": ("pk", "name", "organiser_id"),
    "networks_without_coordinator": ("pk", "name"),
    "agreements_ending": ("pk", "subject", "end", "network_name"),
    "invitations_open": ("email", "role_label", "where", "created_at"),
    "partners_without_contact": ("pk", "name"),
    "offers_to_review": ("pk", "title_nl", "organisation_name"),
    "offers_stale": ("pk", "title_nl", "organisation_name", "last_verified"),
    "offers_without_way_to_act": (
        "pk",
        "title_nl",
        "organisation_name",
        "access_type",
        "access_type_label",
    ),
    "rights_not_reviewed": ("pk", "name", "network.name", "reviewed_on"),
    "offers_funding_ending": ("pk", "title_nl", "funding_source", "funding_ends"),
    "flyer_networks": ("pk", "name"),
}
# Start pages of the coordinators of one process (some ten kilobytes each).
START_PAGES_KEPT = 256


@dataclass(frozen=True)
class _Safe:
    """A value marked safe (not escaped): another key than the same text unmarked."""

    text: str


def start_page_html(start: dict) -> SafeString:
    """`dashboards/_start_page.html` for `start` (templatetags.start_page.start_page_for)."""
    lists = tuple(
        (name, tuple(_line(line, fields) for line in start.get(name) or ()))
        for name, fields in SHOWN.items()
    )
    mails = tuple((_value(kind), _value(count)) for kind, count in start.get("mails_failed") or ())
    addresses = (tuple(sorted(start["urls"].items())), start["flyer_url"])
    return _start_page(
        get_language() or "", timezone.get_current_timezone_name(), addresses, mails, lists
    )


@functools.lru_cache(maxsize=START_PAGES_KEPT)
def _start_page(
    language: str, time_zone: str, addresses: tuple, mails: tuple, lists: tuple
) -> SafeString:
    urls, flyer_url = addresses
    start = {name: [_shown_line(line, SHOWN[name]) for line in lines] for name, lines in lists}
    start["mails_failed"] = [(_plain(kind), _plain(count)) for kind, count in mails]
    start["urls"] = dict(urls)
    start["flyer_url"] = flyer_url
    return render_to_string("dashboards/_start_page.html", {"start": start})


def _line(line, fields: tuple[str, ...]) -> tuple:
    return tuple(_value(_read(line, field)) for field in fields)


def _read(line, field: str):
    for part in field.split("."):
        line = line[part] if isinstance(line, dict) else getattr(line, part)
    return line


def _value(value) -> tuple:
    """A shown value as a key: with its type (1, 1.0 and True are equal but print
    differently), lazy translations in the current language, safe text marked."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, SafeData):
        value = _Safe(str(value))
    return (type(value), value)


def _plain(value: tuple):
    _type, value = value
    return mark_safe(value.text) if isinstance(value, _Safe) else value


def _shown_line(line: tuple, fields: tuple[str, ...]) -> dict:
    shown: dict = {}
    for field, value in zip(fields, line, strict=True):
        *path, last = field.split(".")
        into = shown
        for part in path:
            into = into.setdefault(part, {})
        into[last] = _plain(value)
    return shown
