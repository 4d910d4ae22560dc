"""Demo: the starting set of rights in the demo network (after aanbod.demo, for the offers)."""

from partners.models import Network

from .starting_set import rights_starting_set_load


def load() -> list:
    for network in Network.objects.filter(slug="scheldevallei"):
        rights_starting_set_load(network=network)
    return []
