"""Who sees and keeps registration lists, registered into huisvanhetkind.permissions.

The lists hold families' names and contact details: only the people who keep the offer
itself (its organisation's partner editors, its network's coordinators) see them, the
same as offer.edit. Another partner's list is a 404.
"""

from django.db.models import QuerySet

from aanbod.permissions import _offer_edit, _offers_edited
from huisvanhetkind.permissions import coordinated_network_ids, rule, scope_rule


@rule(
    "registration.manage",
    "partner editor of the offer's organisation, or coordinator of one of its networks "
    "(lists, desk registration, attendance)",
)
def _registration_manage(user, offer) -> bool:
    return _offer_edit(user, offer)


@scope_rule("aanbod.Offer", "registration.manage")
def _offers_with_lists(user, queryset: QuerySet) -> QuerySet:
    return _offers_edited(user, queryset)


@scope_rule("inschrijving.RegistrationList", "registration.manage", default=True)
def _lists(user, queryset: QuerySet) -> QuerySet:
    from aanbod.models import Offer

    offers = _offers_edited(user, Offer.objects.all())
    return queryset.filter(offer_id__in=offers.values("id"))


@rule(
    "transition.edit",
    "coordinator of its network; a transition of every network only by an administrator "
    "(it goes into every network's monthly mail)",
)
def _transition_edit(user, transition) -> bool:
    coordinated = coordinated_network_ids(user)
    if transition is None:
        return bool(coordinated)
    return transition.network_id is not None and transition.network_id in coordinated


@scope_rule("inschrijving.Transition", "transition.edit", default=True)
def _transitions(user, queryset: QuerySet) -> QuerySet:
    coordinated = coordinated_network_ids(user)
    if not coordinated:
        return queryset.none()
    return queryset.filter(network_id__in=coordinated)
