"""Reads of the catalogue for pages. Views never query the models directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, F, FloatField, Prefetch, Window
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from partners.models import Location

from .facets import FacetValue, facet_counts
from .filters import OfferFilters
from .models import Offer
from .schedules import prefetch_for_dates
from .search import full_condition, prepare_query, text_rank

PAGE_SIZE = 20


@dataclass
class SearchResult:
    """One page of published offers for a query and filters.

    offers: with `organisation` and `locations` (with deelgemeente) loaded; next dates come
    from schedules.next_occurrences_for_offers(offers, …) in a fixed number of queries.
    facets: filter group -> values with counts (see aanbod.facets); suggestion: the query
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

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count


def _locations_prefetch() -> Prefetch:
    return Prefetch(
        "locations",
        queryset=Location.objects.select_related("deelgemeente__municipality").order_by("name"),
    )


def offer_search(*, query: str, filters: OfferFilters, page: int = 1) -> SearchResult:
    """Published offers matching `query` and `filters`, best first, with facet counts.

    Four statements whatever the catalogue holds: query preparation (only with words),
    the page with its total (window count), the locations of the page, the facets.
    A page past the end costs one more statement to count.
    """
    page = max(1, min(int(page or 1), 1000))
    prepared = prepare_query(query or "")
    condition = full_condition(prepared, filters)
    rank = text_rank(prepared)
    offset = (page - 1) * PAGE_SIZE
    # aanbod.search builds the SQL from constants; every user value is a parameter.
    matches = RawSQL(condition.text, condition.params, output_field=BooleanField())  # noqa: S611
    queryset = (
        Offer.objects.filter(matches)
        .annotate(
            rank=RawSQL(rank.text, rank.params, output_field=FloatField()),  # noqa: S611
            total_count=Window(Count("id")),
        )
        .select_related("organisation")
        .prefetch_related(_locations_prefetch())
        # The window count carries every matched row to the sort: keep the rows narrow.
        .defer("search_document", "search_text")
        .order_by("-rank", F("title_nl").asc(), "id")
    )
    offers = list(queryset[offset : offset + PAGE_SIZE])
    if offers:
        total = offers[0].total_count
    elif page > 1:
        total = Offer.objects.filter(matches).count()
    else:
        total = 0
    return SearchResult(
        query=query,
        filters=filters,
        page=page,
        offers=offers,
        total=total,
        facets=facet_counts(prepared, filters),
        suggestion=prepared.suggestion,
    )


def offer_get_public(*, slug: str, now: dt.datetime | None = None) -> Offer:
    """A published offer with what its page shows (partner, locations, schedules, dates)."""
    now = now or timezone.now()
    offer = (
        Offer.objects.published()
        .select_related("organisation")
        .prefetch_related("networks", _locations_prefetch(), *prefetch_for_dates(now))
        .filter(slug=slug)
        .first()
    )
    if offer is None:
        raise Http404
    return offer
