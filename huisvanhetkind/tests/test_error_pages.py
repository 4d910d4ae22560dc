"""Error pages speak the visitor's language, in the portal's layout, with a way onwards."""

import pytest
from django.test import Client

from aanbod.choices import OfferStatus
from aanbod.tests.factories import OfferFactory
from partners.tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(name="Huis van het Kind Scheldevallei", phone="09 123 45 67")


def test_an_archived_offer_gives_a_dutch_404_with_search_and_the_contact_point(client, network):
    offer = OfferFactory(status=OfferStatus.ARCHIVED)

    response = client.get(f"/nl/aanbod/{offer.slug}/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "We kunnen deze pagina niet vinden" in html
    assert 'role="search"' in html
    assert "tel:091234567" in html
    assert "Not Found" not in html


@pytest.mark.parametrize(
    ("lang", "direction"), [("ar", "rtl"), ("uk", "ltr"), ("fr", "ltr"), ("en", "ltr")]
)
def test_the_404_page_is_in_the_language_of_the_address(client, network, lang, direction):
    response = client.get(f"/{lang}/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}"' in html
    assert "We kunnen deze pagina niet vinden" not in html


def test_a_bug_gives_a_500_page_in_the_layout_not_a_bare_one(network, settings):
    settings.ROOT_URLCONF = "huisvanhetkind.tests.error_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/kapot/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis bij ons" in html
    assert "tel:091234567" in html


def test_a_500_page_still_renders_when_the_contact_point_cannot_be_read(settings):
    settings.ROOT_URLCONF = "huisvanhetkind.tests.error_urls"
    # No network at all: the page leaves the contact point out instead of failing again.
    response = Client(raise_request_exception=False).get("/kapot/")

    assert response.status_code == 500
    assert "Er ging iets mis bij ons" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_explains_it_plainly(network):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/nl/signaal/", {"text": "Geen avondaanbod"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Dit formulier is verlopen" in html
    assert "CSRF" not in html


def test_a_forbidden_page_is_in_the_layout(client, network):
    client.force_login(UserFactory())  # logged in, but edits no offers

    response = client.get("/nl/mijn-aanbod/")

    assert response.status_code == 403
    assert "Je kunt deze pagina niet openen" in response.content.decode()
