"""The filter panel of a result page, rendered once per process for what it shows.

The panel (`aanbod/_facets.html`: every filter value with its count, ticked or not)
depends only on the language, "happening now" and the facets (aanbod.search.facets), the
same for everyone who asks the same question. It is kept in this process under exactly
those values, so there is nothing to invalidate: other counts or labels are another key.

A page without a query (the agenda) need not even count: its panel is kept under the
language, the catalogue version and the filters (`filter_panel`).
"""

from __future__ import annotations

import functools
import time
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ..catalogue_version import catalogue_version
from ..filters import OfferFilters
from .facets import FACETS_CACHE_SECONDS, FacetValue, counts_keepable, facet_counts
from .results import SearchResult
from .vocabulary import prepare_query

# Panels of the most asked questions; a panel is a few kilobytes.
PANELS_KEPT = 512


def facet_panel(result: SearchResult) -> SafeString:
    """`aanbod/_facets.html` for this result, as `{% include %}` renders it."""
    return facet_panel_of(result.facets, open_now=result.filters.open_now)


def facet_panel_of(facets: dict, *, open_now: bool = False) -> SafeString:
    """The panel for facets without a search result (the agenda: no "happening now")."""
    kept = tuple((group, tuple(values)) for group, values in facets.items())
    return _panel(get_language() or "", open_now, kept)


def filter_panel(filters: OfferFilters) -> SafeString:
    """The panel of a page without a query (the agenda: no "happening now") for `filters`.

    Counts that may be kept (`counts_keepable`) are the same for a catalogue version, so
    the panel is kept under the language, that version and the filters: a kept panel costs
    no counting and no reading of the counts. The names of places (not part of the
    catalogue version) are no older than the kept counts are (FACETS_CACHE_SECONDS).
    """
    if not counts_keepable(filters):
        return facet_panel_of(facet_counts(prepare_query(""), filters))
    period = int(time.time() // FACETS_CACHE_SECONDS)
    return _filter_panel(get_language() or "", catalogue_version(), period, filters)


@functools.lru_cache(maxsize=PANELS_KEPT)
def _filter_panel(language: str, version: int, period: int, filters: OfferFilters) -> SafeString:
    # The language is active; version and period only make the key.
    return facet_panel_of(facet_counts(prepare_query(""), filters))


@functools.lru_cache(maxsize=PANELS_KEPT)
def _panel(
    language: str, open_now: bool, facets: tuple[tuple[str, tuple[FacetValue, ...]], ...]
) -> SafeString:
    # The template reads only these two parts of the result.
    shown = SimpleNamespace(filters=SimpleNamespace(open_now=open_now), facets=dict(facets))
    return render_to_string("aanbod/_facets.html", {"result": shown})
