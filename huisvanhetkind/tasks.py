from celery import shared_task
from celery.signals import worker_ready
from django.db import connections

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
    # Run here, in the worker's main process, so a start with nothing waiting queues
    # nothing; its connection is closed so no pool process forked later inherits it.
    try:
        outbox.drain()
    except Exception:  # beat's drain follows within a minute
        outbox.logger.warning("Could not drain the outbox at worker start.", exc_info=True)
    finally:
        connections.close_all()
