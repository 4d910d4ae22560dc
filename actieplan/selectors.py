"""Every read of the action plan for a user: "not yours" and "does not exist" are one 404."""

from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from huisvanhetkind import permissions
from partners.models import Network, Organisation
from signalen.models import Theme

from .choices import ACTIVE_BUILD_STATUSES, PackKind
from .models import Action, ActionPlan, EvidencePack, Goal


def plan_list_for_user(*, user) -> QuerySet[ActionPlan]:
    """Plans of the networks the user coordinates or whose stuurgroep they sit in."""
    return (
        permissions.scope(user, ActionPlan, "plan.view")
        .select_related("network")
        .annotate(goal_count=Count("goals", distinct=True))
        .order_by("network__name", "-year")
    )


def plan_get_for_user(*, user, pk: int) -> ActionPlan:
    plan = (
        permissions.scope(user, ActionPlan.objects.select_related("network"), "plan.view")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_goals(*, plan: ActionPlan) -> list[Goal]:
    """The plan's goals with their actions, partners and themes (four queries)."""
    return list(
        plan.goals.prefetch_related(
            Prefetch("actions", queryset=Action.objects.prefetch_related("partners")),
            Prefetch("themes", queryset=Theme.objects.order_by("title")),
        )
    )


def plan_budget(*, goals: list[Goal]) -> dict[str, Decimal]:
    """Planned and spent over all actions of the plan (from the prefetched goals: no query)."""
    actions = [action for goal in goals for action in goal.actions.all()]
    return {
        "planned": sum((action.budget for action in actions), Decimal(0)),
        "spent": sum((action.spent for action in actions), Decimal(0)),
    }


def goal_get_for_user(*, user, pk: int) -> Goal:
    goal = Goal.objects.select_related("plan__network").filter(pk=pk).first()
    if goal is None or not permissions.can(user, "plan.view", goal.plan):
        raise Http404
    return goal


def action_get_for_user(*, user, pk: int) -> Action:
    action = Action.objects.select_related("goal__plan__network").filter(pk=pk).first()
    if action is None or not permissions.can(user, "plan.view", action.goal.plan):
        raise Http404
    return action


def pack_get_for_user(*, user, pk: int) -> EvidencePack:
    pack = (
        permissions.scope(user, EvidencePack.objects.select_related("network"), "plan.view")
        .filter(pk=pk)
        .first()
    )
    if pack is None:
        raise Http404
    return pack


def plan_packs(*, plan: ActionPlan) -> dict[str, dict[str, EvidencePack | None]]:
    """Per kind: the current pack and the build under way (if any), for the plan's year."""
    packs = EvidencePack.objects.filter(network=plan.network_id, year=plan.year).only(
        "id",
        "kind",
        "status",
        "progress",
        "is_current",
        "built_at",
        "requested_at",
        "error",
        "network_id",
        "year",
    )
    result: dict[str, dict[str, EvidencePack | None]] = {
        kind: {"current": None, "active": None, "failed": None} for kind in PackKind.values
    }
    for pack in packs.order_by("requested_at"):
        slot = result[pack.kind]
        if pack.is_current:
            slot["current"] = pack
        elif pack.status in ACTIVE_BUILD_STATUSES:
            slot["active"] = pack
        else:
            slot["failed"] = pack
    return result


def networks_to_plan_for(*, user) -> QuerySet[Network]:
    """Networks the user may write a plan for."""
    return permissions.scope(user, Network.objects.order_by("name"), "plan.manage")


def themes_of(*, network_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(network_id=network_id).order_by("title")


def partners_of(*, network_id: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(networks=network_id).order_by("name")


def plans_of_pack(*, pack: EvidencePack) -> ActionPlan | None:
    """The plan a pack belongs with (same network and year), if it was written yet."""
    return ActionPlan.objects.filter(network=pack.network_id, year=pack.year).first()
