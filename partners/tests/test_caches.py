"""What every public page needs is cached, and a change by staff shows at once."""

import pytest

from partners.selectors import network_default

from .factories import NetworkFactory

pytestmark = pytest.mark.django_db


def test_the_portals_network_is_looked_up_once_and_follows_changes(
    django_assert_num_queries,
):
    assert network_default() is None  # an empty installation is remembered too
    network = NetworkFactory(name="Huis van het Kind Aalst")
    assert network_default() == network
    with django_assert_num_queries(0):
        assert network_default().name == "Huis van het Kind Aalst"
    network.name = "Huis van het Kind Denderstreek"
    network.save()
    assert network_default().name == "Huis van het Kind Denderstreek"
    network.delete()
    assert network_default() is None
