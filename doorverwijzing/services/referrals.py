"""Every change to a referral: one function per step, each logged and on the timeline.

A step checks the actor's right and the current state, saves with update_fields,
writes the timeline entry and the access log, and tells the other side through
the worker after commit (the mail carries only the reference and a link).
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from partners.selectors import organisation_readers
from signalen.services import signal_from_declined_referral

from ..choices import (
    FINISHED_STATUSES,
    AccessAction,
    ConsentMethod,
    ContactPreference,
    DeclineReason,
    EventKind,
    FirstContactResult,
    Outcome,
    ReferralStatus,
)
from ..exceptions import ConsentMissingError, ReferralPermissionError, ReferralStateError
from ..models import AccessLogEntry, Consent, IntakeRequest, Referral, TimelineEntry

PUBLIC_ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L: read aloud by phone


def _require(actor, action: str, referral) -> None:
    if not permissions.can(actor, action, referral):
        raise ReferralPermissionError(_("You cannot do this with this referral."))


def _require_status(referral: Referral, *allowed: str, message: str) -> None:
    if referral.status not in allowed:
        raise ReferralStateError(message)


def _step(
    referral: Referral,
    *,
    actor,
    kind: str,
    at: dt.datetime,
    detail: str = "",
    fields: list[str],
) -> None:
    """Save the changed fields, put the step on the timeline (at `at`) and in the access log.

    The access log always says when the row was really written: it is the audit, not the
    story of the referral.
    """
    referral.save(update_fields=fields)
    organisation = (
        referral.receiving_organisation
        if permissions.can(actor, "referral.handle", referral)
        else referral.referring_organisation
    )
    TimelineEntry.objects.create(
        referral=referral,
        actor=actor,
        organisation=organisation,
        kind=kind,
        detail=detail[:200],
        at=at,
    )
    access_log_record(referral=referral, actor=actor, action=AccessAction.CHANGE, detail=kind)
    _notify_after_commit(referral, kind)


def _notify_after_commit(referral: Referral, kind: str) -> None:
    from huisvanhetkind import outbox

    from ..tasks import referral_notify_task

    outbox.enqueue(referral_notify_task, referral.id, kind)


def access_log_record(*, referral: Referral, actor, action: str, detail: str = "") -> None:
    AccessLogEntry.objects.create(
        referral=referral, actor=actor, action=action, detail=detail[:100]
    )


def _new_public_id() -> str:
    return "R-" + "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(6))


def contact_preference_errors(
    *, preference: str, phone: str, email: str, shares_contact_details: bool
) -> dict[str, str]:
    """What is missing for the way the receiver should contact the family: field → message.

    The one home of this rule: referral_send refuses on it, the form asks it to put each
    message beside its field.
    """
    errors = {}
    if preference == ContactPreference.PHONE and not phone:
        errors["family_phone"] = _("Give a phone number, or choose another way.")
    if preference == ContactPreference.EMAIL and not email:
        errors["family_email"] = _("Give an e-mail address, or choose another way.")
    # Without the family's yes the receiver gets no phone or e-mail to use.
    if preference in (ContactPreference.PHONE, ContactPreference.EMAIL) and not (
        shares_contact_details
    ):
        errors["share_contact_details"] = _(
            "The receiver can only call or e-mail the family when the family agrees "
            "that we share their contact details. Tick the box, or choose another way."
        )
    return errors


@transaction.atomic
def referral_send(
    *,
    actor,
    referring_organisation,
    receiving_organisation,
    consent: dict,
    offer=None,
    made_by_phone: bool = False,
    now: dt.datetime | None = None,
    **details,
) -> Referral:
    """Send (or record afterwards, when already handed over by phone) a referral.

    `consent` holds given_by, given_at, method and the sharing choices; without it
    nothing is sent. `details` are the Referral's family and question fields. `now` is
    the moment it was sent (the demo tells a referral's story in the past).
    """
    if not permissions.can(actor, "referral.send", referring_organisation):
        raise ReferralPermissionError(_("You cannot refer on behalf of this organisation."))
    if receiving_organisation == referring_organisation:
        raise ReferralStateError(_("Choose another organisation than your own."))
    if not organisation_readers(organisation_id=receiving_organisation.pk).exists():
        raise ReferralStateError(
            _(
                "Nobody at %(organisation)s receives referrals through the portal. "
                "Call them instead: %(phone)s"
            )
            % {
                "organisation": receiving_organisation.name,
                "phone": receiving_organisation.phone or _("no phone number known"),
            }
        )
    if not consent or not consent.get("given_by") or consent.get("method") not in ConsentMethod:
        raise ConsentMissingError(_("Record the family's consent first."))
    missing = contact_preference_errors(
        preference=details.get("contact_preference", ""),
        phone=details.get("family_phone", ""),
        email=details.get("family_email", ""),
        shares_contact_details=consent.get("share_contact_details", True),
    )
    if missing:
        raise ReferralStateError(next(iter(missing.values())))
    if not consent.get("share_contact_details", True):
        for field in ("family_phone", "family_email"):
            details[field] = ""
    if not consent.get("share_question", True):
        details["already_done"] = ""
    now = now or timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    public_id=_new_public_id(),
                    status=ReferralStatus.SENT,
                    referring_organisation=referring_organisation,
                    referring_worker=actor,
                    receiving_organisation=receiving_organisation,
                    offer=offer,
                    made_by_phone=made_by_phone,
                    sent_at=now,
                    **details,
                )
            break
        except IntegrityError:
            continue
    else:
        raise RuntimeError("Could not find a free referral reference.")
    Consent.objects.create(
        referral=referral,
        given_at=consent.get("given_at") or now,
        given_by=consent["given_by"],
        method=consent["method"],
        share_contact_details=consent.get("share_contact_details", True),
        share_question=consent.get("share_question", True),
        scope_note=consent.get("scope_note", ""),
    )
    kind = EventKind.RECORDED if made_by_phone else EventKind.SENT
    TimelineEntry.objects.create(
        referral=referral, actor=actor, organisation=referring_organisation, kind=kind, at=now
    )
    access_log_record(referral=referral, actor=actor, action=AccessAction.CHANGE, detail=kind)
    _notify_after_commit(referral, kind)
    return referral


def referral_mark_opened(*, referral: Referral) -> None:
    """A worker of the receiving organisation opened the referral for the first time.

    A conditional update, outside any lock: two workers opening at once both read it,
    the first time stays. Until then, a referral nobody opened escalates (reminders).
    """
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk, first_opened_at__isnull=True).update(
        first_opened_at=now
    )
    referral.first_opened_at = referral.first_opened_at or now


def _locked(referral: Referral) -> Referral:
    """Re-read the row under a lock: two workers clicking at once cannot both win."""
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_accept(*, referral: Referral, actor, now: dt.datetime | None = None) -> Referral:
    referral = _locked(referral)
    _require(actor, "referral.handle", referral)
    _require_status(
        referral, ReferralStatus.SENT, message=_("Only a sent referral can be accepted.")
    )
    referral.status = ReferralStatus.ACCEPTED
    referral.accepted_at = now or timezone.now()
    _step(
        referral,
        actor=actor,
        kind=EventKind.ACCEPTED,
        at=referral.accepted_at,
        fields=["status", "accepted_at"],
    )
    return referral


@transaction.atomic
def referral_decline(
    *,
    referral: Referral,
    actor,
    reason: str,
    remark: str = "",
    suggested_offer=None,
    now: dt.datetime | None = None,
) -> Referral:
    referral = _locked(referral)
    _require(actor, "referral.handle", referral)
    _require_status(
        referral, ReferralStatus.SENT, message=_("Only a sent referral can be declined.")
    )
    if reason not in DeclineReason:
        raise ReferralStateError(_("Choose a reason."))
    now = now or timezone.now()
    referral.status = ReferralStatus.DECLINED
    referral.declined_at = referral.closed_at = now
    referral.decline_reason = reason
    referral.decline_remark = remark
    referral.suggested_offer = suggested_offer
    _step(
        referral,
        actor=actor,
        kind=EventKind.DECLINED,
        at=now,
        detail=DeclineReason(reason).label,
        fields=[
            "status",
            "declined_at",
            "closed_at",
            "decline_reason",
            "decline_remark",
            "suggested_offer",
        ],
    )
    signal_from_declined_referral(referral=referral, now=now)
    return referral


@transaction.atomic
def referral_record_contact_attempt(
    *, referral: Referral, actor, now: dt.datetime | None = None
) -> Referral:
    referral = _locked(referral)
    _require(actor, "referral.handle", referral)
    _require_status(
        referral, ReferralStatus.ACCEPTED, message=_("Record contact attempts after accepting.")
    )
    referral.contact_attempts += 1
    _step(
        referral,
        actor=actor,
        kind=EventKind.CONTACT_ATTEMPT,
        at=now or timezone.now(),
        detail=str(referral.contact_attempts),
        fields=["contact_attempts"],
    )
    return referral


@transaction.atomic
def referral_record_first_contact(
    *, referral: Referral, actor, result: str, now: dt.datetime | None = None
) -> Referral:
    """Contact made: in contact. Unreachable or declined by the family: closed at once."""
    referral = _locked(referral)
    _require(actor, "referral.handle", referral)
    _require_status(
        referral, ReferralStatus.ACCEPTED, message=_("First contact comes after accepting.")
    )
    if result not in FirstContactResult:
        raise ReferralStateError(_("Choose what happened."))
    now = now or timezone.now()
    referral.first_contact_at = now
    referral.first_contact_result = result
    fields = ["first_contact_at", "first_contact_result", "status"]
    if result == FirstContactResult.MADE:
        referral.status = ReferralStatus.CONTACTED
    else:
        referral.status = ReferralStatus.CLOSED
        referral.closed_at = now
        referral.outcome = (
            Outcome.UNREACHABLE
            if result == FirstContactResult.UNREACHABLE
            else Outcome.FAMILY_DECLINED
        )
        fields += ["closed_at", "outcome"]
    _step(
        referral,
        actor=actor,
        kind=EventKind.FIRST_CONTACT,
        at=now,
        detail=FirstContactResult(result).label,
        fields=fields,
    )
    return referral


@transaction.atomic
def referral_close(
    *,
    referral: Referral,
    actor,
    outcome: str,
    remark: str = "",
    now: dt.datetime | None = None,
) -> Referral:
    referral = _locked(referral)
    _require(actor, "referral.handle", referral)
    _require_status(
        referral,
        ReferralStatus.ACCEPTED,
        ReferralStatus.CONTACTED,
        message=_("Only an accepted referral can be closed."),
    )
    if outcome not in Outcome:
        raise ReferralStateError(_("Choose an outcome."))
    referral.status = ReferralStatus.CLOSED
    referral.closed_at = now or timezone.now()
    referral.outcome = outcome
    referral.outcome_remark = remark
    _step(
        referral,
        actor=actor,
        kind=EventKind.CLOSED,
        at=referral.closed_at,
        detail=Outcome(outcome).label,
        fields=["status", "closed_at", "outcome", "outcome_remark"],
    )
    if outcome == Outcome.NO_CAPACITY:
        # Accepted, then no place after all: the same gap as a decline for capacity.
        signal_from_declined_referral(
            referral=referral, reason=DeclineReason.NO_CAPACITY, now=referral.closed_at
        )
    return referral


@transaction.atomic
def referral_cancel(*, referral: Referral, actor, now: dt.datetime | None = None) -> Referral:
    referral = _locked(referral)
    _require(actor, "referral.follow_up", referral)
    _require_status(
        referral,
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        message=_("This referral can no longer be cancelled."),
    )
    referral.status = ReferralStatus.CANCELLED
    referral.closed_at = now or timezone.now()
    _step(
        referral,
        actor=actor,
        kind=EventKind.CANCELLED,
        at=referral.closed_at,
        fields=["status", "closed_at"],
    )
    return referral


def _erase_personal_data(referral: Referral, now: dt.datetime) -> list[str]:
    for field in Referral.PERSONAL_FIELDS:
        setattr(referral, field, "")
    referral.erased_at = now
    return [*Referral.PERSONAL_FIELDS, "erased_at"]


@transaction.atomic
def consent_withdraw(*, referral: Referral, actor, now: dt.datetime | None = None) -> Referral:
    """The family withdraws consent: personal data goes now; the anonymous record stays."""
    referral = _locked(referral)
    _require(actor, "referral.read", referral)
    if referral.erased_at is not None and referral.status == ReferralStatus.WITHDRAWN:
        raise ReferralStateError(_("Consent was already withdrawn."))
    now = now or timezone.now()
    fields = _erase_personal_data(referral, now)
    if referral.status not in FINISHED_STATUSES:
        referral.status = ReferralStatus.WITHDRAWN
        referral.closed_at = now
        fields += ["status", "closed_at"]
    Consent.objects.filter(referral=referral).update(withdrawn_at=now, given_by="", scope_note="")
    # The family's own question ("Stel je vraag") this referral came from goes too.
    _erase_intake_of(referral, now, actor=actor)
    _step(referral, actor=actor, kind=EventKind.CONSENT_WITHDRAWN, at=now, fields=fields)
    return referral


def _erase_intake_of(referral: Referral, now: dt.datetime, *, actor) -> None:
    intakes = IntakeRequest.objects.filter(referral=referral, erased_at__isnull=True)
    for intake_id in intakes.values_list("id", flat=True):
        AccessLogEntry.objects.create(
            intake_id=intake_id, actor=actor, action=AccessAction.CHANGE, detail="erased"
        )
    intakes.update(
        **{field: "" for field in IntakeRequest.PERSONAL_FIELDS},
        erased_at=now,
        closed_at=Coalesce(F("closed_at"), Value(now)),
    )


def referrals_purge_expired(*, now: dt.datetime | None = None) -> int:
    """Erase personal data of referrals finished longer than the retention period ago."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.REFERRAL_RETENTION_DAYS)
    ids = list(
        Referral.objects.filter(
            status__in=FINISHED_STATUSES, closed_at__lt=cutoff, erased_at__isnull=True
        ).values_list("id", flat=True)[:1000]
    )
    for referral_id in ids:
        with transaction.atomic():
            referral = Referral.objects.select_for_update().get(id=referral_id)
            if referral.erased_at is not None:
                continue
            referral.save(update_fields=_erase_personal_data(referral, now))
            # Who gave consent ("the mother") and what else was agreed say who the family is.
            Consent.objects.filter(referral=referral).update(given_by="", scope_note="")
            TimelineEntry.objects.create(referral=referral, kind=EventKind.ERASED)
    return len(ids)
