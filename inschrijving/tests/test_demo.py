"""The demo's subscribers come through the subscription services: asked, then confirmed."""

import pytest

from inschrijving import demo as registration_demo
from inschrijving.models import Subscription, SubscriptionChild
from partners import demo as network_demo

pytestmark = pytest.mark.django_db


def test_the_demo_subscribers_are_confirmed_and_a_second_load_replaces_them():
    network_demo.load()
    registration_demo.load()
    subscriptions = Subscription.objects.filter(email__endswith="@abonnee.example.be")
    assert subscriptions.count() == 14
    assert not subscriptions.filter(confirmed_at=None).exists()
    assert not SubscriptionChild.objects.exclude(birth_month__day=1).exists()
    registration_demo.load()
    assert subscriptions.count() == 14
