"""'This week' and the agenda start now: what is over is never shown as coming."""

import datetime as dt

import pytest
from django.utils import timezone

from aanbod.agenda import agenda_between
from aanbod.filters import OfferFilters
from aanbod.tests.factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory
from partners.opening_hours import BRUSSELS

pytestmark = pytest.mark.django_db

WEDNESDAY_EVENING = dt.datetime(2026, 12, 2, 19, 30, tzinfo=BRUSSELS)


def _titles(days) -> list[str]:
    return [offer.title for day in days for offer, _date in day.items]


def test_activities_that_are_over_are_left_out_and_later_ones_kept():
    morning = OfferFactory(status="published", title="Ochtendbabbel")
    evening = OfferFactory(status="published", title="Avondcafé")
    running = OfferFactory(status="published", title="Loopt nog")
    OccurrenceFactory(offer=morning, starts_at=WEDNESDAY_EVENING.replace(hour=7, minute=0))
    OccurrenceFactory(offer=evening, starts_at=WEDNESDAY_EVENING.replace(hour=20, minute=0))
    OccurrenceFactory(offer=running, starts_at=WEDNESDAY_EVENING.replace(hour=19, minute=0))

    days = agenda_between(
        first_day=WEDNESDAY_EVENING.date(), days=1, filters=OfferFilters(), now=WEDNESDAY_EVENING
    )

    assert _titles(days) == ["Loopt nog", "Avondcafé"]


def test_weekly_times_that_are_over_today_are_left_out_but_come_back_next_week():
    offer = OfferFactory(status="published", title="Wekelijkse babbel")
    RecurringScheduleFactory(offer=offer, weekday=2, starts=dt.time(9), ends=dt.time(11))

    days = agenda_between(
        first_day=WEDNESDAY_EVENING.date(), days=8, filters=OfferFilters(), now=WEDNESDAY_EVENING
    )

    assert [day.day for day in days if day.items] == [dt.date(2026, 12, 9)]


def test_without_now_the_whole_day_is_shown():
    offer = OfferFactory(status="published", title="Ochtendbabbel")
    OccurrenceFactory(offer=offer, starts_at=WEDNESDAY_EVENING.replace(hour=7, minute=0))

    days = agenda_between(first_day=WEDNESDAY_EVENING.date(), days=1, filters=OfferFilters())

    assert _titles(days) == ["Ochtendbabbel"]


def test_the_agenda_opens_on_today_without_a_way_back_into_the_past(client):
    response = client.get("/nl/agenda/")

    today = timezone.localdate()
    assert response.context["first_day"] == today
    assert response.context["previous_week"] is None
    assert "Vorige week" not in response.content.decode()


def test_a_past_week_in_the_address_opens_today(client):
    last_month = (timezone.localdate() - dt.timedelta(days=30)).isoformat()

    response = client.get(f"/nl/agenda/?week={last_month}")

    assert response.context["first_day"] == timezone.localdate()


def test_next_week_can_go_back_to_today_but_not_before(client):
    today = timezone.localdate()
    in_ten_days = today + dt.timedelta(days=10)

    response = client.get(f"/nl/agenda/?week={in_ten_days.isoformat()}")

    assert response.context["first_day"] == in_ten_days
    assert response.context["previous_week"] == (in_ten_days - dt.timedelta(days=7)).isoformat()
    response = client.get(f"/nl/agenda/?week={(today + dt.timedelta(days=3)).isoformat()}")
    assert response.context["previous_week"] == today.isoformat()


def test_the_home_page_does_not_list_this_mornings_activity_as_this_week(client):
    now = timezone.now()
    OccurrenceFactory(
        offer=OfferFactory(status="published", title="Al voorbij"),
        starts_at=now - dt.timedelta(hours=3),
        ends_at=now - dt.timedelta(minutes=1),
    )
    OccurrenceFactory(
        offer=OfferFactory(status="published", title="Nog te komen"),
        starts_at=now + dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(minutes=61),
    )

    html = client.get("/nl/").content.decode()

    assert "Al voorbij" not in html
    if (now + dt.timedelta(minutes=1)).astimezone(BRUSSELS).date() == timezone.localdate(now):
        assert "Nog te komen" in html
