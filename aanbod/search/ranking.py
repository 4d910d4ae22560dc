"""The order of search results, as SQL for the one ranking statement (no query per result).

- With words: relevance (`text_rank`): words matched first, then where they matched.
- Without words (home tiles, filters only): the soonest next date first; then offers without
  a date in the coming weeks, those whose ages fit the chosen age best first (the share of
  the offer's age range inside the chosen one: a 12–18 offer before an "every age" one for
  a teenager); then the title. With an age chosen, the offers mostly for that age
  (GOOD_AGE_FIT) come first, in that order, then the rest in that order.
- A parent's choice (`sort=`): soonest, nearest (from the chosen place: the centroid of its
  locations' coordinates), A to Z.

The next date comes from aanbod.search.dates.
"""

from __future__ import annotations

import datetime as dt

from ..choices import AGE_GROUP_MONTHS
from ..filters import SORT_NEAREST, SORT_SOONEST, SORT_TITLE, OfferFilters
from .conditions import term_match, term_tsquery, typo_tolerant
from .dates import next_start
from .sql import OFFER, Sql
from .vocabulary import PreparedQuery

# Ages as the filters see them: pregnancy starts at -9 months, the oldest group ends at 361.
YOUNGEST, OLDEST = -9, 361
KM_PER_DEGREE = 111.2
# An offer whose ages lie at least half inside the chosen ages is "for that age".
GOOD_AGE_FIT = 0.5


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


def text_rank(prepared: PreparedQuery) -> Sql:
    """Words matched first (each worth 1), then where they matched (title above text)."""
    if not prepared:
        return Sql("0.0")
    coverage = Sql.join(" + ", [Sql("(") + term_match(t) + Sql(")::int") for t in prepared.terms])
    all_terms = Sql.join(" || ", [term_tsquery(t) for t in prepared.terms])
    rank = Sql("((") + coverage + Sql(f")::float + ts_rank({OFFER}.search_document, ")
    rank += all_terms + Sql(")")
    typos = [t for t in prepared.terms if typo_tolerant(t)]
    if typos:
        similarity = Sql.join(
            ", ", [Sql(f"word_similarity(%s, {OFFER}.search_text)", (t.word,)) for t in typos]
        )
        rank += Sql(" + 0.3 * GREATEST(") + similarity + Sql(")")
    return rank + Sql(")")


# What the ranking statement returns per offer of the page (besides the order).
RANKED_COLUMNS = ("id", "total", "distance", "dates_from", "next_starts", "next_ends", "complete")


def ranking_statement(
    condition: Sql,
    sort: str,
    prepared: PreparedQuery,
    filters: OfferFilters,
    now: dt.datetime,
    *,
    limit: int,
    offset: int,
) -> Sql:
    """One statement for a page: the matched offers in the order `sort` names, with the
    total, the distance and the stored next dates of the page's offers (RANKED_COLUMNS).

    Narrow rows are ranked and counted first; the page's offers are loaded whole later: a
    window count carrying every matched offer's columns (13,000 of them for a common word
    over Flanders) took as long as the matching itself.
    """
    columns = [Sql(f"{OFFER}.id, {OFFER}.title_nl, "), distance_km(filters), Sql(" AS distance")]
    # A constant is no sort key for PostgreSQL: rank and age fit only when they vary.
    by_rank = []
    if prepared:
        columns += [Sql(", "), text_rank(prepared), Sql(" AS rank")]
        by_rank = ["m.rank DESC"]
    title = ["m.title_nl", "m.id"]
    if sort == SORT_TITLE:
        order = title
    elif sort == SORT_NEAREST:
        order = ["m.distance ASC NULLS LAST", *by_rank, *title]
    elif sort == SORT_SOONEST:
        columns += [Sql(", "), next_start(now), Sql(" AS next_at")]
        if chosen_age_range(filters) is None:
            order = ["m.next_at ASC NULLS LAST", *by_rank, *title]
        else:
            # For a chosen age, offers mostly for that age come first (soonest first among
            # them): "every age" offers with a slot tomorrow do not bury the teenagers' ones.
            columns += [Sql(", "), age_fit(filters), Sql(" AS fit")]
            order = [
                f"(m.fit >= {GOOD_AGE_FIT}) DESC",
                "m.next_at ASC NULLS LAST",
                "m.fit DESC",
                *by_rank,
                *title,
            ]
    else:
        order = [*by_rank, *title]
    stored = (
        f", {OFFER}.indexed_dates_from AS dates_from, {OFFER}.indexed_next_starts AS next_starts,"
        f" {OFFER}.indexed_next_ends AS next_ends, {OFFER}.indexed_dates_complete AS complete"
    )
    return (
        Sql(
            "SELECT m.id, count(*) OVER () AS total, m.distance, m.dates_from, m.next_starts,"
            " m.next_ends, m.complete FROM (SELECT "
        )
        + Sql.join("", columns)
        + Sql(stored + f" FROM {OFFER} WHERE ")
        + condition
        + Sql(") AS m ORDER BY " + ", ".join(order) + " LIMIT %s OFFSET %s", (limit, offset))
    )
