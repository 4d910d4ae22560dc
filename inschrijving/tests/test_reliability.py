"""Reminders and waiting-list offers survive a worker killed mid-send and a Redis restarted
empty, without doubles: real Celery worker processes against the test database."""

import datetime as dt

import pytest
from django.utils import timezone

from huisvanhetkind.models import OutboxMessage, OutboxStatus
from inschrijving import services
from inschrijving.choices import RegistrationStatus as Status
from inschrijving.models import RegistrationMessage
from tests.redis_server import use_broker
from tests.test_reliability import StallingSMTP, _file_mail_env, _messages, broker  # noqa: F401
from tests.worker_process import WorkerProcess

from .factories import register, session_list

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
SCAN = "inschrijving.tasks.reminders_scan"


def test_a_worker_killed_mid_send_loses_no_reminder_and_sends_none_twice(broker, tmp_path):  # noqa: F811
    from huisvanhetkind.celery import app

    registration_list = session_list(capacity=2, days_ahead=1)
    registration = register(registration_list, 1).registration
    OutboxMessage.objects.all().delete()  # the confirmation mail is not what this tests
    smtp = StallingSMTP()
    stuck = WorkerProcess(
        broker_url=broker.url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="false",
    )
    try:
        app.send_task(SCAN)
        assert smtp.connected.wait(30), "the worker never reached the mail server"
        stuck.kill()  # SIGKILL while the reminder is claimed but not committed
    finally:
        stuck.kill()
        smtp.close()
    assert not RegistrationMessage.objects.exists()

    mailbox = tmp_path / "mail"
    worker = WorkerProcess(broker_url=broker.url, **_file_mail_env(mailbox))
    try:
        app.send_task(SCAN)  # what beat does every hour
        worker.wait_for("succeeded", count=1)
        app.send_task(SCAN)
        worker.wait_for("succeeded", count=2)
    finally:
        worker.stop()
    assert (
        RegistrationMessage.objects.filter(registration=registration, kind="reminder").count() == 1
    )
    assert _messages(mailbox) == 1


def test_a_waiting_list_offer_survives_a_redis_restart_and_is_made_once(broker, tmp_path):  # noqa: F811
    from huisvanhetkind.celery import app
    from huisvanhetkind.outbox import drain

    registration_list = session_list(capacity=1, days_ahead=3)
    first = register(registration_list, 1, email="", phone="0470000001").registration
    waiting = register(registration_list, 2).registration
    OutboxMessage.objects.all().delete()
    services.registration_cancel(registration=first)  # handed to Redis after the commit …
    assert OutboxMessage.objects.filter(task_name="inschrijving.tasks.waitlist_advance").exists()
    broker.stop()  # … and lost with it
    broker.start()
    use_broker(app, broker.url)

    mailbox = tmp_path / "mail"
    worker = WorkerProcess(broker_url=broker.url, **_file_mail_env(mailbox))
    try:
        later = timezone.now() + dt.timedelta(minutes=11)
        assert drain(now=later) == 1  # beat's drain: the lost hand-over goes again
        worker.wait_for("succeeded", count=1)
        # The offer queued its mail; a second drain (and a duplicate hand-over) runs it once.
        drain(now=later)
        drain(now=later + dt.timedelta(minutes=11))
        worker.wait_for("succeeded", count=2)
        app.send_task("inschrijving.tasks.waitlist_advance", args=[registration_list.pk])
        worker.wait_for("succeeded", count=3)
    finally:
        worker.stop()
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert (
        RegistrationMessage.objects.filter(registration=waiting, kind="seat_offered").count() == 1
    )
    assert _messages(mailbox) == 1
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.DONE).exists()
