"""Every read of referrals for a user. Opening a referral is logged (who, when)."""

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from aanbod.models import Offer, offer_title_in_language
from huisvanhetkind import permissions
from partners.models import Network, Organisation
from partners.selectors import organisations_that_do_not_receive, organisations_that_receive

from .choices import OPEN_STATUSES, AccessAction, IntakeStatus, ReferralStatus
from .models import (
    AccessLogEntry,
    IntakeRequest,
    Referral,
    ReferralMailPreference,
    TimelineEntry,
)
from .services import access_log_record, intake_access_log_record, referral_mark_opened
from .waiting import order_by_need_for_action

INBOX_PAGE_SIZE = 50
# The inbox counts at most this many referrals ("page 3 of more than 20"): an
# organisation's box grows for years, a page does not.
INBOX_COUNT_CAP = 1000
# What a line of the inbox shows (and its link and waiting time need), as plain values:
# a page of 50 makes no model instances (issue 14).
INBOX_ROW_FIELDS = (
    "public_id",
    "status",
    "urgency",
    "sent_at",
    "accepted_at",
    "first_contact_at",
    "closed_at",
)
# ... and the keys of each line referral_inbox_lines() gives.
INBOX_LINE_FIELDS = (*INBOX_ROW_FIELDS, "partner", "offer_title")
INTAKE_INBOX_PAGE_SIZE = 50


def referral_inbox(*, user, box: str = "received", status: str = "") -> QuerySet:
    """Referrals received by (or sent from) the organisations the user handles them for,
    what needs action first (doorverwijzing.waiting). Filter and count this; read a
    page's lines with referral_inbox_lines()."""
    action = "referral.handle" if box == "received" else "referral.follow_up"
    queryset = permissions.scope(user, Referral, action)
    if status in ReferralStatus.values:
        queryset = queryset.filter(status=status)
    return order_by_need_for_action(queryset)


def referral_inbox_lines(referrals: QuerySet, *, box: str) -> QuerySet:
    """A page of referral_inbox() as dicts of INBOX_LINE_FIELDS: INBOX_ROW_FIELDS, `partner`
    (who sent it to the received box, who received it from the sent box), `offer_title`."""
    partner = "referring_organisation" if box == "received" else "receiving_organisation"
    return referrals.values(
        *INBOX_ROW_FIELDS,
        partner=F(f"{partner}__name"),
        offer_title=offer_title_in_language("offer__"),
    )


def referrals_needing_action_count(*, user) -> int:
    """Open referrals received by the user's organisations: each waits on them."""
    if not permissions.social_worker_organisation_ids(user):
        return 0
    return (
        permissions.scope(user, Referral, "referral.handle")
        .filter(status__in=OPEN_STATUSES)
        .count()
    )


def referral_open_for_user(*, user, public_id: str) -> Referral:
    """The referral with its consent and timeline; 404 when missing or not the user's.

    Records the read in the append-only access log.
    """
    referral = (
        permissions.scope(user, Referral, "referral.read")
        .select_related(
            "referring_organisation",
            "receiving_organisation",
            "referring_worker",
            "offer",
            "suggested_offer__organisation",
            "consent",
        )
        .prefetch_related(
            Prefetch(
                "timeline", queryset=TimelineEntry.objects.select_related("actor", "organisation")
            )
        )
        .filter(public_id=public_id)
        .first()
    )
    if referral is None:
        raise Http404
    access_log_record(referral=referral, actor=user, action=AccessAction.READ)
    if referral.first_opened_at is None and permissions.can(user, "referral.handle", referral):
        referral_mark_opened(referral=referral)
    return referral


def referral_access_log(*, referral: Referral) -> QuerySet:
    """Who read or changed this referral (shown to the workers who may read it)."""
    return AccessLogEntry.objects.filter(referral=referral).select_related("actor")


def referring_organisations_for(*, user) -> QuerySet:
    return permissions.scope(user, Organisation, "referral.send")


def _partners_of(user) -> QuerySet:
    """Partners of the networks the user's organisations belong to (their own excluded)."""
    own = permissions.social_worker_organisation_ids(user)
    networks = Network.objects.filter(organisations__in=own)
    return (
        Organisation.objects.filter(networks__in=networks)
        .exclude(id__in=own)
        .distinct()
        .order_by("name")
    )


def receiving_organisations_for(*, user) -> QuerySet:
    """The user's network partners that can receive a referral: someone there reads it."""
    return organisations_that_receive(_partners_of(user))


def organisations_not_receiving_for(*, user) -> list[Organisation]:
    """The user's network partners nobody reads referrals at: the form says to call them."""
    return list(organisations_that_do_not_receive(_partners_of(user)).only("name", "phone"))


def offers_to_suggest(*, referral: Referral) -> QuerySet:
    """Published offers of the receiver's networks, but not its own: what a receiver who
    declines ("not our offer") can point the referrer to."""
    receiver = referral.receiving_organisation
    return (
        Offer.objects.published()
        .filter(networks__in=receiver.networks.all())
        .exclude(organisation=receiver)
        .select_related("organisation")
        .distinct()
        .order_by("title_nl", "id")
    )


def offer_for_referral(*, offer_id) -> Offer | None:
    """The published offer a referral starts from (to prefill the receiver)."""
    if not offer_id:
        return None
    return Offer.objects.published().select_related("organisation").filter(pk=offer_id).first()


def access_log_actor_ids(*, user_ids) -> set[int]:
    """Of these users, those the access log names: their rows must stay (deactivate, not delete)."""
    return set(
        AccessLogEntry.objects.filter(actor_id__in=user_ids)
        .values_list("actor_id", flat=True)
        .distinct()
    )


def mail_preference_of(*, user) -> ReferralMailPreference:
    """The user's choice of mails about referrals (unsaved default: each event)."""
    return ReferralMailPreference.objects.filter(user=user).first() or ReferralMailPreference(
        user=user
    )


# --- Families' questions (the intake inbox) ---------------------------------------


def intake_inbox(*, user) -> QuerySet:
    """Questions of the networks whose contact point the user works for, newest first (the
    inbox's status filter is doorverwijzing.intake_filters)."""
    return (
        permissions.scope(user, IntakeRequest, "intake.handle")
        .select_related("network", "handled_by", "referral")
        .order_by("-created_at", "-id")
    )


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


def intake_open_for_user(*, user, pk: int) -> IntakeRequest:
    """As intake_get_for_user, for a page that shows the question: the read is logged."""
    intake = intake_get_for_user(user=user, pk=pk)
    intake_access_log_record(intake=intake, actor=user, action=AccessAction.READ)
    return intake


def intake_access_log(*, intake: IntakeRequest) -> QuerySet:
    """Who read or changed this question (shown to the contact point's workers)."""
    return AccessLogEntry.objects.filter(intake=intake).select_related("actor")


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
