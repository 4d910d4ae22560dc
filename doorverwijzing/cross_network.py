"""Referring across networks: a family that moves, or an offer in the neighbouring network.

A social worker refers to an organisation of another network of the same installation,
under the same rules as inside the network: the same form (least data), recorded consent,
only the two organisations' social workers read it, every read in the access log. The
timeline says the referral crossed networks.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from huisvanhetkind import permissions
from partners.models import Network, Organisation
from partners.selectors import organisations_that_receive

from . import services
from .choices import EventKind
from .exceptions import ReferralStateError
from .forwarding import shares_a_network
from .models import Referral, TimelineEntry


def receiving_organisations_across_networks(*, user) -> QuerySet:
    """Organisations that receive referrals and share no network with the user's own."""
    own = permissions.social_worker_organisation_ids(user)
    own_networks = Network.objects.filter(organisations__in=own)
    return organisations_that_receive(
        Organisation.objects.exclude(networks__in=own_networks).exclude(id__in=own)
    ).order_by("name")


def _network_names(organisation: Organisation) -> str:
    return ", ".join(organisation.networks.order_by("name").values_list("name", flat=True))


@transaction.atomic
def referral_send_across_networks(
    *, actor, referring_organisation, receiving_organisation, **arguments
) -> Referral:
    """services.referral_send, to an organisation outside the referrer's networks."""
    if shares_a_network(referring_organisation.id, receiving_organisation.id):
        raise ReferralStateError(
            _("This organisation is in your own network: use the usual referral form.")
        )
    referral = services.referral_send(
        actor=actor,
        referring_organisation=referring_organisation,
        receiving_organisation=receiving_organisation,
        **arguments,
    )
    detail = _("Across networks: %(from)s → %(to)s") % {
        "from": _network_names(referring_organisation),
        "to": _network_names(receiving_organisation),
    }
    TimelineEntry.objects.filter(
        referral=referral, kind__in=[EventKind.SENT, EventKind.RECORDED]
    ).update(detail=detail[:200])
    return referral
