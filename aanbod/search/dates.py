"""When an offer takes place, as SQL: its next start, a date window, "happening now".

The next start is read from the dates the re-index stored (aanbod.search.index) while they
are fresh, else computed. The computed dates mirror aanbod.schedules for weekly slots
(weekday, validity, week of the month, public holidays, school holidays, cancelled dates)
over WEEKS_AHEAD weeks, and take the first dated activity still to come; a moved time of
one date is not looked at there (the stored dates have it).
"""

from __future__ import annotations

import datetime as dt

from huisvanhetkind.belgian_days import is_public_holiday
from partners.opening_hours import BRUSSELS, in_school_holiday
from partners.selectors import school_holidays_between

from .parsing import window_for
from .sql import OFFER, Sql

# Candidates per weekly slot: this week and five more, enough for "the last Wednesday of
# the month". A slot without a date that far ahead (the summer holiday) sorts as undated.
WEEKS_AHEAD = 6
# A dated activity that started this long ago may still be under way (a camp).
LONGEST_ACTIVITY = dt.timedelta(days=7)
# The nightly re-index (03:30, aanbod.tasks) refreshes the stored next dates; with some
# slack for a late run. Older rows are dated by `computed_next_start`.
STORED_DATES_FRESH_FOR = dt.timedelta(hours=26)


def next_start(after: dt.datetime) -> Sql:
    """The start of an offer's first date that ends after `after`, or NULL.

    Read from the dates stored at re-index time (aanbod.search.index) while they are fresh
    for `after`: one look at a short array instead of expanding every weekly slot of every
    matched offer. Stale rows (no nightly re-index, an injected clock before the re-index)
    and cut lists whose stored dates are all over fall back to `computed_next_start`;
    PostgreSQL evaluates a CASE branch only for the rows that take it.
    """
    computed = computed_next_start(after)
    stored = Sql(
        f"(SELECT min(d.s) FROM unnest({OFFER}.indexed_next_starts, {OFFER}.indexed_next_ends)"  # noqa: S608
        " AS d(s, e) WHERE d.e > %s)",
        (after,),
    )
    return (
        Sql(
            f"(CASE WHEN {OFFER}.indexed_dates_from <= %s"
            f" AND %s < {OFFER}.indexed_dates_from + %s THEN COALESCE(",
            (after, after, STORED_DATES_FRESH_FOR),
        )
        + stored
        + Sql(f", CASE WHEN {OFFER}.indexed_dates_complete THEN NULL ELSE ")
        + computed
        + Sql(" END) ELSE ")
        + computed
        + Sql(" END)")
    )


