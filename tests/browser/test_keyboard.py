"""A parent on a phone, keyboard only: from the home page to an offer and onto their list."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, predicate_js: str, limit: int = 80) -> None:
    for _step in range(limit):
        page.keyboard.press("Tab")
        script = f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        if page.evaluate(script):
            return
    raise AssertionError(f"never reached: {predicate_js}")


@pytest.mark.parametrize("javascript", [True, False])
def test_search_to_offer_by_keyboard_alone(live_server, demo_network, browser, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/nl/")
    _tab_to(page, "el.id === 'home-q'")
    page.keyboard.type("babymassage")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aanbod/?q=babymassage*")
    _tab_to(page, "el.closest && !!el.closest('.hvhk-offer-card') && el.tagName === 'A'")
    title = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == title
    _tab_to(page, "el.tagName === 'BUTTON' && el.getAttribute('aria-pressed') === 'false'")
    page.keyboard.press("Enter")
    page.wait_for_selector("button[aria-pressed=true]")  # htmx swap, or the page reloaded
    page.goto(f"{live_server.url}/nl/lijstje/")
    page.wait_for_load_state()
    assert title in page.locator("main").inner_text()
    context.close()


def test_ticking_a_filter_updates_results_and_keeps_focus(live_server, demo_network, new_page):
    page = new_page(1280)
    page.goto(f"{live_server.url}/nl/aanbod/?q=opvoeding")
    before = page.locator("#results-title").inner_text()
    checkbox = page.locator("input[name=age][value='0-3']")
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_url("**age=0-3*")
    page.wait_for_function(
        "before => document.querySelector('#results-title').innerText !== before", arg=before
    )
    assert page.evaluate("document.activeElement.name") == "age"
    assert checkbox.is_checked()
