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


def test_the_demo_shows_a_free_place_for_a_family_the_coordinator_must_call(demo_network):
    """The path 'free place → family without e-mail → the keeper calls' is in the demo:
    the opvoedingswinkel has no partner editor, so the coordinator is asked."""
    from huisvanhetkind.models import OutboxMessage
    from inschrijving.choices import RegistrationStatus as Status
    from inschrijving.models import Registration
    from inschrijving.notifications import registration_mail_send

    registration_demo.load()
    (offered,) = Registration.objects.filter(
        registration_list__offer__slug=registration_demo.FULL_OFFER, status=Status.OFFERED
    )
    assert offered.email == "" and offered.phone
    (call,) = [
        message
        for message in OutboxMessage.objects.filter(
            task_name="inschrijving.tasks.registration_mail"
        )
        if message.args[:2] == [offered.pk, "keeper_call"]
    ]
    from django.core import mail

    assert registration_mail_send(registration_id=offered.pk, kind="keeper_call", key=call.args[2])
    assert mail.outbox[-1].to == [network_demo.COORDINATOR]
