"""On a phone, every published offer says how to take part: a number, an address, a link,
or the network's contact point, inside <main> (issue 13, "a way to act on every offer")."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAYS_TO_ACT = (
    'main section[aria-labelledby="take-part"] '
    ':is(a[href^="tel:"], a[href^="mailto:"], a[href^="http"], a[href*="stel-je-vraag"])'
)


def test_every_published_demo_offer_has_a_way_to_act_at_360_px(live_server, demo_network, new_page):
    from aanbod.models import Offer

    slugs = list(Offer.objects.published().values_list("slug", flat=True))
    assert len(slugs) > 100  # the whole demo catalogue, not a sample
    page = new_page(360)
    missing = []
    for slug in slugs:
        page.goto(f"{live_server.url}/nl/aanbod/{slug}/")
        link = page.locator(WAYS_TO_ACT).first
        if link.count() == 0 or not link.is_visible():
            missing.append(slug)
    assert missing == []
