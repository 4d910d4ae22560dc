"""Families ask themselves: 'Stel je vraag / bel me terug' on the public site.

A family's question lands in the intake inbox of the network's contact point
(the organiser's social workers), who take it in hand, close it, or turn it
into a warm referral with the family's consent. Same privacy rules as
referrals, shorter retention (INTAKE_RETENTION_DAYS).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.models import Offer
from huisvanhetkind import outbox, permissions
from huisvanhetkind.audit import audit_log
from partners.models import Network

from ..choices import OPEN_INTAKE_STATUSES, AccessAction, IntakeSource, IntakeStatus
from ..exceptions import DailyCapReachedError, IntakeStateError, ReferralPermissionError
from ..models import AccessLogEntry, IntakeRequest, Referral
from ..network_mail import MailKind, daily_cap_reached, start_of_day
from .referrals import referral_send


def intake_questions_today(*, network: Network, now: dt.datetime | None = None) -> int:
    return IntakeRequest.objects.filter(
        network=network, created_at__gte=start_of_day(now or timezone.now())
    ).count()


def intake_create(
    *,
    network: Network,
    name: str,
    question: str,
    language: str,
    phone: str = "",
    email: str = "",
    best_time: str = "",
    offer: Offer | None = None,
    source: str = IntakeSource.QUESTION_FORM,
) -> IntakeRequest:
    """Store a family's question and tell the contact point (after commit, no personal data).

    `offer`: the published offer the family asks about, when they came from its page.
    `source`: the door they came through (IntakeSource), shown in the inbox.

    Refused with DailyCapReachedError once the network took its daily number of questions
    (a flood from many addresses); the family is then asked to phone.
    """
    if not (phone or email):
        raise IntakeStateError(_("Give a phone number or an e-mail address, so we can reach you."))
    if network.organiser_id is None:
        raise IntakeStateError(_("This network has no contact point for questions yet."))
    if daily_cap_reached(
        network=network,
        kind=MailKind.INTAKE_CAP,
        submitted_today=intake_questions_today(network=network),
    ):
        if network.phone:
            message = _(
                "We received many questions today. Please phone us at %(phone)s: "
                "we are glad to help."
            ) % {"phone": network.phone}
        else:
            message = _(
                "We received many questions today. Please phone or e-mail us: we are glad to help."
            )
        raise DailyCapReachedError(message)
    with transaction.atomic():
        intake = IntakeRequest.objects.create(
            network=network,
            name=name,
            phone=phone,
            email=email,
            language=language,
            question=question,
            best_time=best_time,
            offer=offer,
            source=source,
        )
        from ..tasks import intake_notify_task  # the task module imports the services

        outbox.enqueue(intake_notify_task, network.id)
    return intake


def intake_access_log_record(
    *, intake: IntakeRequest, actor, action: str, detail: str = ""
) -> None:
    """Who read or changed the question: the referrals' append-only, chained log."""
    AccessLogEntry.objects.create(intake=intake, actor=actor, action=action, detail=detail[:100])


def intake_access_log_record_export(*, referral: Referral, actor) -> None:
    """A referral's export carries the question it came from: that question's log says so."""
    intake_id = IntakeRequest.objects.filter(referral=referral).values_list("id", flat=True).first()
    if intake_id is not None:
        AccessLogEntry.objects.create(
            intake_id=intake_id, actor=actor, action=AccessAction.EXPORT, detail=referral.public_id
        )


def _locked(intake: IntakeRequest) -> IntakeRequest:
    """Re-read the row under a lock: two workers clicking at once cannot both win."""
    return (
        IntakeRequest.objects.select_for_update(of=("self",))
        .select_related("network")
        .get(pk=intake.pk)
    )


def _require_open(intake: IntakeRequest, actor) -> None:
    if not permissions.can(actor, "intake.handle", intake):
        raise ReferralPermissionError(_("You cannot handle this question."))
    if intake.status not in OPEN_INTAKE_STATUSES or intake.erased_at is not None:
        raise IntakeStateError(_("This question is already handled."))


@transaction.atomic
def intake_take_in_hand(*, intake: IntakeRequest, actor) -> IntakeRequest:
    """The actor follows the question up (also to take over from a colleague)."""
    intake = _locked(intake)
    _require_open(intake, actor)
    intake.status = IntakeStatus.IN_PROGRESS
    intake.handled_by = actor
    intake.save(update_fields=["status", "handled_by"])
    audit_log(actor=actor, obj=intake, message="intake taken in hand")
    intake_access_log_record(
        intake=intake, actor=actor, action=AccessAction.CHANGE, detail=intake.status
    )
    return intake


@transaction.atomic
def intake_close(*, intake: IntakeRequest, actor) -> IntakeRequest:
    """Answered, or nothing more to do: retention starts counting now."""
    intake = _locked(intake)
    _require_open(intake, actor)
    intake.status = IntakeStatus.CLOSED
    intake.closed_at = timezone.now()
    intake.handled_by = intake.handled_by or actor
    intake.save(update_fields=["status", "closed_at", "handled_by"])
    audit_log(actor=actor, obj=intake, message="intake closed")
    intake_access_log_record(
        intake=intake, actor=actor, action=AccessAction.CHANGE, detail=intake.status
    )
    return intake


@transaction.atomic
def intake_convert_to_referral(
    *,
    intake: IntakeRequest,
    actor,
    receiving_organisation,
    consent: dict,
    offer=None,
    **details,
) -> Referral:
    """Turn the question into a warm referral from the contact point, with the family's consent.

    `consent` and `details` are as for referral_send; the referral
    carries its own copy of what the family agreed to share.
    """
    intake = _locked(intake)
    _require_open(intake, actor)
    referral = referral_send(
        actor=actor,
        referring_organisation=intake.network.organiser,
        receiving_organisation=receiving_organisation,
        consent=consent,
        offer=offer,
        **details,
    )
    intake.status = IntakeStatus.REFERRED
    intake.referral = referral
    intake.closed_at = timezone.now()
    intake.handled_by = intake.handled_by or actor
    intake.save(update_fields=["status", "referral", "closed_at", "handled_by"])
    audit_log(actor=actor, obj=intake, message=f"intake turned into referral {referral}")
    intake_access_log_record(
        intake=intake, actor=actor, action=AccessAction.CHANGE, detail=f"referred {referral}"
    )
    return referral


def intakes_purge_expired(*, now: dt.datetime | None = None) -> int:
    """Erase the personal data of questions past retention; the anonymous row stays.

    Retention counts from closed_at, or from created_at for a question nobody
    closed (that one is closed now: without contact details it cannot be followed up).
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.INTAKE_RETENTION_DAYS)
    expired = IntakeRequest.objects.filter(erased_at__isnull=True).filter(
        Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, created_at__lt=cutoff)
    )
    return expired.update(
        **{field: "" for field in IntakeRequest.PERSONAL_FIELDS},
        erased_at=now,
        status=Case(
            When(status__in=OPEN_INTAKE_STATUSES, then=Value(IntakeStatus.CLOSED)),
            default=F("status"),
        ),
        closed_at=Coalesce(F("closed_at"), Value(now)),
    )
