"""The agenda a parent reads on a phone: each day's first activities and a link to the
whole day, not hundreds of lines."""

import datetime as dt

import pytest
from django.utils import timezone

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from aanbod.views.agenda import AGENDA_ITEMS_PER_DAY
from partners.opening_hours import BRUSSELS

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def _busy_monday(dated: int, weekly: int) -> None:
    for hour in range(dated):
        OccurrenceFactory(
            offer=OfferFactory(status="published", title=f"Gedateerd {hour:02d}"),
            starts_at=dt.datetime.combine(MONDAY, dt.time(7 + hour % 12), tzinfo=BRUSSELS),
        )
    for index in range(weekly):
        RecurringScheduleFactory(
            offer=OfferFactory(status="published", title=f"Wekelijks {index:02d}"),
            weekday=MONDAY.weekday(),
            starts=dt.time(6, index),
            ends=dt.time(20),
        )


def test_a_day_keeps_its_first_activities_and_counts_them_all():
    _busy_monday(dated=9, weekly=4)

    [day] = agenda_between(first_day=MONDAY, days=1, filters=OfferFilters(), per_day=5)

    # The weekly times start at 6:00, before every dated activity.
    assert [offer.title for offer, _date in day.items] == [
        "Wekelijks 00", "Wekelijks 01", "Wekelijks 02", "Wekelijks 03", "Gedateerd 00",
    ]  # fmt: skip
    assert day.total == 13
    assert day.more == 8


def test_without_a_limit_the_whole_day_is_there():
    _busy_monday(dated=9, weekly=4)

    [day] = agenda_between(first_day=MONDAY, days=1, filters=OfferFilters())

    assert len(day.items) == day.total == 13
    assert day.more == 0


def test_the_agenda_page_links_a_busy_day_in_full(client, django_assert_max_num_queries):
    today = timezone.localdate()
    later = timezone.now() + dt.timedelta(hours=1)
    if later.date() != today:  # just before midnight: use tomorrow's morning
        later = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(9), tzinfo=BRUSSELS)
    for minute in range(AGENDA_ITEMS_PER_DAY + 3):
        OccurrenceFactory(
            offer=OfferFactory(status="published"), starts_at=later + dt.timedelta(minutes=minute)
        )
    day = later.astimezone(BRUSSELS).date()
    client.get("/nl/agenda/")

    with django_assert_max_num_queries(4):
        response = client.get("/nl/agenda/")

    assert response.status_code == 200
    [busy] = [d for d in response.context["days"] if d.day == day]
    assert len(busy.items) == AGENDA_ITEMS_PER_DAY
    assert f"day={day.isoformat()}" in response.content.decode()

    whole = client.get(f"/nl/agenda/?day={day.isoformat()}")

    assert whole.status_code == 200
    assert [d.day for d in whole.context["days"]] == [day]
    assert len(whole.context["days"][0].items) == AGENDA_ITEMS_PER_DAY + 3


def test_a_bad_day_in_the_address_shows_today(client):
    response = client.get("/nl/agenda/?day=nonsense")

    assert response.status_code == 200
    assert [d.day for d in response.context["days"]] == [timezone.localdate()]
