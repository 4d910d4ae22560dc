"""Who may do what: every rule of the portal, in one module.

Roles come from partners.Membership. A coordinator manages only their own
network(s); a partner editor only its own organisation and that
organisation's locations; nobody sees another network's non-public data.
Querysets a user sees are scoped here, and the permission-matrix test reads
ACTIONS below. "Not yours" is answered like "does not exist" (404). The rules
for offers live beside the catalogue in aanbod/permissions.py and are
re-exported at the bottom of this module.
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
    # Referrals are under professional secrecy: need-to-know only. Neither the
    # coordinator role nor a superuser opens them; only social workers of the
    # two organisations involved.
    "referral.send": "social worker of the referring organisation",
    "referral.read": "social worker of the referring or the receiving organisation",
    "referral.handle": "social worker of the receiving organisation",
    "referral.follow_up": "social worker of the referring organisation",
    "referral.figures": "coordinator of a network (figures only, never a referral)",
    "intake.handle": "social worker of the network's contact point organisation",
    # Signals never hold a family's personal data; who gave one is only seen by the coordinator.
    "signal.report": "any logged-in user, for a network they work in",
    "signal.view_all": "coordinator of the network (every signal, with its text)",
    "signal.overview": "coordinator or viewer of the network, or member of its stuurgroep",
    "theme.manage": "coordinator of the theme's network (bundle, status, feedback, surveys)",
    # The action plan belongs to the steering group; the coordinator writes it.
    "plan.view": "coordinator of the network, or member of its stuurgroep (person or organisation)",
    "plan.manage": "coordinator of the network (plans, goals, actions, results, evidence builds)",
}
REFERRAL_ACTIONS = {
    "referral.send",
    "referral.read",
    "referral.handle",
    "referral.follow_up",
    "intake.handle",
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


def steering_network_ids(user) -> set[int]:
    """Networks whose stuurgroep the user sits in, in person or through an organisation."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_hvhk_steering_networks", None)
    if cached is None:
        from partners.choices import GroupKind
        from partners.models import Group

        organisations = {org for _role, _network, org in _memberships(user) if org}
        cached = set(
            Group.objects.filter(kind=GroupKind.STEERING)
            .filter(Q(member_users=user) | Q(member_organisations__in=organisations))
            .values_list("network_id", flat=True)
        )
        user._hvhk_steering_networks = cached
    return cached


def plan_network_ids(user) -> set[int]:
    """Networks whose action plans and evidence packs the user may read ("plan.view")."""
    return coordinated_network_ids(user) | steering_network_ids(user)


def plans_for_user(user, queryset: QuerySet) -> QuerySet:
    """Action plans, or anything else with a `network` (evidence packs), the user may read."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(network_id__in=plan_network_ids(user))


def _plan_network_id(obj) -> int:
    """A network, plan or pack answers for itself; a goal through its plan, an action its goal."""
    from partners.models import Network

    if isinstance(obj, Network):
        return obj.id
    if hasattr(obj, "network_id"):
        return obj.network_id
    if hasattr(obj, "plan"):
        return obj.plan.network_id
    return obj.goal.plan.network_id


# --- Object rules ------------------------------------------------------------------


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` on `obj`? obj None asks "on any object of this kind"."""
    if action not in ACTIONS:
        raise KeyError(f"Unknown action {action!r}: add it to ACTIONS.")
    if not user.is_authenticated or not user.is_active:
        return False
    if action in REFERRAL_ACTIONS:
        return _can_referral(user, action, obj)
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
    if action == "referral.figures":
        return bool(coordinated) if obj is None else obj.id in coordinated
    if action == "plan.manage":
        return bool(coordinated) if obj is None else _plan_network_id(obj) in coordinated
    if action == "plan.view":
        if obj is None:  # the menu asks on every page: coordinators need no extra query
            return bool(coordinated) or bool(steering_network_ids(user))
        return _plan_network_id(obj) in plan_network_ids(user)
    if action == "group.view":
        if obj is None:
            return True
        return obj.network_id in coordinated or _is_group_member(user, obj)
    if action == "signal.report":
        return True if obj is None else obj.id in working_network_ids(user)
    if action == "signal.view_all":
        return bool(coordinated) if obj is None else _network_id_of(obj) in coordinated
    if action == "signal.overview":
        if obj is None:
            return bool(overview_network_ids(user))
        return _network_id_of(obj) in overview_network_ids(user)
    if action == "theme.manage":
        return bool(coordinated) if obj is None else obj.network_id in coordinated
    return False


