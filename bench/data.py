"""Synthetic data for the benchmark: a city (or ten), or all of Flanders, in minutes.

Rows are written with COPY (psycopg `cursor.copy()`); ids of rows other rows point at are
reserved from their sequence first, so no round trip per row. Texts come from the demo
catalogue (aanbod.demo) varied with bench.vocabulary, so full-text search meets real words.
The search columns are then written by aanbod.search.index.reindex_offers itself (in chunks)
and the vocabulary by vocabulary_rebuild: bench offers are indexed exactly as saved offers are.

Everything the benchmark creates is marked, so `--reset` removes it and nothing else:
slugs start with "bench-", e-mail addresses end in @bench.huisvanhetkind.test, NIS codes
start with "B" and referral references with "RB".
"""

# ruff: noqa: S608  (SQL below is built from this module's constants only)

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.backends.postgresql.psycopg_any import NumericRange
from django.utils import timezone

from aanbod.catalogue_version import catalogue_changed
from aanbod.choices import AccessType, Availability, Cost, OfferStatus, TargetGroup
from aanbod.models import Occurrence, Offer, RecurringSchedule, Synonym
from aanbod.search.index import reindex_offers
from aanbod.search.vocabulary import vocabulary_rebuild
from doorverwijzing.choices import (
    FINISHED_STATUSES,
    ConsentMethod,
    ContactPreference,
    DeclineReason,
    EventKind,
    FirstContactResult,
    Outcome,
    ReferralStatus,
)
from doorverwijzing.models import Consent, Referral, Reminder, TimelineEntry
from partners.choices import Role
from partners.models import (
    Agreement,
    Deelgemeente,
    Location,
    Membership,
    Municipality,
    Network,
    Organisation,
    OrganisationType,
    SchoolHoliday,
)
from partners.opening_hours import BRUSSELS
from partners.selectors import network_default_forget, school_holidays_forget

from . import vocabulary as words

SLUG_PREFIX = "bench-"
EMAIL_DOMAIN = "bench.huisvanhetkind.test"
NIS_PREFIX = "B"
PUBLIC_ID_PREFIX = "RB"
BENCH_PASSWORD = "bench-wachtwoord"  # noqa: S105 - synthetic accounts in a bench database
# The people the benchmark logs in as: a social worker of the busiest receiving
# organisation (with TOTP) and the coordinator of the biggest network.
BUSY_WORKER_EMAIL = f"maatschappelijkwerker@{EMAIL_DOMAIN}"
COORDINATOR_EMAIL = f"coordinator@{EMAIL_DOMAIN}"
BUSY_ORGANISATION_SHARE = 0.2
# The purge runs daily; the data is as if it had not run for this many days.
PURGE_BACKLOG_DAYS = 30
REINDEX_CHUNK = 1000


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    networks: int
    big_networks: tuple[int, ...]  # offers of the few big city networks (the first networks)
    offers: int
    organisations: int
    staff: int
    occurrences_per_year: int  # dated activities: one year ahead, `years_back` back
    referrals_per_year: int  # over `years_back` + 1 years
    signals: int
    years_back: int = 4


SCALES = {
    "tiny": Scale("tiny", 2, 1, (), 40, 8, 24, 60, 40, 20),
    "city": Scale("city", 1, 1, (), 1_500, 150, 600, 15_000, 5_000, 3_000),
    # Ten times the city (issue 14: the staff pages with 10 × today's data); one network,
    # so its CKG's inbox and its coordinator's start page carry ten times the rows.
    "city10": Scale("city10", 1, 1, (), 15_000, 1_500, 6_000, 150_000, 50_000, 30_000),
    "flanders": Scale(
        "flanders",
        285,
        227,
        (3_000, 2_600, 2_200, 1_800, 1_500),
        50_000,
        5_000,
        20_000,
        500_000,
        100_000,
        100_000,
    ),
}


# --- Small tools -----------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, label: str, total: int, *, enabled: bool = True):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.enabled = enabled
        self.started = self._shown = time.monotonic()
        self._draw()

    def add(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._shown > 0.2 or self.done >= self.total:
            self._shown = now
            self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        sys.stderr.write(
            f"\r  {self.label:<26} [{bar:<30}] {share:4.0%} {self.done:>9,}/{self.total:,}"
        )
        sys.stderr.flush()

    def close(self) -> float:
        seconds = time.monotonic() - self.started
        if self.enabled:
            self._draw()
            sys.stderr.write(f"  {seconds:6.1f} s\n")
        return seconds


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys from the table's sequence, in one round trip."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
            " nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


def _constant_default(field: models.Field, now: dt.datetime):
    if field.has_default():
        return field.get_default()
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"{field.model.__name__}.{field.attname} needs a value")


