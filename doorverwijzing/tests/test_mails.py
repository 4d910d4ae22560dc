"""Mails about referral steps: what happened and what to do, coalesced, never personal."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from doorverwijzing import services
from doorverwijzing.choices import EventKind, MailFrequency, ReminderKind
from doorverwijzing.mails import referral_daily_digest, referral_event_record, referral_mail_send
from doorverwijzing.models import ReferralMailEvent, ReferralMailPreference
from doorverwijzing.notifications import referral_reminder_mail
from huisvanhetkind.models import OutboxMessage

from .factories import ReferralFactory, social_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(cast):
    """A referral from the cast's social worker (at "OCMW Gent") to a social worker of the
    other partner ("CKG De Wiege"); their partner editors hear nothing."""
    for organisation, name in (
        (cast.organisation, "OCMW Gent"),
        (cast.other_organisation, "CKG De Wiege"),
    ):
        organisation.name = name
        organisation.save(update_fields=["name"])
    referrer = cast.social_worker
    referrer.organisation = cast.organisation
    receiver = social_worker(cast.other_organisation)
    referral = ReferralFactory(
        public_id="R-7KQ2MX",
        referring_organisation=referrer.organisation,
        referring_worker=referrer,
        receiving_organisation=receiver.organisation,
    )
    referral.referrer, referral.receiver = referrer, receiver
    return referral


# (event, who hears of it, subject, what to do in the body)
EVENTS = [
    (
        EventKind.SENT,
        "receiver",
        "R-7KQ2MX is een nieuwe doorverwijzing van OCMW Gent",
        "Aanvaard of weiger ze binnen 2 werkdagen.",
    ),
    (
        EventKind.RECORDED,
        "receiver",
        "R-7KQ2MX van OCMW Gent is telefonisch doorgegeven",
        "Aanvaard ze in het portaal",
    ),
    (
        EventKind.CANCELLED,
        "receiver",
        "R-7KQ2MX is geannuleerd door OCMW Gent",
        "Je hoeft niets meer te doen.",
    ),
    (
        EventKind.ACCEPTED,
        "referrer",
        "R-7KQ2MX is aanvaard door CKG De Wiege",
        "Zij nemen binnen 5 werkdagen contact op met het gezin.",
    ),
    (EventKind.DECLINED, "referrer", "R-7KQ2MX is geweigerd door CKG De Wiege", "Lees de reden."),
    (
        EventKind.FIRST_CONTACT,
        "referrer",
        "CKG De Wiege heeft het eerste contact voor R-7KQ2MX genoteerd",
        "Lees het resultaat op de tijdlijn.",
    ),
    (
        EventKind.CLOSED,
        "referrer",
        "R-7KQ2MX is afgesloten door CKG De Wiege",
        "Lees de uitkomst op de tijdlijn.",
    ),
]


@pytest.mark.parametrize(("kind", "who", "subject", "todo"), EVENTS)
def test_each_step_mail_says_what_happened_and_what_to_do(referral, kind, who, subject, todo):
    referral_event_record(referral=referral, kind=kind)
    [message] = mail.outbox
    assert message.to == [getattr(referral, who).email]
    assert message.subject == subject
    assert todo in message.body
    assert "/nl/doorverwijzingen/R-7KQ2MX/" in message.body
    for personal in (referral.family_name, referral.family_phone, referral.question):
        assert personal not in message.body and personal not in message.subject


def test_consent_withdrawn_tells_both_sides_to_erase_what_they_keep(referral):
    referral_event_record(referral=referral, kind=EventKind.CONSENT_WITHDRAWN)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [referral.referrer.email, referral.receiver.email]
    )
    assert mail.outbox[0].subject == "Het gezin trok de toestemming voor R-7KQ2MX in"
    assert "Wis ook wat je elders over dit gezin bewaart." in mail.outbox[0].body


def test_three_steps_within_ten_minutes_are_one_mail(referral, settings):
    settings.REFERRAL_MAIL_COALESCE_MINUTES = 10
    start = timezone.now()
    for minutes, kind in enumerate([EventKind.ACCEPTED, EventKind.FIRST_CONTACT, EventKind.CLOSED]):
        referral_event_record(
            referral=referral, kind=kind, now=start + dt.timedelta(minutes=minutes)
        )
    assert mail.outbox == []
    planned = OutboxMessage.objects.filter(task_name="doorverwijzing.tasks.referral_mail_send")
    assert planned.count() == 1  # one mail planned, at the end of the first step's window
    assert planned.get().next_attempt_at == start + dt.timedelta(minutes=10)

    assert (
        referral_mail_send(recipient_id=referral.referrer.id, now=start + dt.timedelta(minutes=10))
        == 1
    )
    [message] = mail.outbox
    assert message.subject == "3 berichten over doorverwijzing R-7KQ2MX"
    assert "R-7KQ2MX is aanvaard door CKG De Wiege" in message.body
    assert "R-7KQ2MX is afgesloten door CKG De Wiege" in message.body
    # Sent once: a second try (the drain, a redelivery) finds nothing left.
    assert referral_mail_send(recipient_id=referral.referrer.id) == 0
    assert len(mail.outbox) == 1


def test_a_step_after_the_window_plans_a_new_mail(referral, settings):
    settings.REFERRAL_MAIL_COALESCE_MINUTES = 10
    start = timezone.now()
    referral_event_record(referral=referral, kind=EventKind.ACCEPTED, now=start)
    referral_mail_send(recipient_id=referral.referrer.id, now=start + dt.timedelta(minutes=10))
    referral_event_record(
        referral=referral, kind=EventKind.CLOSED, now=start + dt.timedelta(minutes=30)
    )
    assert (
        OutboxMessage.objects.filter(task_name="doorverwijzing.tasks.referral_mail_send").count()
        == 2
    )


def test_who_chose_the_daily_digest_gets_one_mail_a_day(referral):
    ReferralMailPreference.objects.create(
        user=referral.referrer, frequency=MailFrequency.DAILY_DIGEST
    )
    other = ReferralFactory(
        referring_organisation=referral.referring_organisation,
        referring_worker=referral.referrer,
        receiving_organisation=referral.receiving_organisation,
    )
    referral_event_record(referral=referral, kind=EventKind.ACCEPTED)
    referral_event_record(referral=other, kind=EventKind.DECLINED)
    assert mail.outbox == []
    assert referral_daily_digest() == 1
    [message] = mail.outbox
    assert message.subject == "2 berichten over 2 doorverwijzingen"
    assert referral.public_id in message.body and other.public_id in message.body
    assert not ReferralMailEvent.objects.filter(mailed_at__isnull=True).exists()


def test_a_social_worker_chooses_the_digest_in_the_inbox(client, referral):
    from doorverwijzing.tests.factories import with_mfa

    client.force_login(with_mfa(referral.referrer))
    response = client.post("/nl/doorverwijzingen/mails/", {"frequency": "daily_digest"})
    assert response.status_code == 302
    assert referral.referrer.referral_mail_preference.frequency == MailFrequency.DAILY_DIGEST
    response = client.post("/nl/doorverwijzingen/mails/", {"frequency": "hourly"})
    assert response.status_code == 302  # a bad value is a message, not a 500
    page = client.get("/nl/doorverwijzingen/")
    assert "Eén mail per dag" in page.content.decode()


def test_a_service_step_reaches_the_mail_through_the_outbox(referral):
    from huisvanhetkind import outbox

    services.referral_accept(referral=referral, actor=referral.receiver)
    for message_id in OutboxMessage.objects.values_list("id", flat=True):
        outbox.deliver(message_id=message_id)
    assert [m.subject for m in mail.outbox] == ["R-7KQ2MX is aanvaard door CKG De Wiege"]


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        (ReminderKind.ACCEPT_RECEIVER, "R-7KQ2MX wacht 2 werkdagen op aanvaarding — open je inbox"),
        (ReminderKind.ACCEPT_REFERRER, "R-7KQ2MX is nog niet aanvaard door CKG De Wiege"),
        (
            ReminderKind.CONTACT_RECEIVER,
            "R-7KQ2MX: geen eerste contact na 5 werkdagen — open je inbox",
        ),
        (
            ReminderKind.CONTACT_REFERRER,
            "R-7KQ2MX: CKG De Wiege heeft nog geen contact met het gezin",
        ),
        (
            ReminderKind.CLOSE_RECEIVER,
            "R-7KQ2MX: het eerste contact was 20 werkdagen geleden — sluit af als het klaar is",
        ),
    ],
)
def test_each_reminder_says_why_it_waits(referral, kind, subject):
    referral_reminder_mail(referral, kind)
    [message] = mail.outbox
    assert message.subject == subject
    assert referral.family_name not in message.body


def test_when_the_referrer_left_their_colleagues_hear_of_the_step(client, referral):
    """Sender → receiver and back: the receiver declines after the referring worker left.
    Their colleague at the referring organisation gets the mail and can open the referral."""
    from doorverwijzing.tests.factories import with_mfa

    colleague = social_worker(referral.referring_organisation)
    referral.referrer.is_active = False
    referral.referrer.save(update_fields=["is_active"])
    referral_event_record(referral=referral, kind=EventKind.DECLINED)
    [message] = mail.outbox
    assert message.to == [colleague.email]
    assert referral.receiver.email not in message.to
    with_mfa(colleague)
    client.force_login(colleague)
    assert client.get("/nl/doorverwijzingen/R-7KQ2MX/").status_code == 200


@pytest.mark.parametrize("kind", [ReminderKind.ACCEPT_REFERRER, ReminderKind.CONTACT_REFERRER])
def test_a_reminder_for_a_referrer_who_left_goes_to_their_colleagues(referral, kind):
    colleague = social_worker(referral.referring_organisation)
    referral.referrer.is_active = False
    referral.referrer.save(update_fields=["is_active"])
    referral.refresh_from_db()
    assert referral_reminder_mail(referral, kind) == 1
    [message] = mail.outbox
    assert message.to == [colleague.email]
