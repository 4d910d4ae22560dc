"""Registrations and subscriptions feed the action plan's evidence pack without typing."""

import datetime as dt
import uuid

import pytest
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone

from aanbod.tests.factories import OfferFactory
from actieplan.choices import PackKind
from actieplan.evidence import evidence_figures
from inschrijving import services
from inschrijving.models import Subscription, SubscriptionChild
from partners.tests.factories import MunicipalityFactory, NetworkFactory

from .factories import keeper, register, session_list

pytestmark = pytest.mark.django_db


def test_attendance_and_subscribers_appear_in_the_evidence_pack():
    network = NetworkFactory()
    municipality = MunicipalityFactory(name="Berkhove")
    network.municipalities.add(municipality)
    offer = OfferFactory(indexed=False, networks=[network], age_months=NumericRange(0, 36))
    registration_list = session_list(offer=offer, capacity=10, days_ahead=-1)
    actor = keeper(offer)
    came = [
        register(registration_list, n, children_by_band={"0-3": 2}, actor=actor).registration
        for n in range(3)
    ]
    services.attendance_record(
        registration_list=registration_list,
        occurrence=registration_list.occurrence,
        present_ids={r.pk for r in came[:2]},
        actor=actor,
    )
    today = timezone.localdate()
    for n in range(6):
        subscription = Subscription.objects.create(
            public_id=uuid.uuid4(),
            email=f"s{n}@example.be",
            municipality=municipality,
            confirmed_at=timezone.now(),
        )
        # Six families with a toddler, two of them with a child of 4 too.
        SubscriptionChild.objects.create(
            subscription=subscription, birth_month=(today - dt.timedelta(days=400)).replace(day=1)
        )
        if n < 2:
            SubscriptionChild.objects.create(
                subscription=subscription,
                birth_month=(today - dt.timedelta(days=4 * 366)).replace(day=1),
            )
    year = timezone.localdate(registration_list.occurrence.starts_at).year
    figures = evidence_figures(network=network, year=year, kind=PackKind.REPORT, today=today)
    assert figures["reach"]["families"]["value"] == 2
    assert figures["reach"]["children"]["value"] == 4
    by_band = {row["band"]: row["subscribers"] for row in figures["subscribers"]}
    assert by_band["0-3"]["value"] == 6
    assert by_band["3-6"] == {"value": None, "text": by_band["3-6"]["text"]}  # < 5: hidden
