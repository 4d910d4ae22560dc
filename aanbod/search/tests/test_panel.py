"""The filter panel kept per process: the same HTML as including it, per language."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from aanbod.search.facets import FacetValue
from aanbod.search.panel import facet_panel, facet_panel_of


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
