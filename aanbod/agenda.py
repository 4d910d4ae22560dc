"""The agenda: what happens on which day, with the same filters as the search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, NamedTuple, TypeVar

from django.db import connection

from huisvanhetkind.belgian_days import is_public_holiday
from partners.models import Location, Zitdag
from partners.opening_hours import BRUSSELS, SchoolHolidayLike, in_school_holiday
from partners.selectors import school_holidays_between, zitdagen_on_weekdays

from .filters import OfferFilters
from .models import Offer, offer_link_fields
from .schedules import NextDate
from .search.conditions import full_condition
from .search.sql import OFFER, Sql
from .search.vocabulary import prepare_query

AGENDA_MAX_ITEMS = 400
_DATED = 0  # the statement's `source` of an occurrence; 1 is a weekly slot's date

Item = TypeVar("Item")


def _in_model_order(model, names: list[str]) -> list[str]:
    # Model.from_db takes a partial row in the order of the model's fields.
    return [field.attname for field in model._meta.concrete_fields if field.attname in names]


@dataclass(frozen=True)
class LineColumns:
    """What a line loads of its offer and its place (attnames, in model order)."""

    offer: list[str]
    location: list[str]

    @classmethod
    def of(cls, offer: list[str], location: list[str]) -> LineColumns:
        return cls(_in_model_order(Offer, offer), _in_model_order(Location, ["id", *location]))

    @property
    def offer_sql(self) -> str:
        return ", ".join(f"o.{Offer._meta.get_field(name).column}" for name in self.offer)

    @property
    def location_sql(self) -> str:
        return ", ".join(f"l.{Location._meta.get_field(name).column}" for name in self.location)


# An agenda has hundreds of lines: load only what a line shows (a link to the offer, the
# place with its address).
LINK_COLUMNS = LineColumns.of(offer_link_fields(), ["name", "street", "postcode", "city"])


class AgendaLine(NamedTuple):
    """One date of the agenda as the statement returns it, without model instances. Plain
    values, so a page can keep what it rendered under exactly what it showed."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    note: str
    recurring: bool
    #: the values of the offer's columns (LineColumns.offer)
    offer: tuple
    #: the values of the place's columns (LineColumns.location); None without a place
    place: tuple | None


