"""Every write of a registration: one function per transition.

The last seat: registration_create locks the list's row (SELECT … FOR UPDATE), counts the
seats taken and writes, in one transaction of four queries; two parents taking the last
seat at once are served one after the other, so exactly one gets it. A freed seat goes to
the first on the waiting list through the outbox after the commit (waitlist_advance, which
takes the same lock); an offer not claimed within REGISTRATION_CLAIM_HOURS expires and the
seat goes to the next (offers_expire, from beat).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from aanbod.models import Occurrence, Participation
from huisvanhetkind import permissions

from .choices import ACTIVE, TAKES_SEAT, MessageKind
from .choices import RegistrationStatus as Status
from .exceptions import (
    RegistrationClosedError,
    RegistrationFullError,
    RegistrationPermissionError,
    RegistrationStateError,
)
from .models import CHILDREN_FIELDS, Attendance, Registration, RegistrationList

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone
MAX_CHILDREN = 10


# --- The secret link -------------------------------------------------------------------


def _link_signature(reference: str, version: int) -> str:
    return salted_hmac("inschrijving.link", f"{reference}:{version}").hexdigest()[:24]


def registration_link_token(registration: Registration) -> str:
    """The secret part of the family's link: reference plus a keyed hash (never stored)."""
    signature = _link_signature(registration.reference, registration.link_version)
    return f"{registration.reference}-{signature}"


def registration_from_token(token: str) -> Registration | None:
    """The registration of a secret link, or None (wrong, old or erased link). One query."""
    reference, _sep, signature = (token or "").partition("-")
    if not reference or len(reference) > 8 or not signature:
        return None
    registration = (
        Registration.objects.select_related(
            "registration_list__offer__organisation", "registration_list__occurrence__location"
        )
        .filter(reference=reference, erased_at__isnull=True)
        .first()
    )
    if registration is None or not constant_time_compare(
        signature, _link_signature(reference, registration.link_version)
    ):
        return None
    return registration


def contact_key(*, email: str, phone: str) -> str:
    """How a contact is compared: the e-mail address in lower case, else the phone digits."""
    if email:
        return email.strip().lower()
    digits = "".join(ch for ch in phone if ch.isdigit())
    # +32 478 … and 0478 … are the same Belgian number.
    if digits.startswith("32"):
        digits = "0" + digits[2:]
    return digits


def _new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


# --- Who keeps the lists ----------------------------------------------------------------


def _require_keeper(actor, offer) -> None:
    """The partner's steps (lists, desk, attendance, a phoned answer) are for who keeps the
    offer's registrations (registration.manage), whoever calls: a view, the admin, a task."""
    if actor is None or not permissions.can(actor, "registration.manage", offer):
        raise RegistrationPermissionError(_("You do not keep the registrations of this activity."))


def _require_keeper_of_list(actor, registration_list_id: int) -> None:
    offer = RegistrationList.objects.select_related("offer").get(pk=registration_list_id).offer
    _require_keeper(actor, offer)


# --- Lists ------------------------------------------------------------------------------


