"""Reminders derived from the database state, so none is lost and none is sent twice.

A periodic scan works out which reminders are due from the referrals
themselves; a unique constraint on (referral, kind, due date) records each one.
Sending claims the row and mails inside one transaction: a worker killed
mid-send leaves the row unsent for the next scan; a restarted Redis loses
nothing, because nothing lives there.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from huisvanhetkind.belgian_days import add_working_days

from .choices import EventKind, ReferralStatus, ReminderKind
from .models import Referral, Reminder, TimelineEntry
from .notifications import referral_reminder_mail


def reminders_due(*, today: dt.date) -> list[Reminder]:
    """Unsaved Reminder rows for every reminder whose day has come."""
    accept_days = settings.REFERRAL_ACCEPT_WORKING_DAYS
    contact_days = settings.REFERRAL_CONTACT_WORKING_DAYS
    unopened_days = settings.REFERRAL_UNOPENED_WORKING_DAYS
    close_days = settings.REFERRAL_CLOSE_WORKING_DAYS
    due = []
    waiting = Referral.objects.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.CONTACTED],
        erased_at__isnull=True,
    ).values_list("id", "status", "sent_at", "accepted_at", "first_opened_at", "first_contact_at")
    for referral_id, status, sent_at, accepted_at, first_opened_at, first_contact_at in waiting:
        if status == ReferralStatus.SENT:
            start = timezone.localdate(sent_at)
            plan = [
                (ReminderKind.ACCEPT_RECEIVER, accept_days),
                (ReminderKind.ACCEPT_REFERRER, accept_days + 1),
            ]
            if first_opened_at is None:
                # Maybe nobody there can read it any more: someone who can act is told.
                plan.append((ReminderKind.UNOPENED_COORDINATOR, unopened_days))
        elif status == ReferralStatus.CONTACTED:
            # An open referral skews the figures: closing it records the outcome.
            start = timezone.localdate(first_contact_at)
            plan = [(ReminderKind.CLOSE_RECEIVER, close_days)]
        else:
            start = timezone.localdate(accepted_at)
            plan = [
                (ReminderKind.CONTACT_RECEIVER, contact_days),
                (ReminderKind.CONTACT_REFERRER, contact_days + 1),
            ]
        for kind, days in plan:
            due_date = add_working_days(start, days)
            if due_date <= today:
                due.append(Reminder(referral_id=referral_id, kind=kind, due_date=due_date))
    return due


def reminders_plan(*, today: dt.date) -> int:
    """Record every due reminder once (the unique constraint ignores repeats)."""
    created = Reminder.objects.bulk_create(reminders_due(today=today), ignore_conflicts=True)
    return len(created)


@transaction.atomic
def reminder_send(*, reminder_id: int) -> bool:
    """Claim and send one reminder; False when it was sent already or is no longer needed."""
    claimed = Reminder.objects.filter(id=reminder_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    reminder = Reminder.objects.select_related(
        "referral__referring_worker",
        "referral__referring_organisation",
        "referral__receiving_organisation",
    ).get(id=reminder_id)
    referral = reminder.referral
    if reminder.kind == ReminderKind.UNOPENED_COORDINATOR:
        still_waiting = referral.status == ReferralStatus.SENT and referral.first_opened_at is None
    elif reminder.kind in (ReminderKind.ACCEPT_RECEIVER, ReminderKind.ACCEPT_REFERRER):
        still_waiting = referral.status == ReferralStatus.SENT
    elif reminder.kind == ReminderKind.CLOSE_RECEIVER:
        still_waiting = referral.status == ReferralStatus.CONTACTED
    else:
        still_waiting = referral.status == ReferralStatus.ACCEPTED
    if still_waiting:
        referral_reminder_mail(referral, reminder.kind)
        TimelineEntry.objects.create(
            referral=referral, kind=EventKind.REMINDER, detail=ReminderKind(reminder.kind).label
        )
    return still_waiting


def reminders_unsent_ids() -> list[int]:
    return list(Reminder.objects.filter(sent_at__isnull=True).values_list("id", flat=True))
