"""Families ask themselves: 'Stel je vraag / bel me terug' on the public site.

A family's question lands in the intake inbox of the network's contact point
(the organiser's social workers), who take it in hand, close it, or turn it
into a warm referral with the family's consent. Same privacy rules as
referrals, shorter retention (INTAKE_RETENTION_DAYS).
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from huisvanhetkind.audit import audit_log
from partners.choices import Role
from partners.models import Network

from . import services
from .choices import IntakeStatus
from .exceptions import IntakeStateError, ReferralPermissionError
from .models import IntakeRequest, Referral

OPEN_INTAKE_STATUSES = {IntakeStatus.NEW, IntakeStatus.IN_PROGRESS}
INTAKE_INBOX_PAGE_SIZE = 50
# Families may speak a language the site does not offer; they say which in the question.
OTHER_LANGUAGE = "other"


# --- Reads ---------------------------------------------------------------------------


def intake_inbox(*, user, status: str = "open") -> QuerySet:
    """Questions of the networks whose contact point the user works for, newest first."""
    queryset = permissions.scope(user, IntakeRequest, "intake.handle").select_related(
        "network", "handled_by", "referral"
    )
    if status == "open":
        queryset = queryset.filter(status__in=OPEN_INTAKE_STATUSES)
    elif status in IntakeStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-id")


def intake_get_for_user(*, user, pk: int) -> IntakeRequest:
    """The question, or 404 when it does not exist or is not the user's to handle."""
    intake = (
        permissions.scope(user, IntakeRequest, "intake.handle")
        .select_related("network", "handled_by", "referral")
        .filter(pk=pk)
        .first()
    )
    if intake is None:
        raise Http404
    return intake


# --- Writes --------------------------------------------------------------------------


@transaction.atomic
def intake_create(
    *,
    network: Network,
    name: str,
    question: str,
    language: str,
    phone: str = "",
    email: str = "",
    best_time: str = "",
) -> IntakeRequest:
    """Store a family's question and tell the contact point (after commit, no personal data)."""
    if not (phone or email):
        raise IntakeStateError(_("Give a phone number or an e-mail address, so we can reach you."))
    if network.organiser_id is None:
        raise IntakeStateError(_("This network has no contact point for questions yet."))
    intake = IntakeRequest.objects.create(
        network=network,
        name=name,
        phone=phone,
        email=email,
        language=language,
        question=question,
        best_time=best_time,
    )
    intake_notify_task.delay_on_commit(intake.id)
    return intake


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

    `consent` and `details` are as for services.referral_send; the referral
    carries its own copy of what the family agreed to share.
    """
    intake = _locked(intake)
    _require_open(intake, actor)
    referral = services.referral_send(
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


# --- The contact point hears of a new question -------------------------------------
# The mail and its task live with the intake: tasks.py imports this module, so
# the worker registers the task.


def _contact_point_emails(intake: IntakeRequest) -> list[str]:
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=intake.network.organiser_id,
            memberships__role=Role.SOCIAL_WORKER,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def intake_new_mail(intake: IntakeRequest) -> int:
    """Tell the contact point there is a question: a link, never the family's data."""
    recipients = _contact_point_emails(intake)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("doorverwijzing:intake_detail", kwargs={"pk": intake.pk})
        subject = _("New question for the contact point")
        body = _(
            "There is a new question for the contact point.\n\n"
            "Open it here (log in first):\n%(link)s\n"
        ) % {"link": link}
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


@shared_task(
    name="doorverwijzing.intake.intake_notify",
    autoretry_for=(OSError,),  # SMTPException is an OSError
    retry_backoff=30,
    max_retries=8,
)
def intake_notify_task(intake_id: int) -> int:
    intake = IntakeRequest.objects.select_related("network").filter(id=intake_id).first()
    if intake is None or intake.erased_at is not None:
        return 0
    return intake_new_mail(intake)
