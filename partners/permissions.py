"""Who may do what with networks, organisations, locations, agreements, roles and groups.

Registered into the one registry (huisvanhetkind.permissions). A coordinator manages only
their own network(s); a partner editor only its own organisation and its locations;
nobody sees another network's non-public data.
"""

from django.conf import settings
from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    edited_organisation_ids,
    member_organisation_ids,
    open_models,
    roles_of,
    rule,
    scope_as_ids,
    scope_rule,
    user_fact,
    viewed_network_ids,
)

NETWORK = "partners.Network"
ORGANISATION = "partners.Organisation"

open_models(
    "partners.Municipality",
    "partners.Deelgemeente",
    "partners.OrganisationType",
    "partners.SchoolHoliday",
)


@user_fact("steering_network_ids")
def _steering_network_ids(user) -> set[int]:
    """Networks whose stuurgroep the user sits in, in person or through an organisation."""
    from .choices import GroupKind
    from .models import Group

    return set(
        Group.objects.filter(kind=GroupKind.STEERING)
        .filter(Q(member_users=user) | Q(member_organisations__in=member_organisation_ids(user)))
        .values_list("network_id", flat=True)
    )


@user_fact("working_network_ids")
def _working_network_ids(user) -> set[int]:
    """Networks the user has a role in, directly or through an organisation."""
    from .models import Network

    memberships = roles_of(user)
    return set(
        Network.objects.filter(
            Q(id__in={network for _role, network, _org in memberships if network})
            | Q(organisations__in={org for _role, _network, org in memberships if org})
        ).values_list("id", flat=True)
    )


def _any_or(ids: set[int], obj, obj_id) -> bool:
    return bool(ids) if obj is None else obj_id(obj) in ids


def _networks_of(organisation) -> set[int]:
    return {network.id for network in organisation.networks.all()}


# --- Networks ----------------------------------------------------------------------------


@rule("network.create", "administrator (superuser) only")
def _network_create(user, network) -> bool:
    return False


@rule("network.manage", "coordinator of the network")
def _network_manage(user, network) -> bool:
    return _any_or(coordinated_network_ids(user), network, lambda n: n.id)


@scope_rule(NETWORK, "network.manage")
def _networks_managed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=coordinated_network_ids(user))


def _internally_viewed_network_ids(user) -> set[int]:
    """The networks whose internal pages `user` reads: those they coordinate or view."""
    return viewed_network_ids(user)


@rule("network.view_internal", "coordinator or viewer of the network")
def _network_view_internal(user, network) -> bool:
    return _any_or(_internally_viewed_network_ids(user), network, lambda n: n.id)


@scope_rule(NETWORK, "network.view_internal")
def _networks_viewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=_internally_viewed_network_ids(user))


def internally_viewed_network_ids(user) -> set[int] | None:
    """The scope of "network.view_internal" as network ids, for SQL (see scope_as_ids)."""
    return scope_as_ids(user, "network.view_internal", _internally_viewed_network_ids)


@rule(
    "network.choose",
    "coordinator of the network, or partner editor of one of its organisations "
    "(places a location or an offer in it)",
)
def _network_choose(user, network) -> bool:
    coordinated, edited = coordinated_network_ids(user), edited_organisation_ids(user)
    if network is None:
        return bool(coordinated or edited)
    return network.id in coordinated or network.organisations.filter(id__in=edited).exists()


@scope_rule(NETWORK, "network.choose", default=True)
def _networks_chosen(user, queryset: QuerySet) -> QuerySet:
    through = queryset.model.organisations.through.objects
    return queryset.filter(
        Q(id__in=coordinated_network_ids(user))
        | Q(
            id__in=through.filter(organisation_id__in=edited_organisation_ids(user)).values(
                "network_id"
            )
        )
    )


# --- Organisations and locations ---------------------------------------------------------


def _organisations_of_networks(queryset: QuerySet, networks: set[int]) -> Q:
    through = queryset.model.networks.through.objects
    return Q(id__in=through.filter(network_id__in=networks).values("organisation_id"))


@rule("organisation.edit", "coordinator of one of its networks, or its partner editor")
def _organisation_edit(user, organisation) -> bool:
    coordinated, edited = coordinated_network_ids(user), edited_organisation_ids(user)
    if organisation is None:
        return bool(coordinated or edited)
    return organisation.id in edited or bool(coordinated & _networks_of(organisation))


@rule(
    "organisation.create",
    "coordinator of the network the new partner joins (a partner editor keeps their own)",
)
def _organisation_create(user, network) -> bool:
    return _any_or(coordinated_network_ids(user), network, lambda n: n.id)


@scope_rule(ORGANISATION, "organisation.edit", default=True)
def _organisations_edited(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        Q(id__in=edited_organisation_ids(user))
        | _organisations_of_networks(queryset, coordinated_network_ids(user))
    )


def _organisation_viewing(user) -> tuple[set[int], set[int]]:
    """(networks, organisations): `user` views an organisation that is one of the
    organisations (its partner editor) or belongs to one of the networks (coordinator
    or viewer)."""
    return viewed_network_ids(user), edited_organisation_ids(user)


@rule(
    "organisation.view",
    "coordinator or viewer of one of its networks, or its partner editor",
)
def _organisation_view(user, organisation) -> bool:
    viewed, edited = _organisation_viewing(user)
    if organisation is None:
        return bool(viewed or edited)
    return organisation.id in edited or bool(viewed & _networks_of(organisation))


@scope_rule(ORGANISATION, "organisation.view")
def _organisations_viewed(user, queryset: QuerySet) -> QuerySet:
    viewed, edited = _organisation_viewing(user)
    return queryset.filter(Q(id__in=edited) | _organisations_of_networks(queryset, viewed))


