from celery import shared_task
from celery.signals import worker_ready

from . import outbox
from .services import heartbeat_record


@shared_task(name="huisvanhetkind.tasks.heartbeat")
def heartbeat() -> None:
    heartbeat_record(name="beat")


@shared_task(name="huisvanhetkind.outbox.deliver")
def outbox_deliver_task(message_id: int) -> str:
    return outbox.deliver(message_id=message_id)


@shared_task(name="huisvanhetkind.outbox.drain")
def outbox_drain_task() -> int:
    """Beat, every minute, and at every worker start: what waited for the broker goes out."""
    return outbox.drain()


@worker_ready.connect
def _drain_outbox_when_a_worker_starts(sender, **kwargs) -> None:
    # A worker starting is often Redis coming back: don't wait for beat's next minute.
    try:
        outbox_drain_task.delay()
    except Exception:  # beat's drain follows within a minute
        outbox.logger.warning("Could not queue the outbox drain at worker start.")
