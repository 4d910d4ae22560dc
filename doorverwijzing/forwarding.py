"""No wrong door: a receiver that is not the right place forwards the referral to a better one.

The referral stays one thread — same reference, timeline and referrer — and moves to
the new receiving organisation, which alone of the two receivers may read it from then on
(need-to-know). The family's consent must cover the new receiver: the forwarder records
that the family agreed (they spoke with them), or asks the referrer to record it first.
Another network of the same installation is allowed, under the same rules.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from partners.models import Network, Organisation
from partners.selectors import organisation_readers, organisations_that_receive

from .choices import (
    AccessAction,
    ConsentMethod,
    EventKind,
    ForwardingBasis,
    ForwardingStatus,
    ReferralStatus,
)
from .exceptions import ConsentMissingError, ReferralPermissionError, ReferralStateError
from .models import Consent, Forwarding, Referral, TimelineEntry
from .services import access_log_record
from .services.referrals import _notify_after_commit

FORWARDABLE_STATUSES = {ReferralStatus.SENT, ReferralStatus.ACCEPTED}


# --- Reads ---------------------------------------------------------------------------


def forwarding_targets_for(*, referral: Referral) -> QuerySet:
    """Organisations that can take the referral over: someone there reads referrals, in any
    network of the installation; not the two organisations already involved."""
    return organisations_that_receive(
        Organisation.objects.exclude(
            id__in=[referral.receiving_organisation_id, referral.referring_organisation_id]
        )
    ).order_by("name")


def forwarding_waiting(*, referral: Referral) -> Forwarding | None:
    return (
        referral.forwardings.filter(status=ForwardingStatus.WAITING_FOR_CONSENT)
        .select_related("to_organisation", "from_organisation")
        .first()
    )


def shares_a_network(first_id: int, second_id: int) -> bool:
    return Network.objects.filter(organisations=first_id).filter(organisations=second_id).exists()


# --- Writes --------------------------------------------------------------------------


def _entry(referral: Referral, *, actor, organisation, kind: str, detail: str) -> None:
    TimelineEntry.objects.create(
        referral=referral, actor=actor, organisation=organisation, kind=kind, detail=detail[:200]
    )
    access_log_record(referral=referral, actor=actor, action=AccessAction.CHANGE, detail=kind)
    _notify_after_commit(referral, kind)


def _move(referral: Referral, forwarding: Forwarding, *, actor) -> None:
    """Hand the referral to the new receiver: it starts as sent, on the same timeline."""
    referral.receiving_organisation = forwarding.to_organisation
    referral.status = ReferralStatus.SENT
    referral.accepted_at = None
    referral.first_opened_at = None
    referral.sent_at = timezone.now()
    referral.save(
        update_fields=[
            "receiving_organisation",
            "status",
            "accepted_at",
            "first_opened_at",
            "sent_at",
        ]
    )
    forwarding.status = ForwardingStatus.DONE
    forwarding.decided_by = actor
    forwarding.decided_at = timezone.now()
    forwarding.save(update_fields=["status", "decided_by", "decided_at"])
    detail = _("From %(from)s to %(to)s: %(reason)s") % {
        "from": forwarding.from_organisation.name,
        "to": forwarding.to_organisation.name,
        "reason": forwarding.reason,
    }
    if forwarding.across_networks:
        detail = _("Across networks. ") + detail
    _entry(
        referral,
        actor=actor,
        organisation=forwarding.from_organisation,
        kind=EventKind.FORWARDED,
        detail=detail,
    )


def _record_consent(referral: Referral, *, given_by: str, method: str, note: str) -> None:
    if not given_by or method not in ConsentMethod:
        raise ConsentMissingError(_("Record who gave consent for the new organisation, and how."))
    # The consent now covers the new receiver; what the family agreed to share stays.
    Consent.objects.filter(referral=referral).update(
        given_by=given_by[:100], method=method, given_at=timezone.now(), scope_note=note[:300]
    )


@transaction.atomic
def referral_forward(
    *,
    referral: Referral,
    actor,
    to_organisation: Organisation,
    reason: str,
    basis: str,
    consent_given_by: str = "",
    consent_method: str = "",
) -> Forwarding:
    """The receiver forwards the referral (basis FAMILY_AGREED) or proposes it to the
    referrer, who asks the family (basis ASK_REFERRER)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not permissions.can(actor, "referral.handle", referral):
        raise ReferralPermissionError(_("Only the receiving organisation can forward."))
    if referral.status not in FORWARDABLE_STATUSES:
        raise ReferralStateError(
            _("Only an open referral that is not yet in contact can be forwarded.")
        )
    if referral.forwardings.filter(status=ForwardingStatus.WAITING_FOR_CONSENT).exists():
        raise ReferralStateError(_("A forwarding is already waiting for the family's consent."))
    if to_organisation.id in (
        referral.receiving_organisation_id,
        referral.referring_organisation_id,
    ):
        raise ReferralStateError(_("Choose another organisation than the two already involved."))
    if not organisation_readers(organisation_id=to_organisation.pk).exists():
        raise ReferralStateError(
            _(
                "Nobody at %(organisation)s receives referrals through the portal. "
                "Call them instead: %(phone)s"
            )
            % {
                "organisation": to_organisation.name,
                "phone": to_organisation.phone or _("no phone number known"),
            }
        )
    if basis not in ForwardingBasis:
        raise ReferralStateError(_("Say how the family agreed."))
    reason = reason.strip()
    if not reason:
        raise ReferralStateError(
            _("Say in a few words why the other organisation is better placed.")
        )
    forwarding = Forwarding.objects.create(
        referral=referral,
        from_organisation=referral.receiving_organisation,
        to_organisation=to_organisation,
        basis=basis,
        status=ForwardingStatus.WAITING_FOR_CONSENT,
        reason=reason[:200],
        across_networks=not shares_a_network(
            referral.referring_organisation_id, to_organisation.id
        ),
        requested_by=actor,
    )
    if basis == ForwardingBasis.FAMILY_AGREED:
        _record_consent(
            referral,
            given_by=consent_given_by,
            method=consent_method,
            note=_("Agreed to forwarding to %(to)s") % {"to": to_organisation.name},
        )
        _move(referral, forwarding, actor=actor)
    else:
        _entry(
            referral,
            actor=actor,
            organisation=referral.receiving_organisation,
            kind=EventKind.FORWARD_REQUESTED,
            detail=_("Proposed: %(to)s — %(reason)s")
            % {"to": to_organisation.name, "reason": reason},
        )
    return forwarding


