"""The "Open data" page, the nightly file and the URL access table of the app."""

import json

import pytest
from django.urls import reverse

from aanbod.tests.factories import OfferFactory
from opendata import urls as api_urls
from opendata.dataset import dataset_build
from opendata.tasks import datasets_build_task

pytestmark = pytest.mark.django_db

# Every URL of the app -> who may read it. The API and the page are public and read-only.
ACCESS = {
    "opendata:api_info": "public",
    "opendata:services": "public",
    "opendata:service": "public",
    "opendata:organizations": "public",
    "opendata:organization": "public",
    "opendata:service_at_locations": "public",
    "opendata:service_at_location": "public",
    "opendata:taxonomies": "public",
    "opendata:taxonomy": "public",
    "opendata:taxonomy_terms": "public",
    "opendata:taxonomy_term": "public",
    "opendata_page": "public",
    "opendata_dataset": "public",
}


def test_every_url_of_the_app_has_a_row():
    names = {f"opendata:{pattern.name}" for pattern in api_urls.urlpatterns}
    assert names | {"opendata_page", "opendata_dataset"} == set(ACCESS)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_page_states_the_licence_and_the_api(client, settings, media):
    settings.OPEN_DATA_LICENCE = "CC-BY-4.0"
    response = client.get("/nl/open-data/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "CC-BY-4.0" in page and "creativecommons.org/licenses/by/4.0" in page
    assert "/api/hsds/v3/" in page
    assert "het bestand wordt vannacht gemaakt" in page


def test_the_nightly_file_holds_every_published_offer_and_the_licence(
    client, media, django_assert_max_num_queries
):
    offers = [OfferFactory(title_fr="Titre") for _ in range(3)]
    OfferFactory(status="draft")
    with django_assert_max_num_queries(12):
        dataset_build(lang="fr")
    response = client.get(reverse("opendata_dataset", kwargs={"code": "fr"}))
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    assert data["licence"] == "CC0-1.0"
    assert sorted(s["id"] for s in data["services"]) == sorted(str(o.uuid) for o in offers)
    assert {s["name"] for s in data["services"]} == {"Titre"}
    assert data["taxonomies"] and data["taxonomy_terms"] and data["organizations"]
    assert "/open-data/fr.json" in client.get("/nl/open-data/").content.decode()


def test_the_beat_task_builds_every_language(media, settings):
    assert datasets_build_task() == len(settings.LANGUAGES)


def test_a_missing_or_unknown_file_is_404(client, media):
    assert client.get("/nl/open-data/fr.json").status_code == 404
    assert client.get("/nl/open-data/xx.json").status_code == 404
