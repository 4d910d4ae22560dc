"""System checks about the network's data: a family's question must reach a person.

Tagged `database`: Django runs it on `migrate` and `manage.py check --database default`
(a plain `check` never queries the database).
"""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def contact_point_has_reader(app_configs=None, databases=None, **kwargs) -> list:
    if not databases:
        return []
    from .selectors import networks_without_contact_point_reader

    try:
        networks = list(networks_without_contact_point_reader().values_list("slug", flat=True))
    except DatabaseError:  # before the first migrate: nothing to check yet
        return []
    return [
        checks.Warning(
            f"Network '{slug}': nobody can read the families' questions.",
            hint=(
                "Give the network an organiser (its contact point) with at least one active "
                "social worker; until then 'Stel je vraag' asks families to phone."
            ),
            obj=slug,
            id="partners.W001",
        )
        for slug in networks
    ]


@checks.register(checks.Tags.database)
def network_has_coordinator(app_configs=None, databases=None, **kwargs) -> list:
    if not databases:
        return []
    from .selectors import networks_without_coordinator

    try:
        networks = list(networks_without_coordinator().values_list("slug", flat=True))
    except DatabaseError:  # before the first migrate: nothing to check yet
        return []
    return [
        checks.Warning(
            f"Network '{slug}': nobody is coordinator, so families' signals and the network's "
            "alerts (referrals nobody opened, ending agreements, full days) reach nobody.",
            hint="Invite a coordinator for the network (Roles → Invite someone).",
            obj=slug,
            id="partners.W002",
        )
        for slug in networks
    ]
