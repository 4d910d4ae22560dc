"""The "Open data" page, the nightly file and the URL access table of the app."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from aanbod.tests.factories import OfferFactory
from opendata import urls as api_urls
from opendata import urls_pages as pages_urls
from opendata.dataset import dataset_build
from opendata.tasks import datasets_build_task
from partners.tests.factories import LocationFactory

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
    "opendata_package": "public",
}


def test_every_url_of_the_app_has_a_row():
    names = {f"opendata:{pattern.name}" for pattern in api_urls.urlpatterns}
    pages = {f"{pattern.name}" for pattern in pages_urls.urlpatterns}
    assert names | pages == set(ACCESS)


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


def test_the_tables_hold_the_same_rows_as_the_json_file(client, media):
    from opendata.tests.test_api import _offer

    offers = [_offer(phone="09 123 45 67", languages=["nl", "fr"]) for _ in range(3)]
    offers[1].locations.add(offers[0].locations.get())  # a place two services share
    hosted = OfferFactory()  # at a place of a partner without published offers of its own
    host = OfferFactory(status="draft").organisation
    hosted.locations.add(LocationFactory(organisation=host))
    dataset_build(lang="nl")
    data = json.loads(b"".join(client.get("/nl/open-data/nl.json").streaming_content))
    response = client.get("/nl/open-data/nl.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    package = json.loads(archive.read("datapackage.json"))
    tables = {
        resource["name"]: list(csv.DictReader(io.TextIOWrapper(archive.open(resource["path"]))))
        for resource in package["resources"]
    }
    services = data["services"]
    pairs = [pair for s in services for pair in s["service_at_locations"]]
    places = {pair["location"]["id"]: pair["location"] for pair in pairs}
    expected = {
        "services": len(services),
        "organizations": len(data["organizations"]),
        "taxonomies": len(data["taxonomies"]),
        "taxonomy_terms": len(data["taxonomy_terms"]),
        "service_at_locations": len(pairs),
        "locations": len(places),
        "addresses": sum(len(place["addresses"]) for place in places.values()),
        "phones": sum(len(s.get("phones", [])) for s in services)
        + sum(len(o.get("phones", [])) for o in data["organizations"]),
        "schedules": sum(len(s.get("schedules", [])) for s in services)
        + sum(len(place.get("schedules", [])) for place in places.values()),
        "languages": sum(len(s.get("languages", [])) for s in services),
        "cost_options": sum(len(s.get("cost_options", [])) for s in services),
        "attributes": sum(len(s.get("attributes", [])) for s in services),
    }
    assert {name: len(tables[name]) for name in expected} == expected
    # Three places of their own, one shared, one of a host that publishes nothing itself.
    assert (len(services), len(pairs), len(places)) == (4, 5, 4)
    assert str(host.uuid) in {row["id"] for row in tables["organizations"]}
    assert set(tables) >= set(expected)
    # Every id column points to a row of the table it names.
    for resource in package["resources"]:
        for key in resource["schema"]["foreignKeys"]:
            target = {row["id"] for row in tables[key["reference"]["resource"]]}
            values = {row[key["fields"]] for row in tables[resource["name"]]} - {""}
            assert values <= target, (resource["name"], key["fields"])
    assert "/open-data/nl.zip" in client.get("/nl/open-data/").content.decode()
