"""The demo network reaches people: its questions and referrals land with someone who reads."""

import pytest
from allauth.mfa.models import Authenticator

from doorverwijzing import demo as referral_demo
from partners import demo as network_demo
from partners.models import Network, Organisation
from partners.selectors import (
    network_contact_point_readers,
    networks_without_contact_point_reader,
    organisations_that_receive,
)

pytestmark = pytest.mark.django_db


def test_the_demo_contact_point_has_a_named_social_worker_with_two_factor_login():
    network_demo.load()
    referral_demo.load()
    assert not networks_without_contact_point_reader().exists()
    network = Network.objects.get(slug="scheldevallei")
    (reader,) = network_contact_point_readers(network=network)
    assert reader.email == referral_demo.CONTACT_POINT_WORKER
    assert reader.get_full_name() == "Lotte Van den Broeck"
    assert network.organiser.phone == network.phone
    assert Authenticator.objects.filter(user=reader, type=Authenticator.Type.TOTP).exists()


def test_every_demo_partner_has_a_phone_and_four_receive_referrals():
    network_demo.load()
    partners = Organisation.objects.filter(networks__slug="scheldevallei")
    assert not partners.filter(phone="").exists()
    receiving = set(organisations_that_receive(partners).values_list("slug", flat=True))
    assert receiving == {*referral_demo.WORKERS, "gemeente-wilgendaal"}