def list_starts_at(registration_list: RegistrationList) -> dt.datetime | None:
    """When the (first date of the) activity starts; needs the occurrence loaded."""
    if registration_list.occurrence_id:
        return registration_list.occurrence.starts_at
    first = (
        Occurrence.objects.filter(offer_id=registration_list.offer_id, cancelled=False)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return first


def registration_closed(registration_list: RegistrationList, *, now: dt.datetime) -> bool:
    """Closed by the partner, past the closing time, or the activity (its first date) began.

    Needs the occurrence loaded; a series without a closing time costs one query.
    """
    if not registration_list.is_open:
        return True
    if registration_list.closes_at:
        return now >= registration_list.closes_at
    starts_at = list_starts_at(registration_list)
    return starts_at is not None and now >= starts_at


@transaction.atomic
def registration_list_open(
    *,
    offer,
    occurrence: Occurrence | None,
    capacity: int,
    waiting_list: bool = True,
    closes_at: dt.datetime | None = None,
    asks_note: bool = False,
    actor,
) -> RegistrationList:
    """Turn registration on for a session (occurrence) or the whole series (None)."""
    _require_keeper(actor, offer)
    if occurrence is not None and occurrence.offer_id != offer.id:
        raise RegistrationStateError(_("This date belongs to another offer."))
    if capacity < 1:
        raise RegistrationStateError(_("Give at least one place."))
    existing = RegistrationList.objects.filter(offer=offer, occurrence=occurrence).first()
    if existing is not None:
        raise RegistrationStateError(_("Registration is already on for this date."))
    return RegistrationList.objects.create(
        offer=offer,
        occurrence=occurrence,
        capacity=capacity,
        waiting_list=waiting_list,
        closes_at=closes_at,
        asks_note=asks_note,
        created_by=actor,
    )


@transaction.atomic
def registration_list_update(
    *, registration_list: RegistrationList, actor, **fields
) -> RegistrationList:
    """Change capacity, waiting list, closing time, note or open/closed. More places are
    offered to the waiting list at once (after the commit)."""
    allowed = {"capacity", "waiting_list", "closes_at", "asks_note", "is_open"}
    if set(fields) - allowed:
        raise ValueError(f"Cannot change {sorted(set(fields) - allowed)}.")
    if fields.get("capacity", 1) < 1:
        raise RegistrationStateError(_("Give at least one place."))
    locked = (
        RegistrationList.objects.select_for_update(of=("self",))
        .select_related("offer")
        .get(pk=registration_list.pk)
    )
    _require_keeper(actor, locked.offer)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(fields))
    _schedule_advance(locked.pk)
    return locked


# --- Registering ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool
    # Place on the waiting list (1 = first), None when in.
    position: int | None = None


def _children_fields(children_by_band: dict[str, int]) -> dict[str, int]:
    fields = {
        field: max(0, int(children_by_band.get(band) or 0))
        for band, field in CHILDREN_FIELDS.items()
    }
    total = sum(fields.values())
    if not 1 <= total <= MAX_CHILDREN:
        raise RegistrationStateError(
            _("Give the number of children: at least 1, at most %(max)s.") % {"max": MAX_CHILDREN}
        )
    return {**fields, "children": total}


@transaction.atomic
def registration_create(
    *,
    registration_list_id: int,
    name: str,
    email: str = "",
    phone: str = "",
    children_by_band: dict[str, int],
    note: str = "",
    language: str = "nl",
    actor=None,
    now: dt.datetime | None = None,
) -> RegistrationResult:
    """Register a family: in, on the waiting list, or refused as full or closed.

    The same contact twice for one list gives the first registration back (created False).
    Four queries: lock the list, count seats and find the contact, insert, outbox.
    A partner (actor) may register at the desk after the closing time, when they keep the
    offer's registrations (registration.manage).
    """
    from .tasks import registration_mail_task

    now = now or timezone.now()
    email, phone, name = email.strip(), phone.strip(), name.strip()
    if not name:
        raise RegistrationStateError(_("Fill in a name or nickname."))
    if not (email or phone):
        raise RegistrationStateError(_("Fill in your phone number or e-mail address."))
    children = _children_fields(children_by_band)
    key = contact_key(email=email, phone=phone)
    registration_list = (
        RegistrationList.objects.select_for_update(of=("self",))
        .select_related("occurrence")
        .get(pk=registration_list_id)
    )
    if actor is not None:
        _require_keeper(actor, registration_list.offer)
    elif registration_closed(registration_list, now=now):
        raise RegistrationClosedError(_("Registration for this activity is closed."))
    counts = Registration.objects.filter(registration_list=registration_list).aggregate(
        taken=Count("id", filter=Q(status__in=TAKES_SEAT)),
        waiting=Count("id", filter=Q(status=Status.WAITLISTED)),
        same_contact=Max("id", filter=Q(status__in=ACTIVE, contact_key=key)),
    )
    if counts["same_contact"]:
        existing = Registration.objects.get(pk=counts["same_contact"])
        return RegistrationResult(
            registration=existing,
            created=False,
            position=waitlist_position(existing) if existing.status == Status.WAITLISTED else None,
        )
    if counts["taken"] < registration_list.capacity:
        status, position = Status.REGISTERED, None
    elif registration_list.waiting_list:
        status, position = Status.WAITLISTED, counts["waiting"] + 1
    else:
        raise RegistrationFullError(_("This activity is full."))
    registration = Registration.objects.create(
        registration_list=registration_list,
        reference=_new_reference(),
        status=status,
        name=name[:100],
        email=email,
        phone=phone,
        note=note.strip()[:300] if registration_list.asks_note else "",
        contact_key=key,
        language=language,
        registered_by=actor,
        **children,
    )
    if email:
        from huisvanhetkind.outbox import enqueue

        enqueue(registration_mail_task, registration.id, MessageKind.CONFIRMATION, "v1")
    return RegistrationResult(registration=registration, created=True, position=position)


