"""UiTdatabank JSON-LD import: every calendar type, missing fields, a second import that
only updates, a deleted event, terms mapped by the coordinators, and 5,000 events."""

import datetime as dt
import json
import time
import uuid

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbod.choices import AccessType, Availability, Cost, LifeDomain, OfferStatus
from aanbod.models import Offer
from opendata import offer_import
from opendata.models import ImportStatus, UitTermMapping
from opendata.offer_import import offer_import_run, offer_import_start, preview_counts
from opendata.uitdatabank import Refused, read_documents, uit_preview
from partners.models import Location
from partners.tests.factories import LocationFactory, staff

pytestmark = pytest.mark.django_db

SINGLE = "0f4ea9ad-3681-4f3b-adc2-4b8b00dd845a"
MULTIPLE = "1a2b3c4d-0000-4000-8000-000000000001"
PERIODIC = "1a2b3c4d-0000-4000-8000-000000000002"
PERMANENT = "1a2b3c4d-0000-4000-8000-000000000003"
BARE = "1a2b3c4d-0000-4000-8000-000000000004"
PLACE = "9f9f9f9f-0000-4000-8000-000000000009"


def _event(uid, **fields):
    return {"@id": f"https://io.uitdatabank.be/event/{uid}", "@type": "Event", **fields}


def documents():
    place = {
        "@id": f"https://io.uitdatabank.be/place/{PLACE}",
        "name": {"nl": "Bibliotheek Wilgendaal"},
        "address": {
            "nl": {
                "streetAddress": "Kerkstraat 1",
                "postalCode": "9240",
                "addressLocality": "Wilgendaal",
                "addressCountry": "BE",
            }
        },
        "geo": {"latitude": 51.05, "longitude": 3.73},
    }
    return [
        _event(
            SINGLE,
            mainLanguage="nl",
            name={"nl": "Voorleesuur", "fr": "Heure du conte"},
            description={"nl": "<p>We lezen voor. Voor kleuters.</p>"},
            calendarType="single",
            startDate="2027-03-03T14:00:00+01:00",
            endDate="2027-03-03T15:00:00+01:00",
            typicalAgeRange="3-6",
            priceInfo=[{"category": "base", "name": {"nl": "Basistarief"}, "price": 0}],
            location=place,
            terms=[
                {"id": "0.3.1.0.0", "label": "Cursus of workshop", "domain": "eventtype"},
                {"id": "1.7.12.0.0", "label": "Voorlezen", "domain": "theme"},
            ],
        ),
        _event(
            MULTIPLE,
            mainLanguage="fr",
            name={"fr": "Atelier bébé"},
            calendarType="multiple",
            subEvent=[
                {
                    "startDate": "2027-03-06T10:00:00+01:00",
                    "endDate": "2027-03-06T11:00:00+01:00",
                    "bookingAvailability": {"type": "Available", "capacity": 12, "availability": 0},
                },
                {
                    "startDate": "2027-03-13T10:00:00+01:00",
                    "endDate": "2027-03-13T11:00:00+01:00",
                    "bookingAvailability": {"type": "Unavailable", "capacity": 12},
                },
            ],
            typicalAgeRange="-1",
            priceInfo=[
                {"category": "base", "name": {"nl": "Basistarief"}, "price": 8},
                {"category": "uitpas", "name": {"nl": "UiTPAS kansentarief"}, "price": 2},
            ],
            bookingInfo={"url": "https://example.org/inschrijven", "phone": "09 123 45 67"},
        ),
        _event(
            PERIODIC,
            name={"nl": "Speelotheek"},
            calendarType="periodic",
            startDate="2027-01-01T00:00:00+01:00",
            endDate="2027-06-30T23:59:59+02:00",
            openingHours=[
                {"dayOfWeek": ["wednesday", "saturday"], "opens": "13:00", "closes": "17:00"}
            ],
            typicalAgeRange="0-",
        ),
        _event(
            PERMANENT,
            name={"nl": "Ontmoetingsruimte"},
            calendarType="permanent",
            openingHours=[{"dayOfWeek": ["monday"], "opens": "09:00", "closes": "12:00"}],
        ),
        # Only what was selected in the export: no error.
        _event(BARE, name={"nl": "Alleen een naam"}),
        {"@id": f"https://io.uitdatabank.be/organizers/{uuid.uuid4()}", "@type": "Organizer"},
    ]


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py) with staff accounts, as their invitations give them."""
    staff(cast.coordinator, cast.owner)
    return cast


@pytest.fixture
def network_and_partner(cast):
    """The cast's network and organisation, whose events are imported."""
    return cast.network, cast.organisation


def _import(docs, *, actor, network, organisation):
    preview = uit_preview(read_documents(json.dumps(docs).encode()))
    preview_counts(preview, source="uitdatabank", organisation=organisation)
    assert preview.acceptable, preview.errors
    run = offer_import_start(
        preview=preview,
        kind="uitdatabank",
        organisation=organisation,
        network=network,
        actor=actor,
        file_name="export.json",
    )
    run = offer_import_run(run_id=run.pk)
    assert run.status == ImportStatus.DONE, run.error
    return preview, run


