from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone


@shared_task(
    name="dashboards.tasks.ending_notices_scan",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def ending_notices_scan() -> int:
    """Daily: tell coordinators three months ahead that an agreement or project money ends."""
    from .ending import ending_notices_send_due

    return ending_notices_send_due(today=timezone.localdate())
