"""The filter panel of a result page, rendered once per process for what it shows.

The panel (`aanbod/_facets.html`: every filter value with its count, ticked or not)
depends only on the language, "happening now" and the facets (aanbod.search.facets), the
same for everyone who asks the same question. It is kept in this process under exactly
those values, so there is nothing to invalidate: other counts or labels are another key.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .facets import FacetValue
from .results import SearchResult

# Panels of the most asked questions; a panel is a few kilobytes.
PANELS_KEPT = 512


def facet_panel(result: SearchResult) -> SafeString:
    """`aanbod/_facets.html` for this result, as `{% include %}` renders it."""
    return facet_panel_of(result.facets, open_now=result.filters.open_now)


def facet_panel_of(facets: dict, *, open_now: bool = False) -> SafeString:
    """The panel for facets without a search result (the agenda: no "happening now")."""
    kept = tuple((group, tuple(values)) for group, values in facets.items())
    return _panel(get_language() or "", open_now, kept)


@functools.lru_cache(maxsize=PANELS_KEPT)
def _panel(
    language: str, open_now: bool, facets: tuple[tuple[str, tuple[FacetValue, ...]], ...]
) -> SafeString:
    # The template reads only these two parts of the result.
    shown = SimpleNamespace(filters=SimpleNamespace(open_now=open_now), facets=dict(facets))
    return render_to_string("aanbod/_facets.html", {"result": shown})
