"""The outbox: a task queued in a transaction runs once, even when Redis was down at commit.

A service calls `enqueue(task, *ids)` inside its transaction. That writes a row in the
same transaction (so it exists exactly when the change does) and, after the commit,
hands the row to Celery with one short try. When the broker is down the request still
succeeds and the row waits in PostgreSQL; `drain()` hands over every row that is due,
at every worker start and from beat every minute, i.e. as soon as Redis is back.

A worker runs a row through `deliver()`, which first claims it with a conditional
update: a row handed over twice (the drain after a Redis restart, a redelivery after a
killed worker) still runs once. A run that raises is tried again later with a growing
pause, and after MAX_ATTEMPTS the row is `failed` and shows on the coordinator's admin
start page. A worker killed mid-run leaves the row `running`; after STALE_AFTER (longer
than any task may run) the drain hands it over again, so the tasks themselves stay
idempotent as before (they claim their own work: a mail sent just before the kill is
not sent again).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_AFTER = dt.timedelta(minutes=1)
LONGEST_RETRY_PAUSE = dt.timedelta(hours=2)
# Handed to the broker but not run after this long: the queue may have been lost with a
# Redis restarted empty. Handing it over again is safe (the claim runs it once).
REQUEUE_AFTER = dt.timedelta(minutes=10)
DRAIN_BATCH = 500
# Rows that ran are kept a week (to see what went out), failures for the start page a
# fortnight and in the table three months.
KEEP_DONE = dt.timedelta(days=7)
FAILED_SHOWN_FOR = dt.timedelta(days=14)
KEEP_FAILED = dt.timedelta(days=90)

# What the coordinator reads on the start page for a row that failed (never its arguments),
# by task name. Each app registers its own tasks' (`task_kinds_register`, in its ready()).
TASK_KINDS: dict[str, str] = {}


def task_kinds_register(kinds: dict) -> None:
    TASK_KINDS.update(kinds)


def enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Run `task(*args, **kwargs)` on a worker after this transaction commits, once.

    Call it inside the transaction that makes the change; pass ids and plain values
    (they are stored as JSON). Outside a transaction the row is handed over at once.
    """
    message = OutboxMessage.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(partial(_hand_over, message.id, task.name))
    return message


def enqueue_at(task, when: dt.datetime, *args, **kwargs) -> OutboxMessage:
    """Like `enqueue`, but run no earlier than `when`: the drain hands the row over once it
    is due (within a minute). For work that waits on purpose, such as coalescing mails."""
    return OutboxMessage.objects.create(
        task_name=task.name, args=list(args), kwargs=kwargs, next_attempt_at=when
    )


def drain(*, now: dt.datetime | None = None) -> int:
    """Hand every due row to the broker: never handed over, retry due, lost or stale."""
    now = now or timezone.now()
    due = (
        OutboxMessage.objects.filter(
            Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxStatus.RUNNING, claimed_at__lt=now - _stale_after())
        )
        .order_by("next_attempt_at")
        .values_list("id", "task_name")[:DRAIN_BATCH]
    )
    handed_over = sum(_hand_over(message_id, task_name) for message_id, task_name in due)
    OutboxMessage.objects.filter(
        Q(status=OutboxStatus.DONE, finished_at__lt=now - KEEP_DONE)
        | Q(status=OutboxStatus.FAILED, finished_at__lt=now - KEEP_FAILED)
    ).delete()
    return handed_over


def deliver(*, message_id: int, now: dt.datetime | None = None) -> str:
    """Claim the row and run its task here (on the worker); the row's new status."""
    from .celery import app

    now = now or timezone.now()
    claimed = (
        OutboxMessage.objects.filter(id=message_id)
        .filter(
            Q(status=OutboxStatus.PENDING)
            | Q(status=OutboxStatus.RUNNING, claimed_at__lt=now - _stale_after())
        )
        .update(status=OutboxStatus.RUNNING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "taken"  # done, failed, or running on another worker
    message = OutboxMessage.objects.get(id=message_id)
    try:
        # Called directly the task runs in this process; its own autoretry then raises
        # the error, and the retry is ours (scheduled in the row, sent by the drain).
        app.tasks[message.task_name](*message.args, **message.kwargs)
    except Exception as error:
        return _failed(message, error, now=timezone.now())
    OutboxMessage.objects.filter(id=message_id, status=OutboxStatus.RUNNING).update(
        status=OutboxStatus.DONE, finished_at=timezone.now()
    )
    return OutboxStatus.DONE


def failed_kinds(*, now: dt.datetime | None = None) -> list[tuple[str, int]]:
    """What could not be sent after every attempt lately: (kind, count), for the start page."""
    now = now or timezone.now()
    rows = (
        OutboxMessage.objects.filter(
            status=OutboxStatus.FAILED, finished_at__gte=now - FAILED_SHOWN_FOR
        )
        .values_list("task_name", flat=True)
        .order_by()
    )
    counts = Counter(str(TASK_KINDS.get(name, name)) for name in rows)
    return sorted(counts.items())


def _hand_over(message_id: int, task_name: str) -> bool:
    """One short try to put the row on the queue of its task; False when the broker is away."""
    from .celery import app
    from .tasks import outbox_deliver_task

    try:
        queue = app.amqp.router.route({}, task_name)["queue"]
        outbox_deliver_task.apply_async((message_id,), queue=queue)
    except Exception as error:
        # After the commit: the change is saved, the row waits for the drain.
        logger.warning(
            "Broker unavailable (%s): %s #%s waits in the outbox.",
            error.__class__.__name__,
            task_name,
            message_id,
        )
        return False
    OutboxMessage.objects.filter(id=message_id, status=OutboxStatus.PENDING).update(
        next_attempt_at=timezone.now() + REQUEUE_AFTER
    )
    return True


def _failed(message: OutboxMessage, error: Exception, *, now: dt.datetime) -> str:
    attempts = message.attempts
    if attempts >= MAX_ATTEMPTS:
        status, next_attempt_at = OutboxStatus.FAILED, message.next_attempt_at
        logger.error(
            "%s #%s failed %s times (%s); shown on the start page.",
            message.task_name,
            message.id,
            attempts,
            error.__class__.__name__,
        )
    else:
        pause = min(FIRST_RETRY_AFTER * 2 ** (attempts - 1), LONGEST_RETRY_PAUSE)
        status, next_attempt_at = OutboxStatus.PENDING, now + pause
        logger.warning(
            "%s #%s failed (%s); tried again in %s.",
            message.task_name,
            message.id,
            error.__class__.__name__,
            pause,
        )
    OutboxMessage.objects.filter(id=message.id, status=OutboxStatus.RUNNING).update(
        status=status,
        next_attempt_at=next_attempt_at,
        finished_at=now if status == OutboxStatus.FAILED else None,
        last_error=error.__class__.__name__[:200],
    )
    return status


def _stale_after() -> dt.timedelta:
    # Longer than any task may run (its hard time limit): a row still running after that
    # lost its worker.
    return dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + dt.timedelta(minutes=5)
