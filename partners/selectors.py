"""Reads of the network for pages and users. Views never query models directly."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404

from .models import Location, Network, Organisation, SchoolHoliday, Zitdag


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
