"""Our pages run under our own Content Security Policy without a single violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_cause_no_csp_violation_and_the_map_shows_its_marker(
    live_server, demo_network, browser
):
    from partners.models import Location

    location = Location.objects.exclude(latitude=None).first()
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ["/nl/", "/nl/aanbod/?q=opvoeding", "/nl/agenda/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}{location.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    marker = page.locator("img.leaflet-marker-icon")
    assert marker.evaluate("image => image.complete && image.naturalWidth > 0")
    assert violations == []
    context.close()
