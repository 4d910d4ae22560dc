"""Families ask themselves: 'Stel je vraag / bel me terug' on the public site.

A family's question lands in the intake inbox of the network's contact point
(the organiser's social workers), who take it in hand, close it, or turn it
into a warm referral with the family's consent. Same privacy rules as
referrals, shorter retention (INTAKE_RETENTION_DAYS).
"""

import datetime as dt
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from aanbod.models import Offer
from huisvanhetkind import permissions
from huisvanhetkind.audit import audit_log
from partners.models import Network
from partners.selectors import network_coordinator_emails, organisation_reader_emails

from . import services
from .choices import IntakeStatus
from .exceptions import DailyCapReachedError, IntakeStateError, ReferralPermissionError
from .models import IntakeRequest, NetworkMailClaim, Referral
from .network_mail import (
    MailKind,
    admin_network_link,
    daily_cap_reached,
    network_mail_claim,
    start_of_day,
)

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


def intake_open_count_for_menu(*, user) -> int | None:
    """New questions at the user's contact point; None when the user works at none.

    One query: the networks the user's organisations are the contact point of, each with
    its count of new questions (the same rows as the scope rule "intake.handle").
    """
    organisations = permissions.social_worker_organisation_ids(user)
    counts = list(
        Network.objects.filter(organiser__in=organisations)
        .annotate(new=Count("intake_requests", filter=Q(intake_requests__status=IntakeStatus.NEW)))
        .values_list("new", flat=True)
    )
    return sum(counts) if counts else None


def intake_get_for_user(*, user, pk: int) -> IntakeRequest:
    """The question, or 404 when it does not exist or is not the user's to handle."""
    intake = (
        permissions.scope(user, IntakeRequest, "intake.handle")
        .select_related("network", "handled_by", "referral", "offer")
        .filter(pk=pk)
        .first()
    )
    if intake is None:
        raise Http404
    return intake


# --- Writes --------------------------------------------------------------------------


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
) -> IntakeRequest:
    """Store a family's question and tell the contact point (after commit, no personal data).

    `offer`: the published offer the family asks about, when they came from its page.

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
        )
        from huisvanhetkind import outbox

        outbox.enqueue(intake_notify_task, network.id)
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


# --- The contact point hears of new questions ----------------------------------------
# The mail and its task live with the intake: tasks.py imports this module, so
# the worker registers the task.


def _interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.INTAKE_MAIL_INTERVAL_MINUTES)


def _slot(now: dt.datetime) -> dt.datetime:
    """The start of the mail interval `now` falls in (intervals counted from the epoch)."""
    seconds = int(_interval().total_seconds())
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


def intake_notify(*, network: Network, now: dt.datetime | None = None) -> int:
    """Tell the contact point there are new questions: at most one mail per interval.

    A question that arrives after this interval's mail is covered by one more mail when
    the interval ends (the task is queued again for then). When nobody at the contact
    point can read questions, the coordinators hear of it instead. Returns the number
    of mails sent.
    """
    now = now or timezone.now()
    last = (
        NetworkMailClaim.objects.filter(network=network, kind=MailKind.NEW_QUESTIONS)
        .order_by("-slot")
        .first()
    )
    waiting = IntakeRequest.objects.filter(
        network=network, status=IntakeStatus.NEW, erased_at__isnull=True
    )
    unannounced = waiting.filter(created_at__gt=last.claimed_at) if last else waiting
    if not unannounced.exists():
        return 0
    slot = _slot(now)
    if not network_mail_claim(network_id=network.id, kind=MailKind.NEW_QUESTIONS, slot=slot):
        wait = (slot + _interval() - now).total_seconds()
        transaction.on_commit(
            partial(intake_notify_task.apply_async, (network.id,), countdown=max(1, int(wait) + 1))
        )
        return 0
    references = sorted(waiting.values_list("pk", flat=True))
    readers = organisation_reader_emails(organisation_id=network.organiser_id)
    if readers:
        return intake_new_mail(network=network, recipients=readers, references=references)
    return intake_unread_mail(network=network, references=references)


def intake_new_mail(*, network: Network, recipients: list[str], references: list[int]) -> int:
    """Tell the contact point there are questions: a link, never the family's data."""
    with translation.override(settings.LANGUAGE_CODE):
        if len(references) == 1:
            path = reverse("doorverwijzing:intake_detail", kwargs={"pk": references[0]})
        else:
            path = reverse("doorverwijzing:intake_inbox")
        subject = _("New questions for the contact point")
        body = _(
            "Questions from families waiting for the contact point: %(count)d.\n\n"
            "Open them here (log in first):\n%(link)s\n"
        ) % {"count": len(references), "link": settings.SITE_URL + path}
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


def intake_unread_mail(*, network: Network, references: list[int]) -> int:
    """Nobody can read the questions: the coordinators are told, with numbers only."""
    recipients = network_coordinator_emails(network_id=network.id)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Questions from families that nobody can read")
        body = _(
            "Families asked %(count)d questions through the website of %(network)s "
            "(numbers %(references)s), and nobody can read them: the organiser of the "
            "network has no social worker in the portal. The families were asked to phone "
            "you.\n\nGive the organiser a social worker, or choose another organiser:\n"
            "%(link)s\n"
        ) % {
            "count": len(references),
            "network": network.name,
            "references": ", ".join(str(reference) for reference in references),
            "link": admin_network_link(network),
        }
    return send_mass_mail([(subject, body, None, [email]) for email in recipients])


@shared_task(
    name="doorverwijzing.intake.intake_notify",
    autoretry_for=(OSError,),  # SMTPException is an OSError
    retry_backoff=30,
    max_retries=8,
)
def intake_notify_task(network_id: int) -> int:
    network = Network.objects.filter(id=network_id).first()
    return intake_notify(network=network) if network else 0
