from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .services import agreement_reminders_due, agreement_send_reminder


@shared_task(
    name="partners.tasks.agreement_reminders_scan",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def agreement_reminders_scan() -> int:
    """Daily: remind coordinators 60 and 14 days before an agreement ends (once each)."""
    sent = 0
    for agreement_id, days_before in agreement_reminders_due(today=timezone.localdate()):
        sent += agreement_send_reminder(agreement_id=agreement_id, days_before=days_before)
    return sent


@shared_task(
    name="partners.tasks.invitation_send",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
)
def invitation_send_task(membership_id: int, language: str = "nl") -> bool:
    from .invitations import invitation_send

    return invitation_send(membership_id=membership_id, language=language)


@shared_task(
    name="partners.tasks.referral_access_granted_notify",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
)
def referral_access_granted_notify_task(membership_id: int, language: str = "nl") -> int:
    from .invitations import referral_access_granted_notify

    return referral_access_granted_notify(membership_id=membership_id, language=language)
