"""The order of search results, as SQL for the one ranking statement (no query per result).

- With words: relevance (aanbod.search.text_rank).
- Without words (home tiles, filters only): the soonest next date first; then offers without
  a date in the coming weeks, those whose ages fit the chosen age best first (the share of
  the offer's age range inside the chosen one: a 12–18 offer before an "every age" one for
  a teenager); then the title. With an age chosen, the offers mostly for that age
  (GOOD_AGE_FIT) come first, in that order, then the rest in that order.
- A parent's choice (`sort=`): soonest, nearest (from the chosen place: the centroid of its
  locations' coordinates), A to Z.

The next date mirrors aanbod.schedules for weekly slots (weekday, validity, week of the
month, public holidays, school holidays, cancelled dates) over WEEKS_AHEAD weeks, and takes
the first dated activity still to come. A moved time of one date is not looked at: the
order may be off by a few hours there, the card shows the right time.
"""

from __future__ import annotations

import datetime as dt

from huisvanhetkind.belgian_days import is_public_holiday
from partners.opening_hours import BRUSSELS, in_school_holiday
from partners.selectors import school_holidays_between

from .choices import AGE_GROUP_MONTHS
from .filters import SORT_NEAREST, SORT_SOONEST, SORT_TITLE, OfferFilters
from .query_words import window_for
from .search import OFFER, Sql

# Candidates per weekly slot: this week and five more, enough for "the last Wednesday of
# the month". A slot without a date that far ahead (the summer holiday) sorts as undated.
WEEKS_AHEAD = 6
# A dated activity that started this long ago may still be under way (a camp).
LONGEST_ACTIVITY = dt.timedelta(days=7)
# Ages as the filters see them: pregnancy starts at -9 months, the oldest group ends at 361.
YOUNGEST, OLDEST = -9, 361
KM_PER_DEGREE = 111.2
# An offer whose ages lie at least half inside the chosen ages is "for that age".
GOOD_AGE_FIT = 0.5


def next_start(after: dt.datetime) -> Sql:
    """The start of an offer's first date that ends after `after`, or NULL."""
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
    # or an activity on that weekday (aanbod.search_index) are dated exactly.
    weekday = start.astimezone(BRUSSELS).weekday()
    return (
        Sql(f"({OFFER}.indexed_weekdays && %s::smallint[] AND ", ([weekday],))
        + next_start(start)
        + Sql(" < %s)", (end,))
    )


def chosen_age_range(filters: OfferFilters) -> tuple[int, int] | None:
    """The ages the parent asked for, as one [low, high) in months; None when not asked."""
    ranges = [AGE_GROUP_MONTHS[value] for value in filters.ages if value in AGE_GROUP_MONTHS]
    if filters.age_months is not None:
        ranges.append((filters.age_months, filters.age_months + 1))
    if not ranges:
        return None
    return min(low for low, _high in ranges), max(high for _low, high in ranges)


def age_fit(filters: OfferFilters) -> Sql:
    """Share of the offer's age range inside the chosen ages (1.0 = all of it); 0 unasked."""
    chosen = chosen_age_range(filters)
    if chosen is None:
        return Sql("0.0")
    low, high = chosen
    offer_low = f"GREATEST(COALESCE(lower({OFFER}.age_months), {YOUNGEST}), {YOUNGEST})"
    offer_high = f"LEAST(COALESCE(upper({OFFER}.age_months), {OLDEST}), {OLDEST})"
    return Sql(
        f"(CASE WHEN isempty({OFFER}.age_months) THEN 0.0 ELSE"
        f" GREATEST(LEAST({offer_high}, %s) - GREATEST({offer_low}, %s), 0)::float"
        f" / GREATEST({offer_high} - {offer_low}, 1) END)",
        (high, low),
    )


def has_origin(filters: OfferFilters) -> bool:
    return bool(filters.deelgemeenten or filters.municipalities)


def distance_km(filters: OfferFilters) -> Sql:
    """Kilometres from the chosen place to the offer's nearest location, or NULL.

    The place's point is the centroid of its locations' coordinates (sub-municipalities
    first, else municipalities): the municipality data carries no coordinates. Two scalar
    subqueries PostgreSQL runs once per statement (InitPlans); an equirectangular distance,
    right to a few metres at Belgian distances.
    """
    if not has_origin(filters):
        return Sql("NULL::float")
    if filters.deelgemeenten:
        where = Sql("l.deelgemeente_id = ANY(%s)", (list(filters.deelgemeenten),))
    else:
        where = Sql(
            "l.deelgemeente_id IN (SELECT d.id FROM partners_deelgemeente d"
            " WHERE d.municipality_id = ANY(%s))",
            (list(filters.municipalities),),
        )

    def centroid(column: str) -> Sql:
        return (
            Sql(f"(SELECT avg(l.{column})::float FROM partners_location l WHERE ")  # noqa: S608
            + where
            + Sql(" AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL)")
        )

    lat, lon = centroid("latitude"), centroid("longitude")
    return (
        Sql(f"(SELECT min({KM_PER_DEGREE} * sqrt(power(l.latitude::float - ")
        + lat
        + Sql(", 2) + power((l.longitude::float - ")
        + lon
        + Sql(") * cos(radians(")
        + lat
        + Sql(
            ")), 2))) FROM aanbod_offer_locations ol JOIN partners_location l"
            f" ON l.id = ol.location_id WHERE ol.offer_id = {OFFER}.id"
            " AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL)"
        )
    )


def narrowed(filters: OfferFilters) -> bool:
    """Whether any filter narrows the catalogue (a tile, a ticked box, a network)."""
    return bool(
        filters.ages
        or filters.age_months is not None
        or filters.municipalities
        or filters.deelgemeenten
        or filters.life_domains
        or filters.access_types
        or filters.costs
        or filters.languages
        or filters.moments
        or filters.networks
        or filters.open_now
        or filters.when
    )


def effective_sort(filters: OfferFilters, *, has_words: bool) -> str:
    """The order used: the parent's choice when it can apply, else what fits the question.

    The bare list of all support (no words, no filter) stays A to Z unless asked: dating
    every offer costs about 6 µs each, 0.3 s for the 46,000 of the Flanders benchmark.
    """
    if filters.sort == SORT_NEAREST and has_origin(filters):
        return SORT_NEAREST
    if filters.sort in (SORT_SOONEST, SORT_TITLE):
        return filters.sort
    if has_words:
        return ""
    return SORT_SOONEST if narrowed(filters) else SORT_TITLE
