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
