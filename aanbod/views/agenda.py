import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from huisvanhetkind.page_cache import public_page

from ..agenda import agenda_between, agenda_lines_between
from ..agenda_days import PAGE_COLUMNS, agenda_days_html
from ..calendar_files import agenda_calendar
from ..filters import parse_search
from ..search.panel import filter_panel

AGENDA_DAYS = 7
# A week a parent can read on a phone: each day's first activities, then "all N of this
# day" (?day=YYYY-MM-DD shows that one day in full).
AGENDA_ITEMS_PER_DAY = 6
FEED_DAYS = 60
MAX_WEEKS_AHEAD = 52


def _first_day(request, today: dt.date, parameter: str = "week") -> dt.date:
    """The asked day (?week=YYYY-MM-DD), else today; never in the past, never far off.

    The agenda is what is still to come: it starts at today, not at Monday's past days.
    """
    try:
        asked = dt.date.fromisoformat(request.GET.get(parameter, ""))
    except ValueError:
        asked = today
    if not today <= asked <= today + dt.timedelta(weeks=MAX_WEEKS_AHEAD):
        asked = today
    return asked


@public_page
def agenda(request):
    _query, filters, _page = parse_search(request.GET)
    now = timezone.now()
    today = timezone.localdate(now)
    whole_day = "day" in request.GET
    first_day = _first_day(request, today, "day" if whole_day else "week")
    params = request.GET.copy()
    params.pop("week", None)
    params.pop("day", None)
    previous = first_day - dt.timedelta(days=7)
    filter_query = params.urlencode()
    # Plain lines: their HTML is kept per process, rendered only when they change.
    days = agenda_lines_between(
        first_day=first_day,
        days=1 if whole_day else AGENDA_DAYS,
        filters=filters,
        now=now,
        with_zitdagen=True,
        per_day=None if whole_day else AGENDA_ITEMS_PER_DAY,
        columns=PAGE_COLUMNS,
    )
    context = {
        "days": days,
        "days_html": agenda_days_html(days, filter_query=filter_query),
        "whole_day": whole_day,
        "first_day": first_day,
        "previous_week": max(previous, today).isoformat() if first_day > today else None,
        "next_week": (first_day + dt.timedelta(days=7)).isoformat(),
        "filter_query": filter_query,
        "filter_panel": filter_panel(filters),
    }
    return render(request, "aanbod/agenda.html", context)


def agenda_feed(request):
    """iCal feed of a filtered agenda: subscribe once, stay up to date."""
    _query, filters, _page = parse_search(request.GET)
    days = agenda_between(
        first_day=timezone.localdate(), days=FEED_DAYS, filters=filters, now=timezone.now()
    )
    items = [
        (offer, date, request.build_absolute_uri(offer.get_absolute_url()))
        for day in days
        for offer, date in day.items
    ]
    response = HttpResponse(agenda_calendar(items), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
