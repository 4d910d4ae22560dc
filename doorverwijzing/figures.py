"""Figures about referrals for coordinators and organisations: counts, never a referral.

Every number on the page goes through `protect()`: a figure that rests on fewer
than SMALL_COUNT referrals is shown as "< 5", in the table and in the chart
alike. All reads aggregate in SQL in a fixed number of queries; only working
days (Belgian holidays) are counted in Python, on distinct date pairs.
"""

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import formats, timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.belgian_days import add_working_days, working_days_between
from partners.models import Network, Organisation

from .choices import DeclineReason, FirstContactResult, ReferralStatus
from .models import Referral

SMALL_COUNT = 5
DEFAULT_MONTHS = 12
MAX_MONTHS = 60
_MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")


# --- Small numbers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One figure as shown: `value` is None when it is hidden to protect families."""

    value: float | None
    text: str

    @property
    def hidden(self) -> bool:
        return self.value is None


HIDDEN_TEXT = f"< {SMALL_COUNT}"


def protect(value: float | None, *, counts: tuple[int, ...] = (), unit: str = "") -> Cell:
    """The one place that hides small numbers (for table and chart alike).

    `value` is shown only when it, if it is a count, and every count it rests on
    (`counts`, e.g. numerator and denominator of a percentage) is at least SMALL_COUNT.
    """
    resting_on = counts or (value,)
    if value is None or any(count is None or count < SMALL_COUNT for count in resting_on):
        return Cell(None, HIDDEN_TEXT)
    if isinstance(value, int):
        text = formats.number_format(value)
    else:
        text = formats.number_format(round(value, 1), decimal_pos=0 if value == int(value) else 1)
    return Cell(value, f"{text}{unit}")


def count_cell(count: int) -> Cell:
    return protect(count)


def percentage_cell(part: int, whole: int) -> Cell:
    value = round(100 * part / whole) if whole else None
    return protect(value, counts=(part, whole), unit="%")


def median_cell(values: list[int]) -> Cell:
    value = float(statistics.median(values)) if values else None
    return protect(value, counts=(len(values),))


# --- Who sees which figures -------------------------------------------------------------


@dataclass
class Scope:
    """The organisations whose sent and received referrals a user may count."""

    organisations: list[tuple[int, str]]
    is_network: bool

    @property
    def ids(self) -> list[int]:
        return [pk for pk, _name in self.organisations]

    def narrowed_to(self, raw_id: str | None) -> "Scope":
        """Only one organisation of the scope; an unknown or foreign id is ignored."""
        for pk, name in self.organisations:
            if raw_id and raw_id.isdigit() and int(raw_id) == pk:
                return Scope(organisations=[(pk, name)], is_network=False)
        return self


