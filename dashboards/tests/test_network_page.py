"""A network's own page: the home page's questions and "this week", kept cheap."""

import datetime as dt

import pytest

from aanbod.tests.factories import OccurrenceFactory, OfferFactory
from dashboards.selectors import this_week
from partners.opening_hours import BRUSSELS
from partners.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2030, 1, 9)


def _at(day: dt.date, hour: float) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BRUSSELS) + dt.timedelta(hours=hour)


def _activity(network, title: str, starts: float, ends: float, day: dt.date = WEDNESDAY):
    offer = OfferFactory(title=title, networks=[network])
    OccurrenceFactory(offer=offer, starts_at=_at(day, starts), ends_at=_at(day, ends))


def _titles(items) -> list[str]:
    return [offer.title for _day, offer, _date in items]


@pytest.fixture
def busy_wednesday():
    """A long day-care session, six morning activities, two in the afternoon, one on
    Thursday: more than the six a page shows."""
    network = NetworkFactory(slug="rivierenland")
    _activity(network, "Opvang de hele dag", 8, 17)
    for number in range(6):
        _activity(network, f"Ochtend {number}", 9, 10)
    _activity(network, "Middag 1", 14, 15)
    _activity(network, "Middag 2", 14.5, 15.5)
    _activity(network, "Donderdag", 9, 10, day=WEDNESDAY + dt.timedelta(days=1))
    return network


def test_this_week_shows_the_first_six_from_now_on_whatever_the_hour(busy_wednesday):
    def week(hour):
        return _titles(this_week(network_id=busy_wednesday.pk, now=_at(WEDNESDAY, hour), limit=6))

    assert week(7) == ["Opvang de hele dag", *(f"Ochtend {n}" for n in range(5))]
    # The same kept week, read later in the day: what is over drops out, what was
    # seventh or later comes up.
    assert week(11) == ["Opvang de hele dag", "Middag 1", "Middag 2", "Donderdag"]
    assert week(15.25) == ["Opvang de hele dag", "Middag 2", "Donderdag"]
    assert week(18) == ["Donderdag"]


def test_a_new_activity_shows_in_this_week_at_once(busy_wednesday):
    now = _at(WEDNESDAY, 16)
    assert _titles(this_week(network_id=busy_wednesday.pk, now=now, limit=6)) == [
        "Opvang de hele dag",
        "Donderdag",
    ]
    _activity(busy_wednesday, "Avondlezing", 19, 21)  # saving an offer moves the catalogue
    assert "Avondlezing" in _titles(this_week(network_id=busy_wednesday.pk, now=now, limit=6))


def test_the_network_page_runs_no_query_once_network_and_week_are_kept(
    client, django_assert_max_num_queries
):
    NetworkFactory(slug="rivierenland")
    client.get("/nl/netwerk/rivierenland/")  # the network and its week are kept from here on
    with django_assert_max_num_queries(0):
        response = client.get("/nl/netwerk/rivierenland/")
    assert response.status_code == 200
    assert 'id="week-title"' in response.content.decode()


def test_an_unknown_network_is_a_404(client):
    assert client.get("/nl/netwerk/bestaat-niet/").status_code == 404
