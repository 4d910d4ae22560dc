import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from aanbod.models import Participation
from aanbod.tests.factories import OccurrenceFactory, OfferFactory
from huisvanhetkind.exceptions import NotAllowed
from huisvanhetkind.models import OutboxMessage
from inschrijving import services
from inschrijving.choices import RegistrationStatus as Status
from inschrijving.exceptions import (
    RegistrationClosedError,
    RegistrationFullError,
    RegistrationPermissionError,
    RegistrationStateError,
)
from inschrijving.models import Attendance, Registration, RegistrationList
from inschrijving.notifications import registration_mail_send

from .factories import keeper, register, session_list

pytestmark = pytest.mark.django_db


def test_registering_takes_a_seat_then_the_waiting_list_numbers_in_order():
    registration_list = session_list(capacity=1)
    first = register(registration_list, 1)
    second = register(registration_list, 2)
    third = register(registration_list, 3)
    assert first.registration.status == Status.REGISTERED and first.position is None
    assert (second.registration.status, second.position) == (Status.WAITLISTED, 1)
    assert (third.registration.status, third.position) == (Status.WAITLISTED, 2)


def test_a_full_list_without_waiting_list_refuses():
    registration_list = session_list(capacity=1, waiting_list=False)
    register(registration_list, 1)
    with pytest.raises(RegistrationFullError):
        register(registration_list, 2)


def test_the_same_contact_twice_gives_one_registration():
    registration_list = session_list()
    first = register(registration_list, 1, email="Ouder@Example.be")
    again = register(registration_list, 2, email="ouder@example.be ")
    assert again.created is False and again.registration.pk == first.registration.pk
    phone = register(registration_list, 3, email="", phone="+32 478 12 34 56")
    same_phone = register(registration_list, 4, email="", phone="0478/12.34.56")
    assert same_phone.registration.pk == phone.registration.pk
    assert Registration.objects.count() == 2


def test_after_cancelling_the_same_contact_may_register_again():
    registration_list = session_list()
    first = register(registration_list, 1)
    services.registration_cancel(registration=first.registration)
    assert register(registration_list, 1).created is True


