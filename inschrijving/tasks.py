"""Thin tasks: ids in, a service call. Mail errors retry (the claim keeps mails single)."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from . import services, subscriptions
from .notifications import registration_mail_send
from .reminders import reminders_send

MAIL_ERRORS = (SMTPException, OSError)


@shared_task(
    name="inschrijving.tasks.registration_mail",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    max_retries=8,
)
def registration_mail_task(registration_id: int, kind: str, key: str = "") -> bool:
    return registration_mail_send(registration_id=registration_id, kind=kind, key=key)


@shared_task(name="inschrijving.tasks.waitlist_advance")
def waitlist_advance_task(registration_list_id: int) -> list[int]:
    return services.waitlist_advance(registration_list_id=registration_list_id)


@shared_task(name="inschrijving.tasks.offers_expire")
def offers_expire_task() -> int:
    """Periodic: unclaimed seats expire and go to the next on the waiting list."""
    return services.offers_expire(now=timezone.now())


@shared_task(
    name="inschrijving.tasks.reminders_scan",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=60,
    max_retries=5,
)
def reminders_scan_task() -> int:
    """Periodic: the day-before reminders, each once."""
    return reminders_send(now=timezone.now())


@shared_task(name="inschrijving.tasks.registrations_purge")
def registrations_purge_task() -> int:
    return services.registrations_erase_expired(now=timezone.now())


@shared_task(
    name="inschrijving.tasks.subscription_confirm_mail",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    max_retries=8,
)
def subscription_confirm_mail_task(subscription_id: int) -> bool:
    return subscriptions.subscription_confirm_mail(subscription_id=subscription_id)


@shared_task(
    name="inschrijving.tasks.subscriptions_monthly",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=300,
    max_retries=5,
)
def subscriptions_monthly_task() -> int:
    """Monthly (beat): a rerun or a retry mails only those not mailed this month."""
    return subscriptions.subscriptions_monthly_send(now=timezone.now())


@shared_task(name="inschrijving.tasks.subscriptions_purge")
def subscriptions_purge_task() -> int:
    return subscriptions.subscriptions_purge_unconfirmed(now=timezone.now())
