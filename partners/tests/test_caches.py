"""What every public page needs is cached, and a change by staff shows at once."""

import datetime as dt

import pytest
from django.http import Http404

from partners.models import Zitdag
from partners.selectors import (
    network_default,
    network_get_public,
    network_public,
    zitdagen_for_organisation,
)

from .factories import LocationFactory, NetworkFactory, OrganisationFactory

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


def test_a_networks_public_page_reads_the_network_once_and_follows_changes(
    django_assert_num_queries,
):
    network = NetworkFactory(slug="aalst", name="Huis van het Kind Aalst")
    assert network_get_public(slug="aalst") == network
    assert network_public(pk=network.pk) == network
    with django_assert_num_queries(0):
        assert network_get_public(slug="aalst").name == "Huis van het Kind Aalst"
        assert network_public(pk=network.pk).name == "Huis van het Kind Aalst"
    network.name = "Huis van het Kind Denderstreek"
    network.save()
    assert network_public(pk=network.pk).name == "Huis van het Kind Denderstreek"
    network.delete()
    with pytest.raises(Http404):
        network_get_public(slug="aalst")
    assert network_public(pk=network.pk) is None


def test_a_partners_office_days_are_kept_until_one_or_its_location_changes(
    django_assert_num_queries,
):
    zitdag = _zitdag(
        organisation=OrganisationFactory(), location=LocationFactory(), note="elke week"
    )
    organisation_id = zitdag.organisation_id
    assert [z.note for z in zitdagen_for_organisation(organisation_id=organisation_id)] == [
        "elke week"
    ]
    with django_assert_num_queries(0):
        zitdagen_for_organisation(organisation_id=organisation_id)
    zitdag.location.name = "Sociaal Huis Oost"
    zitdag.location.save()
    assert zitdagen_for_organisation(organisation_id=organisation_id)[0].location.name == (
        "Sociaal Huis Oost"
    )
    _zitdag(organisation=zitdag.organisation, location=zitdag.location, note="tweede")
    assert len(zitdagen_for_organisation(organisation_id=organisation_id)) == 2
    zitdag.delete()
    assert [z.note for z in zitdagen_for_organisation(organisation_id=organisation_id)] == [
        "tweede"
    ]


def _zitdag(**fields) -> Zitdag:
    return Zitdag.objects.create(weekday=2, starts=dt.time(13, 0), ends=dt.time(16, 0), **fields)
