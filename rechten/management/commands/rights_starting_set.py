from django.core.management.base import BaseCommand, CommandError

from partners.models import Network
from rechten.starting_set import rights_starting_set_load


class Command(BaseCommand):
    help = (
        "Add the starting set of rights (Groeipakket, schooltoeslag, …) to a network, "
        "published and marked 'to be checked by the network'. Rights it has stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("network", nargs="*", help="Network slugs (default: every network).")

    def handle(self, *args, network, **options):
        networks = Network.objects.order_by("slug")
        if network:
            networks = networks.filter(slug__in=network)
            missing = set(network) - set(networks.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown network: {', '.join(sorted(missing))}")
        for each in networks:
            added = rights_starting_set_load(network=each)
            self.stdout.write(f"{each.slug}: {added} rights added (to be checked by the network)")