def figures_scope_for_user(user) -> Scope | None:
    """A coordinator counts their networks' organisations, a social worker their own.

    None when the user may see no figures (the view answers 403).
    """
    if not user.is_authenticated:
        return None
    counts_networks = permissions.can(user, "referral.figures")
    own = permissions.social_worker_organisation_ids(user)
    if not counts_networks and not own:
        return None
    networks = permissions.scope(user, Network, "referral.figures").values("id")
    organisations = list(
        Organisation.objects.filter(Q(networks__in=networks) | Q(id__in=own))
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    return Scope(organisations=organisations, is_network=counts_networks)


# --- The period -------------------------------------------------------------------------


def _add_months(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(raw: str | None) -> dt.date | None:
    """'2026-03' -> 1 March 2026; anything else -> None (ignored)."""
    match = _MONTH_PARAM.match((raw or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


@dataclass(frozen=True)
class Period:
    first: dt.date  # first day of the first month
    last: dt.date  # first day of the last month

    @classmethod
    def from_params(cls, start: str | None, end: str | None, *, today: dt.date) -> "Period":
        """The months asked for; bad or missing values fall back to the last 12 months."""
        this_month = today.replace(day=1)
        last = parse_month(end) or this_month
        first = parse_month(start) or _add_months(last, -(DEFAULT_MONTHS - 1))
        if first > last:
            first, last = last, first
        first = max(first, _add_months(last, -(MAX_MONTHS - 1)))
        return cls(first=first, last=last)

    @property
    def months(self) -> list[dt.date]:
        months, month = [], self.first
        while month <= self.last:
            months.append(month)
            month = _add_months(month, 1)
        return months

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(self.first, dt.time.min)
        end = dt.datetime.combine(_add_months(self.last, 1), dt.time.min)
        return timezone.make_aware(start), timezone.make_aware(end)


# --- The figures ------------------------------------------------------------------------


@dataclass
class MonthRow:
    month: dt.date
    label: str
    short_label: str
    sent: Cell
    received: Cell
    accepted: Cell
    first_contact: Cell
    days_to_acceptance: Cell
    days_to_first_contact: Cell


@dataclass
class WaitingRow:
    label: str
    total: Cell
    late: Cell | None
    threshold_days: int | None


@dataclass
class Figures:
    period: Period
    months: list[MonthRow] = field(default_factory=list)
    decline_reasons: list[tuple[str, Cell]] = field(default_factory=list)
    waiting: list[WaitingRow] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _working_days(start: dt.date, end: dt.date) -> int:
    return working_days_between(start, end)


def _late_before(today: dt.date, working_days: int) -> dt.datetime:
    """Anything from before this moment has passed its reminder threshold today.

    Same rule as the reminders: late when add_working_days(day, n) <= today.
    """
    day = today
    while add_working_days(day, working_days) > today:
        day -= dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _month_key(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def referral_figures(*, scope: Scope, period: Period, today: dt.date | None = None) -> Figures:
    """Per month: sent, received, % accepted, % first contact, median working days;
    declines per reason over the period; where open referrals wait now.

    Four queries, whatever the number of referrals.
    """
    today = today or timezone.localdate()
    ids = scope.ids
    in_scope = Q(referring_organisation_id__in=ids) | Q(receiving_organisation_id__in=ids)
    start, end = period.bounds()
    in_period = Referral.objects.filter(in_scope, sent_at__gte=start, sent_at__lt=end)
    answered = Q(accepted_at__isnull=False) | Q(declined_at__isnull=False)
    contact_made = Q(first_contact_result=FirstContactResult.MADE)

    monthly = {
        _month_key(row["month"]): row
        for row in in_period.annotate(month=TruncMonth("sent_at"))
        .values("month")
        .annotate(
            sent=Count("id", filter=Q(referring_organisation_id__in=ids)),
            received=Count("id", filter=Q(receiving_organisation_id__in=ids)),
            answered=Count("id", filter=answered),
            accepted=Count("id", filter=Q(accepted_at__isnull=False)),
            contact_made=Count("id", filter=Q(accepted_at__isnull=False) & contact_made),
        )
        .order_by("month")
    }

    # Distinct (sent day, accepted day, contact day) per month: few rows, even for many
    # referrals, so counting working days in Python stays cheap.
    to_acceptance: dict[dt.date, list[int]] = defaultdict(list)
    to_contact: dict[dt.date, list[int]] = defaultdict(list)
    durations = (
        in_period.filter(accepted_at__isnull=False)
        .annotate(
            month=TruncMonth("sent_at"),
            sent_day=TruncDate("sent_at"),
            accepted_day=TruncDate("accepted_at"),
            contact_day=TruncDate("first_contact_at"),
        )
        .values("month", "sent_day", "accepted_day", "contact_day", "first_contact_result")
        .annotate(number=Count("id"))
        .order_by()
    )
    for row in durations:
        month = _month_key(row["month"])
        days = _working_days(row["sent_day"], row["accepted_day"])
        to_acceptance[month] += [days] * row["number"]
        if row["first_contact_result"] == FirstContactResult.MADE and row["contact_day"]:
            days = _working_days(row["sent_day"], row["contact_day"])
            to_contact[month] += [days] * row["number"]

    figures = Figures(period=period)
    for month in period.months:
        row = monthly.get(month, {})
        figures.months.append(
            MonthRow(
                month=month,
                label=formats.date_format(month, "YEAR_MONTH_FORMAT"),
                short_label=f"{MONTHS_3[month.month]} {month:%y}",
                sent=count_cell(row.get("sent", 0)),
                received=count_cell(row.get("received", 0)),
                accepted=percentage_cell(row.get("accepted", 0), row.get("answered", 0)),
                first_contact=percentage_cell(row.get("contact_made", 0), row.get("accepted", 0)),
                days_to_acceptance=median_cell(to_acceptance[month]),
                days_to_first_contact=median_cell(to_contact[month]),
            )
        )

    declines = dict(
        in_period.filter(declined_at__isnull=False)
        .values_list("decline_reason")
        .annotate(number=Count("id"))
        .order_by()
    )
    figures.decline_reasons = [
        (label, count_cell(declines.get(value, 0))) for value, label in DeclineReason.choices
    ]

    accept_days = settings.REFERRAL_ACCEPT_WORKING_DAYS
    contact_days = settings.REFERRAL_CONTACT_WORKING_DAYS
    waiting = Referral.objects.filter(in_scope).aggregate(
        sent=Count("id", filter=Q(status=ReferralStatus.SENT)),
        sent_late=Count(
            "id",
            filter=Q(status=ReferralStatus.SENT, sent_at__lt=_late_before(today, accept_days)),
        ),
        accepted=Count("id", filter=Q(status=ReferralStatus.ACCEPTED)),
        accepted_late=Count(
            "id",
            filter=Q(
                status=ReferralStatus.ACCEPTED,
                accepted_at__lt=_late_before(today, contact_days),
            ),
        ),
        contacted=Count("id", filter=Q(status=ReferralStatus.CONTACTED)),
    )
    figures.waiting = [
        WaitingRow(
            _("Waiting for acceptance"),
            count_cell(waiting["sent"]),
            count_cell(waiting["sent_late"]),
            accept_days,
        ),
        WaitingRow(
            _("Accepted, waiting for first contact"),
            count_cell(waiting["accepted"]),
            count_cell(waiting["accepted_late"]),
            contact_days,
        ),
        WaitingRow(_("In contact, not closed yet"), count_cell(waiting["contacted"]), None, None),
    ]
    return figures
