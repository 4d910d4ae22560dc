"""A parent on a phone: a question on the home page lands on results, not on the filters.

The filters sit behind a "Filters (n)" button on narrow screens, with the chosen filters as
chips above the results; with and without JavaScript.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
TILES = [
    "Money worries",
    "We are expecting a baby",
    "My child is 0 to 3 years old",
    "I am looking for childcare",
    "I have questions about parenting",
    "My teenager…",
]


@pytest.fixture
def phone(browser):
    contexts = []

    def make(*, javascript: bool = True, width: int = PHONE["width"]):
        context = browser.new_context(
            viewport={"width": width, "height": PHONE["height"]},
            locale="nl-BE",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _first_result_top(page) -> float:
    return page.locator("#results ol > li").first.bounding_box()["y"]


@pytest.mark.parametrize(("lang", "javascript"), [("nl", True), ("nl", False), ("ar", True)])
def test_every_home_tile_lands_on_results_on_a_phone(
    live_server, demo_network, phone, lang, javascript
):
    page = phone(javascript=javascript)
    page.goto(f"{live_server.url}/{lang}/")
    tiles = page.locator(".hvhk-entry-points a")
    assert tiles.count() == len(TILES)
    for index in range(len(TILES)):
        page.goto(f"{live_server.url}/{lang}/")
        tile = page.locator(".hvhk-entry-points a").nth(index)
        label = tile.inner_text()
        tile.click()
        page.wait_for_load_state()
        assert f"/{lang}/aanbod/" in page.url
        assert page.evaluate("window.scrollY") == 0
        top = _first_result_top(page)
        assert top < PHONE["height"], f"{label}: first result at {top} px"
        # The filters are one closed button away, and say how many are on.
        panel = page.locator("details.hvhk-filter-panel")
        assert panel.evaluate("el => el.open") is False, label
        assert page.locator("details.hvhk-filter-panel > summary").inner_text().endswith("(1)")
        assert page.locator(".hvhk-chip").count() == 1, label


def test_a_chip_drops_one_filter(live_server, demo_network, phone):
    page = phone()
    page.goto(f"{live_server.url}/nl/aanbod/?domain=money&cost=free&q=")
    chips = page.locator(".hvhk-chip")
    assert chips.count() == 2
    assert page.locator("details.hvhk-filter-panel > summary").inner_text() == "Filters (2)"
    page.get_by_role("link", name="Verwijder deze filter: Gratis").click()
    page.wait_for_load_state()
    assert "cost=" not in page.url and "domain=money" in page.url
    assert page.locator(".hvhk-chip").count() == 1


def test_ticking_a_filter_announces_the_count_and_keeps_it_in_view(
    live_server, demo_network, phone
):
    page = phone()
    page.goto(f"{live_server.url}/nl/aanbod/?domain=parenting")
    page.locator("details.hvhk-filter-panel > summary").click()
    status = page.locator("#result-status")
    assert status.get_attribute("role") == "status"
    box = page.locator(".hvhk-facet input[name=cost][value=free]")
    box.scroll_into_view_if_needed()
    with page.expect_response(re.compile(r"/nl/aanbod/\?")):
        box.check()
    expect(status).to_have_text(re.compile(r"\d"))
    announced = status.inner_text()
    heading = page.locator("#results-title").inner_text()
    assert re.fullmatch(r"\d+ resultaten?", announced.strip()), announced
    assert announced.strip() == heading.strip()
    # The panel's "show results" button carries the count and is on screen, not off it.
    show = page.locator(".hvhk-filter-panel__done button")
    assert announced.split()[0] in show.inner_text()
    assert show.is_visible()
    top = show.bounding_box()["y"]
    assert 0 <= top < PHONE["height"]
    # Pressing it shows the results: panel closed, focus on the count.
    show.click()
    expect(page.locator("#results-title")).to_be_focused()
    assert page.locator("details.hvhk-filter-panel").evaluate("el => el.open") is False
    assert page.locator(".hvhk-chip").count() == 2


@pytest.mark.parametrize("javascript", [True, False])
def test_the_filters_stay_open_beside_the_results_on_a_wide_screen(
    live_server, demo_network, phone, javascript
):
    page = phone(width=1280, javascript=javascript)
    page.goto(f"{live_server.url}/nl/aanbod/?domain=money")
    assert page.locator(".hvhk-facet input[name=cost][value=free]").is_visible()
    assert not page.locator("details.hvhk-filter-panel > summary").is_visible()


def test_without_javascript_the_filters_open_and_apply(live_server, demo_network, phone):
    page = phone(javascript=False)
    page.goto(f"{live_server.url}/nl/aanbod/")
    page.locator("details.hvhk-filter-panel > summary").click()
    page.locator(".hvhk-facet input[name=domain][value=money]").check()
    page.locator(".hvhk-filter-panel__done button").click()
    page.wait_for_load_state()
    assert "domain=money" in page.url
    assert page.locator(".hvhk-chip").count() == 1
    assert _first_result_top(page) < PHONE["height"]


def test_the_agenda_filters_apply_on_a_phone(live_server, demo_network, phone):
    page = phone(javascript=False)
    page.goto(f"{live_server.url}/nl/agenda/")
    page.locator("details.hvhk-filter-panel > summary").click()
    page.locator(".hvhk-facet input[name=domain][value=parenting]").check()
    page.locator("details.hvhk-filter-panel button[type=submit]").click()
    page.wait_for_load_state()
    assert "domain=parenting" in page.url
    assert page.locator("details.hvhk-filter-panel").evaluate("el => el.open") is False
