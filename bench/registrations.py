"""Registration and the monthly subscription mail at Flanders scale (issue 16).

    DATABASE_URL=postgres://…/hvhk_bench_inschrijving python -m bench.registrations \
        --subscribers 100000 --lists 20000

Builds (once) a catalogue of networks, municipalities and offers, registration lists with
ten registrations each, and the subscribers; then measures

- registering: queries in the transaction and wall time per registration, on a full-size
  table (the last seat path: lock, count, insert, outbox);
- the monthly mail run for every subscriber (mail backend: dummy, so the figure is ours,
  not the SMTP server's), and a rerun of the same month (must send nothing).

Results are printed; bench/README.md keeps the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
import uuid


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisvanhetkind.settings.base")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--lists", type=int, default=20_000)
    parser.add_argument("--registrations", type=int, default=200)
    args = parser.parse_args()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    call_command("migrate", verbosity=0)
    _build(args)
    _measure_registering(args)
    _measure_monthly()


def _build(args) -> None:
    from django.db.backends.postgresql.psycopg_any import NumericRange
    from django.utils import timezone

    from aanbod.models import Occurrence, Offer
    from inschrijving.models import (
        Registration,
        RegistrationList,
        Subscription,
        SubscriptionChild,
    )
    from partners.models import Municipality, Network, Organisation, OrganisationType

    if Subscription.objects.count() >= args.subscribers:
        return
    started = time.perf_counter()
    now = timezone.now()
    municipalities = Municipality.objects.bulk_create(
        Municipality(nis_code=f"9{n:04d}", name=f"Gemeente {n}") for n in range(285)
    )
    networks = []
    for n in range(227):
        network = Network.objects.create(name=f"Huis van het Kind {n}", slug=f"bench-hvhk-{n}")
        network.municipalities.add(municipalities[n], municipalities[(n + 58) % 285])
        networks.append(network)
    kind, _created = OrganisationType.objects.get_or_create(name="Bench partner")
    organisations = [
        Organisation.objects.create(name=f"Partner {n}", slug=f"bench-partner-{n}", type=kind)
        for n in range(227)
    ]
    offers = []
    for n in range(227 * 30):
        low = (n * 7) % 200 - 9
        offers.append(
            Offer(
                organisation=organisations[n % 227],
                title=f"Activiteit {n}",
                slug=f"bench-activiteit-{n}",
                summary="Samen spelen.",
                access_type="registration",
                status="published",
                published_at=now - dt.timedelta(days=n % 90),
                age_months=NumericRange(low, low + 36),
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=2000)
    Offer.networks.through.objects.bulk_create(
        Offer.networks.through(offer_id=offer.id, network_id=networks[i % 227].id)
        for i, offer in enumerate(offers)
    )
    occurrences = Occurrence.objects.bulk_create(
        (
            Occurrence(
                offer=offers[i % len(offers)],
                starts_at=now + dt.timedelta(days=1 + i % 60, hours=i % 8),
                ends_at=now + dt.timedelta(days=1 + i % 60, hours=i % 8 + 2),
            )
            for i in range(args.lists)
        ),
        batch_size=5000,
    )
    lists = RegistrationList.objects.bulk_create(
        (RegistrationList(offer_id=o.offer_id, occurrence=o, capacity=12) for o in occurrences),
        batch_size=5000,
    )
    Registration.objects.bulk_create(
        (
            Registration(
                registration_list=registration_list,
                reference=f"B{i:07d}"[-8:],
                status="registered",
                name="Ouder",
                email=f"ouder{i}@example.be",
                contact_key=f"ouder{i}@example.be",
                children=1,
                children_0_3=1,
            )
            for i, registration_list in enumerate(
                registration_list for registration_list in lists for _n in range(10)
            )
        ),
        batch_size=10_000,
    )
    subscriptions = Subscription.objects.bulk_create(
        (
            Subscription(
                public_id=uuid.uuid4(),
                email=f"abonnee{n}@example.be",
                language=("nl", "nl", "fr", "en", "ar", "tr", "uk")[n % 7],
                municipality=municipalities[n % 285],
                confirmed_at=now,
            )
            for n in range(args.subscribers)
        ),
        batch_size=10_000,
    )
    today = timezone.localdate().replace(day=1)
    SubscriptionChild.objects.bulk_create(
        (
            SubscriptionChild(
                subscription=subscription,
                birth_month=(today - dt.timedelta(days=30 * ((n * 13 + k * 40) % 216))).replace(
                    day=1
                ),
            )
            for n, subscription in enumerate(subscriptions)
            for k in range(1 + n % 2)
        ),
        batch_size=10_000,
    )
    print(f"built in {time.perf_counter() - started:.0f} s")


def _measure_registering(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inschrijving import services
    from inschrijving.models import Registration, RegistrationList

    lists = list(
        RegistrationList.objects.order_by("?").values_list("id", flat=True)[: args.registrations]
    )
    timings, counts = [], []
    for list_id in lists:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            services.registration_create(
                registration_list_id=list_id,
                name="Bench",
                email=f"bench-{uuid.uuid4().hex[:10]}@example.be",
                children_by_band={"0-3": 1},
            )
        timings.append((time.perf_counter() - started) * 1000)
        statements = [q["sql"] for q in queries.captured_queries]
        # Between BEGIN and COMMIT: the transaction; after it, the outbox's hand-over.
        if "BEGIN" in statements:
            statements = statements[statements.index("BEGIN") + 1 : statements.index("COMMIT")]
        counts.append(len(statements))
    print(
        f"registering: {Registration.objects.count():,} registrations in "
        f"{RegistrationList.objects.count():,} lists; queries in the transaction "
        f"max {max(counts)} (+1 UPDATE of the outbox after the commit); "
        f"p50 {statistics.median(timings):.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms"
    )


def _measure_monthly() -> None:
    from django.utils import timezone

    from inschrijving.models import Subscription
    from inschrijving.subscriptions import subscriptions_monthly_send

    month = timezone.localdate().replace(day=1)
    Subscription.objects.update(last_mailed_month=None)
    started = time.perf_counter()
    sent = subscriptions_monthly_send(month=month)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = subscriptions_monthly_send(month=month)
    rerun = time.perf_counter() - started
    total = Subscription.objects.count()
    print(
        f"monthly mail: {total:,} subscribers, {sent:,} mails in {first:.0f} s "
        f"({total / first:.0f} subscribers/s); rerun of the month: {again} mails in {rerun:.1f} s"
    )


if __name__ == "__main__":
    main()
