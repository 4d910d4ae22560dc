"""Who may do what with offers; re-exported by huisvanhetkind.permissions.

A partner editor edits its own organisation's offers; a coordinator edits and reviews the
offers of their network(s). Synonyms serve every network's search, so any coordinator
keeps them. Same shape as huisvanhetkind.permissions: ACTIONS is read by the matrix test.
"""

from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import coordinated_network_ids, network_ids, organisation_ids
from partners.choices import Role

ACTIONS = {
    "offer.edit": "partner editor of its organisation, or coordinator of one of its networks",
    "offer.review": "coordinator of one of its networks (approve, send back)",
    "synonym.edit": "any coordinator (the synonym list serves every network)",
    "participation.view": "coordinator of one of its offer's networks (read only; the partner "
    "records it through offer.edit)",
}


def offers_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    networks = network_ids(user, Role.COORDINATOR, Role.VIEWER)
    own = organisation_ids(user, Role.PARTNER_EDITOR)
    return queryset.filter(Q(networks__in=networks) | Q(organisation_id__in=own)).distinct()


def offers_editable_by(user, queryset: QuerySet) -> QuerySet:
    """Offers `user` may change ("Mijn aanbod"): its organisations', or its networks'."""
    if user.is_superuser:
        return queryset
    coordinated = coordinated_network_ids(user)
    own = organisation_ids(user, Role.PARTNER_EDITOR)
    return queryset.filter(
        Q(organisation_id__in=own)
        | Q(
            id__in=queryset.model.networks.through.objects.filter(
                network_id__in=coordinated
            ).values("offer_id")
        )
    )


def organisations_editable_by(user, queryset: QuerySet) -> QuerySet:
    """Organisations `user` may add offers for: its own, or those of its networks."""
    if user.is_superuser:
        return queryset
    coordinated = coordinated_network_ids(user)
    own = organisation_ids(user, Role.PARTNER_EDITOR)
    through = queryset.model.networks.through.objects
    return queryset.filter(
        Q(id__in=own)
        | Q(id__in=through.filter(network_id__in=coordinated).values("organisation_id"))
    )


def offers_reviewable_by(user, queryset: QuerySet) -> QuerySet:
    """Offers `user` may approve or send back: those of the networks they coordinate."""
    if user.is_superuser:
        return queryset
    through = queryset.model.networks.through.objects
    return queryset.filter(
        id__in=through.filter(network_id__in=coordinated_network_ids(user)).values("offer_id")
    )


def participations_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    through = queryset.model._meta.get_field("offer").related_model.networks.through.objects
    return queryset.filter(
        offer_id__in=through.filter(network_id__in=coordinated_network_ids(user)).values("offer_id")
    )


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` on the offer `obj`? obj None asks "on any offer"."""
    if action not in ACTIONS:
        raise KeyError(f"Unknown action {action!r}: add it to ACTIONS.")
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    coordinated = coordinated_network_ids(user)
    edited = organisation_ids(user, Role.PARTNER_EDITOR)
    if action == "synonym.edit":
        return bool(coordinated)
    if action == "offer.edit":
        if obj is None:
            return bool(coordinated or edited)
        if obj.organisation_id in edited:
            return True
        return bool(coordinated & _network_ids_of(obj))
    if action == "offer.review":
        if obj is None:
            return bool(coordinated)
        return bool(coordinated & _network_ids_of(obj))
    if action == "participation.view":
        if obj is None:
            return bool(coordinated)
        return bool(coordinated & _network_ids_of(obj.offer))
    return False


def _network_ids_of(offer) -> set[int]:
    # A new offer joins its organisation's networks (services.offer_create).
    networks = offer.networks.all() if offer.pk else offer.organisation.networks.all()
    return {network.id for network in networks}