def test_every_calendar_type_and_missing_fields(cast, network_and_partner):
    network, organisation = network_and_partner
    coordinator = cast.coordinator
    UitTermMapping.objects.create(
        term_id="1.7.12.0.0", label="Voorlezen", domain="theme", life_domain=LifeDomain.EDUCATION
    )
    preview, run = _import(
        documents(), actor=coordinator, network=network, organisation=organisation
    )
    assert (run.created, run.updated, run.archived) == (5, 0, 0)
    assert [term[0] for term in preview.unmapped_terms] == ["0.3.1.0.0"]
    assert any("organisatoren" in note for note in preview.notes)

    single = Offer.objects.get(uitdatabank_id=SINGLE)
    assert single.status == OfferStatus.PUBLISHED
    assert (single.title, single.title_fr) == ("Voorleesuur", "Heure du conte")
    assert single.summary == "We lezen voor."
    assert (single.age_months.lower, single.age_months.upper) == (36, 72)
    assert single.cost == Cost.FREE and single.life_domains == [LifeDomain.EDUCATION]
    assert single.occurrences.count() == 1
    place = single.locations.get()
    assert place.uitdatabank_id == uuid.UUID(PLACE) and place.postcode == "9240"

    multiple = Offer.objects.get(uitdatabank_id=MULTIPLE)
    assert multiple.title == "Atelier bébé"  # French is the main language: also the base
    assert multiple.occurrences.count() == 2
    assert multiple.availability == Availability.FULL
    assert multiple.cost == Cost.PAID and multiple.kansentarief
    assert multiple.access_type == AccessType.REGISTRATION
    assert multiple.url == "https://example.org/inschrijven"
    assert (multiple.age_months.lower, multiple.age_months.upper) == (0, 12)

    periodic = Offer.objects.get(uitdatabank_id=PERIODIC)
    slots = list(periodic.recurring_schedules.order_by("weekday"))
    assert [s.weekday for s in slots] == [2, 5]
    assert slots[0].valid_from == dt.date(2027, 1, 1) and slots[0].valid_until == dt.date(
        2027, 6, 30
    )
    assert periodic.age_months.upper is None

    permanent = Offer.objects.get(uitdatabank_id=PERMANENT)
    assert permanent.recurring_schedules.get().valid_from is None
    assert Offer.objects.get(uitdatabank_id=BARE).access_type == AccessType.WALK_IN
    assert LogEntry.objects.filter(change_message__contains=f"import {run.pk}").count() == 5


def test_a_second_import_updates_and_deleted_archives(cast, network_and_partner):
    network, organisation = network_and_partner
    coordinator = cast.coordinator
    _import(documents(), actor=coordinator, network=network, organisation=organisation)
    again = documents()
    again[0]["name"] = {"nl": "Voorleesuur (nieuw)"}
    again[1] = {"@id": again[1]["@id"], "workflowStatus": "DELETED"}
    _preview, run = _import(again, actor=coordinator, network=network, organisation=organisation)
    assert (run.created, run.updated, run.archived) == (0, 4, 1)
    assert Offer.objects.count() == 5
    assert Offer.objects.get(uitdatabank_id=SINGLE).title == "Voorleesuur (nieuw)"
    assert Offer.objects.get(uitdatabank_id=MULTIPLE).status == OfferStatus.ARCHIVED
    assert Location.objects.filter(uitdatabank_id=PLACE).count() == 1
    assert Offer.objects.get(uitdatabank_id=SINGLE).occurrences.count() == 1


def test_a_place_is_matched_by_address(cast, network_and_partner):
    network, organisation = network_and_partner
    coordinator = cast.coordinator
    ours = LocationFactory(
        network=network, organisation=organisation, street="kerkstraat 1", postcode="9240"
    )
    _import(documents()[:1], actor=coordinator, network=network, organisation=organisation)
    assert Offer.objects.get(uitdatabank_id=SINGLE).locations.get() == ours


def test_a_partner_editors_import_goes_to_review(cast, network_and_partner):
    network, organisation = network_and_partner
    editor = cast.owner
    _import(documents()[:2], actor=editor, network=network, organisation=organisation)
    assert set(Offer.objects.values_list("status", flat=True)) == {OfferStatus.IN_REVIEW}


def test_one_bad_document_refuses_the_whole_file(network_and_partner):
    docs = documents()
    docs.append({"name": {"nl": "zonder id"}})
    docs.append(_event(str(uuid.uuid4()), calendarType="single", startDate="morgen"))
    docs.append(_event(str(uuid.uuid4()), typicalAgeRange="baby"))
    preview = uit_preview(docs)
    assert not preview.acceptable
    assert len(preview.errors) == 3
    assert all(error.startswith("Document") for error in preview.errors)
    with pytest.raises(Refused):
        read_documents(b"{not json")


def test_an_event_of_another_partner_is_refused(cast, network_and_partner):
    network, organisation = network_and_partner
    coordinator = cast.coordinator
    _import(documents()[:1], actor=coordinator, network=network, organisation=organisation)
    other = cast.other_organisation
    preview = preview_counts(uit_preview(documents()[:1]), source="uitdatabank", organisation=other)
    assert not preview.acceptable


def test_five_thousand_events_in_a_minute_with_constant_queries_per_batch(
    cast, network_and_partner
):
    network, organisation = network_and_partner
    coordinator = cast.coordinator
    template = documents()[0]

    def events(n):
        return [
            {
                **template,
                "@id": f"https://io.uitdatabank.be/event/{uuid.uuid4()}",
                "name": {"nl": f"Activiteit {i}"},
            }
            for i in range(n)
        ]

    counts = []
    for n in (offer_import.BATCH, 2 * offer_import.BATCH):
        with CaptureQueriesContext(connection) as queries:
            _import(events(n), actor=coordinator, network=network, organisation=organisation)
        counts.append(len(queries))
    per_batch = counts[1] - counts[0]
    assert per_batch <= 30, counts
    started = time.monotonic()
    _import(events(5000), actor=coordinator, network=network, organisation=organisation)
    # The number, flat (measured: 22.8 s in the full suite on this 2-core machine).
    assert time.monotonic() - started <= 60
    assert Offer.objects.count() == 5000 + 3 * offer_import.BATCH
