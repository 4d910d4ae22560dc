"""A page of search results: the one entry point of the parents' search.

`offer_search` parses the question (aanbod.search.parsing), prepares its words
(aanbod.search.vocabulary), ranks the matches (aanbod.search.conditions and .ranking) and
counts the filters (aanbod.search.facets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.utils import timezone

from partners.opening_hours import BRUSSELS

from ..filters import OfferFilters
from ..models import Offer
from ..schedules import NextDate, next_occurrences_for_offers
from ..selectors import offers_by_ids
from .conditions import full_condition
from .dates import stored_dates_fresh
from .facets import FacetValue, facet_counts
from .parsing import parse_query, understood_filters
from .ranking import RANKED_COLUMNS, effective_sort, has_origin, ranking_statement
from .sql import OFFER, Sql
from .vocabulary import prepare_query

PAGE_SIZE = 20


@dataclass
class SearchResult:
    """One page of published offers for a query and filters.

    offers: with `organisation` and `locations` (with deelgemeente) loaded; next_dates:
    each offer's next dates for its card, from the stored dates (or, when those are stale,
    schedules.next_occurrences_for_offers in a fixed number of queries).
    facets: filter group -> values with counts (see aanbod.search.facets); suggestion: the query
    with misspelled words corrected, or None.
    """

    query: str
    filters: OfferFilters
    page: int
    offer_ids: list[int]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    page_size: int = PAGE_SIZE
    # The order used (aanbod.filters.SORT_CHOICES; '' = relevance) and whether "nearest"
    # can apply (a place is chosen; the offers then carry `distance_km`).
    sort: str = ""
    can_sort_nearest: bool = False
    # The ranking statement's rows of the page (aanbod.search.ranking.RANKED_COLUMNS).
    ranked: list[dict] = field(default_factory=list)
    now: dt.datetime | None = None

    @cached_property
    def offers(self) -> list[Offer]:
        """The page's offers, loaded on first use (two queries): cached cards need none."""
        offers = offers_by_ids(self.offer_ids)
        distances = {row["id"]: row["distance"] for row in self.ranked}
        for offer in offers:
            offer.distance_km = distances.get(offer.id)
        return offers

    @cached_property
    def next_dates(self) -> dict[int, list[NextDate]]:
        """Offer id -> its next CARD_DATES dates for its card (aanbod.schedules.NextDate)."""
        return card_dates(self, self.now or timezone.now())

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count


def offer_search(
    *, query: str, filters: OfferFilters, page: int = 1, now: dt.datetime | None = None
) -> SearchResult:
    """Published offers matching `query` and `filters`, in the order that fits the question
    (aanbod.search.ranking), with facet counts.

    The query's time and place words become filters (aanbod.search.parsing); `result.filters`
    holds them, and `result.query` is then the words left for the search box.
    At most five statements whatever the catalogue holds: query preparation (only with
    words), the ranking (one statement: ids, order, total and stored next dates:
    aanbod.search.ranking), the page's offers, their places, the facets
    (cached per question, see aanbod.search.facets). A page past the end costs one more to count.
    """
    page = max(1, min(int(page or 1), 1000))
    now = now or timezone.now()
    words = parse_query(query or "")
    prepared = prepare_query(
        words.text, place_candidates=words.place_candidates, postcodes=words.postcodes
    )
    filters = understood_filters(filters, words, prepared.places)
    condition = full_condition(prepared, filters, now=now)
    sort = effective_sort(filters, has_words=bool(prepared))
    statement = ranking_statement(
        condition, sort, prepared, filters, now, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        ranked = [dict(zip(RANKED_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
        if ranked:
            total = ranked[0]["total"]
        elif page > 1:
            count = Sql(f"SELECT count(*) FROM {OFFER} WHERE ") + condition  # noqa: S608
            cursor.execute(count.text, count.params)
            total = cursor.fetchone()[0]
        else:
            total = 0
    understood = bool(prepared.places or words.understood)
    return SearchResult(
        query=_words_left(prepared) if understood else query,
        filters=filters,
        page=page,
        offer_ids=[row["id"] for row in ranked],
        total=total,
        facets=facet_counts(prepared, filters),
        suggestion=prepared.suggestion,
        sort=sort,
        can_sort_nearest=has_origin(filters),
        ranked=ranked,
        now=now,
    )


CARD_DATES = 2


def card_dates(result: SearchResult, now: dt.datetime) -> dict[int, list[NextDate]]:
    """The next dates of each card from the ranking's stored dates; the offers whose stored
    dates are stale or run out are expanded from their schedules (three queries)."""
    dates: dict[int, list[NextDate]] = {}
    for row in result.ranked:
        if not stored_dates_fresh(row["dates_from"], now):
            continue
        upcoming = [
            NextDate(
                starts_at=start.astimezone(BRUSSELS),
                ends_at=end.astimezone(BRUSSELS),
                location=None,
            )
            for start, end in zip(row["next_starts"], row["next_ends"], strict=True)
            if end > now
        ]
        if len(upcoming) >= CARD_DATES or row["complete"]:
            dates[row["id"]] = upcoming[:CARD_DATES]
    if len(dates) == len(result.offer_ids):
        return dates
    missing = [offer for offer in result.offers if offer.id not in dates]
    return dates | next_occurrences_for_offers(missing, after=now, limit=CARD_DATES)


def _words_left(prepared) -> str:
    return " ".join(term.word for term in prepared.terms)
