"""Who may do what: every rule of the portal, in one module.

Roles come from partners.Membership. A coordinator manages only their own
network(s); a partner editor only its own organisation and that
organisation's locations; nobody sees another network's non-public data.
Querysets a user sees are scoped here, and the permission-matrix test reads
ACTIONS below. "Not yours" is answered like "does not exist" (404).
"""

from django.db.models import Q, QuerySet

from partners.choices import Role

# Action -> who may do it. The matrix test walks this table.
ACTIONS = {
    "network.manage": "coordinator of the network",
    "network.view_internal": "coordinator or viewer of the network",
    "organisation.edit": "coordinator of one of its networks, or its partner editor",
    "location.edit": "coordinator of its network, or partner editor of its organisation",
    "agreement.view": "coordinator or viewer of its network",
    "agreement.manage": "coordinator of its network",
    "reference.edit": "superuser only (municipalities, types, school holidays)",
    "membership.grant": "coordinator of one of the organisation's networks",
    "group.view": "member of the group (in person or through an organisation), or coordinator",
    "group.manage": "coordinator of the group's network",
}


def _memberships(user) -> list[tuple[str, int | None, int | None]]:
    """The user's roles, loaded once per user object (one query per request)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_hvhk_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("role", "network_id", "organisation_id"))
        user._hvhk_memberships = cached
    return cached


def network_ids(user, *roles: str) -> set[int]:
    return {network for role, network, _org in _memberships(user) if network and role in roles}


def organisation_ids(user, *roles: str) -> set[int]:
    return {org for role, _network, org in _memberships(user) if org and role in roles}


def coordinated_network_ids(user) -> set[int]:
    return network_ids(user, Role.COORDINATOR)


def is_coordinator(user) -> bool:
    return user.is_superuser or bool(coordinated_network_ids(user))


def is_partner_editor(user) -> bool:
    return bool(organisation_ids(user, Role.PARTNER_EDITOR))


def can_use_admin(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and (
            user.is_superuser
            or is_coordinator(user)
            or is_partner_editor(user)
            or bool(network_ids(user, Role.VIEWER))
        )
    )


# --- Scoped querysets -------------------------------------------------------------


def networks_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    return queryset.filter(id__in=network_ids(user, Role.COORDINATOR, Role.VIEWER))


def organisations_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    networks = network_ids(user, Role.COORDINATOR, Role.VIEWER)
    own = organisation_ids(user, Role.PARTNER_EDITOR)
    return queryset.filter(Q(networks__in=networks) | Q(id__in=own)).distinct()


def locations_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    networks = network_ids(user, Role.COORDINATOR, Role.VIEWER)
    own = organisation_ids(user, Role.PARTNER_EDITOR)
    return queryset.filter(Q(network_id__in=networks) | Q(organisation_id__in=own))


def memberships_for_user(user, queryset: QuerySet) -> QuerySet:
    """Roles a coordinator manages: in their network, or in its organisations."""
    if user.is_superuser:
        return queryset
    networks = coordinated_network_ids(user)
    return queryset.filter(
        Q(network__in=networks) | Q(organisation__networks__in=networks)
    ).distinct()


def groups_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(
        Q(network__in=coordinated_network_ids(user))
        | Q(member_users=user)
        | Q(member_organisations__in={org for _r, _n, org in _memberships(user) if org})
    ).distinct()


def agreements_for_user(user, queryset: QuerySet) -> QuerySet:
    if user.is_superuser:
        return queryset
    return queryset.filter(network_id__in=network_ids(user, Role.COORDINATOR, Role.VIEWER))


# --- Object rules ------------------------------------------------------------------


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` on `obj`? obj None asks "on any object of this kind"."""
    if action not in ACTIONS:
        raise KeyError(f"Unknown action {action!r}: add it to ACTIONS.")
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    coordinated = coordinated_network_ids(user)
    viewing = network_ids(user, Role.COORDINATOR, Role.VIEWER)
    edited = organisation_ids(user, Role.PARTNER_EDITOR)
    if action == "reference.edit":
        return False
    if action == "network.manage":
        return bool(coordinated) if obj is None else obj.id in coordinated
    if action == "network.view_internal":
        return bool(viewing) if obj is None else obj.id in viewing
    if action == "organisation.edit":
        if obj is None:
            return bool(coordinated or edited)
        if obj.id in edited:
            return True
        return bool(coordinated & {n.id for n in obj.networks.all()})
    if action == "location.edit":
        if obj is None:
            return bool(coordinated or edited)
        return obj.network_id in coordinated or obj.organisation_id in edited
    if action == "agreement.view":
        return bool(viewing) if obj is None else obj.network_id in viewing
    if action == "agreement.manage":
        return bool(coordinated) if obj is None else obj.network_id in coordinated
    if action == "membership.grant":
        if obj is None:
            return bool(coordinated)
        return bool(coordinated & {n.id for n in obj.networks.all()})
    if action == "group.manage":
        return bool(coordinated) if obj is None else obj.network_id in coordinated
    if action == "group.view":
        if obj is None:
            return True
        return obj.network_id in coordinated or _is_group_member(user, obj)
    return False


def _is_group_member(user, group) -> bool:
    organisations = {org for _role, _network, org in _memberships(user) if org}
    return (
        group.member_users.filter(pk=user.pk).exists()
        or group.member_organisations.filter(pk__in=organisations).exists()
    )
