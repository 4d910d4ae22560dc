"""Who may edit the network's rights (its coordinators) and run the check with a family at
the desk (social workers). The public check itself needs no login."""

from django.db.models import QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    rule,
    scope_rule,
    social_worker_organisation_ids,
)


def _network_id(obj) -> int:
    return obj.id if obj._meta.label == "partners.Network" else obj.network_id


@rule("right.manage", "coordinator of the network (rights: edit, review, publish)")
def _right_manage(user, obj) -> bool:
    coordinated = coordinated_network_ids(user)
    return bool(coordinated) if obj is None else _network_id(obj) in coordinated


@scope_rule("rechten.Right", "right.manage", default=True)
def _rights_managed(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(network_id__in=coordinated_network_ids(user))


@scope_rule("partners.Network", "right.manage")
def _networks_with_rights(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=coordinated_network_ids(user))


@rule("right.check_with_family", "social worker (the check at the desk, nothing stored)")
def _check_with_family(user, obj) -> bool:
    return bool(social_worker_organisation_ids(user))
