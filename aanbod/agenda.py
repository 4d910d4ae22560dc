"""The agenda: what happens on which day, with the same filters as the search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber, TruncDate

from huisvanhetkind.belgian_days import is_public_holiday
from partners.models import Location, Zitdag
from partners.opening_hours import BRUSSELS, SchoolHolidayLike, in_school_holiday
from partners.selectors import school_holidays_between, zitdagen_on_weekdays

from .filters import OfferFilters
from .models import Occurrence, Offer, offer_link_fields
from .schedules import NextDate
from .search.conditions import full_condition
from .search.sql import OFFER, Sql
from .search.vocabulary import prepare_query

AGENDA_MAX_ITEMS = 400
# An agenda has hundreds of lines: load only what a line shows.
_AGENDA_FIELDS = [
    "offer",
    *offer_link_fields("offer__"),
    *(f"location__{name}" for name in ("name", "street", "postcode", "city")),
]


def _in_model_order(model, names: list[str]) -> list[str]:
    # Model.from_db takes a partial row in the order of the model's fields.
    return [field.attname for field in model._meta.concrete_fields if field.attname in names]


# What a weekly line shows of its offer and place (as _AGENDA_FIELDS).
_WEEKLY_OFFER_FIELDS = _in_model_order(Offer, offer_link_fields())
_WEEKLY_LOCATION_FIELDS = _in_model_order(Location, ["id", "name", "street", "postcode", "city"])


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


def _weekly_statement(
    *,
    first_day: dt.date,
    last_day: dt.date,
    filters: OfferFilters,
    holidays: Sequence[SchoolHolidayLike],
    now: dt.datetime | None,
    per_day: int | None,
    limit: int | None = None,
) -> Sql:
    """The dates of matching weekly slots from first_day to last_day, expanded in SQL.

    Mirrors aanbod.schedules (`_weekly_date`, `weekly_dates_between`): the slot's weekday,
    its validity dates and week of the month; no date on a public holiday, none in a school
    holiday for a school-weeks slot, none on a cancelled date; an exception that is not
    cancelled moves the times and brings its note. The public and school holidays of the
    window come as lists of dates (the calendars are Python's and cached). As before, the
    first AGENDA_MAX_ITEMS matching slots by id are expanded. Each row carries its day's
    number of dates, and with `per_day` only each day's first `per_day` rows (by time,
    then slot) come back, with their offer's link fields and their place; with `limit` only
    the first `limit` rows of the window (by day, then as in a day).
    """
    window = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    public_holidays = [day for day in window if is_public_holiday(day)]
    school_days = [day for day in window if in_school_holiday(day, holidays)]
    weekdays = sorted({day.weekday() for day in window[:7]})
    condition = full_condition(prepare_query(""), filters)
    offer_columns = ", ".join(
        f"o.{Offer._meta.get_field(name).column}" for name in _WEEKLY_OFFER_FIELDS
    )
    location_columns = ", ".join(
        f"l.{Location._meta.get_field(name).column}" for name in _WEEKLY_LOCATION_FIELDS
    )
    # Only our constants are interpolated; every value is a parameter.
    statement = (
        Sql(
            "WITH slot AS (SELECT s.* FROM aanbod_recurringschedule s"  # noqa: S608
            f" WHERE s.offer_id IN (SELECT {OFFER}.id FROM {OFFER} WHERE "
        )
        + condition
        + Sql(
            ") AND s.weekday = ANY(%s) ORDER BY s.id LIMIT %s),"
            " dated AS (SELECT s.id AS slot_id, s.offer_id, s.location_id, c.day,"
            " COALESCE(e.starts, s.starts) AS starts, COALESCE(e.ends, s.ends) AS ends,"
            " COALESCE(e.note, '') AS note"
            " FROM slot s CROSS JOIN LATERAL ("
            " SELECT %s::date + ((s.weekday - %s + 7) %% 7) + 7 * k AS day"
            " FROM generate_series(0, %s) AS k) AS c"
            " LEFT JOIN aanbod_scheduleexception e ON e.schedule_id = s.id AND e.date = c.day"
            " WHERE c.day <= %s::date"
            " AND (s.valid_from IS NULL OR s.valid_from <= c.day)"
            " AND (s.valid_until IS NULL OR s.valid_until >= c.day)"
            " AND (s.week_of_month IS NULL"
            " OR s.week_of_month = (extract(day FROM c.day)::int - 1) / 7 + 1"
            " OR (s.week_of_month = -1"
            " AND extract(month FROM c.day + 7) <> extract(month FROM c.day)))"
            " AND NOT c.day = ANY(%s::date[])"
            " AND NOT (s.school_weeks_only AND c.day = ANY(%s::date[]))"
            " AND NOT COALESCE(e.cancelled, FALSE)",
            (
                weekdays,
                AGENDA_MAX_ITEMS,
                first_day,
                first_day.weekday(),
                (len(window) - 1) // 7,
                last_day,
                public_holidays,
                school_days,
            ),
        )
    )
    if now is not None:
        statement += Sql(
            " AND (c.day + COALESCE(e.ends, s.ends)) AT TIME ZONE 'Europe/Brussels' > %s", (now,)
        )
    statement += Sql(
        "), ranked AS (SELECT d.*,"  # noqa: S608
        " row_number() OVER (PARTITION BY d.day ORDER BY d.starts, d.slot_id) AS rank_in_day,"
        " count(*) OVER (PARTITION BY d.day) AS day_total FROM dated d)"
        f" SELECT r.day, r.starts, r.ends, r.note, r.day_total, {offer_columns}, {location_columns}"
        f" FROM ranked r JOIN {OFFER} o ON o.id = r.offer_id"
        " LEFT JOIN partners_location l ON l.id = r.location_id"
    )
    if per_day is not None:
        statement += Sql(" WHERE r.rank_in_day <= %s", (per_day,))
    statement += Sql(" ORDER BY r.day, r.rank_in_day")
    if limit is not None:
        statement += Sql(" LIMIT %s", (limit,))
    return statement


def _weekly_dates(
    *,
    first_day: dt.date,
    last_day: dt.date,
    filters: OfferFilters,
    holidays: Sequence[SchoolHolidayLike],
    now: dt.datetime | None,
    per_day: int | None,
    limit: int | None = None,
) -> tuple[list[tuple[Offer, NextDate]], dict[dt.date, int]]:
    """Weekly dates in the window (each day's first `per_day`) and every day's count, in one
    statement: only the rows shown become objects."""
    statement = _weekly_statement(
        first_day=first_day, last_day=last_day, filters=filters, holidays=holidays, now=now,
        per_day=per_day, limit=limit,
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        rows = cursor.fetchall()
    offer_width = len(_WEEKLY_OFFER_FIELDS)
    dates, totals = [], {}
    for day, starts, ends, note, day_total, *columns in rows:
        offer = Offer.from_db(connection.alias, _WEEKLY_OFFER_FIELDS, columns[:offer_width])
        place = columns[offer_width:]
        location = (
            Location.from_db(connection.alias, _WEEKLY_LOCATION_FIELDS, place)
            if place[_WEEKLY_LOCATION_FIELDS.index("id")] is not None
            else None
        )
        # Combining wall-clock time with the zone keeps 9:00 at 9:00 on the days clocks change.
        date = NextDate(
            starts_at=dt.datetime.combine(day, starts, tzinfo=BRUSSELS),
            ends_at=dt.datetime.combine(day, ends, tzinfo=BRUSSELS),
            location=location,
            note=note,
            recurring=True,
        )
        dates.append((offer, date))
        totals[day] = day_total
    return dates, totals


def agenda_between(
    *,
    first_day: dt.date,
    days: int,
    filters: OfferFilters,
    now: dt.datetime | None = None,
    with_zitdagen: bool = False,
    per_day: int | None = None,
    limit: int | None = None,
) -> list[AgendaDay]:
    """Each day from first_day with the activities of matching published offers.

    With `now`, activities that are already over are left out: a parent reading "this
    week" at 19:30 must not be sent to this morning's session. One still running stays.
    Two statements whatever the catalogue: dated occurrences, and weekly slots expanded
    into dates in the database (`_weekly_statement`); the school holidays come from the
    cache. `with_zitdagen` adds the partners' office days at locations (one statement more)
    when the filters are about place only.

    `per_day` keeps only each day's first activities (a week a parent can read on a phone):
    the database numbers and counts the dated and the weekly ones per day (a window), so
    only those rows become objects; `AgendaDay.total` still counts them all.

    `limit` keeps only the first `limit` activities of the whole window (by day, then
    time), for a page that shows a few in all (the home page's "this week"): each statement
    returns at most `limit` rows. The days' `total` and `more` then count only the days
    those rows reach; read `items` only.
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
        # Activities that start together keep one order on every page and every day.
        .order_by("starts_at", "id")
    )
    if per_day is not None:
        local_day = TruncDate("starts_at", tzinfo=BRUSSELS)
        occurrences = occurrences.annotate(
            rank_in_day=Window(RowNumber(), partition_by=[local_day], order_by=["starts_at", "id"]),
            day_total=Window(Count("id"), partition_by=[local_day]),
        ).filter(rank_in_day__lte=per_day)
    most = AGENDA_MAX_ITEMS if limit is None else min(limit, AGENDA_MAX_ITEMS)
    for occurrence in occurrences[:most]:
        date = NextDate(
            starts_at=occurrence.starts_at.astimezone(BRUSSELS),
            ends_at=occurrence.ends_at.astimezone(BRUSSELS),
            location=occurrence.location,
            note=occurrence.note,
        )
        day = date.starts_at.date()
        by_day[day].append((occurrence.offer, date))
        totals[day] = getattr(occurrence, "day_total", totals[day] + 1)
    holidays = school_holidays_between(first_day, last_day)
    weekly, weekly_totals = _weekly_dates(
        first_day=first_day, last_day=last_day, filters=filters, holidays=holidays, now=now,
        per_day=per_day, limit=limit,
    )  # fmt: skip
    for offer, date in weekly:
        by_day[date.starts_at.date()].append((offer, date))
    for day, total in weekly_totals.items():
        totals[day] += total
    zitdagen = (
        _zitdag_dates(first_day=first_day, days=days, filters=filters, holidays=holidays, now=now)
        if with_zitdagen and _only_place_filters(filters)
        else {}
    )
    agenda, left = [], limit
    for day in (first_day + dt.timedelta(days=i) for i in range(days)):
        items = sorted(by_day.get(day, []), key=lambda item: item[1].starts_at)[:per_day]
        if left is not None:
            items = items[:left]
            left -= len(items)
        agenda.append(
            AgendaDay(day=day, items=items, zitdagen=zitdagen.get(day, []), total=totals[day])
        )
    return agenda
