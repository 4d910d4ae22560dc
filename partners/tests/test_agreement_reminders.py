import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from partners.choices import AgreementStatus
from partners.services import agreement_reminders_due, agreement_send_reminder
from partners.tasks import agreement_reminders_scan

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def network_with_coordinator(cast):
    """The cast's network (conftest.py): its coordinator hears of ending agreements."""
    return cast.network


def _ending_in(days: int, network, **kwargs):
    return AgreementFactory(network=network, end=TODAY + dt.timedelta(days=days), **kwargs)


def test_agreement_ending_in_60_days_is_due_for_the_first_reminder(network_with_coordinator):
    agreement = _ending_in(60, network_with_coordinator)
    assert agreement_reminders_due(today=TODAY) == [(agreement.id, 60)]


def test_agreement_ending_in_61_days_is_not_due_yet(network_with_coordinator):
    _ending_in(61, network_with_coordinator)
    assert agreement_reminders_due(today=TODAY) == []


def test_agreement_ending_in_14_days_is_due_for_the_last_reminder(network_with_coordinator):
    agreement = _ending_in(14, network_with_coordinator, reminded_60_days_at="2026-10-01T08:00Z")
    assert agreement_reminders_due(today=TODAY) == [(agreement.id, 14)]


def test_ended_and_draft_agreements_get_no_reminder(network_with_coordinator):
    _ending_in(-1, network_with_coordinator)
    _ending_in(10, network_with_coordinator, status=AgreementStatus.DRAFT)
    assert agreement_reminders_due(today=TODAY) == []


def test_reminder_goes_to_the_coordinators_of_that_network_only(cast, network_with_coordinator):
    # Not the far network's coordinator, nor the network's viewer or partners.
    agreement = _ending_in(30, network_with_coordinator)
    assert agreement_send_reminder(agreement_id=agreement.id, days_before=60) is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cast.coordinator.email]
    assert agreement.subject in mail.outbox[0].subject


def test_each_reminder_is_sent_once_however_often_the_scan_runs(network_with_coordinator):
    _ending_in(60, network_with_coordinator)
    _ending_in(7, network_with_coordinator)
    first = agreement_reminders_scan()
    second = agreement_reminders_scan()
    assert (first, second) == (2, 0)
    assert len(mail.outbox) == 2


def test_a_claimed_reminder_is_not_sent_again(network_with_coordinator):
    agreement = _ending_in(20, network_with_coordinator)
    assert agreement_send_reminder(agreement_id=agreement.id, days_before=60) is True
    assert agreement_send_reminder(agreement_id=agreement.id, days_before=60) is False
    assert len(mail.outbox) == 1


def test_a_failing_mail_releases_the_claim_so_a_retry_sends_it(network_with_coordinator, settings):
    agreement = _ending_in(20, network_with_coordinator)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with pytest.raises(OSError):
        agreement_send_reminder(agreement_id=agreement.id, days_before=60)
    agreement.refresh_from_db()
    assert agreement.reminded_60_days_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert agreement_send_reminder(agreement_id=agreement.id, days_before=60) is True


def test_an_agreement_subject_with_a_newline_still_gets_its_reminder_out(
    network_with_coordinator,
):
    agreement = _ending_in(60, network_with_coordinator, subject="Convenant\r\nBcc: x@kwaad.be")
    assert agreement_send_reminder(agreement_id=agreement.id, days_before=60)
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.endswith("Convenant Bcc: x@kwaad.be")
