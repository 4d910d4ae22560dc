"""A page that shows a few activities of the week in all (the home page's "this week")
asks the agenda for only those: the same first lines as the whole week gives."""

import datetime as dt

import pytest
from django.core.cache import cache

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from partners.opening_hours import BRUSSELS

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


@pytest.fixture
def busy_week():
    """Each day two dated activities and two weekly times, interleaved in time."""
    cache.clear()
    for offset in range(7):
        day = MONDAY + dt.timedelta(days=offset)
        for hour in (9, 15):
            OccurrenceFactory(
                offer=OfferFactory(status="published", title=f"Gedateerd {offset} {hour}"),
                starts_at=dt.datetime.combine(day, dt.time(hour), tzinfo=BRUSSELS),
            )
        for hour in (8, 14):
            RecurringScheduleFactory(
                offer=OfferFactory(status="published", title=f"Wekelijks {offset} {hour}"),
                weekday=day.weekday(),
                starts=dt.time(hour),
                ends=dt.time(hour + 1),
            )


def _titles(days) -> list[str]:
    return [offer.title for day in days for offer, _date in day.items]


@pytest.mark.parametrize("limit", [1, 3, 6, 40])
def test_a_limit_keeps_the_first_activities_of_the_week(busy_week, limit):
    whole_week = agenda_between(first_day=MONDAY, days=7, filters=OfferFilters())

    first = agenda_between(
        first_day=MONDAY, days=7, filters=OfferFilters(), per_day=limit, limit=limit
    )

    assert _titles(first) == _titles(whole_week)[:limit]
    assert [day.day for day in first] == [day.day for day in whole_week]


def test_a_limit_leaves_out_what_is_over(busy_week):
    now = dt.datetime.combine(MONDAY + dt.timedelta(days=2), dt.time(12), tzinfo=BRUSSELS)

    first = agenda_between(first_day=now.date(), days=5, filters=OfferFilters(), now=now, limit=3)

    assert _titles(first) == ["Wekelijks 2 14", "Gedateerd 2 15", "Wekelijks 3 8"]
