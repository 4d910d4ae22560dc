import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbod.choices import WeekOfMonth
from aanbod.models import ScheduleException
from aanbod.schedules import next_occurrences, next_occurrences_for_offers
from partners.choices import Weekday
from partners.models import SchoolHoliday
from partners.opening_hours import BRUSSELS

from .factories import OccurrenceFactory, OfferFactory, RecurringScheduleFactory

pytestmark = pytest.mark.django_db

# Monday 30 November 2026, 8:00 in Brussels.
MONDAY_MORNING = dt.datetime(2026, 11, 30, 8, 0, tzinfo=BRUSSELS)


def starts(dates) -> list[str]:
    return [date.starts_at.strftime("%Y-%m-%d %H:%M") for date in dates]


def test_weekly_slot_gives_the_next_tuesdays_in_brussels_time():
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY)
    dates = next_occurrences(schedule.offer, after=MONDAY_MORNING, limit=3)
    assert starts(dates) == ["2026-12-01 09:00", "2026-12-08 09:00", "2026-12-15 09:00"]
    assert dates[0].starts_at.utcoffset() == dt.timedelta(hours=1)
    assert dates[0].recurring


def test_an_ongoing_slot_still_counts_as_next():
    schedule = RecurringScheduleFactory(weekday=Weekday.MONDAY, starts=dt.time(7, 30))
    dates = next_occurrences(schedule.offer, after=MONDAY_MORNING, limit=1)
    assert starts(dates) == ["2026-11-30 07:30"]


def test_weekly_slot_skips_a_belgian_public_holiday():
    # Christmas 2026 is a Friday.
    schedule = RecurringScheduleFactory(weekday=Weekday.FRIDAY)
    after = dt.datetime(2026, 12, 19, 0, 0, tzinfo=BRUSSELS)
    # Christmas and New Year's Day (both Fridays) are skipped.
    assert starts(next_occurrences(schedule.offer, after=after, limit=2)) == [
        "2027-01-08 09:00",
        "2027-01-15 09:00",
    ]


def test_school_weeks_only_slot_pauses_in_the_school_holiday():
    SchoolHoliday.objects.create(
        name="Kerstvakantie", start=dt.date(2026, 12, 21), end=dt.date(2027, 1, 3)
    )
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY, school_weeks_only=True)
    after = dt.datetime(2026, 12, 14, 0, 0, tzinfo=BRUSSELS)
    assert starts(next_occurrences(schedule.offer, after=after, limit=2)) == [
        "2026-12-15 09:00",
        "2027-01-05 09:00",
    ]


def test_every_first_saturday_and_every_last_friday():
    first = RecurringScheduleFactory(weekday=Weekday.SATURDAY, week_of_month=WeekOfMonth.FIRST)
    last = RecurringScheduleFactory(weekday=Weekday.FRIDAY, week_of_month=WeekOfMonth.LAST)
    assert starts(next_occurrences(first.offer, after=MONDAY_MORNING, limit=2)) == [
        "2026-12-05 09:00",
        "2027-01-02 09:00",
    ]
    assert starts(next_occurrences(last.offer, after=MONDAY_MORNING, limit=2)) == [
        "2027-01-29 09:00",  # the last Friday of December is Christmas
        "2027-02-26 09:00",
    ]


def test_a_cancelled_date_is_left_out_or_shown_as_cancelled():
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY)
    ScheduleException.objects.create(schedule=schedule, date=dt.date(2026, 12, 1), note="Ziek")
    assert starts(next_occurrences(schedule.offer, after=MONDAY_MORNING, limit=1)) == [
        "2026-12-08 09:00"
    ]
    with_cancelled = next_occurrences(
        schedule.offer, after=MONDAY_MORNING, limit=1, include_cancelled=True
    )
    assert with_cancelled[0].cancelled and with_cancelled[0].note == "Ziek"


def test_an_exception_can_move_the_hours_of_one_date():
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY)
    ScheduleException.objects.create(
        schedule=schedule, date=dt.date(2026, 12, 1), cancelled=False, starts=dt.time(13, 0),
        ends=dt.time(15, 0),
    )  # fmt: skip
    assert starts(next_occurrences(schedule.offer, after=MONDAY_MORNING, limit=1)) == [
        "2026-12-01 13:00"
    ]


def test_validity_dates_bound_the_slot():
    schedule = RecurringScheduleFactory(
        weekday=Weekday.TUESDAY,
        valid_from=dt.date(2026, 12, 8),
        valid_until=dt.date(2026, 12, 15),
    )
    assert starts(next_occurrences(schedule.offer, after=MONDAY_MORNING, limit=5)) == [
        "2026-12-08 09:00",
        "2026-12-15 09:00",
    ]


