"""When an offer takes place next: the one place that turns schedules into dates.

Weekly slots are wall-clock times in Brussels. A slot does not take place on a Belgian
public holiday, on a date with a cancelling exception, outside its validity dates, and,
when it is `school_weeks_only`, during a school holiday (partners.SchoolHoliday). Dated
occurrences (events, series) are merged in. Public holidays come from
huisvanhetkind.belgian_days and school holidays are tested by partners.opening_hours, so a
location and an offer agree on which days are off.

Two SQL mirrors of these rules exist for speed; change them together: aanbod.search.dates
(an offer's next start) and aanbod.agenda (a window's weekly dates, checked against this
module by aanbod/tests/test_agenda_weekly.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import JSONObject

from huisvanhetkind.belgian_days import is_public_holiday
from partners.models import Location, SchoolHoliday
from partners.opening_hours import BRUSSELS, SchoolHolidayLike, in_school_holiday
from partners.selectors import school_holidays_between

from .choices import WeekOfMonth
from .models import Occurrence, Offer, RecurringSchedule, ScheduleException

# How far ahead weekly slots are expanded: past the summer holiday, so a school-year slot
# seen in July still shows its first date in September.
HORIZON_DAYS = 120


@dataclass(frozen=True)
class NextDate:
    """One date of an offer. Aware datetimes in Brussels time."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    location: Location | None
    cancelled: bool = False
    note: str = ""
    recurring: bool = False


def next_occurrences(
    offer: Offer,
    *,
    after: dt.datetime,
    limit: int = 5,
    school_holidays: Sequence[SchoolHolidayLike] | None = None,
    include_cancelled: bool = False,
) -> list[NextDate]:
    """The next `limit` dates of `offer` that end after `after` (an ongoing one counts).

    Uses prefetched `recurring_schedules` (with `exceptions`) and `occurrences` when present
    (see `prefetch_for_dates`); loads school holidays when not given. A cancelled date is
    returned only with include_cancelled, so a page can say "not on 24/12".
    """
    if after.tzinfo is None:
        raise ValueError("next_occurrences needs an aware datetime.")
    after = after.astimezone(dt.UTC)
    if school_holidays is None:
        school_holidays = _school_holidays_for(after)
    dates = [
        *_weekly_dates(offer, after, school_holidays),
        *(
            NextDate(
                starts_at=occurrence.starts_at.astimezone(BRUSSELS),
                ends_at=occurrence.ends_at.astimezone(BRUSSELS),
                location=occurrence.location,
                cancelled=occurrence.cancelled,
                note=occurrence.note,
            )
            for occurrence in _occurrences_of(offer)
            if occurrence.ends_at > after
        ),
    ]
    if not include_cancelled:
        dates = [date for date in dates if not date.cancelled]
    dates.sort(key=lambda date: (date.starts_at, date.ends_at))
    return dates[:limit]


def next_occurrences_for_offers(
    offers: Iterable[Offer], *, after: dt.datetime, limit: int = 3
) -> dict[int, list[NextDate]]:
    """Next dates of many offers (a result page) in three queries, whatever their number."""
    offers = list(offers)
    if not offers:
        return {}
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        offers, *prefetch_for_dates(after, per_offer=limit, include_cancelled=False)
    )
    holidays = _school_holidays_for(after)
    return {
        offer.id: next_occurrences(offer, after=after, limit=limit, school_holidays=holidays)
        for offer in offers
    }


def prefetch_for_dates(
    after: dt.datetime, *, per_offer: int | None = None, include_cancelled: bool = True
) -> list[Prefetch]:
    """Prefetches next_occurrences needs: two queries for any number of offers.

    Weekly slots come with their exceptions from `after` on (see schedules_with_exceptions);
    dated activities only those still to come, at most `per_offer` of them per offer
    (a result card shows two, not the whole year).
    """
    occurrences = Occurrence.objects.filter(ends_at__gt=after).select_related("location")
    if not include_cancelled:
        occurrences = occurrences.filter(cancelled=False)
    occurrences = occurrences.order_by("starts_at", "id")
    if per_offer is not None:
        occurrences = occurrences[:per_offer]
    first_day = after.astimezone(BRUSSELS).date()
    return [
        Prefetch(
            "recurring_schedules",
            queryset=schedules_with_exceptions(
                RecurringSchedule.objects.select_related("location"), first_day
            ),
        ),
        Prefetch("occurrences", queryset=occurrences, to_attr="upcoming_occurrences"),
    ]


