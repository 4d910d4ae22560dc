"""The agenda expands weekly times in SQL: it must give the dates aanbod.schedules gives
(the one home of the rule), with its exceptions, holidays and weeks of the month."""

import datetime as dt

import pytest
from django.core.cache import cache

from aanbod.agenda import agenda_between
from aanbod.choices import WeekOfMonth
from aanbod.filters import OfferFilters
from aanbod.models import RecurringSchedule, ScheduleException
from aanbod.schedules import schedules_with_exceptions, weekly_dates_between
from aanbod.tests.factories import OfferFactory, RecurringScheduleFactory
from partners.models import SchoolHoliday
from partners.opening_hours import BRUSSELS
from partners.selectors import school_holidays_between
from partners.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db

# Monday 21 December 2026: Christmas (Friday 25th) and the Christmas school holiday in it.
FIRST_DAY = dt.date(2026, 12, 14)
DAYS = 42


@pytest.fixture
def every_kind_of_slot():
    cache.clear()
    SchoolHoliday.objects.create(
        name="Kerstvakantie", start=dt.date(2026, 12, 21), end=dt.date(2027, 1, 3)
    )
    place = LocationFactory(name="De Speelboot", city="Gent")
    slots = [
        RecurringScheduleFactory(
            weekday=weekday, starts=dt.time(8, 8 * weekday), ends=dt.time(10), location=place
        )
        for weekday in range(7)
    ]
    slots += [
        RecurringScheduleFactory(weekday=4),  # Christmas and New Year's Day are Fridays
        RecurringScheduleFactory(weekday=1, school_weeks_only=True),
        RecurringScheduleFactory(weekday=2, week_of_month=WeekOfMonth.FIRST),
        RecurringScheduleFactory(weekday=2, week_of_month=WeekOfMonth.THIRD),
        RecurringScheduleFactory(weekday=3, week_of_month=WeekOfMonth.LAST),
        RecurringScheduleFactory(weekday=3, week_of_month=WeekOfMonth.FOURTH),
        RecurringScheduleFactory(
            weekday=0, valid_from=dt.date(2026, 12, 20), valid_until=dt.date(2027, 1, 11)
        ),
        RecurringScheduleFactory(weekday=5, starts=dt.time(10), ends=dt.time(12)),
    ]
    moved, cancelled, half_moved = slots[0], slots[1], slots[-1]
    ScheduleException.objects.create(
        schedule=moved, date=dt.date(2026, 12, 28), cancelled=False, starts=dt.time(13),
        ends=dt.time(15), note="In de grote zaal",
    )  # fmt: skip
    ScheduleException.objects.create(schedule=cancelled, date=dt.date(2026, 12, 15), cancelled=True)
    ScheduleException.objects.create(
        schedule=half_moved,
        date=dt.date(2027, 1, 9),
        cancelled=False,
        ends=dt.time(13),
        note="Later gedaan",
    )
    # Not published: never in the agenda.
    RecurringScheduleFactory(weekday=2, offer=OfferFactory(status="draft"))
    return slots


def _by_python_rule(slots, first_day, last_day):
    holidays = school_holidays_between(first_day, last_day)
    loaded = schedules_with_exceptions(
        RecurringSchedule.objects.filter(id__in=[slot.id for slot in slots]).select_related(
            "offer", "location"
        ),
        first_day,
    )
    return sorted(
        (date.starts_at, date.ends_at, schedule.offer_id, date.location, date.note)
        for schedule in loaded
        for date in weekly_dates_between(schedule, first_day, last_day, holidays)
    )


def _from_agenda(days):
    return sorted(
        (date.starts_at, date.ends_at, offer.id, date.location, date.note)
        for day in days
        for offer, date in day.items
    )


def test_the_agenda_gives_the_weekly_dates_of_the_schedules_rule(every_kind_of_slot):
    last_day = FIRST_DAY + dt.timedelta(days=DAYS - 1)

    days = agenda_between(first_day=FIRST_DAY, days=DAYS, filters=OfferFilters())

    expected = _by_python_rule(every_kind_of_slot, FIRST_DAY, last_day)
    assert _from_agenda(days) == expected
    assert sum(day.total for day in days) == len(expected)
    # The cases the rule covers are really in the window.
    notes = {date.note for day in days for _offer, date in day.items}
    assert notes == {"", "In de grote zaal", "Later gedaan"}
    fridays = {
        date.starts_at.date() for day in days for _o, date in day.items if day.day.weekday() == 4
    }
    assert dt.date(2026, 12, 25) not in fridays
    assert dt.date(2027, 1, 1) not in fridays


def test_each_week_of_the_window_matches_the_rule_with_a_limit_per_day(every_kind_of_slot):
    for week in range(DAYS // 7):
        first_day = FIRST_DAY + dt.timedelta(weeks=week)

        days = agenda_between(first_day=first_day, days=7, filters=OfferFilters(), per_day=2)

        expected = _by_python_rule(every_kind_of_slot, first_day, first_day + dt.timedelta(6))
        for day in days:
            of_day = [item for item in expected if item[0].date() == day.day]
            assert day.total == len(of_day)
            assert _from_agenda([day]) == of_day[:2]


def test_a_moved_time_counts_for_what_is_over(every_kind_of_slot):
    # The slot of Monday 28 December moved from 8:00–10:00 to 13:00–15:00.
    now = dt.datetime(2026, 12, 28, 12, 0, tzinfo=BRUSSELS)

    [day] = agenda_between(first_day=now.date(), days=1, filters=OfferFilters(), now=now)

    assert [(date.starts_at.time(), date.note) for _offer, date in day.items] == [
        (dt.time(13), "In de grote zaal")
    ]
