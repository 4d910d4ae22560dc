"""Partners' office days (zitdagen) at a location show in the agenda, linking to it."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from partners.models import Deelgemeente, SchoolHoliday, Zitdag
from partners.opening_hours import BRUSSELS
from partners.selectors import zitdagen_on_weekdays
from partners.tests.factories import (
    LocationFactory,
    MunicipalityFactory,
    NetworkFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture
def zitdag():
    network = NetworkFactory()
    location = LocationFactory(network=network, name="Sociaal Huis", slug="sociaal-huis")
    return Zitdag.objects.create(
        location=location,
        organisation=OrganisationFactory(name="Groeipakket"),
        weekday=2,
        starts=dt.time(13, 0),
        ends=dt.time(16, 0),
        note="elke week",
    )


def _zitdagen(days, **kwargs):
    return [(day.day, date.zitdag.pk) for day in days for date in day.zitdagen]


def test_a_zitdag_shows_on_its_weekday_and_not_once_over(zitdag):
    days = agenda_between(first_day=WEDNESDAY_NOON.date(), days=8, filters=OfferFilters(),
                          now=WEDNESDAY_NOON, with_zitdagen=True)  # fmt: skip
    assert _zitdagen(days) == [(dt.date(2026, 12, 2), zitdag.pk), (dt.date(2026, 12, 9), zitdag.pk)]
    later = WEDNESDAY_NOON.replace(hour=17)
    days = agenda_between(first_day=later.date(), days=1, filters=OfferFilters(), now=later,
                          with_zitdagen=True)  # fmt: skip
    assert _zitdagen(days) == []


def test_zitdagen_follow_the_place_filter_and_leave_with_any_other_filter(zitdag):
    first_day = WEDNESDAY_NOON.date()

    def shown(filters):
        return bool(_zitdagen(agenda_between(first_day=first_day, days=1, filters=filters,
                                             with_zitdagen=True)))  # fmt: skip

    assert shown(OfferFilters(networks=(zitdag.location.network_id,)))
    assert not shown(OfferFilters(networks=(NetworkFactory().pk,)))
    assert not shown(OfferFilters(ages=("0-3",)))
    assert not shown(OfferFilters(life_domains=("money",)))


def test_a_location_closed_in_school_holidays_holds_no_zitdag_then(zitdag):
    zitdag.location.closed_in_school_holidays = True
    zitdag.location.save()
    SchoolHoliday.objects.create(name="Kerstvakantie", start=dt.date(2026, 12, 1),
                                 end=dt.date(2026, 12, 5))  # fmt: skip
    days = agenda_between(first_day=dt.date(2026, 12, 1), days=14, filters=OfferFilters(),
                          with_zitdagen=True)  # fmt: skip
    assert [day for day, _pk in _zitdagen(days)] == [dt.date(2026, 12, 9)]


def test_the_home_page_week_leaves_zitdagen_out(zitdag):
    days = agenda_between(first_day=WEDNESDAY_NOON.date(), days=1, filters=OfferFilters())
    assert _zitdagen(days) == []


def test_the_agenda_page_names_the_partner_and_links_the_location(client, zitdag):
    zitdag.weekday = (timezone.localdate() + dt.timedelta(days=1)).weekday()
    zitdag.save()
    cache.clear()  # a page rendered by another test may be kept for a minute
    content = client.get("/nl/agenda/").content.decode()
    assert 'href="/nl/locatie/sociaal-huis/"' in content
    assert "Zitdag van Groeipakket in Sociaal Huis" in content
    assert "(elke week)" in content


def test_the_offer_page_shows_the_office_days_of_its_organisation(
    client, zitdag, django_assert_max_num_queries
):
    from aanbod.tests.factories import OfferFactory

    offer = OfferFactory(organisation=zitdag.organisation)
    client.get(offer.get_absolute_url())  # the school calendar is cached from here on
    # The offer, its places, weekly times, dated activities and registration lists; the
    # network and the office days come from the cache.
    with django_assert_max_num_queries(5):
        response = client.get(offer.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Zitdagen van Groeipakket" in content
    assert 'href="/nl/locatie/sociaal-huis/">Sociaal Huis</a>: woensdag 13:00–16:00' in content
    other = OfferFactory()
    assert "Zitdagen van" not in client.get(other.get_absolute_url()).content.decode()


def test_zitdagen_follow_the_municipality_and_sub_municipality_in_start_order():
    gent, aalst = MunicipalityFactory(), MunicipalityFactory()
    ledeberg = Deelgemeente.objects.create(municipality=gent, name="Ledeberg", postcode="9050")
    gentbrugge = Deelgemeente.objects.create(municipality=gent, name="Gentbrugge", postcode="9050")
    erembodegem = Deelgemeente.objects.create(
        municipality=aalst, name="Erembodegem", postcode="9320"
    )

    def office_day(deelgemeente, hour: int, weekday: int = 2) -> Zitdag:
        return Zitdag.objects.create(
            location=LocationFactory(deelgemeente=deelgemeente), organisation=OrganisationFactory(),
            weekday=weekday, starts=dt.time(hour), ends=dt.time(hour + 1),
        )  # fmt: skip

    late_in_ledeberg, early_in_gentbrugge = office_day(ledeberg, 15), office_day(gentbrugge, 9)
    in_erembodegem, nowhere = office_day(erembodegem, 10), office_day(None, 11)
    office_day(ledeberg, 12, weekday=3)

    def found(**places) -> list[int]:
        return [z.pk for z in zitdagen_on_weekdays(weekdays={2}, limit=10, **places)]

    assert found() == [early_in_gentbrugge.pk, in_erembodegem.pk, nowhere.pk, late_in_ledeberg.pk]
    assert found(municipalities=(gent.pk,)) == [early_in_gentbrugge.pk, late_in_ledeberg.pk]
    assert found(deelgemeenten=(ledeberg.pk, erembodegem.pk)) == [
        in_erembodegem.pk, late_in_ledeberg.pk,
    ]  # fmt: skip
    assert found(municipalities=(aalst.pk,), deelgemeenten=(ledeberg.pk,)) == []
    [first] = zitdagen_on_weekdays(weekdays={2}, limit=1)
    assert first == early_in_gentbrugge
    assert (first.organisation.name, first.location.slug) == (
        early_in_gentbrugge.organisation.name, early_in_gentbrugge.location.slug,
    )  # fmt: skip
