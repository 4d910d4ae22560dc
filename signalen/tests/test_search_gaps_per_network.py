"""Searches that found nothing are counted per network, read per network, and may become
a signal; the evidence pack lists them."""

import datetime as dt

import pytest
from django.utils import timezone

from partners.choices import Role
from partners.tests.factories import MembershipFactory, NetworkFactory, UserFactory
from signalen import selectors
from signalen.choices import SignalKind, SignalSource
from signalen.models import SearchGap, Signal
from signalen.services import search_gap_record

pytestmark = pytest.mark.django_db


def test_each_network_counts_its_own_empty_searches():
    own, other = NetworkFactory(), NetworkFactory()
    monday = dt.date(2026, 3, 2)
    search_gap_record(query="tolk", network_id=own.pk, today=monday)
    search_gap_record(query="tolk", network_id=own.pk, today=monday)
    search_gap_record(query="tolk", network_id=other.pk, today=monday)
    search_gap_record(query="tolk", today=monday)  # a search that knew no network
    assert SearchGap.objects.count() == 3
    period = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 4, 1)}
    assert selectors.search_gaps(network=own, **period) == [("tolk", 2)]
    assert selectors.search_gaps(network=other, **period) == [("tolk", 1)]
    assert selectors.search_gaps(**period) == [("tolk", 4)]


def test_the_search_page_counts_for_the_filtered_network_and_ignores_a_made_up_id(client):
    network = NetworkFactory()
    assert client.get(f"/nl/aanbod/?q=zwemles&network={network.pk}").status_code == 200
    assert SearchGap.objects.get().network == network
    assert client.get("/nl/aanbod/?q=kookles&network=987654").status_code == 200
    assert SearchGap.objects.get(query="kookles").network_id in (None, network.pk)


@pytest.fixture
def coordinator_of():
    def make(network):
        user = UserFactory(is_staff=True)
        MembershipFactory(user=user, role=Role.COORDINATOR, network=network)
        return user

    return make


def test_a_coordinator_turns_a_frequent_search_into_a_signal(client, coordinator_of):
    network = NetworkFactory()
    today = timezone.localdate()
    for _ in range(7):
        search_gap_record(query="Zwemles kansentarief", network_id=network.pk, today=today)
    client.force_login(coordinator_of(network))
    page = client.get(f"/nl/signalen/overzicht/?netwerk={network.slug}").content.decode()
    assert "zwemles kansentarief" in page and 'name="query"' in page
    response = client.post(
        "/nl/signalen/zoekvragen/signaal/",
        {"netwerk": network.slug, "query": "zwemles kansentarief"},
    )
    assert response.status_code == 302
    signal = Signal.objects.get(network=network)
    assert signal.source == SignalSource.SEARCH_EMPTY and signal.kind == SignalKind.GAP
    assert "7" in signal.text and "zwemles kansentarief" in signal.text


def test_a_search_of_another_network_cannot_be_turned_into_a_signal(client, coordinator_of):
    own, other = NetworkFactory(), NetworkFactory()
    search_gap_record(query="tolk", network_id=other.pk, today=timezone.localdate())
    client.force_login(coordinator_of(own))
    response = client.post(
        "/nl/signalen/zoekvragen/signaal/", {"netwerk": other.slug, "query": "tolk"}
    )
    assert response.status_code == 404
    client.post("/nl/signalen/zoekvragen/signaal/", {"netwerk": own.slug, "query": "tolk"})
    assert not Signal.objects.exists()


def test_only_coordinators_turn_searches_into_signals(client):
    network = NetworkFactory()
    viewer = UserFactory()
    MembershipFactory(user=viewer, role=Role.VIEWER, network=network)
    search_gap_record(query="tolk", network_id=network.pk, today=timezone.localdate())
    client.force_login(viewer)
    response = client.post(
        "/nl/signalen/zoekvragen/signaal/", {"netwerk": network.slug, "query": "tolk"}
    )
    assert response.status_code == 404
    assert not Signal.objects.exists()
