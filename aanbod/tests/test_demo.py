"""The demo catalogue comes through the catalogue's services, as the coordinator enters it."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from aanbod import demo as aanbod_demo
from aanbod import services
from aanbod.choices import OfferStatus
from aanbod.models import Occurrence, Offer, RecurringSchedule
from partners.demo import COORDINATOR

pytestmark = pytest.mark.django_db


def _coordinator():
    return get_user_model().objects.get(email=COORDINATOR)


def test_every_demo_offer_was_created_sent_for_review_and_approved_by_the_coordinator(
    demo_network,
):
    offers = Offer.objects.all()
    history = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Offer), user=_coordinator()
    )

    assert offers.count() >= 140
    assert not offers.exclude(status=OfferStatus.PUBLISHED).exists()
    for step in ("created (Mijn aanbod)", "times changed", "sent for review"):
        assert history.filter(change_message=step).count() == offers.count(), step
    assert history.filter(change_message="approved and published").count() == offers.count()


def test_demo_offers_were_published_on_the_day_they_were_last_checked(demo_network):
    checked = {
        (timezone.localdate(offer.published_at), offer.last_verified)
        for offer in Offer.objects.all()
    }

    assert all(published == last_verified for published, last_verified in checked)
    assert min(day for day, _ in checked) < timezone.localdate() - dt.timedelta(days=90)


def test_a_second_load_puts_the_times_back_and_leaves_an_archived_offer_archived(demo_network):
    coordinator = _coordinator()
    archived = services.offer_archive(
        offer=Offer.objects.get(slug="babymassage"), actor=coordinator
    )
    moved = Offer.objects.get(slug="fietsles-kinderen")
    first = moved.occurrences.order_by("starts_at").first()
    services.offer_schedule_save(
        offer=moved,
        actor=coordinator,
        dated=[{"id": first.id, "starts_at": first.starts_at, "ends_at": first.ends_at,
                "location": first.location, "delete": True}],
    )  # fmt: skip
    times = (RecurringSchedule.objects.count(), Occurrence.objects.count())

    aanbod_demo.load()

    assert Offer.objects.get(pk=archived.pk).status == OfferStatus.ARCHIVED
    assert moved.occurrences.count() == 3
    assert (RecurringSchedule.objects.count(), Occurrence.objects.count()) == (
        times[0],
        times[1] + 1,
    )