def test_closed_after_the_closing_time_but_the_desk_may_still_register():
    registration_list = session_list(closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(RegistrationClosedError):
        register(registration_list, 1)
    desk = register(registration_list, 2, actor=keeper(registration_list.offer))
    assert desk.registration.status == Status.REGISTERED


def test_a_name_and_a_way_to_reach_and_children_are_needed():
    registration_list = session_list()
    with pytest.raises(RegistrationStateError):
        register(registration_list, 1, email="", phone="")
    with pytest.raises(RegistrationStateError):
        register(registration_list, 1, children_by_band={})
    with pytest.raises(RegistrationStateError):
        register(registration_list, 1, name="  ")


def test_the_secret_link_finds_its_registration_and_nothing_else():
    registration = register(session_list()).registration
    token = services.registration_link_token(registration)
    assert services.registration_from_token(token) == registration
    assert services.registration_from_token(token[:-1] + "x") is None
    assert services.registration_from_token("nonsense") is None
    services.registration_link_renew(registration=registration)
    assert services.registration_from_token(token) is None


def test_a_cancellation_offers_the_seat_to_the_first_waitlisted():
    registration_list = session_list(capacity=1)
    first = register(registration_list, 1).registration
    waiting = register(registration_list, 2).registration
    later = register(registration_list, 3).registration
    services.registration_cancel(registration=first)
    assert services.waitlist_advance(registration_list_id=registration_list.pk) == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED and waiting.offer_expires_at is not None
    # Idempotent: a second run finds no free seat.
    assert services.waitlist_advance(registration_list_id=registration_list.pk) == []
    later.refresh_from_db()
    assert later.status == Status.WAITLISTED
    services.seat_claim(registration=waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED


def test_an_unclaimed_offer_expires_and_goes_to_the_next(settings):
    settings.REGISTRATION_CLAIM_HOURS = 24
    registration_list = session_list(capacity=1)
    first = register(registration_list, 1).registration
    second = register(registration_list, 2).registration
    third = register(registration_list, 3).registration
    services.registration_cancel(registration=first)
    services.waitlist_advance(registration_list_id=registration_list.pk)
    assert services.offers_expire(now=timezone.now()) == 0
    later = timezone.now() + dt.timedelta(hours=25)
    assert services.offers_expire(now=later) == 1
    second.refresh_from_db()
    assert second.status == Status.EXPIRED
    with pytest.raises(RegistrationStateError):
        services.seat_claim(registration=second)
    services.waitlist_advance(registration_list_id=registration_list.pk, now=later)
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_declining_passes_the_seat_on():
    registration_list = session_list(capacity=1)
    first = register(registration_list, 1).registration
    second = register(registration_list, 2).registration
    third = register(registration_list, 3).registration
    services.registration_cancel(registration=first)
    services.waitlist_advance(registration_list_id=registration_list.pk)
    services.seat_decline(registration=Registration.objects.get(pk=second.pk))
    services.waitlist_advance(registration_list_id=registration_list.pk)
    assert Registration.objects.get(pk=third.pk).status == Status.OFFERED


def test_only_registered_and_offered_count_against_capacity():
    registration_list = session_list(capacity=2)
    a = register(registration_list, 1).registration
    register(registration_list, 2)
    services.registration_cancel(registration=a)
    assert register(registration_list, 3).registration.status == Status.REGISTERED
    assert register(registration_list, 4).registration.status == Status.WAITLISTED


def test_mails_are_sent_once_in_the_family_language():
    registration = register(session_list(), language="en").registration
    assert (
        OutboxMessage.objects.filter(task_name="inschrijving.tasks.registration_mail").count() == 1
    )
    assert registration_mail_send(registration_id=registration.pk, kind="confirmation", key="v1")
    assert not registration_mail_send(
        registration_id=registration.pk, kind="confirmation", key="v1"
    )
    assert len(mail.outbox) == 1
    assert "You are registered" in mail.outbox[0].subject
    assert services.registration_link_token(registration) in mail.outbox[0].body


def test_reminders_the_day_before_to_registered_people_only_once():
    from inschrijving.reminders import reminders_send

    registration_list = session_list(capacity=1, days_ahead=1)
    registered = register(registration_list, 1).registration
    register(registration_list, 2)  # waitlisted: no reminder
    register(registration_list, 3, email="", phone="0470000000")  # no address: nothing to send
    now = registration_list.occurrence.starts_at - dt.timedelta(days=1)
    assert reminders_send(now=now) == 1
    assert reminders_send(now=now) == 0
    assert [m.to for m in mail.outbox] == [[registered.email]]


def test_attendance_becomes_the_participation_counts_per_age_band():
    registration_list = session_list(capacity=5)
    came = register(registration_list, 1, children_by_band={"0-3": 1, "3-6": 2}).registration
    register(registration_list, 2)
    services.attendance_record(
        registration_list=registration_list,
        occurrence=registration_list.occurrence,
        present_ids={came.pk},
        actor=keeper(registration_list.offer),
    )
    participation = Participation.objects.get(occurrence=registration_list.occurrence)
    assert (participation.families, participation.children) == (1, 3)
    assert (participation.children_0_3, participation.children_3_6) == (1, 2)
    assert set(Registration.objects.values_list("status", flat=True)) == {
        Status.ATTENDED,
        Status.NO_SHOW,
    }
    # Checked off again (a correction): the same row is rewritten, not a second one.
    services.attendance_record(
        registration_list=registration_list,
        occurrence=registration_list.occurrence,
        present_ids=set(),
        actor=keeper(registration_list.offer),
    )
    participation = Participation.objects.get(occurrence=registration_list.occurrence)
    assert (participation.families, participation.children) == (0, 0)


def test_personal_data_is_erased_after_retention_and_counts_stay(settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    registration_list = session_list(days_ahead=-40)
    registration = Registration.objects.create(
        registration_list=registration_list,
        reference="ABCDEFGH",
        status=Status.ATTENDED,
        name="An",
        email="an@example.be",
        contact_key="an@example.be",
        children=2,
        children_0_3=2,
    )
    recent_list = session_list(days_ahead=-5)
    recent = register(recent_list, actor=keeper(recent_list.offer)).registration
    assert services.registrations_erase_expired() == 1
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.contact_key) == ("", "", "")
    assert (registration.children, registration.children_0_3) == (2, 2)
    recent.refresh_from_db()
    assert recent.name


# --- The partner's steps check who keeps the list, whoever calls ---------------------------

# Who does not keep the lists of an offer of `cast.organisation` in `cast.network`: a partner
# editor of another organisation of the network, a social worker and a viewer, a coordinator
# of another network, nobody logged in.
REFUSED = ["outsider", "social_worker", "viewer", "far_coordinator", "anonymous"]
# Its organisation's partner editors and its network's coordinator (registration.manage).
ALLOWED = ["owner", "colleague", "coordinator"]


@pytest.fixture
def cast_list(cast):
    offer = OfferFactory(indexed=False, organisation=cast.organisation, networks=[cast.network])
    return session_list(offer=offer, capacity=1, actor=cast.owner)


def _offered(registration_list) -> Registration:
    """A family offered the freed seat (no e-mail: the keeper phones them)."""
    first = register(registration_list, 1).registration
    waiting = register(registration_list, 2, email="", phone="0470 12 34 56").registration
    services.registration_cancel(registration=first)
    services.waitlist_advance(registration_list_id=registration_list.pk)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    return waiting


def test_the_refusal_is_a_403_domain_error():
    assert issubclass(RegistrationPermissionError, NotAllowed)


@pytest.mark.parametrize("who", [*REFUSED, None])
def test_opening_a_list_is_refused_to_who_does_not_keep_the_offer(cast, who):
    offer = OfferFactory(indexed=False, organisation=cast.organisation, networks=[cast.network])
    occurrence = OccurrenceFactory(offer=offer)
    with pytest.raises(RegistrationPermissionError):
        services.registration_list_open(
            offer=offer,
            occurrence=occurrence,
            capacity=5,
            actor=getattr(cast, who) if who else None,
        )
    assert not RegistrationList.objects.filter(offer=offer).exists()


@pytest.mark.parametrize("who", ALLOWED)
def test_who_keeps_the_offer_opens_and_changes_its_list(cast, who):
    offer = OfferFactory(indexed=False, organisation=cast.organisation, networks=[cast.network])
    actor = getattr(cast, who)
    registration_list = services.registration_list_open(
        offer=offer, occurrence=OccurrenceFactory(offer=offer), capacity=5, actor=actor
    )
    assert registration_list.created_by == actor
    services.registration_list_update(registration_list=registration_list, actor=actor, capacity=9)
    registration_list.refresh_from_db()
    assert registration_list.capacity == 9


@pytest.mark.parametrize("who", REFUSED)
def test_changing_a_list_is_refused_to_who_does_not_keep_the_offer(cast, cast_list, who):
    with pytest.raises(RegistrationPermissionError):
        services.registration_list_update(
            registration_list=cast_list, actor=getattr(cast, who), capacity=9, is_open=False
        )
    cast_list.refresh_from_db()
    assert (cast_list.capacity, cast_list.is_open) == (1, True)


@pytest.mark.parametrize("who", REFUSED)
def test_the_desk_registration_is_refused_to_who_does_not_keep_the_offer(cast, cast_list, who):
    with pytest.raises(RegistrationPermissionError):
        register(cast_list, 1, actor=getattr(cast, who))
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("who", ALLOWED)
def test_who_keeps_the_offer_registers_at_the_desk(cast, cast_list, who):
    result = register(cast_list, 1, actor=getattr(cast, who))
    assert result.created and result.registration.registered_by == getattr(cast, who)


@pytest.mark.parametrize("who", REFUSED)
def test_cancelling_for_a_family_is_refused_to_who_does_not_keep_the_offer(cast, cast_list, who):
    registration = register(cast_list, 1).registration
    with pytest.raises(RegistrationPermissionError):
        services.registration_cancel(registration=registration, actor=getattr(cast, who))
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED


@pytest.mark.parametrize("who", ALLOWED)
def test_who_keeps_the_offer_cancels_for_a_family(cast, cast_list, who):
    registration = register(cast_list, 1).registration
    services.registration_cancel(registration=registration, actor=getattr(cast, who))
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


@pytest.mark.parametrize("who", REFUSED)
def test_attendance_is_refused_to_who_does_not_keep_the_offer(cast, cast_list, who):
    came = register(cast_list, 1).registration
    with pytest.raises(RegistrationPermissionError):
        services.attendance_record(
            registration_list=cast_list,
            occurrence=cast_list.occurrence,
            present_ids={came.pk},
            actor=getattr(cast, who),
        )
    assert not Attendance.objects.exists()
    assert not Participation.objects.exists()
    came.refresh_from_db()
    assert came.status == Status.REGISTERED


def test_attendance_without_an_actor_is_refused(cast_list):
    with pytest.raises(RegistrationPermissionError):
        services.attendance_record(
            registration_list=cast_list,
            occurrence=cast_list.occurrence,
            present_ids=set(),
            actor=None,
        )
    assert not Participation.objects.exists()


@pytest.mark.parametrize("who", ALLOWED)
def test_who_keeps_the_offer_checks_off_who_came(cast, cast_list, who):
    came = register(cast_list, 1).registration
    participation = services.attendance_record(
        registration_list=cast_list,
        occurrence=cast_list.occurrence,
        present_ids={came.pk},
        actor=getattr(cast, who),
    )
    assert participation.families == 1 and participation.entered_by == getattr(cast, who)


@pytest.mark.parametrize("step", [services.seat_claim, services.seat_decline])
@pytest.mark.parametrize("who", REFUSED)
def test_a_phoned_answer_is_refused_to_who_does_not_keep_the_offer(cast, cast_list, who, step):
    offered = _offered(cast_list)
    with pytest.raises(RegistrationPermissionError):
        step(registration=offered, actor=getattr(cast, who))
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED


@pytest.mark.parametrize(
    ("step", "status"),
    [(services.seat_claim, Status.REGISTERED), (services.seat_decline, Status.DECLINED)],
)
@pytest.mark.parametrize("who", ALLOWED)
def test_who_keeps_the_offer_passes_on_a_phoned_answer(cast, cast_list, who, step, status):
    offered = _offered(cast_list)
    step(registration=offered, actor=getattr(cast, who))
    offered.refresh_from_db()
    assert offered.status == status
