"""Who may read and handle referrals and families' questions; figures for coordinators.

Referrals are under professional secrecy: need-to-know only. Neither the coordinator role
nor a superuser opens them (personal_data=True); only social workers of the two
organisations involved, and for a family's own question the network's contact point.
"""

from django.db.models import Q, QuerySet

from huisvanhetkind.permissions import (
    coordinated_network_ids,
    rule,
    scope_rule,
    social_worker_organisation_ids,
)

REFERRAL = "doorverwijzing.Referral"


@rule("referral.send", "social worker of the referring organisation", personal_data=True)
def _referral_send(user, organisation) -> bool:
    organisations = social_worker_organisation_ids(user)
    return bool(organisations) if organisation is None else organisation.id in organisations


@scope_rule("partners.Organisation", "referral.send")
def _organisations_referring(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=social_worker_organisation_ids(user))


def _referral_rule(action: str, who: str, *, receiving: bool, referring: bool) -> None:
    @rule(action, who, personal_data=True)
    def check(user, referral) -> bool:
        organisations = social_worker_organisation_ids(user)
        if referral is None:
            return bool(organisations)
        return (receiving and referral.receiving_organisation_id in organisations) or (
            referring and referral.referring_organisation_id in organisations
        )

    @scope_rule(REFERRAL, action, default=action == "referral.read")
    def narrow(user, queryset: QuerySet) -> QuerySet:
        organisations = social_worker_organisation_ids(user)
        if receiving and referring:
            return queryset.filter(
                Q(referring_organisation__in=organisations)
                | Q(receiving_organisation__in=organisations)
            )
        field = "receiving_organisation" if receiving else "referring_organisation"
        return queryset.filter(**{f"{field}__in": organisations})


_referral_rule(
    "referral.read",
    "social worker of the referring or the receiving organisation",
    receiving=True,
    referring=True,
)
_referral_rule(
    "referral.handle",
    "social worker of the receiving organisation",
    receiving=True,
    referring=False,
)
_referral_rule(
    "referral.follow_up",
    "social worker of the referring organisation",
    receiving=False,
    referring=True,
)


@rule(
    "intake.handle",
    "social worker of the network's contact point organisation",
    personal_data=True,
)
def _intake_handle(user, intake) -> bool:
    organisations = social_worker_organisation_ids(user)
    return bool(organisations) if intake is None else intake.network.organiser_id in organisations


@scope_rule("doorverwijzing.IntakeRequest", "intake.handle", default=True)
def _intakes_handled(user, queryset: QuerySet) -> QuerySet:
    # Families' own questions land at the network's contact point (its organiser).
    return queryset.filter(network__organiser__in=social_worker_organisation_ids(user))


@rule("referral.figures", "coordinator of a network (figures only, never a referral)")
def _referral_figures(user, network) -> bool:
    coordinated = coordinated_network_ids(user)
    return bool(coordinated) if network is None else network.id in coordinated


@scope_rule("partners.Network", "referral.figures")
def _networks_counted(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(id__in=coordinated_network_ids(user))
