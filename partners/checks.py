"""System checks about the network's data: a family's question must reach a person.

Tagged `database`: Django runs it on `migrate` and `manage.py check --database default`
(a plain `check` never queries the database).
"""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def contact_point_has_reader(app_configs=None, databases=None, **kwargs) -> list:
    from .selectors import networks_without_contact_point_reader

    return _each_network(
        databases,
        networks_without_contact_point_reader,
        message="Network '{slug}': nobody can read the families' questions.",
        hint=(
            "Give the network an organiser (its contact point) with at least one active "
            "social worker; until then 'Stel je vraag' asks families to phone."
        ),
        id="partners.W001",
    )


@checks.register(checks.Tags.database)
def network_has_coordinator(app_configs=None, databases=None, **kwargs) -> list:
    from .selectors import networks_without_coordinator

    return _each_network(
        databases,
        networks_without_coordinator,
        message=(
            "Network '{slug}': nobody is coordinator, so families' signals and the network's "
            "alerts (referrals nobody opened, ending agreements, full days) reach nobody."
        ),
        hint="Invite a coordinator for the network (Roles → Invite someone).",
        id="partners.W002",
    )


def _each_network(databases, networks, *, message: str, hint: str, id: str) -> list:
    """One warning per network `networks()` selects; nothing without a database to ask."""
    if not databases:
        return []
    try:
        slugs = list(networks().values_list("slug", flat=True))
    except DatabaseError:  # before the first migrate: nothing to check yet
        return []
    return [checks.Warning(message.format(slug=slug), hint=hint, obj=slug, id=id) for slug in slugs]
