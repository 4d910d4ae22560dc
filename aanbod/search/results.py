"""A page of search results: the one entry point of the parents' search.

`offer_search` parses the question (aanbod.search.parsing), prepares its words
(aanbod.search.vocabulary), ranks the matches (aanbod.search.conditions and .ranking) and
counts the filters (aanbod.search.facets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Window,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ..filters import SORT_NEAREST, SORT_SOONEST, SORT_TITLE, OfferFilters
from ..models import Offer
from ..selectors import offers_by_ids
from .conditions import full_condition
from .dates import next_start
from .facets import FacetValue, facet_counts
from .parsing import parse_query, understood_filters
from .ranking import (
    GOOD_AGE_FIT,
    age_fit,
    chosen_age_range,
    distance_km,
    effective_sort,
    has_origin,
    text_rank,
)
from .vocabulary import prepare_query

PAGE_SIZE = 20


@dataclass
class SearchResult:
    """One page of published offers for a query and filters.

    offers: with `organisation` and `locations` (with deelgemeente) loaded; next dates come
    from schedules.next_occurrences_for_offers(offers, …) in a fixed number of queries.
    facets: filter group -> values with counts (see aanbod.search.facets); suggestion: the query
    with misspelled words corrected, or None.
    """

    query: str
    filters: OfferFilters
    page: int
    offers: list[Offer]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    page_size: int = PAGE_SIZE
    # The order used (aanbod.filters.SORT_CHOICES; '' = relevance) and whether "nearest"
    # can apply (a place is chosen; the offers then carry `distance_km`).
    sort: str = ""
    can_sort_nearest: bool = False

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
    words), the ranking (ids, order and total), the page's offers, their places, the facets
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
    offset = (page - 1) * PAGE_SIZE
    # aanbod.search.conditions builds the SQL from constants; every user value is a parameter.
    matches = RawSQL(condition.text, condition.params, output_field=BooleanField())  # noqa: S611
    sort = effective_sort(filters, has_words=bool(prepared))
    # Rank and count narrow rows first, then load the twenty offers of the page whole: a
    # window count carrying every matched offer's columns (13,000 of them for a common
    # word over Flanders) took as long as the matching itself.
    ranked = list(
        _ordered(Offer.objects.filter(matches), sort, prepared, filters, now)
        .annotate(total_count=Window(Count("id")))
        .values_list("id", "total_count", "distance")[offset : offset + PAGE_SIZE]
    )
    if ranked:
        total = ranked[0][1]
    elif page > 1:
        total = Offer.objects.filter(matches).count()
    else:
        total = 0
    offers = offers_by_ids([offer_id for offer_id, _total, _distance in ranked])
    distances = {offer_id: distance for offer_id, _total, distance in ranked}
    for offer in offers:
        offer.distance_km = distances.get(offer.id)
    understood = bool(prepared.places or words.understood)
    return SearchResult(
        query=_words_left(prepared) if understood else query,
        filters=filters,
        page=page,
        offers=offers,
        total=total,
        facets=facet_counts(prepared, filters),
        suggestion=prepared.suggestion,
        sort=sort,
        can_sort_nearest=has_origin(filters),
    )


def _words_left(prepared) -> str:
    return " ".join(term.word for term in prepared.terms)


def _sql(fragment, output_field):
    # aanbod.search builds SQL from constants; values are parameters.
    return RawSQL(fragment.text, fragment.params, output_field=output_field)  # noqa: S611


def _ordered(offers: QuerySet[Offer], sort: str, prepared, filters: OfferFilters, now):
    """The matched offers with the ranking's columns, in the order `sort` names."""
    offers = offers.annotate(distance=_sql(distance_km(filters), FloatField()))
    # A constant is no sort key for PostgreSQL: rank and age fit only when they vary.
    by_rank = []
    if prepared:
        offers = offers.annotate(rank=_sql(text_rank(prepared), FloatField()))
        by_rank = ["-rank"]
    title = [F("title_nl").asc(), "id"]
    if sort == SORT_TITLE:
        return offers.order_by(*title)
    if sort == SORT_NEAREST:
        return offers.order_by(F("distance").asc(nulls_last=True), *by_rank, *title)
    if sort == SORT_SOONEST:
        offers = offers.annotate(next_at=_sql(next_start(now), DateTimeField()))
        if chosen_age_range(filters) is None:
            return offers.order_by(F("next_at").asc(nulls_last=True), *by_rank, *title)
        # For a chosen age, offers mostly for that age come first (soonest first among
        # them): "every age" offers with a slot tomorrow do not bury the teenagers' ones.
        offers = offers.annotate(fit=_sql(age_fit(filters), FloatField())).annotate(
            fits=ExpressionWrapper(Q(fit__gte=GOOD_AGE_FIT), output_field=BooleanField())
        )
        return offers.order_by("-fits", F("next_at").asc(nulls_last=True), "-fit", *by_rank, *title)
    return offers.order_by(*by_rank, *title)
