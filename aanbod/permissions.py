"""Who may do what with offers, registered into huisvanhetkind.permissions.

A partner editor edits its own organisation's offers; a coordinator edits and reviews the
offers of their network(s). Synonyms and need words serve every network's search, so any
coordinator keeps them. Ask `huisvanhetkind.permissions.can` / `scope`, as for every other rule.
"""

from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    edited_organisation_ids,
    rule,
    scope_as_ids,
    scope_rule,
)

OFFER = "aanbod.Offer"


def _network_ids_of(offer) -> set[int]:
    # A new offer is judged by the networks it will join (services.offer_create).
    networks = offer.networks.all() if offer.pk else offer.default_networks
    return {network.id for network in networks}


def _offers_of_networks(queryset: QuerySet, networks: set[int]) -> Q:
    through = queryset.model.networks.through.objects
    return Q(id__in=through.filter(network_id__in=networks).values("offer_id"))


@rule(
    "offer.edit",
    "partner editor of its organisation, or coordinator of one of its networks",
)
def _offer_edit(user, offer) -> bool:
    coordinated, edited = coordinated_network_ids(user), edited_organisation_ids(user)
    if offer is None:
        return bool(coordinated or edited)
    return offer.organisation_id in edited or bool(coordinated & _network_ids_of(offer))


@scope_rule(OFFER, "offer.edit", default=True)
def _offers_edited(user, queryset: QuerySet) -> QuerySet:
    """Offers `user` may change ("Mijn aanbod"): its organisations', or its networks'."""
    return queryset.filter(
        Q(organisation_id__in=edited_organisation_ids(user))
        | _offers_of_networks(queryset, coordinated_network_ids(user))
    )


@scope_rule("partners.Organisation", "offer.edit")
def _organisations_with_offers_edited(user, queryset: QuerySet) -> QuerySet:
    """Organisations `user` may add offers for: its own, or those of its networks."""
    through = queryset.model.networks.through.objects
    return queryset.filter(
        Q(id__in=edited_organisation_ids(user))
        | Q(
            id__in=through.filter(network_id__in=coordinated_network_ids(user)).values(
                "organisation_id"
            )
        )
    )


def _reviewing_network_ids(user) -> set[int]:
    """The networks whose offers `user` reviews: those they coordinate."""
    return coordinated_network_ids(user)


@rule("offer.review", "coordinator of one of its networks (approve, send back)")
def _offer_review(user, offer) -> bool:
    reviewing = _reviewing_network_ids(user)
    if offer is None:
        return bool(reviewing)
    return bool(reviewing & _network_ids_of(offer))


@scope_rule(OFFER, "offer.review")
def _offers_reviewed(user, queryset: QuerySet) -> QuerySet:
    """Offers `user` may approve or send back: those of the networks they coordinate."""
    return queryset.filter(_offers_of_networks(queryset, _reviewing_network_ids(user)))


def reviewed_network_ids(user) -> set[int] | None:
    """The scope of "offer.review" as network ids, for statements written in SQL (the
    coordinator's start page): an offer is reviewable when it belongs to one of them.
    None: every network (an administrator); empty: none."""
    return scope_as_ids(user, "offer.review", _reviewing_network_ids)


@rule("synonym.edit", "any coordinator (the synonym list serves every network)")
def _synonym_edit(user, synonym) -> bool:
    return bool(coordinated_network_ids(user))


@scope_rule("aanbod.Synonym", "synonym.edit", default=True)
def _synonyms(user, queryset: QuerySet) -> QuerySet:
    return queryset if coordinated_network_ids(user) else queryset.none()


@rule("needword.edit", "any coordinator (the words of needs serve every network)")
def _needword_edit(user, need_word) -> bool:
    return bool(coordinated_network_ids(user))


@scope_rule("aanbod.NeedWord", "needword.edit", default=True)
def _need_words(user, queryset: QuerySet) -> QuerySet:
    return queryset if coordinated_network_ids(user) else queryset.none()


@rule(
    "participation.view",
    "coordinator of one of its offer's networks (read only; the partner records it "
    "through offer.edit)",
)
def _participation_view(user, participation) -> bool:
    coordinated = coordinated_network_ids(user)
    if participation is None:
        return bool(coordinated)
    return bool(coordinated & _network_ids_of(participation.offer))


@scope_rule("aanbod.Participation", "participation.view", default=True)
def _participations(user, queryset: QuerySet) -> QuerySet:
    through = queryset.model._meta.get_field("offer").related_model.networks.through.objects
    return queryset.filter(
        offer_id__in=through.filter(network_id__in=coordinated_network_ids(user)).values("offer_id")
    )


def _of_offers_edited(user, queryset: QuerySet) -> QuerySet:
    """Dated activities and schedules follow their offer."""
    offer_model = queryset.model._meta.get_field("offer").related_model
    offers = _offers_edited(user, offer_model.objects.all())
    return queryset.filter(offer_id__in=offers.values("id"))


scope_rule("aanbod.Occurrence", "offer.edit", default=True)(_of_offers_edited)
scope_rule("aanbod.RecurringSchedule", "offer.edit", default=True)(_of_offers_edited)
