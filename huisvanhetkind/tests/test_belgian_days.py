import datetime as dt

from huisvanhetkind.belgian_days import is_working_day, working_days_between


def _walked(start: dt.date, end: dt.date) -> int:
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(n))
    )


def test_working_days_between_counts_as_a_walk_over_the_calendar_would():
    first = dt.date(2024, 12, 20)
    for start_offset in range(0, 40, 3):
        start = first + dt.timedelta(start_offset)
        for length in (*range(0, 16), 45, 200, 366, 800, 1500):
            end = start + dt.timedelta(length)
            assert working_days_between(start, end) == _walked(start, end), (start, end)


def test_working_days_between_skips_weekends_and_holidays_and_is_zero_backwards():
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 28)) == 1  # 25/12 off
    assert working_days_between(dt.date(2026, 11, 6), dt.date(2026, 11, 9)) == 1  # a weekend
    assert working_days_between(dt.date(2026, 11, 9), dt.date(2026, 11, 6)) == 0
