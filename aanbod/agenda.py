"""The agenda: what happens on which day, with the same filters as the search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber, TruncDate

from partners.models import Zitdag
from partners.opening_hours import BRUSSELS
from partners.selectors import school_holidays_between, zitdagen_on_weekdays

from .filters import OfferFilters
from .models import Occurrence, Offer, RecurringSchedule, offer_link_fields
from .schedules import NextDate, schedules_with_exceptions, weekly_dates_between
from .search.conditions import full_condition
from .search.sql import OFFER
from .search.vocabulary import prepare_query

AGENDA_MAX_ITEMS = 400
# An agenda has hundreds of lines: load only what a line shows.
_AGENDA_FIELDS = [
    "offer",
    *offer_link_fields("offer__"),
    *(f"location__{name}" for name in ("name", "street", "postcode", "city")),
]
_SCHEDULE_FIELDS = [
    "weekday",
    "starts",
    "ends",
    "week_of_month",
    "school_weeks_only",
    "valid_from",
    "valid_until",
]


@dataclass(frozen=True)
class ZitdagDate:
    """A partner's office day at a location on one date (not an offer: it links to the
    location)."""

    zitdag: Zitdag
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class AgendaDay:
    day: dt.date
    items: list[tuple[Offer, NextDate]]
    zitdagen: list[ZitdagDate] = field(default_factory=list)
    #: every activity of the day; `items` holds only the first `per_day` of them
    total: int = 0

    @property
    def more(self) -> int:
        """Activities of the day left out of `items` (the agenda links to the whole day)."""
        return self.total - len(self.items)


def _only_place_filters(filters: OfferFilters) -> bool:
    """An office day has no age, life domain or cost: it belongs in an agenda narrowed by
    place only, not in one a parent narrowed to toddlers or free activities."""
    place_only = OfferFilters(
        networks=filters.networks,
        municipalities=filters.municipalities,
        deelgemeenten=filters.deelgemeenten,
    )
    return filters == place_only


def _zitdag_dates(
    *, first_day: dt.date, days: int, filters: OfferFilters, holidays, now: dt.datetime | None
) -> dict[dt.date, list[ZitdagDate]]:
    weekdays = {(first_day + dt.timedelta(days=i)).weekday() for i in range(min(days, 7))}
    zitdagen = list(
        zitdagen_on_weekdays(
            weekdays=weekdays,
            networks=filters.networks,
            municipalities=filters.municipalities,
            deelgemeenten=filters.deelgemeenten,
        )[:AGENDA_MAX_ITEMS]
    )
    by_day: dict[dt.date, list[ZitdagDate]] = defaultdict(list)
    for day in (first_day + dt.timedelta(days=i) for i in range(days)):
        in_holiday = any(holiday.start <= day <= holiday.end for holiday in holidays)
        for zitdag in zitdagen:
            if zitdag.weekday != day.weekday():
                continue
            if in_holiday and zitdag.location.closed_in_school_holidays:
                continue
            date = ZitdagDate(
                zitdag=zitdag,
                starts_at=dt.datetime.combine(day, zitdag.starts, tzinfo=BRUSSELS),
                ends_at=dt.datetime.combine(day, zitdag.ends, tzinfo=BRUSSELS),
            )
            if now and date.ends_at <= now:
                continue
            by_day[day].append(date)
    return by_day


def _offer_matches(column: str, filters: OfferFilters) -> RawSQL:
    """`column IN (matching offers)` as one uncorrelated subquery.

    Written out rather than `offer__in=Offer.objects.filter(...)`: Django would alias
    the inner table and the search condition (which names aanbod_offer) would then
    point at the outer query, re-running the subquery for every row.
    """
    condition = full_condition(prepare_query(""), filters)
    # aanbod.search.conditions builds the SQL from constants; every user value is a parameter.
    return RawSQL(  # noqa: S611
        f"{column} IN (SELECT {OFFER}.id FROM {OFFER} WHERE {condition.text})",  # noqa: S608
        condition.params,
        output_field=BooleanField(),
    )


def agenda_between(
    *,
    first_day: dt.date,
    days: int,
    filters: OfferFilters,
    now: dt.datetime | None = None,
    with_zitdagen: bool = False,
    per_day: int | None = None,
) -> list[AgendaDay]:
    """Each day from first_day with the activities of matching published offers.

    With `now`, activities that are already over are left out: a parent reading "this
    week" at 19:30 must not be sent to this morning's session. One still running stays.
    Two statements whatever the catalogue: dated occurrences and weekly slots (with their
    exceptions); the school holidays come from the cache. `with_zitdagen` adds the partners'
    office days at locations (one statement more) when the filters are about place only.

    `per_day` keeps only each day's first activities (a week a parent can read on a phone):
    the database numbers and counts the dated ones per day (a window), so only those rows
    become objects; `AgendaDay.total` still counts them all.
    """
    last_day = first_day + dt.timedelta(days=days - 1)
    window_start = dt.datetime.combine(first_day, dt.time.min, tzinfo=BRUSSELS)
    window_end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=BRUSSELS)
    by_day: dict[dt.date, list[tuple[Offer, NextDate]]] = defaultdict(list)
    totals: dict[dt.date, int] = defaultdict(int)
    occurrences = (
        Occurrence.objects.filter(
            _offer_matches("aanbod_occurrence.offer_id", filters),
            cancelled=False,
            starts_at__gte=window_start,
            starts_at__lt=window_end,
            **({"ends_at__gt": now} if now else {}),
        )
        .select_related("offer", "location")
        .only(*_AGENDA_FIELDS, "starts_at", "ends_at", "note")
        .order_by("starts_at")
    )
    if per_day is not None:
        local_day = TruncDate("starts_at", tzinfo=BRUSSELS)
        occurrences = occurrences.annotate(
            rank_in_day=Window(RowNumber(), partition_by=[local_day], order_by="starts_at"),
            day_total=Window(Count("id"), partition_by=[local_day]),
        ).filter(rank_in_day__lte=per_day)
    for occurrence in occurrences[:AGENDA_MAX_ITEMS]:
        date = NextDate(
            starts_at=occurrence.starts_at.astimezone(BRUSSELS),
            ends_at=occurrence.ends_at.astimezone(BRUSSELS),
            location=occurrence.location,
            note=occurrence.note,
        )
        day = date.starts_at.date()
        by_day[day].append((occurrence.offer, date))
        totals[day] = getattr(occurrence, "day_total", totals[day] + 1)
    weekdays = {(first_day + dt.timedelta(days=i)).weekday() for i in range(min(days, 7))}
    schedules = schedules_with_exceptions(
        RecurringSchedule.objects.filter(
            _offer_matches("aanbod_recurringschedule.offer_id", filters), weekday__in=weekdays
        )
        .select_related("offer", "location")
        .only(*_AGENDA_FIELDS, *_SCHEDULE_FIELDS),
        first_day,
    ).order_by("id")[:AGENDA_MAX_ITEMS]
    holidays = school_holidays_between(first_day, last_day)
    for schedule in schedules:
        for date in weekly_dates_between(schedule, first_day, last_day, holidays):
            if now and date.ends_at <= now:
                continue
            by_day[date.starts_at.date()].append((schedule.offer, date))
            totals[date.starts_at.date()] += 1
    zitdagen = (
        _zitdag_dates(first_day=first_day, days=days, filters=filters, holidays=holidays, now=now)
        if with_zitdagen and _only_place_filters(filters)
        else {}
    )
    return [
        AgendaDay(
            day=day,
            items=sorted(by_day.get(day, []), key=lambda item: item[1].starts_at)[:per_day],
            zitdagen=zitdagen.get(day, []),
            total=totals[day],
        )
        for day in (first_day + dt.timedelta(days=i) for i in range(days))
    ]