@dataclass(frozen=True)
class ZitdagDate:
    """A partner's office day at a location on one date (not an offer: it links to the
    location)."""

    zitdag: Zitdag
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class AgendaDay(Generic[Item]):
    """A day of the agenda; its items are (offer, date) pairs (`agenda_between`) or plain
    lines (`agenda_lines_between`)."""

    day: dt.date
    items: list[Item]
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
    zitdagen = zitdagen_on_weekdays(
        weekdays=weekdays,
        networks=filters.networks,
        municipalities=filters.municipalities,
        deelgemeenten=filters.deelgemeenten,
        limit=AGENDA_MAX_ITEMS,
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


def _dated_statement(
    *,
    window_start: dt.datetime,
    window_end: dt.datetime,
    filters: OfferFilters,
    now: dt.datetime | None,
    per_day: int | None,
    columns: LineColumns,
    limit: int | None = None,
) -> Sql:
    """The matching dated activities (occurrences) in the window, the first AGENDA_MAX_ITEMS
    (or `limit`) by time; with `per_day` only each day's first `per_day` (by time, then id).
    Each row carries its day's number of activities, in the columns of `_weekly_statement`."""
    condition = full_condition(prepare_query(""), filters)
    local_day = "(oc.starts_at AT TIME ZONE 'Europe/Brussels')::date"
    # Only our constants are interpolated; every value is a parameter.
    statement = (
        Sql(
            "SELECT 0 AS source, r.id, r.day, r.starts_at, r.ends_at,"  # noqa: S608
            " NULL::time, NULL::time, r.note, r.day_total,"
            f" {columns.offer_sql}, {columns.location_sql}"
            f" FROM (SELECT oc.id, oc.offer_id, oc.location_id, oc.starts_at, oc.ends_at,"
            f" oc.note, {local_day} AS day,"
            f" row_number() OVER (PARTITION BY {local_day} ORDER BY oc.starts_at, oc.id)"
            " AS rank_in_day,"
            f" count(*) OVER (PARTITION BY {local_day}) AS day_total"
            " FROM aanbod_occurrence oc"
            f" WHERE oc.offer_id IN (SELECT {OFFER}.id FROM {OFFER} WHERE "
        )
        + condition
        + Sql(
            ") AND NOT oc.cancelled AND oc.starts_at >= %s AND oc.starts_at < %s",
            (window_start, window_end),
        )
    )
    if now is not None:
        statement += Sql(" AND oc.ends_at > %s", (now,))
    statement += Sql(
        ") AS r"
        f" JOIN {OFFER} o ON o.id = r.offer_id"
        " LEFT JOIN partners_location l ON l.id = r.location_id"
    )
    if per_day is not None:
        statement += Sql(" WHERE r.rank_in_day <= %s", (per_day,))
    most = AGENDA_MAX_ITEMS if limit is None else min(limit, AGENDA_MAX_ITEMS)
    return statement + Sql(" ORDER BY r.starts_at, r.id LIMIT %s", (most,))


def _weekly_statement(
    *,
    first_day: dt.date,
    last_day: dt.date,
    filters: OfferFilters,
    holidays: Sequence[SchoolHolidayLike],
    now: dt.datetime | None,
    per_day: int | None,
    columns: LineColumns,
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
    then slot) come back, with their offer's and place's `columns`; with `limit` only the
    first `limit` rows of the window (by day, then as in a day).
    """
    window = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    public_holidays = [day for day in window if is_public_holiday(day)]
    school_days = [day for day in window if in_school_holiday(day, holidays)]
    weekdays = sorted({day.weekday() for day in window[:7]})
    condition = full_condition(prepare_query(""), filters)
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
        " SELECT 1 AS source, r.slot_id, r.day, NULL::timestamptz, NULL::timestamptz,"
        " r.starts, r.ends, r.note, r.day_total,"
        f" {columns.offer_sql}, {columns.location_sql}"
        f" FROM ranked r JOIN {OFFER} o ON o.id = r.offer_id"
        " LEFT JOIN partners_location l ON l.id = r.location_id"
    )
    if per_day is not None:
        statement += Sql(" WHERE r.rank_in_day <= %s", (per_day,))
    if limit is not None:
        statement += Sql(" ORDER BY r.day, r.rank_in_day LIMIT %s", (limit,))
    return statement


def _lines(
    *,
    first_day: dt.date,
    last_day: dt.date,
    filters: OfferFilters,
    holidays: Sequence[SchoolHolidayLike],
    now: dt.datetime | None,
    per_day: int | None,
    columns: LineColumns,
    limit: int | None = None,
) -> tuple[dict[dt.date, list[AgendaLine]], dict[dt.date, int]]:
    """Each day's lines, dated and weekly merged by time (each day's first `per_day`), and
    every day's count, from one statement: dated activities first when they start together
    with a weekly one, each kind in its own order (id, slot)."""
    window_start = dt.datetime.combine(first_day, dt.time.min, tzinfo=BRUSSELS)
    window_end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=BRUSSELS)
    dated = _dated_statement(
        window_start=window_start, window_end=window_end, filters=filters, now=now,
        per_day=per_day, columns=columns, limit=limit,
    )  # fmt: skip
    weekly = _weekly_statement(
        first_day=first_day, last_day=last_day, filters=filters, holidays=holidays, now=now,
        per_day=per_day, columns=columns, limit=limit,
    )  # fmt: skip
    statement = Sql("(") + dated + Sql(") UNION ALL (") + weekly + Sql(")")
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        rows = cursor.fetchall()
    offer_width = len(columns.offer)
    found: dict[dt.date, list[tuple]] = defaultdict(list)
    totals: dict[dt.date, int] = defaultdict(int)
    dated_totals: dict[dt.date, int] = defaultdict(int)
    for source, row_id, day, starts_at, ends_at, starts, ends, note, day_total, *values in rows:
        if source == _DATED:
            starts_at, ends_at = starts_at.astimezone(BRUSSELS), ends_at.astimezone(BRUSSELS)
            day = starts_at.date()
            # Without `per_day` the day counts what came back (at most AGENDA_MAX_ITEMS).
            dated_totals[day] = day_total if per_day is not None else dated_totals[day] + 1
        else:
            # Combining wall-clock time with the zone keeps 9:00 at 9:00 on the days clocks
            # change.
            starts_at = dt.datetime.combine(day, starts, tzinfo=BRUSSELS)
            ends_at = dt.datetime.combine(day, ends, tzinfo=BRUSSELS)
            totals[day] = day_total
        place = tuple(values[offer_width:])
        line = AgendaLine(
            starts_at=starts_at,
            ends_at=ends_at,
            note=note,
            recurring=source != _DATED,
            offer=tuple(values[:offer_width]),
            place=place if place[0] is not None else None,
        )
        found[day].append((starts_at, source, row_id, line))
    for day, total in dated_totals.items():
        totals[day] += total
    lines = {
        day: [line for *_order, line in sorted(day_rows, key=_line_order)][:per_day]
        for day, day_rows in found.items()
    }
    return lines, totals


def _line_order(row: tuple) -> tuple:
    starts_at, source, row_id, _line = row
    return starts_at, source, row_id


def agenda_lines_between(
    *,
    first_day: dt.date,
    days: int,
    filters: OfferFilters,
    now: dt.datetime | None = None,
    with_zitdagen: bool = False,
    per_day: int | None = None,
    limit: int | None = None,
    columns: LineColumns | None = None,
) -> list[AgendaDay[AgendaLine]]:
    """`agenda_between` as plain lines (`AgendaLine`: the statement's values of `columns`),
    for a page that renders them without model instances or keeps what it rendered."""
    last_day = first_day + dt.timedelta(days=days - 1)
    holidays = school_holidays_between(first_day, last_day)
    lines, totals = _lines(
        first_day=first_day, last_day=last_day, filters=filters, holidays=holidays, now=now,
        per_day=per_day, columns=columns or LINK_COLUMNS, limit=limit,
    )  # fmt: skip
    zitdagen = (
        _zitdag_dates(first_day=first_day, days=days, filters=filters, holidays=holidays, now=now)
        if with_zitdagen and _only_place_filters(filters)
        else {}
    )
    agenda, left = [], limit
    for day in (first_day + dt.timedelta(days=i) for i in range(days)):
        items = lines.get(day, [])
        if left is not None:
            items = items[:left]
            left -= len(items)
        agenda.append(
            AgendaDay(
                day=day, items=items, zitdagen=zitdagen.get(day, []), total=totals.get(day, 0)
            )
        )
    return agenda


def with_offers(
    days: list[AgendaDay[AgendaLine]], columns: LineColumns | None = None
) -> list[AgendaDay[tuple[Offer, NextDate]]]:
    """The lines as (offer, date) pairs: partial instances holding `columns` only."""
    columns = columns or LINK_COLUMNS
    return [replace(day, items=[_offer_date(line, columns) for line in day.items]) for day in days]


def _offer_date(line: AgendaLine, columns: LineColumns) -> tuple[Offer, NextDate]:
    location = (
        Location.from_db(connection.alias, columns.location, line.place) if line.place else None
    )
    date = NextDate(
        starts_at=line.starts_at,
        ends_at=line.ends_at,
        location=location,
        note=line.note,
        recurring=line.recurring,
    )
    return Offer.from_db(connection.alias, columns.offer, line.offer), date


def agenda_between(
    *,
    first_day: dt.date,
    days: int,
    filters: OfferFilters,
    now: dt.datetime | None = None,
    with_zitdagen: bool = False,
    per_day: int | None = None,
    limit: int | None = None,
) -> list[AgendaDay[tuple[Offer, NextDate]]]:
    """Each day from first_day with the activities of matching published offers.

    With `now`, activities that are already over are left out: a parent reading "this
    week" at 19:30 must not be sent to this morning's session. One still running stays.
    One statement whatever the catalogue: dated occurrences, and weekly slots expanded
    into dates in the database (`_weekly_statement`); the school holidays come from the
    cache. `with_zitdagen` adds the partners' office days at locations (one statement more)
    when the filters are about place only.

    `per_day` keeps only each day's first activities (a week a parent can read on a phone):
    the database numbers and counts the dated and the weekly ones per day (a window), so
    only those rows come back and only the lines kept become objects; `AgendaDay.total`
    still counts them all.

    `limit` keeps only the first `limit` activities of the whole window (by day, then
    time), for a page that shows a few in all (the home page's "this week"): each statement
    returns at most `limit` rows. The days' `total` and `more` then count only the days
    those rows reach; read `items` only.
    """
    return with_offers(
        agenda_lines_between(
            first_day=first_day,
            days=days,
            filters=filters,
            now=now,
            with_zitdagen=with_zitdagen,
            per_day=per_day,
            limit=limit,
        )
    )
