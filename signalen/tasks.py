from smtplib import SMTPException

from celery import shared_task

from huisvanhetkind import outbox

from .services import feedback_recipient_ids, signal_feedback_mail

MAIL_ERRORS = (SMTPException, OSError)


@shared_task(name="signalen.tasks.theme_feedback_mail")
def theme_feedback_mail_task(theme_id: int) -> int:
    """Fan out: one mail task per signal giver, so one bad address does not stop the rest."""
    signal_ids = feedback_recipient_ids(theme_id=theme_id)
    for signal_id in signal_ids:
        outbox.enqueue(signal_feedback_mail_task, signal_id)
    return len(signal_ids)


@shared_task(
    name="signalen.tasks.signal_feedback_mail",
    autoretry_for=MAIL_ERRORS,
    retry_backoff=30,
    max_retries=8,
)
def signal_feedback_mail_task(signal_id: int) -> int:
    return signal_feedback_mail(signal_id=signal_id)
