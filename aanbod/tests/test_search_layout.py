"""Results first on a phone: the filter panel stays closed, the chosen filters are chips.

The browser side (what a phone shows, focus, the live region) is in
tests/browser/test_phone_search.py; these check the HTML every browser gets.
"""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(demo_network):
    """The demo network and its catalogue (a copy of the rows, conftest.py)."""


def _chips(content: str) -> list[tuple[str, str]]:
    """(href, visible label) of every chip."""
    found = re.findall(
        r'<a class="hvhk-chip" href="([^"]*)">.*?</span>([^<]*)<span', content, flags=re.S
    )
    return [(href.replace("&amp;", "&"), label.strip()) for href, label in found]


def test_a_filter_from_a_home_tile_leaves_the_panel_closed(client, catalogue):
    content = client.get("/nl/aanbod/?domain=money").content.decode()
    panel = re.search(r"<details[^>]*hvhk-filter-panel[^>]*>", content).group(0)
    assert " open" not in panel
    assert re.search(r"<summary>Filters<span id=\"filter-count\"> \(1\)</span></summary>", content)


def test_each_chosen_filter_is_a_chip_that_drops_only_itself(client, catalogue):
    content = client.get("/nl/aanbod/?q=baby&domain=money&cost=free&open=1&page=2").content
    chips = _chips(content.decode())
    assert [label for _href, label in chips] == ["Nu bezig", "Geld en materiële hulp", "Gratis"]
    hrefs = dict((label, href) for href, label in chips)
    assert hrefs["Gratis"] == "?q=baby&domain=money&open=1"
    assert hrefs["Nu bezig"] == "?q=baby&domain=money&cost=free"
    assert "?q=baby" in content.decode()  # "Remove all filters" keeps the words


def test_a_value_the_search_ignored_is_no_chip(client, catalogue):
    content = client.get("/nl/aanbod/?domain=nonsense&cost=maybe&age_months=x").content.decode()
    assert _chips(content) == []
    assert '<span id="filter-count"></span>' in content


def test_an_age_in_months_is_a_chip_in_words(client, catalogue):
    chips = _chips(client.get("/nl/aanbod/?age_months=30").content.decode())
    assert [label for _href, label in chips] == ["2 jaar"]


def test_an_htmx_update_fills_the_live_region_and_the_counts_outside_the_results(client, catalogue):
    content = client.get("/nl/aanbod/?domain=money&cost=free", HTTP_HX_REQUEST="true").content
    content = content.decode()
    total = re.search(r'<h2 id="results-title"[^>]*>(\d+) resultaten?</h2>', content).group(1)
    assert f'<span id="result-status" hx-swap-oob="innerHTML">{total} resultat' in content
    assert f'<span id="result-count-button" hx-swap-oob="innerHTML">({total})</span>' in content
    assert '<span id="filter-count" hx-swap-oob="innerHTML"> (2)</span>' in content
    # The chips are inside #results, so they follow every update.
    assert len(_chips(content)) == 2


def test_the_live_region_is_on_the_full_page_and_empty_until_an_update(client, catalogue):
    content = client.get("/nl/aanbod/?domain=money").content.decode()
    assert '<p id="result-status" class="hvhk-visually-hidden" role="status"></p>' in content


def test_the_agenda_filters_belong_to_its_form_and_leave_the_days_first(client, catalogue):
    content = client.get("/nl/agenda/?domain=parenting").content.decode()
    # _facets.html ties each box to form="search-form": without that id they sent nothing.
    assert '<form method="get" class="hvhk-search" id="search-form">' in content
    assert 'form="search-form" name="domain" value="parenting" checked' in content
    panel = re.search(r"<details[^>]*hvhk-filter-panel[^>]*>", content).group(0)
    assert " open" not in panel
