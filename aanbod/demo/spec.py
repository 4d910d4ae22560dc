"""Small helpers to write demo offers as readable data."""

from ..choices import AccessType, Cost, LifeDomain, TargetGroup

WALK_IN, APPOINTMENT = AccessType.WALK_IN, AccessType.APPOINTMENT
REGISTRATION, REFERRAL = AccessType.REGISTRATION, AccessType.REFERRAL_ONLY
FREE, PAID, REDUCED = Cost.FREE, Cost.PAID, Cost.REDUCED
D = LifeDomain
T = TargetGroup
EXPECTING = (-9, 0)

# Town name -> the demo location slugs of partners/demo.py used for "the same offer elsewhere".
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def years(low: float, high: float) -> tuple[int, int]:
    """Ages in years as the [low, high) month range the model stores."""
    return (round(low * 12), round(high * 12))


def offer(slug: str, title: str, summary: str, org: str, **fields) -> dict:
    """One demo offer. `at`: [(title suffix or "", location slug or None, weekly slots)].

    Weekly slot: (weekday, "09:00", "11:00") or with a dict of `week_of_month`,
    `school_weeks_only` and `valid_until_days` (its last day, counted from today).
    `events`: [(days from today, "14:00", "17:00")] or with a location slug as fourth item.
    """
    return {"slug": slug, "title": title, "summary": summary, "org": org, **fields}
