"""The filter panel kept per process: the same HTML as including it, per language, and
the agenda's panel kept per catalogue version."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from aanbod.choices import Cost
from aanbod.filters import OfferFilters
from aanbod.search.facets import FacetValue, facet_counts
from aanbod.search.panel import facet_panel, facet_panel_of, filter_panel
from aanbod.search.vocabulary import prepare_query
from aanbod.tests.factories import OfferFactory


def _result(open_now: bool, count: int) -> SimpleNamespace:
    return SimpleNamespace(
        filters=SimpleNamespace(open_now=open_now),
        facets={
            "age": [FacetValue(value="0-3", label="0–3", count=count, selected=True)],
            "municipality": [],
            "cost": [FacetValue(value="free", label="Gratis", count=0, selected=False)],
        },
    )


def test_the_kept_panel_equals_the_included_template_and_follows_counts_and_language():
    for language in ("nl", "fr", "ar"):
        with translation.override(language):
            for open_now, count in ((False, 4), (True, 4), (False, 5)):
                result = _result(open_now, count)
                included = render_to_string("aanbod/_facets.html", {"result": result})
                assert facet_panel(result) == included
                assert facet_panel(result) == included  # and again, from the kept panel


def test_the_agendas_panel_is_the_included_template_without_happening_now():
    facets = _result(open_now=False, count=3).facets
    with translation.override("nl"):
        included = render_to_string("aanbod/_facets.html", {"result": {"facets": facets}})
        assert facet_panel_of(facets) == included
        assert facet_panel_of(facets) == included  # and again, from the kept panel


@pytest.mark.django_db
def test_a_kept_agenda_panel_follows_the_catalogue_and_the_language():
    cache.clear()
    OfferFactory(status="published", cost=Cost.FREE)
    filters = OfferFilters(costs=("free",))

    def panel_and_counted(language: str) -> tuple[str, str]:
        with translation.override(language):
            counted = facet_panel_of(facet_counts(prepare_query(""), filters))
            return filter_panel(filters), counted

    kept, counted = panel_and_counted("nl")
    assert kept == counted and "(1)" in kept
    OfferFactory(status="published", cost=Cost.FREE)  # saving an offer changes the catalogue
    kept, counted = panel_and_counted("nl")
    assert kept == counted and "(2)" in kept
    french, counted = panel_and_counted("fr")
    assert french == counted != kept
