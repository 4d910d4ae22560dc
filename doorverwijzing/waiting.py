"""How long a referral waits for its next step, and when that is too long.

The inbox orders by this and shows "waits N working days"; the limits are the ones the
reminders use, so the overdue mark and the reminder mail agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, DateTimeField, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huisvanhetkind.belgian_days import working_days_between

from .choices import ReferralStatus, Urgency
from .models import Referral

# The receiver's next step per status, and since when it waits.
NEXT_STEP = {
    ReferralStatus.SENT: (_("Accept or decline"), "sent_at", "REFERRAL_ACCEPT_WORKING_DAYS"),
    ReferralStatus.ACCEPTED: (
        _("Contact the family"),
        "accepted_at",
        "REFERRAL_CONTACT_WORKING_DAYS",
    ),
    ReferralStatus.CONTACTED: (
        _("Close when done"),
        "first_contact_at",
        "REFERRAL_CLOSE_WORKING_DAYS",
    ),
}
FINISHED_RANK = len(NEXT_STEP)


@dataclass(frozen=True)
class Waiting:
    next_step: str
    working_days: int
    overdue: bool


def order_by_need_for_action(queryset: QuerySet) -> QuerySet:
    """Open referrals first (the earliest step first, urgent ones on top, oldest first),
    then the finished ones, the most recent first."""
    rank = Case(
        *[When(status=status, then=Value(index)) for index, status in enumerate(NEXT_STEP)],
        default=Value(FINISHED_RANK),
        output_field=IntegerField(),
    )
    waits_since = Case(
        *[When(status=status, then=F(field)) for status, (_l, field, _d) in NEXT_STEP.items()],
        default=Value(None),
        output_field=DateTimeField(),
    )
    urgent_first = Case(When(urgency=Urgency.URGENT, then=Value(0)), default=Value(1))
    return queryset.annotate(action_rank=rank, waits_since=waits_since).order_by(
        "action_rank",
        urgent_first,
        F("waits_since").asc(nulls_last=True),
        F("closed_at").desc(nulls_last=True),
        "-sent_at",
    )


def waiting_for(referral: Referral, *, today: dt.date | None = None) -> Waiting | None:
    """The next step and its waiting time in working days; None for a finished referral."""
    step = NEXT_STEP.get(referral.status)
    if step is None:
        return None
    label, field, limit_setting = step
    since = getattr(referral, field) or referral.sent_at
    today = today or timezone.localdate()
    days = working_days_between(timezone.localdate(since), today)
    return Waiting(
        next_step=str(label), working_days=days, overdue=days >= getattr(settings, limit_setting)
    )
