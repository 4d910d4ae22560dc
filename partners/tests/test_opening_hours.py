import datetime as dt

import pytest
from django.utils import translation

from partners.models import ClosedDay, Location, SchoolHoliday
from partners.opening_hours import BRUSSELS, closed_reason, opening_state, week_schedule
from partners.tests.factories import LocationFactory, OpeningPeriodFactory

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
WORKING_DAYS = (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)
MORNING = (dt.time(9), dt.time(12))
AFTERNOON = (dt.time(13), dt.time(17))
ONE_HOUR = dt.timedelta(hours=1)
TWO_HOURS = dt.timedelta(hours=2)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def make_location(weekdays=WORKING_DAYS, periods=(MORNING, AFTERNOON), **kwargs) -> Location:
    """A location open `periods` on `weekdays`, loaded the way a page loads it."""
    location = LocationFactory(**kwargs)
    for weekday in weekdays:
        for opens, closes in periods:
            OpeningPeriodFactory(location=location, weekday=weekday, starts=opens, ends=closes)
    return reload(location)


def reload(location: Location) -> Location:
    return Location.objects.prefetch_related("opening_periods", "closed_days").get(pk=location.pk)


def brussels(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def utc(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


# Open, closed and lunch breaks (Monday 2 March 2026 is an ordinary working day)


def test_location_is_open_inside_a_period_and_says_when_it_closes():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 10), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 12)
    assert state.next_opening == brussels(2026, 3, 2, 13)


def test_location_is_closed_in_the_lunch_break_and_opens_again_in_the_afternoon():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 12, 30), school_holidays=[])

    assert not state.is_open
    assert state.closes_at is None
    assert state.next_opening == brussels(2026, 3, 2, 13)


def test_location_is_closed_at_the_minute_it_closes():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 12), school_holidays=[])

    assert not state.is_open
    assert state.next_opening == brussels(2026, 3, 2, 13)


def test_location_is_open_at_the_minute_it_opens():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 13), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 17)


def test_afternoon_closing_time_is_given_in_the_afternoon():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 16, 59), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 17)
    assert state.next_opening == brussels(2026, 3, 3, 9)


def test_periods_that_touch_close_at_the_end_of_the_last_one():
    location = make_location(periods=[(dt.time(9), dt.time(12)), (dt.time(12), dt.time(17))])

    state = opening_state(location, brussels(2026, 3, 2, 11), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 17)


def test_before_opening_time_next_opening_is_the_same_morning():
    location = make_location()

    state = opening_state(location, brussels(2026, 3, 2, 7), school_holidays=[])

    assert not state.is_open
    assert state.next_opening == brussels(2026, 3, 2, 9)


def test_after_closing_time_next_opening_is_the_next_open_weekday():
    location = make_location(weekdays=[MONDAY, FRIDAY])

    friday_evening = opening_state(location, brussels(2026, 3, 6, 18), school_holidays=[])
    monday_evening = opening_state(location, brussels(2026, 3, 2, 18), school_holidays=[])

    assert not friday_evening.is_open
    assert friday_evening.next_opening == brussels(2026, 3, 9, 9)
    assert monday_evening.next_opening == brussels(2026, 3, 6, 9)


def test_location_without_opening_periods_is_never_open():
    location = make_location(weekdays=[])

    state = opening_state(location, brussels(2026, 3, 2, 10), school_holidays=[])

    assert state == type(state)(is_open=False, closes_at=None, next_opening=None)


def test_next_opening_is_none_when_closed_for_more_than_three_weeks():
    location = make_location(closed_in_school_holidays=True)
    summer = [(dt.date(2026, 7, 1), dt.date(2026, 8, 31))]

    state = opening_state(location, brussels(2026, 7, 1, 10), school_holidays=summer)

    assert not state.is_open
    assert state.next_opening is None


# Public holidays


def test_easter_monday_is_closed_with_the_holiday_as_reason():
    location = make_location()

    reason = closed_reason(location, dt.date(2026, 4, 6), school_holidays=[])
    state = opening_state(location, brussels(2026, 4, 6, 10), school_holidays=[])

    assert reason == "Public holiday: Easter Monday"
    assert not state.is_open
    assert state.next_opening == brussels(2026, 4, 7, 9)


def test_next_opening_skips_christmas():
    location = make_location()

    state = opening_state(location, brussels(2026, 12, 24, 18), school_holidays=[])

    assert closed_reason(location, dt.date(2026, 12, 25), school_holidays=[]) == (
        "Public holiday: Christmas Day"
    )
    assert state.next_opening == brussels(2026, 12, 28, 9)


def test_armistice_day_closes_every_location():
    location = make_location()

    state = opening_state(location, brussels(2026, 11, 11, 10), school_holidays=[])

    assert closed_reason(location, dt.date(2026, 11, 11), school_holidays=[]) == (
        "Public holiday: Armistice Day"
    )
    assert not state.is_open
    assert state.next_opening == brussels(2026, 11, 12, 9)


