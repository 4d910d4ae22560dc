"""Rate limits count the client behind our own proxies, and never a made-up X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from huisvanhetkind.accounts import InvitationOnlyAccountAdapter
from huisvanhetkind.client_ip import client_ip


def _request(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_never_read(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(_request(forwarded="203.0.113.7")) == "10.0.0.5"


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (1, "198.51.100.20", "198.51.100.20"),
        # The client wrote its own header; nginx appended the address it really saw.
        (1, "1.2.3.4, 198.51.100.20", "198.51.100.20"),
        (2, "1.2.3.4, 198.51.100.20, 10.1.1.1", "198.51.100.20"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_address_the_outermost_trusted_proxy_saw_is_the_client(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXIES = hops
    assert client_ip(_request(forwarded=forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "1.2.3.4\x00", " , "])
def test_a_missing_short_or_bad_header_falls_back_to_the_peer(settings, forwarded):
    settings.TRUSTED_PROXIES = 1
    assert client_ip(_request(forwarded=forwarded)) == "10.0.0.5"


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_ip(_request(forwarded="198.51.100.20")) == "10.0.0.5"


def test_allauth_login_rate_limits_use_the_same_client_address(settings):
    settings.TRUSTED_PROXIES = 1
    request = _request(forwarded="1.2.3.4, 198.51.100.20")
    assert InvitationOnlyAccountAdapter(request).get_client_ip(request) == "198.51.100.20"


@pytest.fixture
def network(db):
    from partners.tests.factories import NetworkFactory

    return NetworkFactory(slug="proxy-test")


def _signal(client, network, forwarded: str):
    return client.post(
        f"/nl/signaal/?netwerk={network.slug}",
        {"text": "Alle groepen zijn overdag, ik werk.", "barrier": "opening_hours"},
        REMOTE_ADDR="172.18.0.3",  # the nginx container
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_nginx_each_family_has_its_own_rate_limit(client, network, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        assert _signal(client, network, "198.51.100.1").status_code == 302
    assert _signal(client, network, "198.51.100.1").status_code == 429
    # A made-up header in front of what nginx appended changes nothing.
    assert _signal(client, network, "203.0.113.9, 198.51.100.1").status_code == 429
    assert _signal(client, network, "198.51.100.2").status_code == 302


def test_without_trusted_proxies_a_made_up_header_does_not_escape_the_limit(
    client, network, settings
):
    settings.TRUSTED_PROXIES = 0
    for number in range(5):
        assert _signal(client, network, f"203.0.113.{number}").status_code == 302
    assert _signal(client, network, "203.0.113.99").status_code == 429
