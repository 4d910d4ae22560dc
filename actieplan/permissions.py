"""Who may read and write the action plan: it belongs to the stuurgroep, the coordinator
writes it. Evidence packs follow their network's plan rules."""

from django.db.models import QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    plan_network_ids,
    rule,
    scope_rule,
    steering_network_ids,
)


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


@rule(
    "plan.view",
    "coordinator of the network, or member of its stuurgroep (person or organisation)",
)
def _plan_view(user, obj) -> bool:
    if obj is None:  # the menu asks on every page: coordinators need no extra query
        return bool(coordinated_network_ids(user)) or bool(steering_network_ids(user))
    return _plan_network_id(obj) in plan_network_ids(user)


@rule(
    "plan.manage",
    "coordinator of the network (plans, goals, actions, results, evidence builds)",
)
def _plan_manage(user, obj) -> bool:
    coordinated = coordinated_network_ids(user)
    return bool(coordinated) if obj is None else _plan_network_id(obj) in coordinated


def _plans_viewed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=plan_network_ids(user))


def _plans_managed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))


def _networks_planned(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=coordinated_network_ids(user))


for _model in ("actieplan.ActionPlan", "actieplan.EvidencePack"):
    scope_rule(_model, "plan.view", default=True)(_plans_viewed)
    scope_rule(_model, "plan.manage")(_plans_managed)
scope_rule("partners.Network", "plan.manage")(_networks_planned)