def test_an_ordinary_working_day_has_no_closed_reason():
    location = make_location()

    assert closed_reason(location, dt.date(2026, 3, 2), school_holidays=[]) is None


def test_public_holiday_is_named_in_the_readers_language():
    location = make_location()

    with translation.override("nl"):
        reason = closed_reason(location, dt.date(2026, 4, 6), school_holidays=[])

    assert "Paasmaandag" in reason


# Closed days of one location


def test_a_closed_day_closes_the_location_with_its_reason():
    location = make_location()
    ClosedDay.objects.create(location=location, date=dt.date(2026, 3, 3), reason="Team day")
    location = reload(location)

    state = opening_state(location, brussels(2026, 3, 2, 18), school_holidays=[])

    assert closed_reason(location, dt.date(2026, 3, 3), school_holidays=[]) == "Closed: Team day"
    assert state.next_opening == brussels(2026, 3, 4, 9)


def test_a_closed_day_without_reason_just_says_closed():
    location = make_location()
    ClosedDay.objects.create(location=location, date=dt.date(2026, 3, 3))
    location = reload(location)

    assert closed_reason(location, dt.date(2026, 3, 3), school_holidays=[]) == "Closed"


def test_a_closed_day_of_another_location_does_not_close_this_one():
    location = make_location()
    other = make_location()
    ClosedDay.objects.create(location=other, date=dt.date(2026, 3, 2), reason="Move")
    location = reload(location)

    state = opening_state(location, brussels(2026, 3, 2, 10), school_holidays=[])

    assert state.is_open


# School holidays


def test_school_holiday_closes_a_location_that_closes_in_school_holidays():
    location = make_location(closed_in_school_holidays=True)
    spring_break = SchoolHoliday.objects.create(
        name="Krokusvakantie", start=dt.date(2026, 2, 16), end=dt.date(2026, 2, 22)
    )

    state = opening_state(location, brussels(2026, 2, 17, 10), school_holidays=[spring_break])

    assert closed_reason(location, dt.date(2026, 2, 17), school_holidays=[spring_break]) == (
        "School holiday"
    )
    assert not state.is_open
    assert state.next_opening == brussels(2026, 2, 23, 9)


def test_school_holiday_does_not_close_a_location_that_stays_open():
    location = make_location(closed_in_school_holidays=False)
    spring_break = SchoolHoliday.objects.create(
        name="Krokusvakantie", start=dt.date(2026, 2, 16), end=dt.date(2026, 2, 22)
    )

    state = opening_state(location, brussels(2026, 2, 17, 10), school_holidays=[spring_break])

    assert closed_reason(location, dt.date(2026, 2, 17), school_holidays=[spring_break]) is None
    assert state.is_open


def test_school_holidays_may_be_given_as_date_pairs():
    location = make_location(closed_in_school_holidays=True)
    spring_break = (dt.date(2026, 2, 16), dt.date(2026, 2, 22))

    assert closed_reason(location, dt.date(2026, 2, 22), school_holidays=[spring_break]) == (
        "School holiday"
    )
    assert closed_reason(location, dt.date(2026, 2, 23), school_holidays=[spring_break]) is None


# Clocks changing: Sunday 29 March 2026 (+01:00 -> +02:00), Sunday 25 October 2026 (back)


def test_opening_at_nine_stays_nine_local_when_the_clocks_go_forward():
    location = make_location(weekdays=[SATURDAY, SUNDAY, MONDAY], periods=[MORNING])

    saturday = opening_state(location, brussels(2026, 3, 27, 18), school_holidays=[])
    sunday = opening_state(location, brussels(2026, 3, 28, 18), school_holidays=[])
    monday = opening_state(location, brussels(2026, 3, 29, 18), school_holidays=[])

    assert saturday.next_opening == brussels(2026, 3, 28, 9)
    assert saturday.next_opening.utcoffset() == ONE_HOUR
    assert sunday.next_opening == utc(2026, 3, 29, 7)
    assert (sunday.next_opening.hour, sunday.next_opening.utcoffset()) == (9, TWO_HOURS)
    assert monday.next_opening == utc(2026, 3, 30, 7)
    assert (monday.next_opening.hour, monday.next_opening.utcoffset()) == (9, TWO_HOURS)


def test_utc_moments_around_nine_are_classified_right_after_the_clocks_go_forward():
    location = make_location(weekdays=[SUNDAY, MONDAY], periods=[MORNING])

    # 06:59 UTC is 08:59 in summer time; a fixed +01:00 would wrongly make it 07:59.
    before = opening_state(location, utc(2026, 3, 29, 6, 59), school_holidays=[])
    # 07:30 UTC is 09:30; a fixed +01:00 would wrongly make it 08:30, still closed.
    after = opening_state(location, utc(2026, 3, 29, 7, 30), school_holidays=[])
    monday = opening_state(location, utc(2026, 3, 30, 7, 30), school_holidays=[])

    assert not before.is_open
    assert before.next_opening == brussels(2026, 3, 29, 9)
    assert after.is_open
    assert after.closes_at == utc(2026, 3, 29, 10)
    assert monday.is_open


