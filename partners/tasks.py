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


@shared_task(
    name="partners.tasks.meeting_agenda_mail",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
)
def meeting_agenda_mail_task(meeting_id: int, language: str = "nl") -> int:
    from .meetings import meeting_agenda_mail

    return meeting_agenda_mail(meeting_id=meeting_id, language=language)


@shared_task(
    name="partners.tasks.decision_action_remind",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def decision_action_remind_task(decision_id: int) -> bool:
    from .meetings import decision_action_remind

    return decision_action_remind(decision_id=decision_id)


@shared_task(name="partners.tasks.decision_action_reminders_scan")
def decision_action_reminders_scan() -> int:
    """Daily: remind each owner of a decided action once, a few days before its due date."""
    from .meetings import decision_action_remind, decision_reminders_due

    return sum(
        decision_action_remind(decision_id=decision_id)
        for decision_id in decision_reminders_due(today=timezone.localdate())
    )
