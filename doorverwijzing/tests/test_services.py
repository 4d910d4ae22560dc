"""The referral's state machine: every step, every illegal step, and who may take it."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.utils import timezone

from doorverwijzing import services
from doorverwijzing.choices import (
    DeclineReason,
    EventKind,
    FirstContactResult,
    Outcome,
    ReferralStatus,
)
from doorverwijzing.exceptions import (
    ConsentMissingError,
    ReferralPermissionError,
    ReferralStateError,
)
from doorverwijzing.models import AccessLogEntry, Referral

from .factories import VALID_CONSENT, ReferralFactory, social_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared cast (conftest.py): its social worker refers, one of the other partner
    in the same network receives."""
    cast.referrer = cast.social_worker
    cast.referrer.organisation = cast.organisation
    cast.receiver = social_worker(cast.other_organisation)
    return cast


def _send(referrer, receiver, **extra):
    details = {
        "consent": VALID_CONSENT,
        "contact_preference": "phone",
        "family_name": "S. D.",
        "family_phone": "0470 12 34 56",
        "question": "Zoekt hulp bij slaapproblemen van peuter.",
    }
    return services.referral_send(
        actor=referrer,
        referring_organisation=referrer.organisation,
        receiving_organisation=receiver.organisation,
        **(details | extra),
    )


