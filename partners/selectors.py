"""Reads of the network for pages and users. Views never query models directly."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404

from huisvanhetkind import permissions

from .choices import AgreementStatus
from .invitations import invitations_open
from .models import (
    Agreement,
    Group,
    Location,
    Meeting,
    Network,
    Organisation,
    SchoolHoliday,
    Zitdag,
)


def network_default() -> Network | None:
    """The network the installation's home page speaks for."""
    networks = Network.objects.order_by("id")
    slug = getattr(settings, "DEFAULT_NETWORK_SLUG", "")
    if slug:
        return networks.filter(slug=slug).first()
    return networks.first()


def network_get_public(*, slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404
    return network


def organisation_directory(*, network: Network) -> list:
    """Partners of a network with their types and locations, in a fixed number of queries."""
    return list(
        Organisation.objects.filter(networks=network)
        .select_related("type")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.filter(network=network).only(
                    "id", "name", "slug", "city", "organisation_id"
                ),
            )
        )
        .order_by("name")
    )


def location_get_public(*, slug: str):
    """A location with everything its public page shows, in a fixed number of queries."""
    location = (
        Location.objects.select_related("organisation", "network", "deelgemeente")
        .prefetch_related(
            "opening_periods",
            "closed_days",
            Prefetch("zitdagen", queryset=Zitdag.objects.select_related("organisation")),
        )
        .filter(slug=slug)
        .first()
    )
    if location is None:
        raise Http404
    return location


def school_holidays_between(start, end) -> list:
    return list(SchoolHoliday.objects.filter(start__lte=end, end__gte=start))


# How far ahead the coordinator's start page looks for ending agreements.
START_PAGE_AGREEMENT_DAYS = 90


def coordinator_start_page(*, user, today) -> dict:
    """What needs the coordinator now: ending agreements, open invitations, missing contacts,
    and offers to review, stale or losing their funding."""
    agreements = (
        permissions.agreements_for_user(user, Agreement.objects.all())
        .filter(
            status=AgreementStatus.ACTIVE,
            end__gte=today,
            end__lte=today + dt.timedelta(days=START_PAGE_AGREEMENT_DAYS),
        )
        .select_related("network")
        .order_by("end")
    )
    without_contact = permissions.organisations_for_user(
        user, Organisation.objects.filter(contact_name="")
    ).order_by("name")
    # Offers to review, not confirmed for six months, funding ending: the catalogue knows.
    from aanbod.selectors import coordinator_offer_attention

    return {
        "agreements_ending": list(agreements[:20]),
        "invitations_open": list(invitations_open(actor=user).order_by("created_at")[:20]),
        "partners_without_contact": list(without_contact[:20]),
        **coordinator_offer_attention(user=user, today=today),
    }


def group_list_for_user(*, user) -> list:
    return list(
        permissions.groups_for_user(user, Group.objects.select_related("network")).order_by(
            "network__name", "kind", "name"
        )
    )


def group_get_for_user(*, user, pk: int, decision_query: str = ""):
    """A group with its meetings; 404 when it does not exist or the user is not part of it."""
    meetings = Meeting.objects.order_by("-date")
    if decision_query:
        meetings = meetings.filter(decisions__icontains=decision_query)
    group = (
        permissions.groups_for_user(user, Group.objects.select_related("network"))
        .prefetch_related(Prefetch("meetings", queryset=meetings), "member_organisations")
        .filter(pk=pk)
        .first()
    )
    if group is None:
        raise Http404
    return group