def waitlist_position(registration: Registration) -> int:
    """1 for the first on the waiting list."""
    return Registration.objects.filter(
        registration_list_id=registration.registration_list_id,
        status=Status.WAITLISTED,
        id__lte=registration.id,
    ).count()


def registration_link_resend(*, registration: Registration, today=None) -> None:
    """The same contact registered again: mail the link they have, at most once a day.

    The link stays valid: whoever only knows the family's address must not be able to
    switch it off (renewing would), nor fill their mailbox.
    """
    from huisvanhetkind.outbox import enqueue

    from .tasks import registration_mail_task

    if registration.email:
        today = today or timezone.localdate()
        enqueue(
            registration_mail_task,
            registration.id,
            MessageKind.CONFIRMATION,
            f"again-{today:%Y%m%d}",
        )


@transaction.atomic
def registration_link_renew(*, registration: Registration) -> Registration:
    """A new secret link by mail (the same contact registered again): older links stop."""
    from huisvanhetkind.outbox import enqueue

    from .tasks import registration_mail_task

    Registration.objects.filter(pk=registration.pk).update(
        link_version=registration.link_version + 1
    )
    registration.link_version += 1
    if registration.email:
        enqueue(
            registration_mail_task,
            registration.id,
            MessageKind.CONFIRMATION,
            f"v{registration.link_version}",
        )
    return registration


def _set_status(registration: Registration, status: str, **extra) -> None:
    registration.status = status
    registration.status_changed_at = timezone.now()
    for name, value in extra.items():
        setattr(registration, name, value)
    registration.save(update_fields=["status", "status_changed_at", *extra])


def _locked(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration.pk)


def _schedule_advance(registration_list_id: int) -> None:
    from huisvanhetkind.outbox import enqueue

    from .tasks import waitlist_advance_task

    enqueue(waitlist_advance_task, registration_list_id)


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None) -> Registration:
    """The family (by their link, no actor) or the partner (actor, who keeps the list)
    cancels; a seat freed goes to the waiting list."""
    locked = _locked(registration)
    if actor is not None:
        _require_keeper_of_list(actor, locked.registration_list_id)
    if locked.status not in ACTIVE:
        raise RegistrationStateError(_("This registration cannot be cancelled any more."))
    held_seat = locked.status in TAKES_SEAT
    _set_status(locked, Status.CANCELLED, offer_expires_at=None)
    if held_seat:
        _schedule_advance(locked.registration_list_id)
    return locked


@transaction.atomic
def registration_change(
    *, registration: Registration, name: str, children_by_band: dict[str, int], note: str = ""
) -> Registration:
    locked = _locked(registration)
    if locked.status not in ACTIVE:
        raise RegistrationStateError(_("This registration cannot be changed any more."))
    if not name.strip():
        raise RegistrationStateError(_("Fill in a name or nickname."))
    children = _children_fields(children_by_band)
    locked.name = name.strip()[:100]
    locked.note = note.strip()[:300]
    for field, value in children.items():
        setattr(locked, field, value)
    locked.save(update_fields=["name", "note", *children])
    return locked


