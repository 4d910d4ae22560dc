"""Reads of the network for pages and users. Views never query models directly."""

from django.conf import settings
from django.http import Http404

from .models import Network


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
