from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create synthetic benchmark data (bench/data.py): a city network or all of Flanders."

    def add_arguments(self, parser):
        from bench.data import SCALES

        parser.add_argument("--scale", choices=sorted(SCALES), default="city")
        parser.add_argument("--reset", action="store_true", help="Remove bench data first.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--force", action="store_true", help="Also run when DEBUG is off (never in production)."
        )

    def handle(self, *args, scale: str, reset: bool, seed: int, quiet: bool, force: bool, **opts):
        from bench.data import bench_data_build, bench_data_reset, bench_scale_loaded

        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: bench data is for local use. Add --force to insist.")
        loaded = bench_scale_loaded()
        if loaded and not reset:
            if loaded == scale:
                self.stdout.write(
                    f"Bench data of scale {scale} is already there (--reset rebuilds)."
                )
                return
            raise CommandError(f"Bench data of scale {loaded} is here; add --reset to replace it.")
        if reset and loaded:
            bench_data_reset(verbose=not quiet)
        report = bench_data_build(scale, seed=seed, verbose=not quiet)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench data {report['scale']}: {report['offers']:,} offers in "
                f"{report['networks']} network(s), {report['seconds']} s. {report['signals']}."
            )
        )
