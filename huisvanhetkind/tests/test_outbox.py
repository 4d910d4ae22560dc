"""The outbox: a task queued in a transaction exists exactly when the change does, runs
once however often it is handed over, and a mail given up on shows on the start page."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from doorverwijzing.tasks import referral_notify_task
from doorverwijzing.tests.factories import ReferralFactory, social_worker
from huisvanhetkind import outbox
from huisvanhetkind.models import OutboxMessage, OutboxStatus
from partners.choices import Role
from partners.tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.redis_server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral():
    referrer = social_worker()
    return ReferralFactory(referring_worker=referrer, referring_organisation=referrer.organisation)


@pytest.fixture
def smtp_down(settings):
    """A mail server nobody listens on: every send fails with a refused connection."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False


def test_a_rolled_back_change_leaves_no_task(referral):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(referral_notify_task, referral.id, "accepted")
        raise RuntimeError("the service failed after queuing")
    assert not OutboxMessage.objects.exists()


def test_a_row_handed_over_twice_runs_its_task_once(referral):
    message = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    assert outbox.deliver(message_id=message.id) == OutboxStatus.DONE
    assert outbox.deliver(message_id=message.id) == "taken"
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE and message.attempts == 1


def test_a_failed_mail_is_tried_again_later_with_a_growing_pause(referral, smtp_down):
    message = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    now = timezone.now()
    assert outbox.deliver(message_id=message.id, now=now) == OutboxStatus.PENDING
    message.refresh_from_db()
    first_pause = message.next_attempt_at - now
    assert dt.timedelta(seconds=55) < first_pause < dt.timedelta(minutes=2)
    assert message.last_error == "ConnectionRefusedError"
    outbox.deliver(message_id=message.id)
    message.refresh_from_db()
    assert message.next_attempt_at - timezone.now() > first_pause


def test_after_every_attempt_the_start_page_shows_the_kind_and_count_only(
    client, referral, smtp_down
):
    message = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    for _attempt in range(outbox.MAX_ATTEMPTS):
        outbox.deliver(message_id=message.id)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert outbox.deliver(message_id=message.id) == "taken"  # given up: the drain skips it
    assert outbox.failed_kinds() == [("Berichten over doorverwijzingen aan hulpverleners", 1)]

    coordinator = UserFactory(is_staff=True)
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=NetworkFactory())
    client.force_login(coordinator)
    content = client.get("/admin/").content.decode()
    assert 'id="mails-failed"' in content
    assert "Berichten over doorverwijzingen aan hulpverleners: 1" in content
    assert referral.public_id not in content and referral.family_name not in content


def test_a_partner_editor_does_not_see_failed_mails(client, referral, smtp_down):
    message = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    OutboxMessage.objects.filter(id=message.id).update(
        status=OutboxStatus.FAILED, finished_at=timezone.now()
    )
    editor = UserFactory(is_staff=True)
    MembershipFactory(
        user=editor, role=Role.PARTNER_EDITOR, organisation=referral.receiving_organisation
    )
    client.force_login(editor)
    assert 'id="mails-failed"' not in client.get("/admin/").content.decode()


def test_a_row_left_running_by_a_killed_worker_runs_again_after_the_time_limit(referral):
    message = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    OutboxMessage.objects.filter(id=message.id).update(
        status=OutboxStatus.RUNNING, claimed_at=timezone.now()
    )
    assert outbox.deliver(message_id=message.id) == "taken"  # its worker may still run it
    later = timezone.now() + outbox._stale_after() + dt.timedelta(seconds=1)
    assert outbox.deliver(message_id=message.id, now=later) == OutboxStatus.DONE
    assert len(mail.outbox) == 1


def test_the_drain_hands_over_what_is_due_and_not_what_is_already_queued(referral):
    from huisvanhetkind.celery import app

    waiting = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    retry_later = outbox.enqueue(referral_notify_task, referral.id, "declined")
    OutboxMessage.objects.filter(id=retry_later.id).update(
        next_attempt_at=timezone.now() + dt.timedelta(minutes=5)
    )
    try:
        assert outbox.drain() == 1
        assert outbox.drain() == 0  # handed over: not again before REQUEUE_AFTER
        # A queue lost with Redis: after REQUEUE_AFTER both go again (the claim keeps it once).
        assert outbox.drain(now=timezone.now() + outbox.REQUEUE_AFTER) == 2
    finally:
        with app.connection_for_write() as connection:
            app.control.purge(connection=connection)
    waiting.refresh_from_db()
    assert waiting.status == OutboxStatus.PENDING


def test_old_failures_leave_the_start_page_and_old_rows_the_table(referral):
    now = timezone.now()
    done = outbox.enqueue(referral_notify_task, referral.id, "accepted")
    failed = outbox.enqueue(referral_notify_task, referral.id, "declined")
    OutboxMessage.objects.filter(id=done.id).update(status=OutboxStatus.DONE, finished_at=now)
    OutboxMessage.objects.filter(id=failed.id).update(status=OutboxStatus.FAILED, finished_at=now)
    assert outbox.failed_kinds(now=now + outbox.FAILED_SHOWN_FOR) != []
    assert outbox.failed_kinds(now=now + outbox.FAILED_SHOWN_FOR + dt.timedelta(minutes=1)) == []
    outbox.drain(now=now + outbox.KEEP_DONE + dt.timedelta(minutes=1))
    assert list(OutboxMessage.objects.values_list("id", flat=True)) == [failed.id]
    outbox.drain(now=now + outbox.KEEP_FAILED + dt.timedelta(minutes=1))
    assert not OutboxMessage.objects.exists()