def copy_rows(
    model: type[models.Model],
    attnames: list[str],
    rows: Iterable[tuple],
    *,
    progress: Progress | None = None,
) -> int:
    """COPY `rows` (tuples in the order of `attnames`) into the model's table.

    Every other column gets its field's default, so a new field with a default costs the
    generator nothing; a new required field without one stops it with its name.
    """
    fields = {f.attname: f for f in model._meta.concrete_fields}
    now = timezone.now()
    rest = [
        f
        for f in model._meta.concrete_fields
        # Generated columns (the inbox's ranks on Referral) are PostgreSQL's to fill.
        if f.attname not in attnames and not f.primary_key and not f.generated
    ]
    # A unique field with a callable default (the open-data `uuid`) needs a value per row.
    per_row = [f for f in rest if f.unique and f.has_default() and callable(f.default)]
    rest = [f for f in rest if f not in per_row]
    rest_values = tuple(_constant_default(f, now) for f in rest)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in [fields[name].column for name in attnames]
        + [f.column for f in rest]
        + [f.column for f in per_row]
    )
    count = 0
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row + rest_values + tuple(f.default() for f in per_row))
            count += 1
            if progress is not None and count % 2000 == 0:
                progress.add(2000)
    if progress is not None:
        progress.add(count % 2000)
    return count


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, summing exactly to `total`."""
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights]
    for index in range(total - sum(parts)):
        parts[index % len(parts)] += 1
    return parts


# --- What exists -----------------------------------------------------------------------


def bench_scale_loaded() -> str | None:
    """The scale whose bench data is in this database, or None."""
    slug = (
        Network.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("id")
        .values_list("slug", flat=True)
        .first()
    )
    if not slug:
        return None
    return slug.removeprefix(SLUG_PREFIX).split("-")[0]


def bench_data_reset(*, verbose: bool = True) -> None:
    """Remove every bench row (and nothing else) in one transaction."""
    bench_orgs = f"SELECT id FROM partners_organisation WHERE slug LIKE '{SLUG_PREFIX}%%'"
    bench_referrals = (
        f"SELECT id FROM doorverwijzing_referral WHERE public_id LIKE '{PUBLIC_ID_PREFIX}%%'"
    )
    bench_offers = f"SELECT id FROM aanbod_offer WHERE organisation_id IN ({bench_orgs})"
    bench_networks = f"SELECT id FROM partners_network WHERE slug LIKE '{SLUG_PREFIX}%%'"
    bench_users = f"SELECT id FROM auth_user WHERE email LIKE '%%@{EMAIL_DOMAIN}'"
    statements = []
    signal_model = _signal_model()
    if signal_model is not None:
        for model in apps.get_app_config("signalen").get_models():
            fields = [f.column for f in model._meta.concrete_fields]
            if "network_id" in fields:
                statements.append(
                    f"DELETE FROM {model._meta.db_table} WHERE network_id IN ({bench_networks})"
                )
    statements += [
        f"DELETE FROM doorverwijzing_reminder WHERE referral_id IN ({bench_referrals})",
        f"DELETE FROM doorverwijzing_timelineentry WHERE referral_id IN ({bench_referrals})",
        f"DELETE FROM doorverwijzing_consent WHERE referral_id IN ({bench_referrals})",
        f"UPDATE doorverwijzing_intakerequest SET referral_id = NULL"
        f" WHERE referral_id IN ({bench_referrals})",
        f"DELETE FROM doorverwijzing_referral WHERE id IN ({bench_referrals})",
        f"DELETE FROM aanbod_participation WHERE offer_id IN ({bench_offers})",
        f"DELETE FROM aanbod_occurrence WHERE offer_id IN ({bench_offers})",
        "DELETE FROM aanbod_scheduleexception WHERE schedule_id IN (SELECT id FROM"
        f" aanbod_recurringschedule WHERE offer_id IN ({bench_offers}))",
        f"DELETE FROM aanbod_recurringschedule WHERE offer_id IN ({bench_offers})",
        f"DELETE FROM aanbod_offer_networks WHERE offer_id IN ({bench_offers})",
        f"DELETE FROM aanbod_offer_locations WHERE offer_id IN ({bench_offers})",
        f"DELETE FROM aanbod_offer WHERE id IN ({bench_offers})",
        f"DELETE FROM partners_agreement_partners WHERE agreement_id IN"
        f" (SELECT id FROM partners_agreement WHERE network_id IN ({bench_networks}))",
        f"DELETE FROM partners_agreement WHERE network_id IN ({bench_networks})",
        f"DELETE FROM partners_membership WHERE user_id IN ({bench_users})",
        f"DELETE FROM mfa_authenticator WHERE user_id IN ({bench_users})",
        f"DELETE FROM account_emailaddress WHERE user_id IN ({bench_users})",
        f"DELETE FROM django_admin_log WHERE user_id IN ({bench_users})",
        f"DELETE FROM auth_user WHERE id IN ({bench_users})",
        f"DELETE FROM partners_location WHERE organisation_id IN ({bench_orgs})",
        f"DELETE FROM partners_organisation_networks WHERE organisation_id IN ({bench_orgs})",
        f"UPDATE partners_network SET organiser_id = NULL WHERE id IN ({bench_networks})",
        f"DELETE FROM partners_organisation WHERE id IN ({bench_orgs})",
        f"DELETE FROM partners_network_municipalities WHERE network_id IN ({bench_networks})",
        f"DELETE FROM partners_network WHERE id IN ({bench_networks})",
        "DELETE FROM partners_deelgemeente WHERE municipality_id IN (SELECT id FROM"
        f" partners_municipality WHERE nis_code LIKE '{NIS_PREFIX}%%')",
        f"DELETE FROM partners_municipality WHERE nis_code LIKE '{NIS_PREFIX}%%'",
    ]
    progress = Progress("reset", len(statements), enabled=verbose)
    with transaction.atomic(), connection.cursor() as cursor:
        # The access log is append-only (a trigger refuses DELETE). Bench referrals are only
        # read by the benchmark's own scenarios; their log rows go with them, triggers off
        # for this one statement (PostgreSQL superuser, bench databases only).
        cursor.execute(
            f"SELECT count(*) FROM doorverwijzing_accesslogentry WHERE referral_id IN ({bench_referrals})"  # noqa: E501
        )
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(
                f"DELETE FROM doorverwijzing_accesslogentry WHERE referral_id IN ({bench_referrals})"  # noqa: E501
            )
            cursor.execute("SET LOCAL session_replication_role = origin")
        for statement in statements:
            cursor.execute(statement)
            progress.add()
    progress.close()
    vocabulary_rebuild()


def _signal_model():
    try:
        return apps.get_model("signalen", "Signal")
    except LookupError:
        return None


# --- The build -------------------------------------------------------------------------


class Builder:
    def __init__(self, scale: Scale, *, seed: int = 2026, verbose: bool = True):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.verbose = verbose
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.prefix = f"{SLUG_PREFIX}{scale.name}-"
        self.timings: dict[str, float] = {}

    def step(self, label: str, total: int) -> Progress:
        return Progress(label, total, enabled=self.verbose)

    def done(self, progress: Progress, key: str) -> None:
        self.timings[key] = progress.close()

    # Geography and networks ---------------------------------------------------------

    def towns(self) -> None:
        rng, scale = self.rng, self.scale
        names = [h + t for h in words.PLACE_HEADS for t in words.PLACE_TAILS]
        rng.shuffle(names)
        names = names[: scale.municipalities]
        names = [name.capitalize() for name in names]
        self.municipality_ids = reserve_ids(Municipality, len(names))
        self.municipality_names = dict(zip(self.municipality_ids, names, strict=True))
        deelgemeenten = []
        for index, (mid, name) in enumerate(self.municipality_names.items()):
            count = 10 if scale.networks == 1 and scale.name != "tiny" else rng.randint(1, 4)
            parts = [name]
            for number in range(1, count):
                part = f"{words.DEELGEMEENTE_PREFIXES[number % 8]}{rng.choice(names)}"
                if scale.networks == 1:
                    part = f"{name}-{words.TOWN_SUFFIX_WORDS[number % 7]}"
                    if number >= 7:
                        part = f"{words.DEELGEMEENTE_PREFIXES[number % 8]}{name}"
                if part not in parts:
                    parts.append(part.replace("- ", "-"))
            for number, part in enumerate(parts):
                deelgemeenten.append((mid, part, f"{1000 + (index * 10 + number) % 9000:04d}"))
        self.deelgemeente_ids = reserve_ids(Deelgemeente, len(deelgemeenten))
        self.deelgemeenten_of: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for did, (mid, name, postcode) in zip(self.deelgemeente_ids, deelgemeenten, strict=True):
            self.deelgemeenten_of[mid].append((did, name, postcode))
        copy_rows(
            Municipality,
            ["id", "nis_code", "name"],
            (
                (mid, f"{NIS_PREFIX}{i:04d}", n)
                for i, (mid, n) in enumerate(self.municipality_names.items())
            ),
        )
        copy_rows(
            Deelgemeente,
            ["id", "municipality_id", "name", "postcode"],
            (
                (did, mid, name, pc)
                for mid, rows in self.deelgemeenten_of.items()
                for did, name, pc in rows
            ),
        )

    def networks(self) -> None:
        rng, scale = self.rng, self.scale
        self.network_ids = reserve_ids(Network, scale.networks)
        # The first networks are the big cities, one municipality each; then one each, and
        # the municipalities left over make some networks intermunicipal.
        members: dict[int, list[int]] = {nid: [] for nid in self.network_ids}
        municipalities = list(self.municipality_ids)
        for nid, mid in zip(self.network_ids, municipalities, strict=False):
            members[nid].append(mid)
        small = self.network_ids[len(scale.big_networks) :] or self.network_ids
        for mid in municipalities[len(self.network_ids) :]:
            members[rng.choice(small[: max(1, min(len(small), 29))])].append(mid)
        self.network_municipalities = members
        rest = scale.offers - sum(scale.big_networks)
        small_count = scale.networks - len(scale.big_networks)
        weights = [rng.uniform(0.5, 1.5) for _ in range(small_count)]
        self.offers_per_network = list(scale.big_networks) + _split(rest, weights)
        self.network_names = {
            nid: "Huis van het Kind " + " - ".join(self.municipality_names[m] for m in mids)
            for nid, mids in members.items()
        }
        copy_rows(
            Network,
            ["id", "name", "slug", "intro", "email", "city"],
            (
                (
                    nid,
                    self.network_names[nid],
                    f"{self.prefix}{index + 1}",
                    "Alle hulp en ontmoeting voor gezinnen met kinderen en jongeren.",
                    f"info@{self.prefix}{index + 1}.{EMAIL_DOMAIN}",
                    self.municipality_names[members[nid][0]],
                )
                for index, nid in enumerate(self.network_ids)
            ),
        )
        copy_rows(
            Network.municipalities.through,
            ["network_id", "municipality_id"],
            ((nid, mid) for nid, mids in members.items() for mid in mids),
        )

    def organisations(self) -> None:
        rng, scale = self.rng, self.scale
        types = {}
        from partners.demo import ORGANISATION_TYPES

        for name, social in ORGANISATION_TYPES:
            types[name] = OrganisationType.objects.get_or_create(
                name=name, defaults={"is_social_house": social}
            )[0].id
        counts = _split(scale.organisations, [max(n, 60) for n in self.offers_per_network])
        self.organisation_ids = reserve_ids(Organisation, scale.organisations)
        self.orgs_of: dict[int, list[int]] = {}
        self.org_town: dict[int, str] = {}
        self.org_kind: dict[int, str] = {}
        rows, memberships = [], []
        ids = iter(self.organisation_ids)
        # Every network starts with these, in this order: organiser, Sociaal Huis, Kind &
        # Gezin, CKG (the busy receiver in the first network), CAW; the rest at random.
        first = [0, 1, 2, 8, 7]
        for nid, count in zip(self.network_ids, counts, strict=True):
            towns = [self.municipality_names[m] for m in self.network_municipalities[nid]]
            self.orgs_of[nid] = []
            for number in range(count):
                oid = next(ids)
                pattern_index = (
                    first[number]
                    if number < len(first)
                    else rng.randrange(len(words.ORGANISATION_PATTERNS))
                )
                type_name, pattern, pillars = words.ORGANISATION_PATTERNS[pattern_index]
                town = towns[number % len(towns)]
                name = pattern.format(town=town, name=rng.choice(words.PROPER_NAMES))
                if number >= len(first):
                    name = f"{name} {oid % 97 + 1}" if rng.random() < 0.5 else name
                self.orgs_of[nid].append(oid)
                self.org_town[oid] = town
                self.org_kind[oid] = type_name
                has_contact = rng.random() > 0.1
                rows.append(
                    (
                        oid,
                        name[:200],
                        f"{self.prefix}o{oid}",
                        types[type_name],
                        pillars,
                        "Partner van het Huis van het Kind.",
                        f"info@o{oid}.{EMAIL_DOMAIN}",
                        "09 123 45 67",
                        f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"
                        if has_contact
                        else "",
                    )
                )
                memberships.append((oid, nid))
        copy_rows(
            Organisation,
            [
                "id",
                "name",
                "slug",
                "type_id",
                "pillars",
                "description",
                "email",
                "phone",
                "contact_name",
            ],
            rows,
        )
        copy_rows(Organisation.networks.through, ["organisation_id", "network_id"], memberships)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE partners_network n SET organiser_id = x.oid FROM"
                " unnest(%s::bigint[], %s::bigint[]) AS x(nid, oid) WHERE n.id = x.nid",
                [self.network_ids, [self.orgs_of[n][0] for n in self.network_ids]],
            )
        self.busy_organisation = self.orgs_of[self.network_ids[0]][3]

    def locations(self) -> None:
        rng = self.rng
        plan = []
        for nid in self.network_ids:
            places = [d for m in self.network_municipalities[nid] for d in self.deelgemeenten_of[m]]
            for oid in self.orgs_of[nid]:
                for _ in range(1 if rng.random() < 0.5 else 2):
                    plan.append((nid, oid, rng.choice(places)))
        ids = reserve_ids(Location, len(plan))
        self.locations_of: dict[int, list[int]] = defaultdict(list)
        rows = []
        for lid, (nid, oid, (did, place, postcode)) in zip(ids, plan, strict=True):
            self.locations_of[oid].append(lid)
            rows.append(
                (
                    lid,
                    oid,
                    nid,
                    f"{self.org_kind[oid]} {place}"[:200],
                    f"{self.prefix}l{lid}",
                    f"{rng.choice(words.STREETS)} {rng.randint(1, 180)}",
                    postcode,
                    place,
                    did,
                    round(50.7 + rng.random() * 0.6, 6),
                    round(2.7 + rng.random() * 2.8, 6),
                    rng.random() < 0.6,
                    rng.random() < 0.4,
                )
            )
        copy_rows(
            Location,
            [
                "id",
                "organisation_id",
                "network_id",
                "name",
                "slug",
                "street",
                "postcode",
                "city",
                "deelgemeente_id",
                "latitude",
                "longitude",
                "wheelchair_accessible",
                "changing_table",
            ],
            rows,
        )

    def people(self) -> None:
        rng, scale = self.rng, self.scale
        password = make_password(BENCH_PASSWORD)
        plan: list[tuple[str, bool, str, int | None, int | None]] = []
        plan.append((COORDINATOR_EMAIL, True, Role.COORDINATOR, self.network_ids[0], None))
        plan.append((BUSY_WORKER_EMAIL, False, Role.SOCIAL_WORKER, None, self.busy_organisation))
        for index, nid in enumerate(self.network_ids[1:], start=2):
            plan.append((f"coordinator{index}@{EMAIL_DOMAIN}", True, Role.COORDINATOR, nid, None))
        roles = [Role.PARTNER_EDITOR, Role.SOCIAL_WORKER, Role.SOCIAL_WORKER, Role.VIEWER]
        all_orgs = [oid for nid in self.network_ids for oid in self.orgs_of[nid]]
        number = 0
        while len(plan) < scale.staff:
            oid = all_orgs[number % len(all_orgs)]
            role = roles[(number // len(all_orgs)) % len(roles)]
            plan.append(
                (f"medewerker{number}@{EMAIL_DOMAIN}", role == Role.PARTNER_EDITOR, role, None, oid)
            )
            number += 1
        ids = reserve_ids(get_user_model(), len(plan))
        self.workers_of: dict[int, list[int]] = defaultdict(list)
        self.coordinator_id = ids[0]
        users, memberships = [], []
        for uid, (email, staff, role, nid, oid) in zip(ids, plan, strict=True):
            users.append(
                (
                    uid,
                    password,
                    email.split("@")[0] + f"-{uid}",
                    rng.choice(words.FIRST_NAMES),
                    rng.choice(words.LAST_NAMES),
                    email,
                    staff,
                    True,
                    self.now,
                )
            )
            memberships.append((uid, role, nid, oid))
            if role == Role.SOCIAL_WORKER:
                self.workers_of[oid].append(uid)
        copy_rows(
            get_user_model(),
            [
                "id",
                "password",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            users,
        )
        copy_rows(Membership, ["user_id", "role", "network_id", "organisation_id"], memberships)
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(get_user_model().objects.get(id=ids[1]), generate_totp_secret())

    def agreements(self) -> None:
        rng = self.rng
        plan = []
        for nid in self.network_ids:
            for number in range(3):
                start = self.today - dt.timedelta(days=rng.randint(200, 1500))
                end = self.today + dt.timedelta(days=rng.randint(10, 80) if number == 0 else 400)
                subject = ("Convenant" if number == 1 else "Samenwerkingsovereenkomst") + (
                    f" {self.network_names[nid]}"
                )
                plan.append((nid, subject[:200], start, end))
        ids = reserve_ids(Agreement, len(plan))
        copy_rows(
            Agreement,
            ["id", "network_id", "subject", "start", "end"],
            [(aid, *row) for aid, row in zip(ids, plan, strict=True)],
        )
        copy_rows(
            Agreement.partners.through,
            ["agreement_id", "organisation_id"],
            [(aid, self.orgs_of[row[0]][1]) for aid, row in zip(ids, plan, strict=True)],
        )

    # The catalogue --------------------------------------------------------------------

    def offers(self) -> None:
        from aanbod.demo import SPECS
        from aanbod.demo.translations import TRANSLATIONS

        rng, scale = self.rng, self.scale
        ids = reserve_ids(Offer, scale.offers)
        self.offer_ids = ids
        self.offers_of_network: dict[int, list[int]] = {}
        self.offer_locations: dict[int, list[int]] = {}
        progress = self.step("offers", scale.offers)
        rows, in_networks, at_locations = [], [], []
        ids_iter = iter(ids)
        for nid, count in zip(self.network_ids, self.offers_per_network, strict=True):
            orgs = self.orgs_of[nid]
            self.offers_of_network[nid] = []
            for _ in range(count):
                oid_ = next(ids_iter)
                spec = rng.choice(SPECS)
                org = rng.choice(orgs)
                town = self.org_town[org]
                variant = rng.random()
                title = spec["title"]
                if variant < 0.4:
                    title = f"{title} {town}"
                elif variant < 0.7:
                    title = f"{title} {rng.choice(words.PROPER_NAMES)}"
                description = " ".join(
                    [spec.get("description", ""), *rng.sample(words.SENTENCES, rng.randint(1, 4))]
                ).strip()
                status = rng.choices(
                    [
                        OfferStatus.PUBLISHED,
                        OfferStatus.DRAFT,
                        OfferStatus.IN_REVIEW,
                        OfferStatus.ARCHIVED,
                    ],
                    weights=[92, 4, 2, 2],
                )[0]
                ages = spec.get("ages")
                translations = TRANSLATIONS.get(spec["slug"], {}) if rng.random() < 0.5 else {}
                translated = {
                    code: translations.get(code, (None, None))
                    for code in ("en", "fr", "ar", "tr", "uk")
                }
                referral_note = spec.get("referral_note", "")
                if spec["access"] == AccessType.REFERRAL_ONLY and not referral_note:
                    referral_note = "Via het Sociaal Huis, het CAW of Kind & Gezin."
                published = status == OfferStatus.PUBLISHED
                rows.append(
                    (
                        oid_,
                        org,
                        title[:150],
                        title[:150],
                        f"{self.prefix}{oid_}",
                        spec["summary"],
                        spec["summary"],
                        description,
                        description,
                        spec.get("keywords", ""),
                        list(spec.get("pillars", [])),
                        list(spec["domains"]),
                        list(spec.get("targets", [TargetGroup.PARENTS])),
                        NumericRange(*ages) if ages else NumericRange(None, None),
                        spec["access"],
                        referral_note,
                        referral_note,
                        spec.get("cost", Cost.FREE),
                        spec.get("price", ""),
                        bool(spec.get("kansentarief", False)),
                        list(spec.get("languages", ["nl"])),
                        rng.choice(
                            [Availability.PLACES] * 5
                            + [Availability.FULL, Availability.WAITING_LIST]
                        ),
                        status,
                        self.today - dt.timedelta(days=rng.randint(0, 400)) if published else None,
                        self.now - dt.timedelta(days=rng.randint(30, 1500)) if published else None,
                        self.today + dt.timedelta(days=rng.randint(20, 900))
                        if rng.random() < 0.05
                        else None,
                        *(translated[c][0] for c in ("en", "fr", "ar", "tr", "uk")),
                        *(translated[c][1] for c in ("en", "fr", "ar", "tr", "uk")),
                    )
                )
                self.offers_of_network[nid].append(oid_)
                in_networks.append((oid_, nid))
                if rng.random() < 0.05 and len(self.network_ids) > 1:
                    in_networks.append((oid_, rng.choice(self.network_ids)))
                places = self.locations_of[org]
                chosen = rng.sample(places, min(len(places), rng.randint(1, 2)))
                self.offer_locations[oid_] = chosen
                at_locations += [(oid_, lid) for lid in chosen]
        langs = ("en", "fr", "ar", "tr", "uk")
        copy_rows(
            Offer,
            [
                "id",
                "organisation_id",
                "title",
                "title_nl",
                "slug",
                "summary",
                "summary_nl",
                "description",
                "description_nl",
                "keywords",
                "pillars",
                "life_domains",
                "target_groups",
                "age_months",
                "access_type",
                "referral_note",
                "referral_note_nl",
                "cost",
                "price_text",
                "kansentarief",
                "languages",
                "availability",
                "status",
                "last_verified",
                "published_at",
                "funding_ends",
                *(f"title_{c}" for c in langs),
                *(f"summary_{c}" for c in langs),
            ],
            rows,
            progress=progress,
        )
        copy_rows(Offer.networks.through, ["offer_id", "network_id"], set(in_networks))
        copy_rows(Offer.locations.through, ["offer_id", "location_id"], at_locations)
        self.done(progress, "offers")
        for term, expands_to in _synonyms():
            Synonym.objects.get_or_create(term=term, expands_to=expands_to)

    def schedules(self) -> None:
        rng = self.rng
        times = [
            ("09:00", "11:00"),
            ("09:30", "11:30"),
            ("13:30", "16:00"),
            ("14:00", "17:00"),
            ("16:00", "18:00"),
            ("18:30", "20:30"),
            ("19:00", "21:00"),
            ("10:00", "12:00"),
        ]
        rows = []
        for offer_id in self.offer_ids:
            if rng.random() < 0.6:
                for _ in range(rng.randint(1, 2)):
                    starts, ends = rng.choice(times)
                    rows.append(
                        (
                            offer_id,
                            rng.choice([0, 1, 2, 3, 4, 4, 2, 5, 6]),
                            starts,
                            ends,
                            rng.random() < 0.3,
                            rng.choice(self.offer_locations[offer_id] or [None]),
                        )
                    )
        progress = self.step("weekly times", len(rows))
        copy_rows(
            RecurringSchedule,
            ["offer_id", "weekday", "starts", "ends", "school_weeks_only", "location_id"],
            rows,
            progress=progress,
        )
        self.done(progress, "schedules")

    def occurrences(self) -> None:
        rng, scale = self.rng, self.scale
        total = scale.occurrences_per_year * (scale.years_back + 1)
        dated = [o for o in self.offer_ids if rng.random() < 0.35] or self.offer_ids
        first = self.today - dt.timedelta(days=365 * scale.years_back)
        span = 365 * (scale.years_back + 1)
        hours = [(9, 0), (10, 0), (13, 30), (14, 0), (18, 30), (19, 30)]
        progress = self.step("dated activities", total)

        def rows() -> Iterator[tuple]:
            for _ in range(total):
                offer_id = rng.choice(dated)
                day = first + dt.timedelta(days=rng.randrange(span))
                hour, minute = rng.choice(hours)
                starts = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)
                ends = starts + dt.timedelta(minutes=rng.choice([60, 90, 120, 180]))
                places = self.offer_locations[offer_id]
                yield (offer_id, starts, ends, places[0] if places else None, rng.random() < 0.03)

        copy_rows(
            Occurrence,
            ["offer_id", "starts_at", "ends_at", "location_id", "cancelled"],
            rows(),
            progress=progress,
        )
        self.done(progress, "occurrences")

    def search_index(self) -> None:
        """The search columns, written by aanbod.search.index itself (set-based per chunk)."""
        progress = self.step("search index", len(self.offer_ids))
        for start in range(0, len(self.offer_ids), REINDEX_CHUNK):
            chunk = self.offer_ids[start : start + REINDEX_CHUNK]
            reindex_offers(Offer.objects.filter(id__in=chunk))
            progress.add(len(chunk))
        vocabulary_rebuild()
        self.done(progress, "search_index")

    # Referrals ------------------------------------------------------------------------

    def referrals(self) -> None:
        rng, scale = self.rng, self.scale
        years = scale.years_back + 1
        total = scale.referrals_per_year * years
        ids = reserve_ids(Referral, total)
        weights = self.offers_per_network
        first_network = self.network_ids[0]
        cutoff = self.now - dt.timedelta(days=365)  # REFERRAL_RETENTION_DAYS default
        progress = self.step("referrals", total)
        consents, timeline = [], []

        def status_for(age_days: float) -> str:
            if age_days < 3:
                return rng.choices(["sent", "accepted"], [70, 30])[0]
            if age_days < 30:
                return rng.choices(
                    ["sent", "accepted", "contacted", "declined", "closed", "cancelled"],
                    [10, 25, 30, 10, 20, 5],
                )[0]
            return rng.choices(
                ["closed", "declined", "cancelled", "withdrawn", "accepted", "sent", "contacted"],
                [75, 12, 6, 2, 3, 1, 1],
            )[0]

        def rows() -> Iterator[tuple]:
            for rid in ids:
                nid = rng.choices(self.network_ids, weights)[0]
                orgs = self.orgs_of[nid]
                sender = orgs[1] if rng.random() < 0.4 else rng.choice(orgs)
                if nid == first_network and rng.random() < BUSY_ORGANISATION_SHARE:
                    receiver = self.busy_organisation
                else:
                    receiver = rng.choice(orgs)
                if receiver == sender:
                    receiver = orgs[(orgs.index(sender) + 1) % len(orgs)]
                if sender == receiver:
                    continue
                sent_at = self.now - dt.timedelta(seconds=rng.uniform(0, years * 365 * 86400))
                age = (self.now - sent_at).total_seconds() / 86400
                status = status_for(age)
                accepted_at = first_contact_at = closed_at = declined_at = erased_at = None
                outcome = decline_reason = first_result = ""
                if status in ("accepted", "contacted", "closed"):
                    accepted_at = sent_at + dt.timedelta(hours=rng.randint(2, 60))
                if status in ("contacted", "closed"):
                    first_contact_at = accepted_at + dt.timedelta(hours=rng.randint(20, 120))
                    first_result = FirstContactResult.MADE
                if status == "closed":
                    closed_at = first_contact_at + dt.timedelta(days=rng.randint(5, 60))
                    outcome = rng.choice(list(Outcome))
                if status == "declined":
                    declined_at = closed_at = sent_at + dt.timedelta(hours=rng.randint(2, 80))
                    decline_reason = rng.choice(list(DeclineReason))
                if status in ("cancelled", "withdrawn"):
                    closed_at = sent_at + dt.timedelta(days=rng.randint(1, 20))
                if closed_at is not None and closed_at > self.now:
                    closed_at = self.now
                if status == "withdrawn":
                    erased_at = closed_at
                elif status in FINISHED_STATUSES and closed_at < cutoff - dt.timedelta(
                    days=PURGE_BACKLOG_DAYS
                ):
                    erased_at = closed_at + dt.timedelta(days=366)
                personal = erased_at is None
                workers = self.workers_of.get(sender) or [None]
                consents.append(
                    (
                        rid,
                        rng.choice(["de moeder", "de vader", "beide ouders"]),
                        sent_at - dt.timedelta(minutes=10),
                        rng.choice(list(ConsentMethod)),
                    )
                )
                steps = [(EventKind.SENT, sent_at, sender)]
                if accepted_at:
                    steps.append((EventKind.ACCEPTED, accepted_at, receiver))
                if first_contact_at:
                    steps.append((EventKind.FIRST_CONTACT, first_contact_at, receiver))
                if status == "closed":
                    steps.append((EventKind.CLOSED, closed_at, receiver))
                if status == "declined":
                    steps.append((EventKind.DECLINED, closed_at, receiver))
                if status == "cancelled":
                    steps.append((EventKind.CANCELLED, closed_at, sender))
                if status == "withdrawn":
                    steps.append((EventKind.CONSENT_WITHDRAWN, closed_at, sender))
                elif erased_at is not None:
                    steps.append((EventKind.ERASED, erased_at, None))
                timeline.extend((rid, kind, at, org) for kind, at, org in steps)
                offers = self.offers_of_network[nid]
                yield (
                    rid,
                    f"{PUBLIC_ID_PREFIX}{rid:08d}",
                    status,
                    sender,
                    rng.choice(workers),
                    receiver,
                    rng.choice(offers) if rng.random() < 0.7 else None,
                    rng.choice(["normal"] * 9 + ["urgent"]),
                    rng.choice(list(ContactPreference)),
                    rng.choice(["nl"] * 6 + ["ar", "fr", "uk", "tr"]),
                    rng.random() < 0.1,
                    [rng.randint(0, 17)],
                    rng.choice(words.INITIALS) if personal else "",
                    "0470 00 00 00" if personal else "",
                    rng.choice(words.REFERRAL_QUESTIONS) if personal else "",
                    sent_at,
                    sent_at,
                    accepted_at,
                    declined_at,
                    decline_reason,
                    first_contact_at,
                    first_result,
                    closed_at,
                    outcome,
                    erased_at,
                )

        copy_rows(
            Referral,
            [
                "id",
                "public_id",
                "status",
                "referring_organisation_id",
                "referring_worker_id",
                "receiving_organisation_id",
                "offer_id",
                "urgency",
                "contact_preference",
                "language",
                "interpreter_needed",
                "children_ages",
                "family_name",
                "family_phone",
                "question",
                "created_at",
                "sent_at",
                "accepted_at",
                "declined_at",
                "decline_reason",
                "first_contact_at",
                "first_contact_result",
                "closed_at",
                "outcome",
                "erased_at",
            ],
            rows(),
            progress=progress,
        )
        self.done(progress, "referrals")
        progress = self.step("consents and timelines", len(consents) + len(timeline))
        copy_rows(
            Consent, ["referral_id", "given_by", "given_at", "method"], consents, progress=progress
        )
        copy_rows(
            TimelineEntry,
            ["referral_id", "kind", "at", "organisation_id"],
            timeline,
            progress=progress,
        )
        self.done(progress, "timelines")

    # Signals --------------------------------------------------------------------------

    def signals(self) -> str:
        model = _signal_model()
        if model is None:
            return "no signalen.Signal model yet: signals skipped"
        plan = _signal_columns(model)
        if isinstance(plan, str):
            return f"signals skipped: {plan}"
        rng = self.rng
        progress = self.step("signals", self.scale.signals)
        sentences = words.SENTENCES + words.REFERRAL_QUESTIONS

        def value(kind: str, field: models.Field, nid: int):
            if kind == "network":
                return nid
            if kind == "municipality":
                return rng.choice(self.network_municipalities[nid])
            if kind == "organisation":
                return rng.choice(self.orgs_of[nid])
            if kind == "choice":
                return rng.choice(field.choices)[0]
            if kind == "array":
                return [rng.choice(field.base_field.choices)[0]]
            if kind == "text":
                return rng.choice(sentences)[: field.max_length or 10_000]
            if kind == "datetime":
                return self.now - dt.timedelta(seconds=rng.uniform(0, 5 * 365 * 86400))
            if kind == "date":
                return self.today - dt.timedelta(days=rng.randrange(5 * 365))
            if kind == "uuid":
                import uuid

                return uuid.UUID(int=rng.getrandbits(128), version=4)
            return None

        def rows() -> Iterator[tuple]:
            for _ in range(self.scale.signals):
                nid = rng.choices(self.network_ids, self.offers_per_network)[0]
                yield tuple(value(kind, field, nid) for field, kind in plan)

        copy_rows(model, [f.attname for f, _k in plan], rows(), progress=progress)
        self.done(progress, "signals")
        return f"{self.scale.signals:,} signals"


def _synonyms() -> list[tuple[str, str]]:
    from aanbod.demo import SYNONYMS

    return SYNONYMS


def _signal_columns(model) -> list[tuple[models.Field, str]] | str:
    """How to fill each column of a model still being built; a reason when we cannot."""
    plan = []
    for field in model._meta.concrete_fields:
        if field.primary_key and not isinstance(field, models.UUIDField):
            continue
        related = field.related_model
        if related is not None:
            label = related._meta.label
            if label == "partners.Network":
                plan.append((field, "network"))
            elif label == "partners.Municipality":
                plan.append((field, "municipality"))
            elif label == "partners.Organisation":
                plan.append((field, "organisation"))
            elif not field.null:
                return f"{model.__name__}.{field.name} needs a {label}"
            continue
        if isinstance(field, models.UUIDField):
            plan.append((field, "uuid"))
        elif field.choices and not field.blank:
            plan.append((field, "choice"))
        elif hasattr(field, "base_field") and field.base_field.choices:
            plan.append((field, "array"))
        elif isinstance(field, models.TextField) or (
            isinstance(field, models.CharField) and field.name in ("text", "description", "title")
        ):
            plan.append((field, "text"))
        elif isinstance(field, models.DateTimeField) and (
            getattr(field, "auto_now_add", False) or field.name.endswith("created_at")
        ):
            plan.append((field, "datetime"))
        elif isinstance(field, models.DateField) and not field.null and not field.has_default():
            plan.append((field, "date"))
    return plan


def _school_holidays(today: dt.date) -> None:
    """The school holidays of the coming year, unless some are there already."""
    if SchoolHoliday.objects.filter(end__gte=today, start__lte=today + dt.timedelta(days=365)):
        return
    year = today.year if today.month >= 9 else today.year - 1
    for name, start, end in [
        ("Herfstvakantie", dt.date(year, 10, 27), dt.date(year, 11, 2)),
        ("Kerstvakantie", dt.date(year, 12, 22), dt.date(year + 1, 1, 4)),
        ("Krokusvakantie", dt.date(year + 1, 2, 16), dt.date(year + 1, 2, 22)),
        ("Paasvakantie", dt.date(year + 1, 4, 6), dt.date(year + 1, 4, 19)),
        ("Zomervakantie", dt.date(year + 1, 7, 1), dt.date(year + 1, 8, 23)),
    ]:
        SchoolHoliday.objects.get_or_create(name=name, start=start, defaults={"end": end})


def bench_data_build(scale_name: str, *, seed: int = 2026, verbose: bool = True) -> dict:
    """Create the bench data of one scale; returns counts and seconds per step."""
    scale = SCALES[scale_name]
    builder = Builder(scale, seed=seed, verbose=verbose)
    started = time.monotonic()
    with transaction.atomic():
        progress = builder.step("network and people", 6)
        _school_holidays(builder.today)
        for step in (
            builder.towns,
            builder.networks,
            builder.organisations,
            builder.locations,
            builder.people,
            builder.agreements,
        ):
            step()
            progress.add()
        builder.done(progress, "network")
        builder.offers()
        builder.schedules()
        builder.occurrences()
    # Outside the big transaction: reindex reads what was committed, in chunks.
    builder.search_index()
    with transaction.atomic():
        builder.referrals()
        signals = builder.signals()
    progress = builder.step("analyze", 1)
    with connection.cursor() as cursor:
        # As autovacuum would: the re-index rewrote every offer row once. (Not possible
        # inside a transaction, as in the smoke test.)
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    progress.add()
    builder.done(progress, "analyze")
    # Rows went in with COPY, past the signals that drop the shared caches.
    network_default_forget()
    school_holidays_forget()
    catalogue_changed()
    return {
        "scale": scale.name,
        "seconds": round(time.monotonic() - started, 1),
        "steps": {k: round(v, 1) for k, v in builder.timings.items()},
        "signals": signals,
        "offers": scale.offers,
        "networks": scale.networks,
    }


def purge_backlog_restore(*, now: dt.datetime | None = None) -> int:
    """Put back the purge's backlog (bench referrals only) so every run has the same work.

    The purge erases what it finds once; the bench data is as if the nightly purge had
    not run for PURGE_BACKLOG_DAYS. This refills the synthetic personal fields of those
    referrals and drops the ERASED steps the last run added.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=365)
    window = cutoff - dt.timedelta(days=PURGE_BACKLOG_DAYS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM doorverwijzing_timelineentry t USING doorverwijzing_referral r"
            " WHERE t.referral_id = r.id AND t.kind = %s AND r.public_id LIKE %s"
            " AND r.status <> %s AND r.closed_at >= %s AND r.closed_at < %s",
            [EventKind.ERASED, f"{PUBLIC_ID_PREFIX}%", ReferralStatus.WITHDRAWN, window, cutoff],
        )
        cursor.execute(
            "UPDATE doorverwijzing_referral SET erased_at = NULL, family_name = 'A. B.',"
            " family_phone = '0470 00 00 00', question = %s"
            " WHERE public_id LIKE %s AND status = ANY(%s) AND status <> %s"
            " AND closed_at >= %s AND closed_at < %s",
            [
                words.REFERRAL_QUESTIONS[0],
                f"{PUBLIC_ID_PREFIX}%",
                [str(s) for s in FINISHED_STATUSES],
                ReferralStatus.WITHDRAWN,
                window,
                cutoff,
            ],
        )
        return cursor.rowcount


def reminders_clear() -> int:
    """Forget the reminders of bench referrals, so the scan starts cold every run."""
    deleted, _ = Reminder.objects.filter(referral__public_id__startswith=PUBLIC_ID_PREFIX).delete()
    return deleted
