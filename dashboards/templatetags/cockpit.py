from django import template

from huisvanhetkind import permissions

register = template.Library()


@register.filter
def coordinates_a_network(user) -> bool:
    """For the menu: only a network's coordinator has a cockpit (no extra query)."""
    return bool(permissions.coordinated_network_ids(user))
