"""When a location is open: the one place that answers "open now?" and "when does it open?".

Opening hours are wall-clock times in Brussels. A day is closed by a Belgian public holiday,
by one of the location's closed days, or by a school holiday when the location says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from huisvanhetkind.belgian_days import public_holiday_name

from .choices import Weekday
from .models import Location, SchoolHoliday

BRUSSELS = ZoneInfo("Europe/Brussels")

# Far enough to reach past the Christmas and Easter holidays' longest closed stretch,
# short enough that the caller can load the school holidays for that window once.
LOOKAHEAD_DAYS = 21

SchoolHolidayLike = SchoolHoliday | tuple[dt.date, dt.date]
Period = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class OpeningState:
    """Aware datetimes in Brussels time.

    next_opening is the first opening after `at` (also while open: the reopening after
    a lunch break or the next day); None when there is none within LOOKAHEAD_DAYS.
    """

    is_open: bool
    closes_at: dt.datetime | None
    next_opening: dt.datetime | None


@dataclass(frozen=True)
class DaySchedule:
    day: dt.date
    weekday_name: str
    periods: list[Period]  # the hours it is actually open that day; empty when closed
    closed_reason: str | None
    is_today: bool


def closed_reason(
    location: Location, day: dt.date, *, school_holidays: Sequence[SchoolHolidayLike]
) -> str | None:
    """Why the location is closed on `day` despite its weekly hours, or None.

    Needs `closed_days` prefetched on the location. The reason is given whether or not
    the location has hours that weekday, so a week table can say why, e.g. on Easter Sunday.
    """
    holiday_name = public_holiday_name(day)
    if holiday_name is not None:
        return _("Public holiday: {name}").format(name=holiday_name)
    for closed_day in location.closed_days.all():
        if closed_day.date == day:
            if closed_day.reason:
                return _("Closed: {reason}").format(reason=closed_day.reason)
            return pgettext("opening hours", "Closed")
    if location.closed_in_school_holidays and in_school_holiday(day, school_holidays):
        return _("School holiday")
    return None


def opening_state(
    location: Location, at: dt.datetime, *, school_holidays: Sequence[SchoolHolidayLike]
) -> OpeningState:
    """Whether the location is open at `at` (aware, any time zone), and when it opens next.

    Needs `opening_periods` and `closed_days` prefetched; `school_holidays` must cover the
    LOOKAHEAD_DAYS after `at`.
    """
    if at.tzinfo is None:
        raise ValueError("opening_state needs an aware datetime.")
    # Compared in UTC: two datetimes in the same zone compare by wall clock, which is
    # wrong in the repeated hour when the clocks go back.
    at = at.astimezone(dt.UTC)
    local_now = at.astimezone(BRUSSELS)
    periods_by_weekday = _periods_by_weekday(location)
    is_open = False
    closes_at = None
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = local_now.date() + dt.timedelta(days=offset)
        for opens, closes in _open_periods(location, day, periods_by_weekday, school_holidays):
            if opens > at:
                return OpeningState(is_open=is_open, closes_at=closes_at, next_opening=opens)
            if opens <= at < closes:
                is_open, closes_at = True, closes
    return OpeningState(is_open=is_open, closes_at=closes_at, next_opening=None)


def week_schedule(
    location: Location, today: dt.date, *, school_holidays: Sequence[SchoolHolidayLike]
) -> list[DaySchedule]:
    """Seven days from `today`, with the hours of each day or why it is closed."""
    periods_by_weekday = _periods_by_weekday(location)
    schedule = []
    for offset in range(7):
        day = today + dt.timedelta(days=offset)
        reason = closed_reason(location, day, school_holidays=school_holidays)
        schedule.append(
            DaySchedule(
                day=day,
                weekday_name=str(Weekday(day.weekday()).label),
                periods=[] if reason else periods_by_weekday.get(day.weekday(), []),
                closed_reason=reason,
                is_today=offset == 0,
            )
        )
    return schedule


def _open_periods(
    location: Location,
    day: dt.date,
    periods_by_weekday: dict[int, list[Period]],
    school_holidays: Sequence[SchoolHolidayLike],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The day's opening periods as aware datetimes, merged where they touch."""
    periods = periods_by_weekday.get(day.weekday(), [])
    if not periods or closed_reason(location, day, school_holidays=school_holidays):
        return []
    # Combining the wall-clock time with the zone (not adding hours to midnight) keeps
    # "opens 9:00" at 9:00 local on the days the clocks change.
    return _merge_touching(
        (
            dt.datetime.combine(day, opens, tzinfo=BRUSSELS),
            dt.datetime.combine(day, closes, tzinfo=BRUSSELS),
        )
        for opens, closes in periods
    )


def _merge_touching(
    periods: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Join 9-12 and 12-17 into 9-17, so closes_at is when the door really closes."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for opens, closes in sorted(periods):
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def _periods_by_weekday(location: Location) -> dict[int, list[Period]]:
    by_weekday: dict[int, list[Period]] = {}
    for period in location.opening_periods.all():
        by_weekday.setdefault(period.weekday, []).append((period.starts, period.ends))
    for periods in by_weekday.values():
        periods.sort()
    return by_weekday


def in_school_holiday(day: dt.date, school_holidays: Sequence[SchoolHolidayLike]) -> bool:
    for holiday in school_holidays:
        start, end = holiday if isinstance(holiday, tuple) else (holiday.start, holiday.end)
        if start <= day <= end:
            return True
    return False
