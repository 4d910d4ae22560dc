"""The HSDS API's behaviour: what is public, languages, paging, caching, CORS, fair use."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from aanbod.choices import LifeDomain, OfferStatus
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from opendata import hsds
from partners.tests.factories import LocationFactory, OpeningPeriodFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
API = "/api/hsds/v3/"


def _offer(**kwargs):
    offer = OfferFactory(**kwargs)
    location = LocationFactory(organisation=offer.organisation)
    OpeningPeriodFactory(location=location)
    offer.locations.add(location)
    RecurringScheduleFactory(offer=offer, location=location)
    OccurrenceFactory(offer=offer, starts_at=timezone.now() + dt.timedelta(days=3))
    return offer


def test_only_published_offers_are_services(client):
    published = _offer()
    _offer(status=OfferStatus.DRAFT)
    _offer(status=OfferStatus.ARCHIVED)
    body = client.get(API + "services").json()
    assert [item["id"] for item in body["contents"]] == [str(published.uuid)]
    draft = OfferFactory(status=OfferStatus.DRAFT)
    assert client.get(f"{API}services/{draft.uuid}").status_code == 404


def test_a_page_has_the_openapi_fields(client):
    for _ in range(3):
        _offer()
    body = client.get(API + "services", {"per_page": 2, "page": 2}).json()
    assert {key: value for key, value in body.items() if key != "contents"} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }
    beyond = client.get(API + "services", {"per_page": 2, "page": 9}).json()
    assert beyond["empty"] is True and beyond["contents"] == []


def test_french_feed_falls_back_to_dutch_per_field(client):
    offer = _offer(title="Babbelcafé", title_fr="Café papote", summary="Samen praten.")
    item = client.get(f"{API}services/{offer.uuid}", {"lang": "fr"}).json()
    assert item["name"] == "Café papote"
    assert item["description"] == "Samen praten."
    assert client.get(f"{API}services/{offer.uuid}").json()["name"] == "Babbelcafé"


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "xx"},
        {"page": "first"},
        {"per_page": "1000"},
        {"organization_id": "not-a-uuid"},
        {"modified_after": "yesterday"},
        {"taxonomy_term_id": "9d1c0e4e-0000-4000-8000-000000000000"},
        {"format": "xml"},
    ],
)
def test_bad_parameters_get_a_clear_400(client, params):
    response = client.get(API + "services", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_filters(client):
    health = _offer(life_domains=[LifeDomain.HEALTH])
    other = _offer(life_domains=[LifeDomain.MONEY])
    term = hsds.LIFE_DOMAINS.term_id(LifeDomain.HEALTH)
    ids = lambda params: [i["id"] for i in client.get(API + "services", params).json()["contents"]]  # noqa: E731
    assert ids({"taxonomy_term_id": term}) == [str(health.uuid)]
    assert ids({"organization_id": str(other.organisation.uuid)}) == [str(other.uuid)]
    future = (timezone.now() + dt.timedelta(days=1)).isoformat()
    assert ids({"modified_after": future}) == []


def test_unknown_ids_are_a_json_404(client):
    for path in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        response = client.get(f"{API}{path}/0b7c7c55-6c0e-4d0b-9a38-3a1f0c9e2b11")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_every_endpoint_answers(client):
    offer = _offer()
    location = offer.locations.get()
    pair_id = hsds.service_at_location_id(offer, location)
    term = hsds.taxonomy_terms("nl")[0]
    for path in (
        "",
        "services",
        f"services/{offer.uuid}",
        "organizations",
        f"organizations/{offer.organisation.uuid}",
        "service_at_locations",
        f"service_at_locations/{pair_id}",
        "taxonomies",
        f"taxonomies/{term['taxonomy_id']}",
        "taxonomy_terms",
        f"taxonomy_terms/{term['id']}",
    ):
        response = client.get(API + path)
        assert response.status_code == 200, path


def test_organizations_list_only_the_places_of_published_offers(client):
    offer = _offer()
    used = offer.locations.get()
    LocationFactory(organisation=offer.organisation)  # an office no offer uses
    draft = OfferFactory(organisation=offer.organisation, status=OfferStatus.DRAFT)
    draft.locations.add(LocationFactory(organisation=offer.organisation))
    hosted = OfferFactory()  # another partner's offer at one of this partner's places
    hosted_at = LocationFactory(organisation=offer.organisation)
    hosted.locations.add(hosted_at)
    expected = sorted([str(used.uuid), str(hosted_at.uuid)])
    listed = client.get(API + "organizations", {"full": "true"}).json()["contents"]
    mine = next(org for org in listed if org["id"] == str(offer.organisation.uuid))
    assert sorted(loc["id"] for loc in mine["locations"]) == expected
    detail = client.get(f"{API}organizations/{offer.organisation.uuid}").json()
    assert sorted(loc["id"] for loc in detail["locations"]) == expected


def test_etag_and_last_modified_allow_a_304(client):
    _offer()
    first = client.get(API + "services")
    assert first["Cache-Control"].startswith("public, max-age=")
    assert first["Last-Modified"]
    again = client.get(API + "services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(API + "services", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_cors_for_get_and_read_only(client):
    response = client.get(API + "services")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(API + "services")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post(API + "services").status_code == 405


def test_rate_limit_per_client(client, settings):
    settings.HSDS_RATE_LIMIT_PER_MINUTE = 2
    assert client.get(API).status_code == 200
    assert client.get(API).status_code == 200
    refused = client.get(API)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    other = client.get(API, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["services?full=true", "services", "organizations?full=true", "service_at_locations?full=true"],
)
def test_queries_do_not_grow_with_the_page(client, django_assert_num_queries, path):
    for _ in range(6):
        _offer()
    counts = []
    for per_page in (1, 6):
        cache.clear()
        separator = "&" if "?" in path else "?"
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}{path}{separator}per_page={per_page}")
        assert response.status_code == 200
        assert len(response.json()["contents"]) == per_page
        counts.append(len(queries))
    assert counts[0] == counts[1]
    cache.clear()
    with django_assert_num_queries(counts[0]):
        assert client.get(f"{API}{path}").status_code == 200


def test_answers_come_from_the_cache_until_the_catalogue_changes(
    client, django_assert_max_num_queries
):
    offer = _offer()
    client.get(API + "services")
    with django_assert_max_num_queries(1):
        assert client.get(API + "services").status_code == 200
    offer.title = "Nieuwe naam"
    offer.save()
    assert client.get(API + "services").json()["contents"][0]["name"] == "Nieuwe naam"


def test_every_object_has_a_unique_uuid():
    offers = [OfferFactory(), OfferFactory()]
    orgs = [OrganisationFactory(), OrganisationFactory()]
    assert offers[0].uuid != offers[1].uuid and orgs[0].uuid != orgs[1].uuid
