from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from .search.index import reindex_offers
from .search.vocabulary import vocabulary_rebuild
from .services import offer_confirmation_request_send, offer_confirmation_requests_due


@shared_task(name="aanbod.tasks.search_reindex_all")
def search_reindex_all_task() -> int:
    """Nightly: refresh every search document (upcoming dates and places change by
    themselves or in partners), then the "did you mean" vocabulary. Idempotent."""
    count = reindex_offers()
    vocabulary_rebuild()
    return count


@shared_task(
    name="aanbod.tasks.offer_confirmation_reminders_scan",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=60,
    max_retries=5,
)
def offer_confirmation_reminders_scan_task() -> int:
    """Daily: ask the partner once per offer whether an offer unconfirmed for six months is
    still right. Idempotent: each offer is claimed before its mail goes out."""
    sent = 0
    for offer_id in offer_confirmation_requests_due(today=timezone.localdate()):
        sent += offer_confirmation_request_send(offer_id=offer_id)
    return sent
