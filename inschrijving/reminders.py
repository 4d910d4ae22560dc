"""Reminders the day before, to registered families with an e-mail address, once each.

Derived from the database by a periodic scan; the unique RegistrationMessage row per
(registration, reminder, date) keeps each one single across scans, retries and workers.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from aanbod.models import Occurrence

from .choices import MessageKind
from .choices import RegistrationStatus as Status
from .models import Registration, RegistrationMessage
from .notifications import registration_mail_send


def reminders_due(*, now: dt.datetime) -> list[tuple[int, Occurrence]]:
    """(registration id, date) for every registered family whose activity is tomorrow."""
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    occurrences = Occurrence.objects.filter(starts_at__date=tomorrow, cancelled=False)
    due = []
    for occurrence in occurrences.select_related("offer"):
        registrations = Registration.objects.filter(
            Q(registration_list__occurrence=occurrence)
            | Q(
                registration_list__occurrence__isnull=True,
                registration_list__offer=occurrence.offer_id,
            ),
            status=Status.REGISTERED,
            erased_at__isnull=True,
        ).exclude(email="")
        sent = RegistrationMessage.objects.filter(
            kind=MessageKind.REMINDER, key=str(occurrence.id)
        ).values("registration_id")
        for registration_id in registrations.exclude(id__in=sent).values_list("id", flat=True):
            due.append((registration_id, occurrence))
    return due


def reminders_send(*, now: dt.datetime) -> int:
    return sum(
        registration_mail_send(
            registration_id=registration_id,
            kind=MessageKind.REMINDER,
            key=str(occurrence.id),
            occurrence=occurrence,
        )
        for registration_id, occurrence in reminders_due(now=now)
    )