def test_opening_at_nine_stays_nine_local_when_the_clocks_go_back():
    location = make_location(weekdays=[SATURDAY, SUNDAY, MONDAY], periods=[MORNING])

    saturday = opening_state(location, brussels(2026, 10, 23, 18), school_holidays=[])
    sunday = opening_state(location, brussels(2026, 10, 24, 18), school_holidays=[])
    monday = opening_state(location, brussels(2026, 10, 25, 18), school_holidays=[])

    assert saturday.next_opening == utc(2026, 10, 24, 7)
    assert saturday.next_opening.utcoffset() == TWO_HOURS
    assert sunday.next_opening == utc(2026, 10, 25, 8)
    assert (sunday.next_opening.hour, sunday.next_opening.utcoffset()) == (9, ONE_HOUR)
    assert monday.next_opening == utc(2026, 10, 26, 8)
    assert (monday.next_opening.hour, monday.next_opening.utcoffset()) == (9, ONE_HOUR)


def test_utc_moments_around_nine_are_classified_right_after_the_clocks_go_back():
    location = make_location(weekdays=[SUNDAY, MONDAY], periods=[MORNING])

    # 07:30 UTC is 08:30 in winter time; a fixed +02:00 would wrongly make it 09:30.
    before = opening_state(location, utc(2026, 10, 25, 7, 30), school_holidays=[])
    after = opening_state(location, utc(2026, 10, 25, 8), school_holidays=[])
    monday_before = opening_state(location, utc(2026, 10, 26, 7, 59), school_holidays=[])

    assert not before.is_open
    assert before.next_opening == utc(2026, 10, 25, 8)
    assert after.is_open
    assert after.closes_at == utc(2026, 10, 25, 11)
    assert not monday_before.is_open
    assert monday_before.next_opening == brussels(2026, 10, 26, 9)


# Time zones of `at`


def test_at_given_in_utc_is_converted_to_brussels_time():
    location = make_location()

    # 08:30 UTC is 09:30 in Brussels in winter.
    state = opening_state(location, utc(2026, 3, 2, 8, 30), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 12)
    assert state.closes_at.tzinfo == BRUSSELS


def test_the_day_is_taken_in_brussels_time_not_utc():
    location = make_location(weekdays=[MONDAY], periods=[(dt.time(0), dt.time(2))])

    # Sunday 23:30 UTC is already Monday 00:30 in Brussels.
    state = opening_state(location, utc(2026, 3, 1, 23, 30), school_holidays=[])

    assert state.is_open
    assert state.closes_at == brussels(2026, 3, 2, 2)


def test_a_naive_datetime_is_refused():
    location = make_location()

    with pytest.raises(ValueError, match="aware"):
        opening_state(location, dt.datetime(2026, 3, 2, 10), school_holidays=[])


# The week table


def test_week_schedule_gives_seven_days_from_today_with_reasons():
    location = make_location()
    ClosedDay.objects.create(location=location, date=dt.date(2026, 4, 8), reason="Team day")
    location = reload(location)

    # Friday 3 April 2026, with Easter Sunday and Easter Monday ahead.
    week = week_schedule(location, dt.date(2026, 4, 3), school_holidays=[])

    assert [day.day for day in week] == [dt.date(2026, 4, 3) + dt.timedelta(n) for n in range(7)]
    assert [day.is_today for day in week] == [True] + [False] * 6
    assert [day.weekday_name for day in week] == [
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
    ]
    assert [day.closed_reason for day in week] == [
        None,
        None,
        "Public holiday: Easter Sunday",
        "Public holiday: Easter Monday",
        None,
        "Closed: Team day",
        None,
    ]
    assert week[0].periods == [MORNING, AFTERNOON]
    assert week[1].periods == []
    assert week[3].periods == []
    assert week[4].periods == [MORNING, AFTERNOON]


def test_week_schedule_shows_school_holidays_only_for_locations_that_close():
    closing = make_location(closed_in_school_holidays=True)
    staying_open = make_location()
    spring_break = [(dt.date(2026, 2, 16), dt.date(2026, 2, 22))]

    closing_week = week_schedule(closing, dt.date(2026, 2, 16), school_holidays=spring_break)
    open_week = week_schedule(staying_open, dt.date(2026, 2, 16), school_holidays=spring_break)

    assert {day.closed_reason for day in closing_week} == {"School holiday"}
    assert {day.closed_reason for day in open_week} == {None}
    assert open_week[0].periods == [MORNING, AFTERNOON]


# Queries


def test_opening_hours_issue_no_queries_on_a_prefetched_location(django_assert_num_queries):
    location = make_location(closed_in_school_holidays=True)
    ClosedDay.objects.create(location=location, date=dt.date(2026, 3, 3), reason="Team day")
    location = reload(location)
    school_holidays = list(SchoolHoliday.objects.all())

    with django_assert_num_queries(0):
        opening_state(location, brussels(2026, 3, 2, 18), school_holidays=school_holidays)
        week_schedule(location, dt.date(2026, 3, 2), school_holidays=school_holidays)