@transaction.atomic
def seat_claim(
    *, registration: Registration, actor=None, now: dt.datetime | None = None
) -> Registration:
    """The family takes the seat offered to them, within the claim window: by their link
    (no actor), or by phone through the list's keeper (actor)."""
    now = now or timezone.now()
    locked = _locked(registration)
    if actor is not None:
        _require_keeper_of_list(actor, locked.registration_list_id)
    if locked.status != Status.OFFERED or (
        locked.offer_expires_at is not None and locked.offer_expires_at <= now
    ):
        raise RegistrationStateError(_("This seat is no longer held for you."))
    _set_status(locked, Status.REGISTERED, offer_expires_at=None)
    return locked


@transaction.atomic
def seat_decline(*, registration: Registration, actor=None) -> Registration:
    """The family lets the offered seat go: by their link (no actor), or by phone through
    the list's keeper (actor)."""
    locked = _locked(registration)
    if actor is not None:
        _require_keeper_of_list(actor, locked.registration_list_id)
    if locked.status != Status.OFFERED:
        raise RegistrationStateError(_("This seat is no longer held for you."))
    _set_status(locked, Status.DECLINED, offer_expires_at=None)
    _schedule_advance(locked.registration_list_id)
    return locked


@transaction.atomic
def waitlist_advance(*, registration_list_id: int, now: dt.datetime | None = None) -> list[int]:
    """Offer every free seat to the first on the waiting list, for the claim window.

    Idempotent: it works from the state under the list's lock, so a second run (the outbox
    after a killed worker) finds no free seat and offers nothing.
    """
    from huisvanhetkind.outbox import enqueue

    from .tasks import registration_mail_task

    now = now or timezone.now()
    registration_list = (
        RegistrationList.objects.select_for_update(of=("self",))
        .select_related("occurrence")
        .filter(pk=registration_list_id)
        .first()
    )
    if registration_list is None:
        return []
    starts_at = (
        registration_list.occurrence.starts_at
        if registration_list.occurrence_id
        else list_starts_at(registration_list)
    )
    if starts_at is not None and now >= starts_at:
        return []  # the activity began: nobody is offered a seat any more
    taken = Registration.objects.filter(
        registration_list=registration_list, status__in=TAKES_SEAT
    ).count()
    free = registration_list.capacity - taken
    if free <= 0:
        return []
    expires = now + dt.timedelta(hours=settings.REGISTRATION_CLAIM_HOURS)
    if starts_at is not None:
        expires = min(expires, starts_at)
    offered = []
    for registration in Registration.objects.filter(
        registration_list=registration_list, status=Status.WAITLISTED
    ).order_by("id")[:free]:
        _set_status(registration, Status.OFFERED, offer_expires_at=expires)
        offered.append(registration.id)
        # The family hears by mail; one without an e-mail address is phoned by the
        # list's keepers, who are told at once (else the place would silently pass on).
        enqueue(
            registration_mail_task,
            registration.id,
            MessageKind.SEAT_OFFERED if registration.email else MessageKind.KEEPER_CALL,
            expires.isoformat(),
        )
    return offered


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Offers not claimed in time expire; their seats go to the next on the waiting list."""
    now = now or timezone.now()
    expired = 0
    due = Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
        "id", flat=True
    )
    for registration_id in list(due):
        with transaction.atomic():
            locked = (
                Registration.objects.select_for_update()
                .filter(pk=registration_id, status=Status.OFFERED, offer_expires_at__lte=now)
                .first()
            )
            if locked is None:
                continue  # claimed or expired meanwhile
            _set_status(locked, Status.EXPIRED, offer_expires_at=None)
            _schedule_advance(locked.registration_list_id)
            expired += 1
    return expired


# --- Attendance -------------------------------------------------------------------------


def _list_occurrences(registration_list: RegistrationList) -> list[Occurrence]:
    if registration_list.occurrence_id:
        return [registration_list.occurrence]
    return list(
        Occurrence.objects.filter(offer_id=registration_list.offer_id, cancelled=False).order_by(
            "starts_at"
        )
    )


@transaction.atomic
def attendance_record(
    *,
    registration_list: RegistrationList,
    occurrence: Occurrence,
    present_ids: set[int],
    actor,
) -> Participation:
    """Check off who came to one date; the date's participation counts follow at once.

    Everyone registered is marked present or absent for this date. On the list's last date
    the registration ends as attended (came at least once) or no-show. The participation
    row of the date is (re)written from the attendances, so nobody types the counts twice.
    Only who keeps the offer's registrations checks off.
    """
    _require_keeper(actor, registration_list.offer)
    occurrences = _list_occurrences(registration_list)
    if occurrence.id not in {o.id for o in occurrences}:
        raise RegistrationStateError(_("This date does not belong to this registration."))
    checked = Registration.objects.select_for_update().filter(
        registration_list=registration_list,
        status__in=[Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW],
    )
    is_last = occurrence.id == occurrences[-1].id
    now = timezone.now()
    for registration in checked:
        present = registration.id in present_ids
        Attendance.objects.update_or_create(
            registration=registration,
            occurrence=occurrence,
            defaults={"present": present, "checked_by": actor},
        )
        if is_last:
            came = present or registration.attendances.filter(present=True).exists()
            status = Status.ATTENDED if came else Status.NO_SHOW
            if registration.status != status:
                registration.status = status
                registration.status_changed_at = now
                registration.save(update_fields=["status", "status_changed_at"])
    return _participation_write(
        registration_list=registration_list, occurrence=occurrence, actor=actor
    )


def _participation_write(*, registration_list, occurrence, actor) -> Participation:
    came = Registration.objects.filter(
        attendances__occurrence=occurrence,
        attendances__present=True,
        registration_list=registration_list,
    )
    totals = {field: 0 for field in CHILDREN_FIELDS.values()}
    families = children = 0
    for registration in came:
        families += 1
        children += registration.children
        for field in CHILDREN_FIELDS.values():
            totals[field] += getattr(registration, field)
    participation = (
        Participation.objects.select_for_update()
        .filter(offer_id=registration_list.offer_id, occurrence=occurrence)
        .first()
    )
    values = {"families": families, "children": children, **totals, "entered_by": actor}
    if participation is None:
        return Participation.objects.create(
            offer_id=registration_list.offer_id,
            occurrence=occurrence,
            date=timezone.localdate(occurrence.starts_at),
            **values,
        )
    for name, value in values.items():
        setattr(participation, name, value)
    participation.save(update_fields=list(values))
    return participation


# --- Retention --------------------------------------------------------------------------


def registrations_erase_expired(*, now: dt.datetime | None = None) -> int:
    """Erase names and contact details REGISTRATION_RETENTION_DAYS after the activity.

    The activity's end is the session's, or the series' last date. Status, children per age
    band and attendance stay: they are the counts.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    last_date = (
        Occurrence.objects.filter(offer_id=OuterRef("registration_list__offer_id"))
        .order_by("-ends_at")
        .values("ends_at")[:1]
    )
    series_over = Q(registration_list__occurrence__isnull=True) & Q(
        Exists(Occurrence.objects.filter(offer_id=OuterRef("registration_list__offer_id")))
    )
    due = (
        Registration.objects.filter(erased_at__isnull=True)
        .annotate(series_end=Subquery(last_date))
        .filter(
            Q(registration_list__occurrence__ends_at__lt=cutoff)
            | (series_over & Q(series_end__lt=cutoff))
        )
    )
    return due.update(
        name="",
        email="",
        phone="",
        note="",
        contact_key="",
        erased_at=now,
        link_version=0,
    )
