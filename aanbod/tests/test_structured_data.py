"""JSON-LD of offer pages: cancelled dates and full offers said honestly."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from aanbod.choices import Availability
from aanbod.tests.factories import OccurrenceFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _json_ld(client, offer) -> dict:
    content = client.get(offer.get_absolute_url()).content.decode()
    block = content.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    return json.loads(block)


def _dated_offer(**kwargs):
    offer = OfferFactory(**kwargs)
    soon = timezone.now() + dt.timedelta(days=2)
    OccurrenceFactory(offer=offer, starts_at=soon)
    OccurrenceFactory(offer=offer, starts_at=soon + dt.timedelta(days=7), cancelled=True)
    return offer


def test_a_cancelled_date_is_marked_cancelled_and_the_others_scheduled(client):
    events = _json_ld(client, _dated_offer())["subjectOf"]
    assert [event["eventStatus"] for event in events] == [
        "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled",
    ]
    assert all("remainingAttendeeCapacity" not in event for event in events)


def test_a_full_offer_has_no_places_left_on_its_dates(client):
    events = _json_ld(client, _dated_offer(availability=Availability.FULL))["subjectOf"]
    assert events[0]["remainingAttendeeCapacity"] == 0
    assert "remainingAttendeeCapacity" not in events[1]  # a cancelled date has no places


def test_a_waiting_list_travels_as_a_note_not_as_zero_places(client):
    events = _json_ld(client, _dated_offer(availability=Availability.WAITING_LIST))["subjectOf"]
    assert events[0]["description"] == "Wachtlijst"
    assert "remainingAttendeeCapacity" not in events[0]
