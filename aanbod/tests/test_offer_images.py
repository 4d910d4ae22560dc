"""Offer images and places: what a parent sees on a card and the offer page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aanbod.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("babymassage.png", buffer.getvalue(), content_type="image/png")


def test_a_published_offers_image_shows_with_its_alt_text_and_is_served(client):
    offer = OfferFactory(
        status="published",
        title="Babymassage",
        image=_png(),
        image_alt="Een mama masseert haar baby",
    )

    page = client.get(offer.get_absolute_url()).content.decode()
    image = client.get(f"/nl/aanbod/{offer.slug}/afbeelding/")

    assert f'src="/nl/aanbod/{offer.slug}/afbeelding/"' in page
    assert 'alt="Een mama masseert haar baby"' in page
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


def test_search_cards_show_the_image_lazily(client):
    OfferFactory(status="published", title="Babymassage", image=_png(), image_alt="Een baby")

    html = client.get("/nl/aanbod/?q=babymassage").content.decode()

    assert 'loading="lazy"' in html
    assert 'alt="Een baby"' in html


def test_a_drafts_image_is_not_public(client):
    offer = OfferFactory(status="draft", image=_png(), image_alt="Nog geheim")

    assert client.get(f"/nl/aanbod/{offer.slug}/afbeelding/").status_code == 404


def test_an_offer_without_image_answers_404_for_its_image(client):
    offer = OfferFactory(status="published")

    assert client.get(f"/nl/aanbod/{offer.slug}/afbeelding/").status_code == 404


@pytest.mark.parametrize(
    ("availability", "words"), [("full", "Op dit moment volzet"), ("waiting_list", "Wachtlijst")]
)
def test_full_and_waiting_list_show_on_result_cards(client, availability, words):
    OfferFactory(status="published", title="Onthaalouder Zonnetje", availability=availability)

    html = client.get("/nl/aanbod/?q=onthaalouder").content.decode()

    assert words in html
