"""Every object the HSDS API returns for the whole demo catalogue is valid HSDS 3.0,
judged by the official JSON schemas — also strictly, with unknown field names refused.

The schemas live outside the project (opendata/schemas.py); a fresh clone without
them skips these tests with that reason, CI always has them.
"""

from collections import defaultdict

import pytest

from opendata import schemas

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        schemas.schema_dir() is None,
        reason="HSDS 3.0 schemas not found: set HSDS_SCHEMA_DIR or put them in "
        "../shared/hsds-3.0/schema/ (see docs/opendata.md)",
    ),
]

API = "/api/hsds/v3/"
# The key under which an object appears nested -> its schema file.
NESTED = {
    "phones": "phone.json",
    "schedules": "schedule.json",
    "service_at_locations": "service_at_location.json",
    "languages": "language.json",
    "organization": "organization.json",
    "funding": "funding.json",
    "cost_options": "cost_option.json",
    "contacts": "contact.json",
    "attributes": "attribute.json",
    "taxonomy_term": "taxonomy_term.json",
    "taxonomy_detail": "taxonomy.json",
    "location": "location.json",
    "locations": "location.json",
    "addresses": "address.json",
    "accessibility": "accessibility.json",
}


def _all_pages(client, path: str, **params) -> list[dict]:
    items, page = [], 1
    while True:
        response = client.get(API + path, {**params, "page": page, "per_page": 100})
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["contents"]
        if body["last_page"]:
            return items
        page += 1


def _nested(obj: dict, found: dict) -> None:
    """Collect every nested object under its schema file name."""
    for key, value in obj.items():
        if key not in NESTED:
            continue
        for child in value if isinstance(value, list) else [value]:
            found[NESTED[key]].append(child)
            _nested(child, found)


@pytest.fixture
def exported(client, demo_catalogue) -> dict[str, list[dict]]:
    """Every object of the API, in Dutch and French, grouped by schema file."""
    from aanbod.models import Offer

    # The demo has no funding or contact person: give one offer both, so they are judged too.
    Offer.objects.published().filter(pk=Offer.objects.published().first().pk).update(
        funding_source="Gemeente Wilgendaal", contact_person="An Peeters"
    )
    found = defaultdict(list)
    for lang in ("nl", "fr"):
        services = _all_pages(client, "services", full="true", lang=lang)
        found["service.json"] += services
        found["service.json"] += [
            client.get(f"{API}services/{services[0]['id']}", {"lang": lang}).json()
        ]
        found["organization.json"] += _all_pages(client, "organizations", full="true", lang=lang)
        found["service_at_location.json"] += _all_pages(
            client, "service_at_locations", full="true", lang=lang
        )
        found["taxonomy.json"] += _all_pages(client, "taxonomies", lang=lang)
        found["taxonomy_term.json"] += _all_pages(client, "taxonomy_terms", lang=lang)
    for name in ("service.json", "organization.json", "service_at_location.json"):
        for obj in list(found[name]):
            _nested(obj, found)
    return found


def test_every_exported_object_is_valid_hsds_also_strictly(exported):
    """One pass over the whole demo catalogue (loading it takes most of the time)."""
    for name in set(NESTED.values()) | {"service.json", "taxonomy.json"}:
        assert exported[name], f"no {name} in the export"
    schedules = exported["schedule.json"]
    assert any(s.get("freq") == "WEEKLY" and "opens_at" in s for s in schedules)
    assert any(s.get("freq") == "MONTHLY" for s in schedules), "no monthly time"
    assert any("dtstart" in s for s in schedules), "no dated activity"
    assert len(exported["service.json"]) > 100
    for strict in (False, True):
        problems = [
            f"{name} {obj.get('id')}: {problem}"
            for name, objects in exported.items()
            for obj in objects
            for problem in schemas.errors(name, obj, strict=strict)
        ]
        assert not problems, f"strict={strict}\n" + "\n".join(problems[:30])


def test_the_strict_check_catches_a_misspelled_field():
    service = {
        "id": "5f0c1d9e-4c1b-4f5e-9c61-0c8b0a1e2d3f",
        "name": "Spreekuur",
        "status": "active",
    }
    service["phones"] = [{"id": service["id"], "numbr": "09 222 33 44", "number": "1"}]
    assert not schemas.errors("service.json", service)
    assert schemas.errors("service.json", service, strict=True)


def test_pagination_has_exactly_the_fields_of_the_official_openapi(client, demo_catalogue):
    body = client.get(API + "services").json()
    assert sorted(body) == sorted(schemas.openapi_page_fields())
