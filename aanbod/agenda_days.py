"""The agenda page's days, rendered once per process for exactly what they show.

A week of the agenda is forty-odd lines (a time, a link to the offer, a place) and the
office days: rendering them was a third of the page, the same for everyone who asks the
same question. Their HTML depends only on the language and time zone, the filters in the
page's links and the lines themselves: the statement's plain values (aanbod.agenda:
`AgendaLine`, the columns of `PAGE_COLUMNS`) and each office day's names. It is kept in
this process under exactly those values, as the filter panel is (aanbod.search.panel), so
there is nothing to invalidate: a changed title, time, place or count is another key.
A value the days' template shows must be part of that key (`_shown`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .agenda import AgendaDay, AgendaLine, LineColumns, ZitdagDate, with_offers
from .models import offer_link_fields

# What a line of the page shows of its offer (its title in every language, with the
# Dutch one to fall back to, and the slug of its link) and of its place (the name).
PAGE_COLUMNS = LineColumns.of(
    [name for name in offer_link_fields() if name in ("id", "slug") or name.startswith("title")],
    ["name"],
)
# Weeks of the most asked questions; a week is some ten kilobytes.
DAYS_KEPT = 256

_kept: OrderedDict[tuple, SafeString] = OrderedDict()
_lock = threading.Lock()


def agenda_days_html(days: list[AgendaDay[AgendaLine]], *, filter_query: str) -> SafeString:
    """`aanbod/_agenda_days.html` for days of `PAGE_COLUMNS` lines (agenda_lines_between);
    `filter_query` is the page's filters, for the links to a whole day."""
    key = (
        get_language() or "",
        timezone.get_current_timezone_name(),
        filter_query,
        tuple(_shown(day) for day in days),
    )
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
            return html
    html = render_to_string(
        "aanbod/_agenda_days.html",
        {"days": with_offers(days, PAGE_COLUMNS), "filter_query": filter_query},
    )
    with _lock:
        _kept[key] = html
        while len(_kept) > DAYS_KEPT:
            _kept.popitem(last=False)
    return html


def _shown(day: AgendaDay[AgendaLine]) -> tuple:
    return (day.day, day.total, tuple(day.items), tuple(map(_office_day_shown, day.zitdagen)))


def _office_day_shown(date: ZitdagDate) -> tuple:
    zitdag = date.zitdag
    return (
        date.starts_at,
        date.ends_at,
        zitdag.note,
        zitdag.organisation.name,
        zitdag.location.name,
        zitdag.location.slug,
    )
