from celery import shared_task

from .services import heartbeat_record


@shared_task(name="huisvanhetkind.tasks.heartbeat")
def heartbeat() -> None:
    heartbeat_record(name="beat")
