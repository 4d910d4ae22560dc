"""Belgian public holidays and working days: the one place that knows them.

Opening hours close on public holidays; referral reminders count working days
(Monday to Friday, public holidays excluded).
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.utils.translation import get_language

# Django language code -> language the `holidays` package names Belgian holidays in.
_HOLIDAY_LANGUAGES = {"nl": "nl", "fr": "fr", "de": "de", "en": "en_US", "uk": "uk"}
# For readers whose language the package lacks (ar, tr), English is likelier understood
# than Dutch.
_HOLIDAY_FALLBACK_LANGUAGE = "en_US"


@lru_cache(maxsize=64)
def _belgian_holidays(year: int, language: str) -> dict[dt.date, str]:
    # A plain dict: the package's holiday object adds years on lookup, which a shared
    # cached object should not do.
    return dict(holidays.country_holidays("BE", years=year, language=language).items())


def public_holiday_name(day: dt.date) -> str | None:
    """The holiday's name in the active language, or None on an ordinary day."""
    language = _HOLIDAY_LANGUAGES.get(
        (get_language() or "").split("-")[0], _HOLIDAY_FALLBACK_LANGUAGE
    )
    return _belgian_holidays(day.year, language).get(day)


def is_public_holiday(day: dt.date) -> bool:
    return day in _belgian_holidays(day.year, "nl")


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start).

    Counted, not walked: the inbox asks this for every row, and a referral forgotten for
    years would otherwise cost a thousand steps (issue 14).
    """
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday() + 1
    weekdays = weeks * 5 + sum(1 for offset in range(rest) if (first + offset) % 7 < 5)
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _belgian_holidays(year, "nl")
        if start < day <= end and day.weekday() < 5
    )
    return weekdays - holidays_on_weekdays
