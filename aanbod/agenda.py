"""The agenda: what happens on which day, with the same filters as the search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Prefetch
from django.db.models.expressions import RawSQL

from partners.models import SchoolHoliday
from partners.opening_hours import BRUSSELS

from .filters import OfferFilters
from .models import Occurrence, Offer, RecurringSchedule, ScheduleException
from .schedules import NextDate, weekly_dates_between
from .search import OFFER, full_condition, prepare_query

AGENDA_MAX_ITEMS = 400


@dataclass(frozen=True)
class AgendaDay:
    day: dt.date
    items: list[tuple[Offer, NextDate]]


def _offer_matches(column: str, filters: OfferFilters) -> RawSQL:
    """`column IN (matching offers)` as one uncorrelated subquery.

    Written out rather than `offer__in=Offer.objects.filter(...)`: Django would alias
    the inner table and the search condition (which names aanbod_offer) would then
    point at the outer query, re-running the subquery for every row.
    """
    condition = full_condition(prepare_query(""), filters)
    # aanbod.search builds the SQL from constants; every user value is a parameter.
    return RawSQL(  # noqa: S611
        f"{column} IN (SELECT {OFFER}.id FROM {OFFER} WHERE {condition.text})",  # noqa: S608
        condition.params,
        output_field=BooleanField(),
    )


def agenda_between(*, first_day: dt.date, days: int, filters: OfferFilters) -> list[AgendaDay]:
    """Each day from first_day with the activities of matching published offers.

    Four statements whatever the catalogue: dated occurrences, weekly slots (with their
    exceptions) and the school holidays of the window.
    """
    last_day = first_day + dt.timedelta(days=days - 1)
    window_start = dt.datetime.combine(first_day, dt.time.min, tzinfo=BRUSSELS)
    window_end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=BRUSSELS)
    by_day: dict[dt.date, list[tuple[Offer, NextDate]]] = defaultdict(list)
    occurrences = (
        Occurrence.objects.filter(
            _offer_matches("aanbod_occurrence.offer_id", filters),
            cancelled=False,
            starts_at__gte=window_start,
            starts_at__lt=window_end,
        )
        .select_related("offer__organisation", "location")
        .order_by("starts_at")[:AGENDA_MAX_ITEMS]
    )
    for occurrence in occurrences:
        date = NextDate(
            starts_at=occurrence.starts_at.astimezone(BRUSSELS),
            ends_at=occurrence.ends_at.astimezone(BRUSSELS),
            location=occurrence.location,
            note=occurrence.note,
        )
        by_day[date.starts_at.date()].append((occurrence.offer, date))
    weekdays = {(first_day + dt.timedelta(days=i)).weekday() for i in range(min(days, 7))}
    schedules = (
        RecurringSchedule.objects.filter(
            _offer_matches("aanbod_recurringschedule.offer_id", filters), weekday__in=weekdays
        )
        .select_related("offer__organisation", "location")
        .prefetch_related(Prefetch("exceptions", queryset=ScheduleException.objects.all()))[
            :AGENDA_MAX_ITEMS
        ]
    )
    holidays = list(SchoolHoliday.objects.filter(start__lte=last_day, end__gte=first_day))
    for schedule in schedules:
        for date in weekly_dates_between(schedule, first_day, last_day, holidays):
            by_day[date.starts_at.date()].append((schedule.offer, date))
    return [
        AgendaDay(day=day, items=sorted(by_day.get(day, []), key=lambda item: item[1].starts_at))
        for day in (first_day + dt.timedelta(days=i) for i in range(days))
    ]
