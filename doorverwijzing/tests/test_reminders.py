import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from doorverwijzing.choices import EventKind, ReferralStatus, ReminderKind
from doorverwijzing.models import Reminder
from doorverwijzing.reminders import reminder_send, reminders_due, reminders_plan
from huisvanhetkind.belgian_days import add_working_days

from .factories import ReferralFactory, social_worker

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_working_days_skip_weekends_and_belgian_holidays():
    friday_before_christmas = dt.date(2026, 12, 24)  # Thursday; 25/12 is a holiday
    assert add_working_days(friday_before_christmas, 1) == dt.date(2026, 12, 28)
    assert add_working_days(dt.date(2026, 11, 6), 2) == dt.date(2026, 11, 10)  # over weekend
    assert add_working_days(dt.date(2026, 11, 10), 1) == dt.date(2026, 11, 12)  # 11/11 off


def test_unaccepted_referral_reminds_the_receiver_after_2_working_days_then_the_referrer():
    sent = dt.date(2026, 11, 2)  # Monday
    referral = ReferralFactory(sent_at=_at(sent), first_opened_at=_at(sent, 11))
    assert reminders_due(today=dt.date(2026, 11, 3)) == []
    due = reminders_due(today=dt.date(2026, 11, 4))
    assert [(r.referral_id, r.kind, r.due_date) for r in due] == [
        (referral.id, ReminderKind.ACCEPT_RECEIVER, dt.date(2026, 11, 4))
    ]
    kinds = {r.kind for r in reminders_due(today=dt.date(2026, 11, 5))}
    assert kinds == {ReminderKind.ACCEPT_RECEIVER, ReminderKind.ACCEPT_REFERRER}


def test_accepted_referral_without_first_contact_reminds_after_5_working_days():
    accepted = dt.date(2026, 11, 2)
    ReferralFactory(
        status=ReferralStatus.ACCEPTED, sent_at=_at(accepted), accepted_at=_at(accepted)
    )
    assert reminders_due(today=dt.date(2026, 11, 6)) == []
    due = reminders_due(today=dt.date(2026, 11, 9))
    assert [(r.kind, r.due_date) for r in due] == [
        (ReminderKind.CONTACT_RECEIVER, dt.date(2026, 11, 9))
    ]
    kinds = {r.kind for r in reminders_due(today=dt.date(2026, 11, 10))}
    assert kinds == {ReminderKind.CONTACT_RECEIVER, ReminderKind.CONTACT_REFERRER}


def test_planning_twice_records_each_reminder_once():
    ReferralFactory(sent_at=_at(dt.date(2026, 11, 2)), first_opened_at=_at(dt.date(2026, 11, 2)))
    today = dt.date(2026, 11, 20)
    assert reminders_plan(today=today) == 2
    reminders_plan(today=today)
    assert Reminder.objects.count() == 2


def test_a_reminder_is_mailed_once_and_shows_on_the_timeline():
    receiver = social_worker()
    referral = ReferralFactory(
        sent_at=_at(dt.date(2026, 11, 2)),
        first_opened_at=_at(dt.date(2026, 11, 3)),
        receiving_organisation=receiver.organisation,
    )
    reminders_plan(today=dt.date(2026, 11, 4))
    reminder = Reminder.objects.get()
    assert reminder_send(reminder_id=reminder.id) is True
    assert reminder_send(reminder_id=reminder.id) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [receiver.email]
    assert referral.family_name not in mail.outbox[0].body
    assert referral.timeline.filter(kind=EventKind.REMINDER).count() == 1


def test_no_mail_when_the_referral_moved_on_before_the_reminder_went_out():
    referral = ReferralFactory(
        sent_at=_at(dt.date(2026, 11, 2)), first_opened_at=_at(dt.date(2026, 11, 2))
    )
    reminders_plan(today=dt.date(2026, 11, 4))
    referral.status = ReferralStatus.ACCEPTED
    referral.save(update_fields=["status"])
    assert reminder_send(reminder_id=Reminder.objects.get().id) is False
    assert mail.outbox == []


# --- Nobody opened it: the coordinators are told (issue 12, item 7) --------------------


@pytest.fixture
def coordinated_referral(cast):
    """A referral sent on a Friday (6 November 2026) from the cast's organisation to the
    other partner: the cast's coordinator hears if nobody opens it, the far one never."""
    referral = ReferralFactory(
        sent_at=_at(dt.date(2026, 11, 6)),
        referring_organisation=cast.organisation,
        receiving_organisation=cast.other_organisation,
    )
    return referral, cast.coordinator


def test_a_referral_nobody_opened_escalates_to_the_coordinator_once_after_2_working_days(
    coordinated_referral,
):
    referral, coordinator = coordinated_referral
    assert ReminderKind.UNOPENED_COORDINATOR not in {
        r.kind for r in reminders_due(today=dt.date(2026, 11, 9))
    }
    reminders_plan(today=dt.date(2026, 11, 10))
    reminders_plan(today=dt.date(2026, 11, 12))
    escalation = Reminder.objects.get(kind=ReminderKind.UNOPENED_COORDINATOR)
    assert escalation.due_date == dt.date(2026, 11, 10)
    assert reminder_send(reminder_id=escalation.id) is True
    assert reminder_send(reminder_id=escalation.id) is False
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert referral.public_id in message.subject
    for personal in (referral.family_name, referral.family_phone, referral.question):
        assert personal not in message.body


def test_a_referral_opened_by_the_receiver_does_not_escalate(client, cast, coordinated_referral):
    from .factories import with_mfa

    referral, _coordinator = coordinated_referral
    receiver = with_mfa(social_worker(referral.receiving_organisation))
    referrer = with_mfa(cast.social_worker)
    client.force_login(referrer)  # the referrer reading it again does not count
    client.get(referral.get_absolute_url())
    referral.refresh_from_db()
    assert referral.first_opened_at is None
    client.force_login(receiver)
    assert client.get(referral.get_absolute_url()).status_code == 200
    referral.refresh_from_db()
    assert referral.first_opened_at is not None
    kinds = {r.kind for r in reminders_due(today=dt.date(2026, 11, 20))}
    assert ReminderKind.UNOPENED_COORDINATOR not in kinds


def test_an_escalation_planned_before_the_first_read_is_not_mailed(coordinated_referral):
    referral, _coordinator = coordinated_referral
    reminders_plan(today=dt.date(2026, 11, 10))
    referral.first_opened_at = timezone.now()
    referral.save(update_fields=["first_opened_at"])
    escalation = Reminder.objects.get(kind=ReminderKind.UNOPENED_COORDINATOR)
    assert reminder_send(reminder_id=escalation.id) is False
    assert mail.outbox == []


def test_the_upgrade_takes_the_first_read_from_the_access_log(cast, coordinated_referral):
    from importlib import import_module

    from django.apps import apps

    from doorverwijzing.models import AccessLogEntry, Referral

    migration = import_module(
        "doorverwijzing.migrations.0003_unopened_referrals_and_network_mail_claims"
    )
    referral, _coordinator = coordinated_referral
    never_read = ReferralFactory()
    referrer = cast.social_worker
    receiver = social_worker(referral.receiving_organisation)
    AccessLogEntry.objects.create(referral=referral, actor=referrer, action="read")
    read = AccessLogEntry.objects.create(referral=referral, actor=receiver, action="read")
    AccessLogEntry.objects.create(referral=referral, actor=receiver, action="read")
    migration.first_opened_from_the_access_log(apps, None)
    assert Referral.objects.get(pk=referral.pk).first_opened_at == read.at
    assert Referral.objects.get(pk=never_read.pk).first_opened_at is None