def test_send_records_consent_timeline_and_log(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = _send(referrer, receiver)
    assert referral.status == ReferralStatus.SENT
    assert referral.public_id.startswith("R-") and len(referral.public_id) == 8
    assert referral.consent.given_by == "de moeder"
    assert [e.kind for e in referral.timeline.all()] == [EventKind.SENT]
    assert AccessLogEntry.objects.filter(referral=referral, actor=referrer).count() == 1


def test_no_referral_leaves_without_consent(cast):
    referrer, receiver = cast.referrer, cast.receiver
    with pytest.raises(ConsentMissingError):
        services.referral_send(
            actor=referrer,
            referring_organisation=referrer.organisation,
            receiving_organisation=receiver.organisation,
            consent={},
            contact_preference="phone",
        )
    assert not Referral.objects.exists()


def test_contact_details_are_not_stored_when_the_family_did_not_agree_to_share_them(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = services.referral_send(
        actor=referrer,
        referring_organisation=referrer.organisation,
        receiving_organisation=receiver.organisation,
        consent={**VALID_CONSENT, "share_contact_details": False},
        contact_preference="via_referrer",
        family_name="S.",
        family_phone="0470 00 00 00",
    )
    assert referral.family_phone == ""


def test_a_worker_cannot_refer_for_an_organisation_they_do_not_work_for(cast):
    referrer, receiver = cast.referrer, cast.receiver
    with pytest.raises(ReferralPermissionError):
        services.referral_send(
            actor=referrer,
            referring_organisation=receiver.organisation,
            receiving_organisation=referrer.organisation,
            consent=VALID_CONSENT,
            contact_preference="phone",
        )


def test_the_whole_loop_sent_accepted_contacted_closed(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = _send(referrer, receiver)
    referral = services.referral_accept(referral=referral, actor=receiver)
    referral = services.referral_record_contact_attempt(referral=referral, actor=receiver)
    referral = services.referral_record_first_contact(
        referral=referral, actor=receiver, result=FirstContactResult.MADE
    )
    referral = services.referral_close(referral=referral, actor=receiver, outcome=Outcome.GOT_HELP)
    assert referral.status == ReferralStatus.CLOSED
    assert referral.contact_attempts == 1
    kinds = [e.kind for e in referral.timeline.all()]
    assert kinds == [
        EventKind.SENT,
        EventKind.ACCEPTED,
        EventKind.CONTACT_ATTEMPT,
        EventKind.FIRST_CONTACT,
        EventKind.CLOSED,
    ]


def test_steps_taken_with_an_injected_clock_keep_their_moment_on_the_timeline(cast):
    referrer, receiver = cast.referrer, cast.receiver
    sent = timezone.now() - dt.timedelta(days=40)
    accepted, closed = sent + dt.timedelta(hours=30), sent + dt.timedelta(days=12)
    referral = _send(referrer, receiver, now=sent)
    referral = services.referral_accept(referral=referral, actor=receiver, now=accepted)
    referral = services.referral_close(
        referral=referral, actor=receiver, outcome=Outcome.GOT_HELP, now=closed
    )
    assert (referral.sent_at, referral.accepted_at, referral.closed_at) == (sent, accepted, closed)
    assert referral.consent.given_at == sent
    assert [e.at for e in referral.timeline.all()] == [sent, accepted, closed]
    # The access log is the audit: it says when the rows were really written.
    assert all(e.at > closed for e in AccessLogEntry.objects.filter(referral=referral))


def test_unreachable_family_closes_the_referral_with_that_outcome(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = services.referral_accept(referral=_send(referrer, receiver), actor=receiver)
    referral = services.referral_record_first_contact(
        referral=referral, actor=receiver, result=FirstContactResult.UNREACHABLE
    )
    assert referral.status == ReferralStatus.CLOSED
    assert referral.outcome == Outcome.UNREACHABLE


def test_decline_keeps_the_reason(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = services.referral_decline(
        referral=_send(referrer, receiver), actor=receiver, reason=DeclineReason.WAITING_LIST
    )
    assert referral.status == ReferralStatus.DECLINED
    assert referral.closed_at is not None


ILLEGAL = [
    # (steps to reach the state, step that must be refused)
    ([], "close"),
    ([], "first_contact"),
    ([], "attempt"),
    (["accept"], "accept"),
    (["accept"], "decline"),
    (["decline"], "accept"),
    (["decline"], "close"),
    (["decline"], "cancel"),
    (["accept", "contacted"], "accept"),
    (["accept", "contacted"], "first_contact"),
    (["accept", "contacted", "close"], "close"),
    (["accept", "contacted", "close"], "cancel"),
    (["cancel"], "accept"),
    (["cancel"], "cancel"),
]


def _do(step, referral, referrer, receiver):
    if step == "accept":
        return services.referral_accept(referral=referral, actor=receiver)
    if step == "decline":
        return services.referral_decline(
            referral=referral, actor=receiver, reason=DeclineReason.NO_CAPACITY
        )
    if step == "attempt":
        return services.referral_record_contact_attempt(referral=referral, actor=receiver)
    if step in ("contacted", "first_contact"):
        return services.referral_record_first_contact(
            referral=referral, actor=receiver, result=FirstContactResult.MADE
        )
    if step == "close":
        return services.referral_close(referral=referral, actor=receiver, outcome=Outcome.GOT_HELP)
    if step == "cancel":
        return services.referral_cancel(referral=referral, actor=referrer)
    raise AssertionError(step)


@pytest.mark.parametrize(("path", "illegal"), ILLEGAL)
def test_no_illegal_transition_is_possible(cast, path, illegal):
    referrer, receiver = cast.referrer, cast.receiver
    referral = _send(referrer, receiver)
    for step in path:
        referral = _do(step, referral, referrer, receiver)
    before = referral.status
    with pytest.raises(ReferralStateError):
        _do(illegal, referral, referrer, receiver)
    referral.refresh_from_db()
    assert referral.status == before


def test_only_the_receiver_handles_and_only_the_referrer_cancels(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = _send(referrer, receiver)
    with pytest.raises(ReferralPermissionError):
        services.referral_accept(referral=referral, actor=referrer)
    with pytest.raises(ReferralPermissionError):
        services.referral_cancel(referral=referral, actor=receiver)
    outsider = social_worker()
    with pytest.raises(ReferralPermissionError):
        services.consent_withdraw(referral=referral, actor=outsider)


def test_a_superuser_or_coordinator_cannot_handle_referrals(cast):
    from partners.tests.factories import UserFactory

    referral = _send(cast.referrer, cast.receiver)
    root = UserFactory(is_superuser=True, is_staff=True)
    # The coordinator of the network both partners are in: coordinating is not handling.
    assert referral.receiving_organisation.networks.filter(pk=cast.network.pk).exists()
    for actor in (root, cast.coordinator):
        with pytest.raises(ReferralPermissionError):
            services.referral_accept(referral=referral, actor=actor)


def test_withdrawing_consent_erases_personal_data_and_keeps_the_anonymous_record(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = services.referral_accept(referral=_send(referrer, receiver), actor=receiver)
    referral = services.consent_withdraw(referral=referral, actor=referrer)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert referral.family_name == referral.family_phone == referral.question == ""
    assert referral.accepted_at is not None  # the figures keep their facts
    assert referral.consent.withdrawn_at is not None
    with pytest.raises(ReferralStateError):
        services.consent_withdraw(referral=referral, actor=referrer)


def test_retention_erases_personal_data_of_long_finished_referrals_only(settings):
    now = timezone.now()
    old = ReferralFactory(
        status=ReferralStatus.CLOSED,
        closed_at=now - dt.timedelta(days=settings.REFERRAL_RETENTION_DAYS + 1),
    )
    recent = ReferralFactory(status=ReferralStatus.CLOSED, closed_at=now - dt.timedelta(days=10))
    still_open = ReferralFactory(status=ReferralStatus.ACCEPTED)
    assert services.referrals_purge_expired(now=now) == 1
    assert services.referrals_purge_expired(now=now) == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert old.family_name == "" and old.erased_at is not None
    assert recent.family_name and still_open.family_name


def test_the_access_log_cannot_be_changed_or_deleted_even_by_sql(cast):
    referrer, receiver = cast.referrer, cast.receiver
    referral = _send(referrer, receiver)
    entry = AccessLogEntry.objects.filter(referral=referral).first()
    for statement in (
        "UPDATE doorverwijzing_accesslogentry SET action = 'x' WHERE id = %s",
        "DELETE FROM doorverwijzing_accesslogentry WHERE id = %s",
    ):
        with (
            pytest.raises((InternalError, ProgrammingError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.id])
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        AccessLogEntry.objects.filter(id=entry.id).delete()
    assert AccessLogEntry.objects.filter(id=entry.id, action="change").exists()


@pytest.mark.parametrize(
    ("preference", "missing"), [("phone", "family_phone"), ("email", "family_email")]
)
def test_a_referral_asking_to_phone_or_mail_needs_that_number_or_address(cast, preference, missing):
    referrer, receiver = cast.referrer, cast.receiver

    with pytest.raises(ReferralStateError):
        _send(referrer, receiver, contact_preference=preference, **{missing: ""})

    assert not Referral.objects.exists()


def test_a_referral_asking_to_phone_needs_the_familys_yes_to_share_the_number(cast):
    referrer, receiver = cast.referrer, cast.receiver

    with pytest.raises(ReferralStateError, match="Vink het vakje aan"):
        _send(referrer, receiver, consent=VALID_CONSENT | {"share_contact_details": False})