def stored_dates_fresh(dates_from: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether dates stored at `dates_from` answer "what comes next" at `now` (as in SQL)."""
    return dates_from is not None and dates_from <= now < dates_from + STORED_DATES_FRESH_FOR


def computed_next_start(after: dt.datetime) -> Sql:
    """The start of an offer's first date that ends after `after`, from its schedules."""
    local = after.astimezone(BRUSSELS)
    day, time = local.date(), local.time()
    window = [day + dt.timedelta(days=n) for n in range(7 * (WEEKS_AHEAD + 1))]
    holidays = [d for d in window if is_public_holiday(d)]
    # School holidays as dates too (the calendar is cached): no subquery per candidate.
    school = school_holidays_between(window[0], window[-1])
    school_days = [d for d in window if in_school_holiday(d, school)]
    # Only our constants are interpolated; every value is a parameter. Per slot, its
    # candidate days in date order; LIMIT 1 stops at the first that holds (generate_series
    # yields in order, so no sort is needed and later weeks are never looked at), then the
    # soonest of the offer's slots. The conditions mirror aanbod.schedules.
    weekly = Sql(
        "(SELECT min(w.at) FROM aanbod_recurringschedule s CROSS JOIN LATERAL ("  # noqa: S608
        " SELECT (c.day + s.starts) AT TIME ZONE 'Europe/Brussels' AS at FROM ("
        " SELECT %s::date + ((s.weekday - %s + 7) %% 7) + 7 * k AS day"
        " FROM generate_series(0, %s) AS k) AS c"
        " WHERE (c.day > %s::date OR s.ends > %s::time)"
        " AND (s.valid_from IS NULL OR s.valid_from <= c.day)"
        " AND (s.valid_until IS NULL OR s.valid_until >= c.day)"
        " AND (s.week_of_month IS NULL"
        " OR s.week_of_month = (extract(day FROM c.day)::int - 1) / 7 + 1"
        " OR (s.week_of_month = -1 AND extract(month FROM c.day + 7) <> extract(month FROM c.day)))"
        " AND NOT c.day = ANY(%s::date[])"
        " AND NOT (s.school_weeks_only AND c.day = ANY(%s::date[]))"
        " AND NOT EXISTS (SELECT 1 FROM aanbod_scheduleexception e"
        " WHERE e.schedule_id = s.id AND e.date = c.day AND e.cancelled)"
        " LIMIT 1) AS w"
        f" WHERE s.offer_id = {OFFER}.id)",
        (day, day.weekday(), WEEKS_AHEAD - 1, day, time, holidays, school_days),
    )
    # ORDER BY … LIMIT 1 walks the (offer, starts_at) index and stops at the first row.
    dated = Sql(
        "(SELECT o.starts_at FROM aanbod_occurrence o"  # noqa: S608
        f" WHERE o.offer_id = {OFFER}.id AND NOT o.cancelled"
        " AND o.starts_at > %s AND o.ends_at > %s ORDER BY o.starts_at LIMIT 1)",
        (after - LONGEST_ACTIVITY, after),
    )
    return Sql("LEAST(") + weekly + Sql(", ") + dated + Sql(")")


def when_condition(when: str, now: dt.datetime) -> Sql:
    """Offers with a date in the window a time word means ("vandaag": from now to midnight)."""
    start, end = window_for(when, now, BRUSSELS)
    # The weekday index (GIN) first, as the "When" filter uses it: only offers with a slot
    # or an activity on that weekday (aanbod.search.index) are dated exactly.
    weekday = start.astimezone(BRUSSELS).weekday()
    return (
        Sql(f"({OFFER}.indexed_weekdays && %s::smallint[] AND ", ([weekday],))
        + next_start(start)
        + Sql(" < %s)", (end,))
    )


def happening_now_condition(now: dt.datetime) -> Sql:
    """An offer taking place right now: a weekly slot of this weekday and hour (not on a
    public holiday, a cancelled date, the wrong week of the month or, for school-week
    slots, a school holiday), or a dated activity under way. Mirrors aanbod.schedules."""
    local = now.astimezone(BRUSSELS)
    day, time = local.date(), local.time()
    week_of_month = (day.day - 1) // 7 + 1
    last_week = (day + dt.timedelta(days=7)).month != day.month
    # Only our constants are interpolated; every value is a parameter.
    weekly = Sql(
        " EXISTS (SELECT 1 FROM aanbod_recurringschedule s WHERE s.offer_id = "  # noqa: S608
        + OFFER
        + ".id"
        " AND s.weekday = %s AND s.starts <= %s AND s.ends > %s"
        " AND (s.valid_from IS NULL OR s.valid_from <= %s)"
        " AND (s.valid_until IS NULL OR s.valid_until >= %s)"
        " AND (s.week_of_month IS NULL OR s.week_of_month = %s OR (s.week_of_month = -1 AND %s))"
        " AND NOT (s.school_weeks_only AND EXISTS (SELECT 1 FROM partners_schoolholiday h"
        " WHERE h.start <= %s AND h.end >= %s))"
        " AND NOT EXISTS (SELECT 1 FROM aanbod_scheduleexception e"
        " WHERE e.schedule_id = s.id AND e.date = %s AND e.cancelled))",
        (day.weekday(), time, time, day, day, week_of_month, last_week, day, day, day),
    )
    dated = Sql(
        " EXISTS (SELECT 1 FROM aanbod_occurrence o WHERE o.offer_id = "  # noqa: S608
        + OFFER
        + ".id"
        " AND NOT o.cancelled AND o.starts_at <= %s AND o.ends_at > %s)",
        (now, now),
    )
    if is_public_holiday(day):
        return Sql("(") + dated + Sql(")")
    return Sql("(") + weekly + Sql(" OR") + dated + Sql(")")
