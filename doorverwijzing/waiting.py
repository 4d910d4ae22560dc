"""How long a referral waits for its next step, and when that is too long.

The inbox orders by this and shows "waits N working days"; the limits are the ones the
reminders use, so the overdue mark and the reminder mail agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from huisvanhetkind.belgian_days import working_days_between

from .choices import WAITING_SINCE_FIELD, ReferralStatus, Urgency
from .models import Referral

# The receiver's next step per status, and since when it waits (the order and the fields
# are WAITING_SINCE_FIELD's, which the stored ranks on Referral follow).
_LABELS = {
    ReferralStatus.SENT: (_("Accept or decline"), "REFERRAL_ACCEPT_WORKING_DAYS"),
    ReferralStatus.ACCEPTED: (_("Contact the family"), "REFERRAL_CONTACT_WORKING_DAYS"),
    ReferralStatus.CONTACTED: (_("Close when done"), "REFERRAL_CLOSE_WORKING_DAYS"),
}
NEXT_STEP = {
    status: (_LABELS[status][0], field, _LABELS[status][1])
    for status, field in WAITING_SINCE_FIELD.items()
}


@dataclass(frozen=True)
class Waiting:
    next_step: str
    working_days: int
    overdue: bool


def order_by_need_for_action(queryset: QuerySet) -> QuerySet:
    """Open referrals first (the earliest step first, urgent ones on top, oldest first),
    then the finished ones, the most recent first.

    The ranks are stored columns of Referral, in the order of its inbox indexes, so a page
    of one organisation's box is read off an index at any size.
    """
    return queryset.order_by(
        "action_rank",
        "urgency_rank",
        F("waits_since").asc(nulls_last=True),
        F("closed_at").desc(nulls_last=True),
        "-sent_at",
    )


def waiting_for(referral: Referral, *, today: dt.date | None = None) -> Waiting | None:
    """The next step and its waiting time in working days; None for a finished referral."""
    return _waiting(referral.status, lambda field: getattr(referral, field), today)


def _waiting(status: str, value_of, today: dt.date | None) -> Waiting | None:
    step = NEXT_STEP.get(status)
    if step is None:
        return None
    label, field, limit_setting = step
    since = value_of(field) or value_of("sent_at")
    today = today or timezone.localdate()
    days = working_days_between(timezone.localdate(since), today)
    return Waiting(
        next_step=str(label), working_days=days, overdue=days >= getattr(settings, limit_setting)
    )


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox, its texts ready: the template only places them."""

    url: str
    public_id: str
    urgent: bool
    waiting: str  # "Accept or decline · waits 3 working days", empty when finished
    overdue: bool
    partner: str  # who sent it (received box) or who received it (sent box)
    offer: str
    sent_at: str  # "d/m/Y H:i" in local time, as the date filter wrote it
    status: str


def inbox_rows(lines, *, today: dt.date) -> list[InboxRow]:
    """The rows of one inbox page (dicts of selectors.referral_inbox_lines)."""
    # Every detail address differs only in the reference: reverse once, not per row. Labels
    # are translated once a page, "waits N working days" once per N.
    marker = "REFERENCE"
    url = reverse("doorverwijzing:detail", kwargs={"public_id": marker})
    statuses = {value: str(label) for value, label in ReferralStatus.choices}
    waits: dict[int, str] = {}
    rows = []
    for line in lines:
        waiting = _waiting(line["status"], line.get, today)
        text = ""
        if waiting is not None:
            days = waiting.working_days
            if days not in waits:
                waits[days] = ngettext(
                    "waits %(days)s working day", "waits %(days)s working days", days
                ) % {"days": days}
            text = f"{waiting.next_step} · {waits[days]}"
        rows.append(
            InboxRow(
                url=url.replace(marker, line["public_id"]),
                public_id=line["public_id"],
                urgent=line["urgency"] == Urgency.URGENT,
                waiting=text,
                overdue=bool(waiting and waiting.overdue),
                partner=line["partner"],
                offer=line["offer_title"] or "",
                sent_at=timezone.localtime(line["sent_at"]).strftime("%d/%m/%Y %H:%M"),
                status=statuses.get(line["status"], line["status"]),
            )
        )
    return rows
