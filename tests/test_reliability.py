"""Reminders survive a worker killed with SIGKILL mid-task and a Redis restarted empty.

These run real Celery worker processes against the test database: reminders
are derived from the database by a periodic scan, and a unique constraint on
(referral, kind, due date) keeps each one single.
"""

import datetime as dt
import socket
import threading
from pathlib import Path

import pytest
from django.utils import timezone

from doorverwijzing.models import Reminder, TimelineEntry
from doorverwijzing.tests.factories import ReferralFactory, social_worker

from .redis_server import RedisServer, use_broker
from .worker_process import WorkerProcess

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
SCAN = "doorverwijzing.tasks.referral_reminders_scan"


@pytest.fixture
def overdue_referral(cast):
    """A referral from the cast's social worker to a social worker of the other partner,
    opened but not accepted for weeks: two reminders are due (receiver, referrer). Opened,
    so no escalation to the cast's coordinator is due."""
    social_worker(cast.other_organisation)
    sent = timezone.now() - dt.timedelta(days=21)
    return ReferralFactory(
        sent_at=sent,
        first_opened_at=sent,
        referring_worker=cast.social_worker,
        referring_organisation=cast.organisation,
        receiving_organisation=cast.other_organisation,
    )


@pytest.fixture
def broker(tmp_path):
    from huisvanhetkind.celery import app

    server = RedisServer(tmp_path)
    old = app.conf.broker_url
    use_broker(app, server.url)
    yield server
    use_broker(app, old)
    server.stop()


class StallingSMTP:
    """Accepts connections and never answers: a mail server that hangs mid-send."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.port = self.socket.getsockname()[1]
        self.connected = threading.Event()
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _address = self.socket.accept()
            except OSError:
                return
            self.held.append(conn)
            self.connected.set()

    def close(self):
        for conn in self.held:
            conn.close()
        self.socket.close()


def _messages(folder: Path) -> int:
    return sum(
        path.read_text().count("\nSubject: ") + path.read_text().startswith("Subject: ")
        for path in folder.glob("*.log")
    )


def _file_mail_env(folder: Path) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder),
    }


def test_a_worker_killed_mid_send_loses_no_reminder_and_sends_none_twice(
    overdue_referral, broker, tmp_path
):
    from huisvanhetkind.celery import app

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
    assert Reminder.objects.filter(referral=overdue_referral).count() == 2
    assert not Reminder.objects.filter(sent_at__isnull=False).exists()

    mailbox = tmp_path / "mail"
    worker = WorkerProcess(broker_url=broker.url, **_file_mail_env(mailbox))
    try:
        app.send_task(SCAN)  # what beat does every 15 minutes
        worker.wait_for(f"Task {SCAN}", count=1)
        worker.wait_for("succeeded", count=1)
        app.send_task(SCAN)
        worker.wait_for("succeeded", count=2)
    finally:
        worker.stop()
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 2
    assert _messages(mailbox) == 2
    assert TimelineEntry.objects.filter(referral=overdue_referral, kind="reminder").count() == 2


def test_redis_restarted_empty_loses_no_reminder(overdue_referral, broker, tmp_path):
    from huisvanhetkind.celery import app

    app.send_task(SCAN)  # queued, then lost with Redis
    broker.stop()
    broker.start()
    use_broker(app, broker.url)

    mailbox = tmp_path / "mail"
    worker = WorkerProcess(broker_url=broker.url, **_file_mail_env(mailbox))
    try:
        app.send_task(SCAN)  # beat's next scan
        worker.wait_for("succeeded", count=1)
        app.send_task(SCAN)
        worker.wait_for("succeeded", count=2)
    finally:
        worker.stop()
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 2
    assert _messages(mailbox) == 2