def working_network_ids(user) -> set[int]:
    """Networks the user has a role in, directly or through an organisation (one query, cached)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_hvhk_working_networks", None)
    if cached is None:
        from partners.models import Network

        memberships = _memberships(user)
        cached = set(
            Network.objects.filter(
                Q(id__in={network for _r, network, _o in memberships if network})
                | Q(organisations__in={org for _r, _n, org in memberships if org})
            ).values_list("id", flat=True)
        )
        user._hvhk_working_networks = cached
    return cached


def _network_id_of(obj) -> int:
    """A network, or an object of one (a signal, a theme): the network's id."""
    return obj.network_id if hasattr(obj, "network_id") else obj.id


def overview_network_ids(user) -> set[int]:
    """Networks whose signal figures the user may read (see "signal.overview")."""
    return network_ids(user, Role.COORDINATOR, Role.VIEWER) | steering_network_ids(user)


def signals_for_user(user, queryset: QuerySet) -> QuerySet:
    """Every signal of the networks the user coordinates, and the user's own signals."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(Q(network_id__in=coordinated_network_ids(user)) | Q(reporter=user))


def themes_for_user(user, queryset: QuerySet) -> QuerySet:
    """Themes (and, by the same rule, surveys) of the networks the user coordinates."""
    if user.is_superuser:
        return queryset
    return queryset.filter(network_id__in=coordinated_network_ids(user))


def social_worker_organisation_ids(user) -> set[int]:
    return organisation_ids(user, Role.SOCIAL_WORKER)


def referrals_for_user(user, queryset: QuerySet) -> QuerySet:
    """Referrals the user may read: sent or received by an organisation they handle them for."""
    organisations = social_worker_organisation_ids(user) if user.is_authenticated else set()
    return queryset.filter(
        Q(referring_organisation__in=organisations) | Q(receiving_organisation__in=organisations)
    )


def intake_requests_for_user(user, queryset: QuerySet) -> QuerySet:
    """Families' own questions land at the network's contact point (its organiser)."""
    organisations = social_worker_organisation_ids(user) if user.is_authenticated else set()
    return queryset.filter(network__organiser__in=organisations)


def _can_referral(user, action: str, obj) -> bool:
    organisations = social_worker_organisation_ids(user)
    if action == "referral.send":
        return bool(organisations) if obj is None else obj.id in organisations
    if action == "intake.handle":
        return bool(organisations) if obj is None else obj.network.organiser_id in organisations
    if obj is None:
        return bool(organisations)
    receiving = obj.receiving_organisation_id in organisations
    referring = obj.referring_organisation_id in organisations
    if action == "referral.read":
        return receiving or referring
    if action == "referral.handle":
        return receiving
    if action == "referral.follow_up":
        return referring
    return False


def _is_group_member(user, group) -> bool:
    organisations = {org for _role, _network, org in _memberships(user) if org}
    return (
        group.member_users.filter(pk=user.pk).exists()
        or group.member_organisations.filter(pk__in=organisations).exists()
    )


# Offer rules live beside the catalogue (aanbod/permissions.py, which builds on this
# module); re-exported lazily so that either module can be imported first.
_OFFER_EXPORTS = {
    "OFFER_ACTIONS": "ACTIONS",
    "can_offer": "can",
    "offers_for_user": "offers_for_user",
}


def __getattr__(name: str):
    if name in _OFFER_EXPORTS:
        from aanbod import permissions as offer_permissions

        return getattr(offer_permissions, _OFFER_EXPORTS[name])
    raise AttributeError(name)