@transaction.atomic
def forwarding_consent_record(
    *, forwarding: Forwarding, actor, given_by: str, method: str
) -> Forwarding:
    """The referrer asked the family, who agreed: the referral moves to the new receiver."""
    forwarding = (
        Forwarding.objects.select_for_update()
        .select_related("referral", "from_organisation", "to_organisation")
        .get(pk=forwarding.pk)
    )
    referral = Referral.objects.select_for_update().get(pk=forwarding.referral_id)
    if not permissions.can(actor, "referral.follow_up", referral):
        raise ReferralPermissionError(_("Only the referrer records the family's new consent."))
    if forwarding.status != ForwardingStatus.WAITING_FOR_CONSENT:
        raise ReferralStateError(_("This forwarding is already decided."))
    if referral.status not in FORWARDABLE_STATUSES:
        raise ReferralStateError(_("The referral is no longer open."))
    _record_consent(
        referral,
        given_by=given_by,
        method=method,
        note=_("Agreed to forwarding to %(to)s") % {"to": forwarding.to_organisation.name},
    )
    _move(referral, forwarding, actor=actor)
    return forwarding


@transaction.atomic
def forwarding_refuse(*, forwarding: Forwarding, actor) -> Forwarding:
    """The family does not agree (or the referrer sees another way): the receiver keeps it."""
    forwarding = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    referral = Referral.objects.select_for_update().get(pk=forwarding.referral_id)
    if not permissions.can(actor, "referral.follow_up", referral):
        raise ReferralPermissionError(_("Only the referrer answers for the family."))
    if forwarding.status != ForwardingStatus.WAITING_FOR_CONSENT:
        raise ReferralStateError(_("This forwarding is already decided."))
    forwarding.status = ForwardingStatus.REFUSED
    forwarding.decided_by = actor
    forwarding.decided_at = timezone.now()
    forwarding.save(update_fields=["status", "decided_by", "decided_at"])
    _entry(
        referral,
        actor=actor,
        organisation=referral.referring_organisation,
        kind=EventKind.FORWARD_REFUSED,
        detail="",
    )
    return forwarding
