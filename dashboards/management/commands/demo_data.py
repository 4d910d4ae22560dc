from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app adds its own fictional data, in this order (later ones use earlier ones). The
# command lives in dashboards, the layer above every app that it names.
DEMO_MODULES = [
    "partners.demo",
    "aanbod.demo",
    "doorverwijzing.demo",
    "signalen.demo",
    "actieplan.demo",
    "rechten.demo",
    "inschrijving.demo",
]


class Command(BaseCommand):
    help = "Create or refresh a fictional Huis van het Kind network with one user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Also run when DEBUG is off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: demo data is for local use. Add --force to insist.")
        logins: list[tuple[str, str, str]] = []
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                logins += import_module(module_name).load() or []
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Logins:"))
        for role, email, password in logins:
            self.stdout.write(f"  {role:<28} {email:<40} {password}")