def schedules_with_exceptions(
    schedules: QuerySet[RecurringSchedule], first_day: dt.date
) -> QuerySet[RecurringSchedule]:
    """Weekly slots with their exceptions from first_day on, in the same query (as JSON)."""
    fields = {
        name: f"exceptions__{name}" for name in ("date", "cancelled", "starts", "ends", "note")
    }
    return schedules.annotate(
        upcoming_exceptions=JSONBAgg(
            JSONObject(**fields), filter=Q(exceptions__date__gte=first_day)
        )
    )


def _exceptions_by_day(schedule: RecurringSchedule) -> dict[dt.date, ScheduleException]:
    if not hasattr(schedule, "upcoming_exceptions"):
        return {exception.date: exception for exception in schedule.exceptions.all()}
    exceptions = (
        ScheduleException(
            schedule=schedule,
            date=dt.date.fromisoformat(row["date"]),
            cancelled=row["cancelled"],
            starts=row["starts"] and dt.time.fromisoformat(row["starts"]),
            ends=row["ends"] and dt.time.fromisoformat(row["ends"]),
            note=row["note"],
        )
        for row in schedule.upcoming_exceptions or []
    )
    return {exception.date: exception for exception in exceptions}


def _occurrences_of(offer: Offer) -> list[Occurrence]:
    # A sliced prefetch can only land in an attribute of its own (Django).
    if hasattr(offer, "upcoming_occurrences"):
        return offer.upcoming_occurrences
    return list(offer.occurrences.all())


def weekly_date_matches(schedule: RecurringSchedule, day: dt.date) -> bool:
    """Whether a weekly slot falls on `day`, before holidays and exceptions."""
    if day.weekday() != schedule.weekday:
        return False
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_until and day > schedule.valid_until:
        return False
    if schedule.week_of_month == WeekOfMonth.LAST:
        return (day + dt.timedelta(days=7)).month != day.month
    if schedule.week_of_month:
        return (day.day - 1) // 7 + 1 == schedule.week_of_month
    return True


def _weekly_dates(
    offer: Offer, after: dt.datetime, school_holidays: Sequence[SchoolHolidayLike]
) -> list[NextDate]:
    first_day = after.astimezone(BRUSSELS).date()
    dates = []
    for schedule in offer.recurring_schedules.all():
        exceptions = _exceptions_by_day(schedule)
        day = first_day + dt.timedelta(days=(schedule.weekday - first_day.weekday()) % 7)
        last_day = first_day + dt.timedelta(days=HORIZON_DAYS)
        if schedule.valid_until:
            last_day = min(last_day, schedule.valid_until)
        while day <= last_day:
            date = _weekly_date(schedule, day, exceptions.get(day), school_holidays)
            if date is not None and date.ends_at > after:
                dates.append(date)
            day += dt.timedelta(days=7)
    return dates


def _weekly_date(
    schedule: RecurringSchedule,
    day: dt.date,
    exception: ScheduleException | None,
    school_holidays: Sequence[SchoolHolidayLike],
) -> NextDate | None:
    if not weekly_date_matches(schedule, day) or is_public_holiday(day):
        return None
    if schedule.school_weeks_only and in_school_holiday(day, school_holidays):
        return None
    starts, ends = schedule.starts, schedule.ends
    if exception is not None and not exception.cancelled:
        starts, ends = exception.starts or starts, exception.ends or ends
    # Combining wall-clock time with the zone keeps 9:00 at 9:00 on the days clocks change.
    return NextDate(
        starts_at=dt.datetime.combine(day, starts, tzinfo=BRUSSELS),
        ends_at=dt.datetime.combine(day, ends, tzinfo=BRUSSELS),
        location=schedule.location,
        cancelled=exception is not None and exception.cancelled,
        note=exception.note if exception else "",
        recurring=True,
    )


def _school_holidays_for(after: dt.datetime) -> list[SchoolHoliday]:
    start = after.astimezone(BRUSSELS).date()
    end = start + dt.timedelta(days=HORIZON_DAYS)
    return school_holidays_between(start, end)


def weekly_dates_between(
    schedule: RecurringSchedule,
    first_day: dt.date,
    last_day: dt.date,
    school_holidays: Sequence[SchoolHolidayLike],
) -> list[NextDate]:
    """Dates of one weekly slot from first_day to last_day (inclusive), for the agenda.

    Needs the schedule from schedules_with_exceptions (and `location`) loaded; cancelled
    dates are left out.
    """
    exceptions = _exceptions_by_day(schedule)
    day = first_day + dt.timedelta(days=(schedule.weekday - first_day.weekday()) % 7)
    dates = []
    while day <= last_day:
        date = _weekly_date(schedule, day, exceptions.get(day), school_holidays)
        if date is not None and not date.cancelled:
            dates.append(date)
        day += dt.timedelta(days=7)
    return dates
