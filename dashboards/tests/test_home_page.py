"""The home page is served from kept parts (dashboards.home_content): what changes in the
catalogue, the network or the day shows at once, and languages never mix."""

import datetime as dt

import pytest
from django.utils import translation

from aanbod.tests.factories import OccurrenceFactory, OfferFactory
from dashboards.home_content import home_content
from partners.opening_hours import BRUSSELS
from partners.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2030, 1, 9)


def _at(day: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BRUSSELS) + dt.timedelta(hours=hour)


def _activity(network, title: str, day: dt.date, starts: float = 9, ends: float = 10):
    offer = OfferFactory(title=title, networks=[network])
    OccurrenceFactory(offer=offer, starts_at=_at(day, starts), ends_at=_at(day, ends))


def _content(network, now: dt.datetime, language: str = "nl") -> str:
    with translation.override(language):
        return home_content(
            context={"entry_points": [], "scope_query": ""}, network=network, now=now, limit=6
        )


@pytest.fixture
def network():
    network = NetworkFactory(slug="rivierenland", name="Huis van het Kind Rivierenland")
    _activity(network, "Babbelhoek", WEDNESDAY)
    _activity(network, "Speelpunt", WEDNESDAY + dt.timedelta(days=1))
    return network


def test_the_kept_home_page_follows_the_hour_and_the_day(network):
    assert "Babbelhoek" in _content(network, _at(WEDNESDAY, 8))
    assert "Speelpunt" in _content(network, _at(WEDNESDAY, 8))
    # Read again an hour later, the same day: what is over has gone.
    assert "Babbelhoek" not in _content(network, _at(WEDNESDAY, 11))
    assert "Speelpunt" in _content(network, _at(WEDNESDAY, 11))
    thursday_noon = _at(WEDNESDAY + dt.timedelta(days=1), 12)
    assert "Speelpunt" not in _content(network, thursday_noon)
    assert "Deze week is er niets gepland." in _content(network, thursday_noon)


def test_a_new_activity_shows_on_the_kept_home_page_at_once(network):
    now = _at(WEDNESDAY, 11)
    assert "Avondlezing" not in _content(network, now)

    _activity(network, "Avondlezing", WEDNESDAY, starts=19, ends=21)  # the catalogue moves

    assert "Avondlezing" in _content(network, now)


def test_a_renamed_network_shows_on_the_kept_home_page_at_once(network):
    now = _at(WEDNESDAY, 11)
    assert "Huis van het Kind Rivierenland</h1>" in _content(network, now)

    network.name = "Huis van het Kind Scheldeland"
    network.save()  # partners.signals moves the networks' public version

    assert "Huis van het Kind Scheldeland</h1>" in _content(network, now)


def test_languages_of_the_kept_home_page_do_not_mix(network):
    now = _at(WEDNESDAY, 8)
    dutch = _content(network, now, "nl")
    french = _content(network, now, "fr")

    assert "Deze week" in dutch
    assert "Cette semaine" in french
    assert "Deze week" not in french
    assert "/fr/aanbod/" in french
    assert "/fr/aanbod/" not in dutch
    assert _content(network, now, "nl") == dutch


def test_the_home_page_in_two_languages_from_the_client(client, network):
    client.get("/nl/")

    french = client.get("/fr/").content.decode()
    dutch = client.get("/nl/").content.decode()

    assert "Cette semaine" in french
    assert "Deze week" not in french
    assert "Deze week" in dutch
    assert "Cette semaine" not in dutch


def test_the_home_page_runs_no_query_once_kept_whatever_the_catalogue(
    client, network, django_assert_max_num_queries
):
    for number in range(20):
        _activity(network, f"Activiteit {number}", WEDNESDAY + dt.timedelta(days=number % 4))
    client.get("/nl/")

    with django_assert_max_num_queries(0):
        response = client.get("/nl/")

    assert response.status_code == 200
    assert 'id="week-title"' in response.content.decode()


def test_the_kept_week_is_the_agendas_week_at_every_hour(network):
    from dashboards.selectors import _week_from, this_week

    for number in range(8):
        _activity(network, f"Ochtend {number}", WEDNESDAY, starts=8 + number / 4, ends=9 + number)
    for hour in (7, 8.5, 9.75, 12, 15.5, 23):
        now = _at(WEDNESDAY, hour)
        kept = this_week(network_id=network.pk, now=now, limit=6)
        assert kept == _week_from(network_id=network.pk, now=now, limit=6), hour