def organisation_viewing(user) -> tuple[set[int], set[int]] | None:
    """The scope of "organisation.view" as (network ids, organisation ids), for SQL:
    an organisation is viewed when it is one of the organisations or belongs to one of
    the networks. None: every organisation; (empty, empty): none."""
    viewing = scope_as_ids(user, "organisation.view", _organisation_viewing)
    return (set(), set()) if viewing == set() else viewing


@rule("location.edit", "coordinator of its network, or partner editor of its organisation")
def _location_edit(user, location) -> bool:
    coordinated, edited = coordinated_network_ids(user), edited_organisation_ids(user)
    if location is None:
        return bool(coordinated or edited)
    return location.network_id in coordinated or location.organisation_id in edited


@scope_rule("partners.Location", "location.edit", default=True)
def _locations_edited(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        Q(network_id__in=coordinated_network_ids(user))
        | Q(organisation_id__in=edited_organisation_ids(user))
    )


# --- Agreements --------------------------------------------------------------------------


def _agreement_viewing_network_ids(user) -> set[int]:
    """The networks whose agreements `user` reads: those they coordinate or view."""
    return viewed_network_ids(user)


@rule("agreement.view", "coordinator or viewer of its network")
def _agreement_view(user, agreement) -> bool:
    return _any_or(_agreement_viewing_network_ids(user), agreement, lambda a: a.network_id)


@scope_rule("partners.Agreement", "agreement.view", default=True)
def _agreements_viewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=_agreement_viewing_network_ids(user))


def agreement_viewing_network_ids(user) -> set[int] | None:
    """The scope of "agreement.view" as network ids, for SQL: an agreement is viewed when
    its network is one of them (see scope_as_ids)."""
    return scope_as_ids(user, "agreement.view", _agreement_viewing_network_ids)


@rule("agreement.manage", "coordinator of its network")
def _agreement_manage(user, agreement) -> bool:
    return _any_or(coordinated_network_ids(user), agreement, lambda a: a.network_id)


@scope_rule("partners.Agreement", "agreement.manage")
def _agreements_managed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))


# --- Roles (memberships) and the people who hold them ------------------------------------


@rule("membership.grant", "coordinator of one of the organisation's networks")
def _membership_grant(user, organisation) -> bool:
    coordinated = coordinated_network_ids(user)
    if organisation is None:
        return bool(coordinated)
    return bool(coordinated & _networks_of(organisation))


@scope_rule(ORGANISATION, "membership.grant")
def _organisations_granted(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(_organisations_of_networks(queryset, coordinated_network_ids(user)))


def _membership_managing_network_ids(user) -> set[int]:
    """The networks whose roles `user` manages (in the network or one of its
    organisations): those they coordinate."""
    return coordinated_network_ids(user)


@rule(
    "membership.manage",
    "coordinator of its network, or of one of its organisation's networks",
)
def _membership_manage(user, membership) -> bool:
    coordinated = _membership_managing_network_ids(user)
    if membership is None:
        return bool(coordinated)
    if membership.network_id in coordinated:
        return True
    return membership.organisation_id is not None and bool(
        coordinated & _networks_of(membership.organisation)
    )


def _memberships_in(queryset: QuerySet, networks: set[int]) -> QuerySet:
    through = queryset.model._meta.get_field("organisation").related_model.networks.through
    return queryset.filter(
        Q(network_id__in=networks)
        | Q(
            organisation_id__in=through.objects.filter(network_id__in=networks).values(
                "organisation_id"
            )
        )
    )


@scope_rule("partners.Membership", "membership.manage", default=True)
def _memberships_managed(user, queryset: QuerySet) -> QuerySet:
    return _memberships_in(queryset, _membership_managing_network_ids(user))


def membership_managing_network_ids(user) -> set[int] | None:
    """The scope of "membership.manage" as network ids, for SQL: a role is managed when
    it is held in one of the networks or in an organisation of one of them (_memberships_in;
    see scope_as_ids)."""
    return scope_as_ids(user, "membership.manage", _membership_managing_network_ids)


@rule(
    "user.choose",
    "coordinator of a network the person has a role in (directly or through an organisation)",
)
def _user_choose(user, person) -> bool:
    coordinated = coordinated_network_ids(user)
    if person is None:
        return bool(coordinated)
    return _memberships_in(person.memberships.all(), coordinated).exists()


@scope_rule(settings.AUTH_USER_MODEL, "user.choose", default=True)
def _users_chosen(user, queryset: QuerySet) -> QuerySet:
    from partners.models import Membership

    memberships = _memberships_in(Membership.objects.all(), coordinated_network_ids(user))
    return queryset.filter(id__in=memberships.values("user_id"))


# --- Groups (stuurgroep, werkgroepen) ----------------------------------------------------


@rule("group.view", "member of the group (in person or through an organisation), or coordinator")
def _group_view(user, group) -> bool:
    if group is None:
        return True
    if group.network_id in coordinated_network_ids(user):
        return True
    return (
        group.member_users.filter(pk=user.pk).exists()
        or group.member_organisations.filter(pk__in=member_organisation_ids(user)).exists()
    )


@scope_rule("partners.Group", "group.view")
def _groups_viewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        Q(network__in=coordinated_network_ids(user))
        | Q(member_users=user)
        | Q(member_organisations__in=member_organisation_ids(user))
    ).distinct()


@rule("group.manage", "coordinator of the group's network")
def _group_manage(user, group) -> bool:
    return _any_or(coordinated_network_ids(user), group, lambda g: g.network_id)


@scope_rule("partners.Group", "group.manage", default=True)
def _groups_managed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))
