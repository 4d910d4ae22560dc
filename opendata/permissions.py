"""Who may import offers and keep the UiTdatabank term table (registered into
huisvanhetkind.permissions)."""

from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    edited_organisation_ids,
    rule,
    scope_rule,
)


@rule(
    "offerimport.view",
    "partner editor of its organisation, or coordinator of its network (start and follow)",
)
def _offer_import_view(user, run) -> bool:
    coordinated, edited = coordinated_network_ids(user), edited_organisation_ids(user)
    if run is None:
        return bool(coordinated or edited)
    return run.organisation_id in edited or run.network_id in coordinated


@scope_rule("opendata.OfferImport", "offerimport.view", default=True)
def _offer_imports(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        Q(organisation_id__in=edited_organisation_ids(user))
        | Q(network_id__in=coordinated_network_ids(user))
    )


@rule("uitterm.edit", "any coordinator (the UiTdatabank terms serve every network)")
def _uit_term_edit(user, term) -> bool:
    return bool(coordinated_network_ids(user))


@scope_rule("opendata.UitTermMapping", "uitterm.edit", default=True)
def _uit_terms(user, queryset: QuerySet) -> QuerySet:
    return queryset if coordinated_network_ids(user) else queryset.none()
