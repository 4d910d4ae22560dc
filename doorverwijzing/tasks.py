from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from partners.models import Network

from .mails import referral_daily_digest, referral_event_record, referral_mail_send
from .models import Referral
from .network_mail import daily_cap_mail_task, network_mail_claims_purge  # noqa: F401
from .notifications import intake_notify
from .reminders import reminder_send, reminders_plan, reminders_unsent_ids
from .services import intakes_purge_expired, referrals_purge_expired

MAIL_ERRORS = (SMTPException, OSError)


@shared_task(
    name="doorverwijzing.tasks.referral_notify",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    max_retries=8,
)
def referral_notify_task(referral_id: int, kind: str) -> int:
    """Keep the step for whoever is to hear of it; the mail follows (coalesced or digest)."""
    referral = Referral.objects.select_related("referring_worker").filter(id=referral_id).first()
    return referral_event_record(referral=referral, kind=kind) if referral else 0


@shared_task(
    name="doorverwijzing.tasks.referral_mail_send",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    max_retries=8,
)
def referral_mail_send_task(recipient_id: int) -> int:
    return referral_mail_send(recipient_id=recipient_id)


@shared_task(
    name="doorverwijzing.tasks.referral_daily_digest",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=60,
    max_retries=5,
)
def referral_daily_digest_task() -> int:
    return referral_daily_digest()


@shared_task(
    name="doorverwijzing.tasks.referral_reminders_scan",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=60,
    max_retries=5,
)
def referral_reminders_scan_task() -> int:
    """Periodic: plan the reminders that are due, then send every unsent one."""
    reminders_plan(today=timezone.localdate())
    return sum(reminder_send(reminder_id=reminder_id) for reminder_id in reminders_unsent_ids())


@shared_task(name="doorverwijzing.tasks.referrals_purge")
def referrals_purge_task() -> int:
    """Periodic: erase personal data past retention, of referrals and of families' questions
    (and forget old mail claims, which hold no personal data)."""
    now = timezone.now()
    network_mail_claims_purge(now=now)
    return referrals_purge_expired(now=now) + intakes_purge_expired(now=now)


# The name keeps the module this task was first defined in: queued messages (outbox rows,
# the broker) carry it.
@shared_task(
    name="doorverwijzing.intake.intake_notify",
    autoretry_for=(OSError,),  # SMTPException is an OSError
    retry_backoff=30,
    max_retries=8,
)
def intake_notify_task(network_id: int) -> int:
    network = Network.objects.filter(id=network_id).first()
    return intake_notify(network=network) if network else 0
