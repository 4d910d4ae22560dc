"""Who may give, read and bundle signals, and run surveys.

Signals never hold a family's personal data; who gave one is only seen by the coordinator.
"""

from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    overview_network_ids,
    rule,
    scope_rule,
    working_network_ids,
)

NETWORK = "partners.Network"


def _network_id_of(obj) -> int:
    """A network, or an object of one (a signal, a theme): the network's id."""
    return obj.network_id if hasattr(obj, "network_id") else obj.id


@rule("signal.report", "any logged-in user, for a network they work in")
def _signal_report(user, network) -> bool:
    return True if network is None else network.id in working_network_ids(user)


@scope_rule(NETWORK, "signal.report")
def _networks_reported_for(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=working_network_ids(user))


@rule("signal.view", "coordinator of its network, or the person who gave it")
def _signal_view(user, signal) -> bool:
    coordinated = coordinated_network_ids(user)
    if signal is None:
        return True
    return signal.network_id in coordinated or signal.reporter_id == user.pk


@scope_rule("signalen.Signal", "signal.view")
def _signals_viewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(Q(network_id__in=coordinated_network_ids(user)) | Q(reporter=user))


@rule("signal.view_all", "coordinator of the network (every signal, with its text)")
def _signal_view_all(user, obj) -> bool:
    coordinated = coordinated_network_ids(user)
    return bool(coordinated) if obj is None else _network_id_of(obj) in coordinated


@scope_rule("signalen.Signal", "signal.view_all", default=True)
def _signals_all(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))


@scope_rule(NETWORK, "signal.view_all")
def _networks_coordinated(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=coordinated_network_ids(user))


@rule(
    "signal.overview",
    "coordinator or viewer of the network, or member of its stuurgroep",
)
def _signal_overview(user, obj) -> bool:
    networks = overview_network_ids(user)
    return bool(networks) if obj is None else _network_id_of(obj) in networks


@scope_rule(NETWORK, "signal.overview")
def _networks_overviewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=overview_network_ids(user))


@rule(
    "theme.manage",
    "coordinator of the theme's network (bundle, status, feedback, surveys)",
)
def _theme_manage(user, theme) -> bool:
    coordinated = coordinated_network_ids(user)
    return bool(coordinated) if theme is None else theme.network_id in coordinated


def _of_coordinated_networks(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))


# Themes and, by the same rule, surveys.
scope_rule("signalen.Theme", "theme.manage", default=True)(_of_coordinated_networks)
scope_rule("signalen.Survey", "theme.manage", default=True)(_of_coordinated_networks)