def test_nine_oclock_stays_nine_oclock_when_the_clocks_go_forward():
    # Clocks change on Sunday 28 March 2027 (Easter); Monday 29 is Easter Monday.
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY)
    after = dt.datetime(2027, 3, 27, 12, 0, tzinfo=BRUSSELS)
    date = next_occurrences(schedule.offer, after=after, limit=1)[0]
    assert date.starts_at.strftime("%Y-%m-%d %H:%M") == "2027-03-30 09:00"
    assert date.starts_at.utcoffset() == dt.timedelta(hours=2)


def test_dated_and_weekly_dates_are_merged_in_order_and_limited():
    schedule = RecurringScheduleFactory(weekday=Weekday.WEDNESDAY, starts=dt.time(14, 0),
                                        ends=dt.time(16, 0))  # fmt: skip
    offer = schedule.offer
    OccurrenceFactory(offer=offer, starts_at=dt.datetime(2026, 12, 1, 19, 30, tzinfo=BRUSSELS))
    OccurrenceFactory(offer=offer, starts_at=dt.datetime(2026, 11, 1, 19, 30, tzinfo=BRUSSELS))
    OccurrenceFactory(
        offer=offer, starts_at=dt.datetime(2026, 12, 3, 10, 0, tzinfo=BRUSSELS), cancelled=True
    )
    assert starts(next_occurrences(offer, after=MONDAY_MORNING, limit=3)) == [
        "2026-12-01 19:30",
        "2026-12-02 14:00",
        "2026-12-09 14:00",
    ]


def test_next_dates_of_a_result_page_take_a_fixed_number_of_queries():
    def page_of(count: int):
        offers = []
        for _ in range(count):
            schedule = RecurringScheduleFactory()
            ScheduleException.objects.create(schedule=schedule, date=dt.date(2026, 12, 1))
            OccurrenceFactory(offer=schedule.offer)
            offers.append(schedule.offer)
        return [type(o).objects.get(pk=o.pk) for o in offers]

    counts = []
    for size in (2, 12):
        offers = page_of(size)
        cache.clear()  # the school calendar is cached: count the cold case
        with CaptureQueriesContext(connection) as queries:
            dates = next_occurrences_for_offers(offers, after=MONDAY_MORNING, limit=3)
        counts.append(len(queries))
        assert all(len(found) == 3 for found in dates.values())
    assert counts[0] == counts[1] <= 3


def test_a_result_page_sees_exceptions_as_the_offer_page_does():
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY)
    for date, cancelled, hour in [
        (dt.date(2026, 11, 24), True, None),  # in the past: not loaded
        (dt.date(2026, 12, 1), True, None),
        (dt.date(2026, 12, 8), False, dt.time(10, 30)),
    ]:
        ScheduleException.objects.create(
            schedule=schedule, date=date, cancelled=cancelled, starts=hour, note="ander uur"
        )
    page = next_occurrences_for_offers([schedule.offer], after=MONDAY_MORNING, limit=3)
    alone = next_occurrences(
        type(schedule.offer).objects.get(pk=schedule.offer.pk), after=MONDAY_MORNING, limit=3
    )
    assert page[schedule.offer.id] == alone
    assert starts(alone) == ["2026-12-08 10:30", "2026-12-15 09:00", "2026-12-22 09:00"]
    assert alone[0].note == "ander uur"


def test_a_result_page_loads_only_the_next_dated_activities_it_shows():
    offer = OfferFactory()
    first = dt.datetime(2026, 12, 1, 14, 0, tzinfo=BRUSSELS)
    for week in range(10):
        OccurrenceFactory(
            offer=offer, starts_at=first + dt.timedelta(weeks=week), cancelled=week == 0
        )
    dates = next_occurrences_for_offers([offer], after=MONDAY_MORNING, limit=2)
    assert starts(dates[offer.id]) == ["2026-12-08 14:00", "2026-12-15 14:00"]
    assert len(offer.upcoming_occurrences) == 2


def test_a_changed_school_calendar_applies_at_once():
    schedule = RecurringScheduleFactory(weekday=Weekday.TUESDAY, school_weeks_only=True)
    offer = schedule.offer
    assert starts(next_occurrences(offer, after=MONDAY_MORNING, limit=1)) == ["2026-12-01 09:00"]
    holiday = SchoolHoliday.objects.create(
        name="Extra vrije dag", start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 1)
    )
    assert starts(next_occurrences(offer, after=MONDAY_MORNING, limit=1)) == ["2026-12-08 09:00"]
    holiday.delete()
    assert starts(next_occurrences(offer, after=MONDAY_MORNING, limit=1)) == ["2026-12-01 09:00"]


def test_next_occurrences_refuses_a_naive_datetime():
    offer = OfferFactory()
    with pytest.raises(ValueError):
        next_occurrences(offer, after=dt.datetime(2026, 11, 30, 8, 0))
