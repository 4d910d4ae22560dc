"""Reads of the network for pages and users. Views never query models directly."""

import datetime as dt
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from huisvanhetkind import permissions

from .choices import AgreementStatus, Role
from .invitations import invitations_open
from .models import (
    Agreement,
    Group,
    Location,
    Meeting,
    Membership,
    Network,
    Organisation,
    SchoolHoliday,
    Zitdag,
)

# What every public page needs and staff rarely change; partners.signals drops it at once.
CACHE_SECONDS = 3600
NETWORK_DEFAULT_CACHE_KEY = "partners:network-default"
_NONE = "none"


def network_default() -> Network | None:
    """The network the installation's home page speaks for.

    Every public page's layout shows it: cached, and dropped when a network changes
    (partners.signals).
    """
    cached = cache.get(NETWORK_DEFAULT_CACHE_KEY)
    if cached is not None:
        return None if cached == _NONE else cached
    networks = Network.objects.order_by("id")
    slug = getattr(settings, "DEFAULT_NETWORK_SLUG", "")
    network = networks.filter(slug=slug).first() if slug else networks.first()
    cache.set(NETWORK_DEFAULT_CACHE_KEY, network or _NONE, CACHE_SECONDS)
    return network


def network_default_forget() -> None:
    cache.delete(NETWORK_DEFAULT_CACHE_KEY)


def network_for_request(request) -> Network | None:
    """The network a page speaks for: the one its view chose, else the default, looked
    up once per request (the view and the layout both ask)."""
    if getattr(request, "network", None) is None:
        if not hasattr(request, "_network_default"):  # also when there is none
            request._network_default = network_default()
        request.network = request._network_default
    return request.network


def network_exists(*, network_id: int) -> int | None:
    """The id back when such a network exists (ids come from query strings)."""
    return Network.objects.filter(id=network_id).values_list("id", flat=True).first()


# Public pages read networks and office days on every request; staff rarely change them.
# Keys carry this version, which partners.signals moves whenever one changes.
PUBLIC_VERSION_CACHE_KEY = "partners:public-version"


def public_version() -> int:
    """Moves whenever a network, location or office day changes: a key for what public
    pages keep of them."""
    version = cache.get(PUBLIC_VERSION_CACHE_KEY)
    if version is None:
        cache.add(PUBLIC_VERSION_CACHE_KEY, time.time_ns(), timeout=None)
        version = cache.get(PUBLIC_VERSION_CACHE_KEY)
    return version


def public_data_changed() -> None:
    """Networks, locations or office days changed: drop what public pages keep of them."""
    cache.set(PUBLIC_VERSION_CACHE_KEY, time.time_ns(), timeout=None)


def _kept(key: str, load):
    """`load()` kept under `key` for this version of the network's public data (a None,
    e.g. an unknown slug a visitor typed, is not kept)."""
    key = f"partners:{public_version()}:{key}"
    value = cache.get(key)
    if value is None:
        value = load()
        if value is not None:
            cache.set(key, value, CACHE_SECONDS)
    return value


def network_get_public(*, slug: str) -> Network:
    """A network's public page: kept (no query once a page asked for it)."""
    network = _kept(f"network-slug:{slug}", Network.objects.filter(slug=slug).first)
    if network is None:
        raise Http404
    return network


def network_public(*, pk: int | None) -> Network | None:
    """The network an offer's page speaks for, by id: kept like `network_get_public`."""
    if pk is None:
        return None
    return _kept(f"network:{pk}", Network.objects.filter(pk=pk).first)


def zitdagen_for_organisation(*, organisation_id: int) -> list[Zitdag]:
    """A partner's office days at locations, with the name and link of each (kept)."""
    return _kept(
        f"zitdagen:{organisation_id}",
        lambda: list(
            Zitdag.objects.filter(organisation_id=organisation_id)
            .select_related("location")
            .only(
                "organisation",
                "weekday",
                "starts",
                "ends",
                "note",
                "location__name",
                "location__slug",
            )
        ),
    )


def organisation_directory(*, network: Network) -> list:
    """Partners of a network with their types and locations, in a fixed number of queries."""
    return list(
        Organisation.objects.filter(networks=network)
        .select_related("type")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.filter(network=network).only(
                    "id", "name", "slug", "city", "organisation_id"
                ),
            )
        )
        .order_by("name")
    )


def location_get_public(*, slug: str):
    """A location with everything its public page shows, in a fixed number of queries."""
    location = (
        Location.objects.select_related("organisation", "network", "deelgemeente")
        .prefetch_related(
            "opening_periods",
            "closed_days",
            Prefetch("zitdagen", queryset=Zitdag.objects.select_related("organisation")),
        )
        .filter(slug=slug)
        .first()
    )
    if location is None:
        raise Http404
    return location


def _in_model_order(model, names: list[str]) -> list[str]:
    # Model.from_db takes a partial row in the order of the model's fields.
    return [field.attname for field in model._meta.concrete_fields if field.attname in names]


# What an agenda line of an office day shows: its times and note, the partner's name, the
# location's name and link, and whether it closes in school holidays.
_ZITDAG_FIELDS = _in_model_order(
    Zitdag, ["id", "weekday", "starts", "ends", "note", "organisation_id", "location_id"]
)
_ZITDAG_ORGANISATION_FIELDS = ["id", "name"]
_ZITDAG_LOCATION_FIELDS = _in_model_order(
    Location, ["id", "name", "slug", "closed_in_school_holidays"]
)


def zitdagen_on_weekdays(
    *,
    weekdays: set[int],
    networks: tuple[int, ...] = (),
    municipalities: tuple[int, ...] = (),
    deelgemeenten: tuple[int, ...] = (),
    limit: int,
) -> list[Zitdag]:
    """The first `limit` office days held on these weekdays at locations in these places
    (all when empty), by start time, with the partner and the location a line names and
    links to (partial instances: only those fields).

    Written as one plain statement: the agenda asks on every visit, and compiling the
    equivalent queryset cost more than the rows.
    """

    def columns(alias: str, model, names: list[str]) -> list[str]:
        return [f"{alias}.{model._meta.get_field(name).column}" for name in names]

    selected = [
        *columns("z", Zitdag, _ZITDAG_FIELDS),
        *columns("o", Organisation, _ZITDAG_ORGANISATION_FIELDS),
        *columns("l", Location, _ZITDAG_LOCATION_FIELDS),
    ]
    conditions, params = ["z.weekday = ANY(%s)"], [sorted(weekdays)]
    if networks:
        conditions.append("l.network_id = ANY(%s)")
        params.append(list(networks))
    if municipalities:
        conditions.append(
            "l.deelgemeente_id IN (SELECT id FROM partners_deelgemeente"
            " WHERE municipality_id = ANY(%s))"
        )
        params.append(list(municipalities))
    if deelgemeenten:
        conditions.append("l.deelgemeente_id = ANY(%s)")
        params.append(list(deelgemeenten))
    # Only our own column names and conditions are interpolated; values are parameters.
    statement = (
        f"SELECT {', '.join(selected)} FROM {Zitdag._meta.db_table} z"  # noqa: S608
        f" JOIN {Organisation._meta.db_table} o ON o.id = z.organisation_id"
        f" JOIN {Location._meta.db_table} l ON l.id = z.location_id"
        f" WHERE {' AND '.join(conditions)} ORDER BY z.starts, z.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit])
        rows = cursor.fetchall()
    zitdag_end = len(_ZITDAG_FIELDS)
    organisation_end = zitdag_end + len(_ZITDAG_ORGANISATION_FIELDS)
    zitdagen = []
    for row in rows:
        zitdag = Zitdag.from_db(connection.alias, _ZITDAG_FIELDS, row[:zitdag_end])
        zitdag.organisation = Organisation.from_db(
            connection.alias, _ZITDAG_ORGANISATION_FIELDS, row[zitdag_end:organisation_end]
        )
        zitdag.location = Location.from_db(
            connection.alias, _ZITDAG_LOCATION_FIELDS, row[organisation_end:]
        )
        zitdagen.append(zitdag)
    return zitdagen


SCHOOL_HOLIDAYS_CACHE_KEY = "partners:school-holidays"


def school_holidays_between(start: dt.date, end: dt.date) -> list[SchoolHoliday]:
    """School holidays overlapping start..end.

    Every page with dates needs the school calendar, a few rows a year that staff rarely
    change: it is cached, and dropped when one changes (partners.signals).
    """
    holidays = cache.get(SCHOOL_HOLIDAYS_CACHE_KEY)
    if holidays is None:
        holidays = list(SchoolHoliday.objects.order_by("start"))
        cache.set(SCHOOL_HOLIDAYS_CACHE_KEY, holidays, CACHE_SECONDS)
    return [holiday for holiday in holidays if holiday.start <= end and holiday.end >= start]


def school_holidays_forget() -> None:
    cache.delete(SCHOOL_HOLIDAYS_CACHE_KEY)


# --- Who reads what families and referrers send ------------------------------------------
# The one home of the rule "someone can read it": a question to a network lands with the
# social workers of its organiser (the contact point), a referral with those of the
# receiving organisation. An organisation without an active social worker receives
# nothing through the portal: the forms, the admin, a system check and the start page
# all ask these functions.


def _reader_memberships():
    return Membership.objects.filter(role=Role.SOCIAL_WORKER, user__is_active=True)


def organisation_readers(*, organisation_id: int | None) -> QuerySet:
    """Active users who read referrals (and, for an organiser, questions) of the organisation."""
    if organisation_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.SOCIAL_WORKER,
        )
        .distinct()
    )


def organisation_reader_emails(*, organisation_id: int | None) -> list[str]:
    return sorted(
        set(
            organisation_readers(organisation_id=organisation_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def network_contact_point_readers(*, network: Network) -> QuerySet:
    """Who reads the families' questions of a network: the social workers of its organiser."""
    return organisation_readers(organisation_id=network.organiser_id)


def organisations_that_receive(queryset: QuerySet) -> QuerySet:
    """The organisations of `queryset` with at least one active social worker."""
    return queryset.filter(Exists(_reader_memberships().filter(organisation_id=OuterRef("pk"))))


def organisations_that_do_not_receive(queryset: QuerySet) -> QuerySet:
    return queryset.exclude(Exists(_reader_memberships().filter(organisation_id=OuterRef("pk"))))


def networks_without_contact_point_reader(queryset: QuerySet | None = None) -> QuerySet:
    """Networks whose families' questions nobody can read (no organiser, or none of its
    people is an active social worker)."""
    queryset = Network.objects.all() if queryset is None else queryset
    return queryset.exclude(_has_contact_point_reader())


def _has_contact_point_reader() -> Exists:
    return Exists(_reader_memberships().filter(organisation_id=OuterRef("organiser_id")))


def network_coordinator_emails(*, network_id: int) -> list[str]:
    """Where a network's alerts go (never with a family's data)."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__network_id=network_id,
                memberships__role=Role.COORDINATOR,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


# How far ahead the coordinator's start page looks for ending agreements.
START_PAGE_AGREEMENT_DAYS = 90


def network_attention(*, user, today) -> dict:
    """The network's part of the coordinator's start page (dashboards.selectors): ending
    agreements, open invitations, partners without contact, networks nobody reads.

    Lines as dicts of what the page shows (no model instances): the page is the admin's
    most visited and the lists are read, not changed, here."""
    agreements = (
        permissions.scope(user, Agreement, "agreement.view")
        .filter(
            status=AgreementStatus.ACTIVE,
            end__gte=today,
            end__lte=today + dt.timedelta(days=START_PAGE_AGREEMENT_DAYS),
        )
        .order_by("end")
        .values("pk", "subject", "end", network_name=F("network__name"))
    )
    without_contact = (
        permissions.scope(user, Organisation.objects.filter(contact_name=""), "organisation.view")
        .order_by("name")
        .values("pk", "name")
    )
    invitations = (
        invitations_open(actor=user)
        .order_by("created_at")
        .values(
            "role",
            "created_at",
            email=F("user__email"),
            # Where the role holds: the network, else the organisation (Membership.__str__).
            where=Coalesce("network__name", "organisation__name"),
        )
    )
    roles = dict(Role.choices)
    # The user's networks once: those nobody reads, and a QR flyer for each network's
    # waiting rooms.
    networks = list(
        permissions.scope(user, Network.objects.all(), "network.view_internal")
        .annotate(has_reader=_has_contact_point_reader())
        .order_by("name")
        .values("pk", "name", "organiser_id", "has_reader")
    )
    return {
        "networks_without_reader": [n for n in networks if not n["has_reader"]][:20],
        "agreements_ending": list(agreements[:20]),
        "invitations_open": [
            {**row, "role_label": roles.get(row["role"], row["role"])} for row in invitations[:20]
        ],
        "partners_without_contact": list(without_contact[:20]),
        "flyer_networks": networks[:20],
    }


def group_list_for_user(*, user) -> list:
    return list(
        permissions.scope(user, Group.objects.select_related("network"), "group.view").order_by(
            "network__name", "kind", "name"
        )
    )


def group_get_for_user(*, user, pk: int, decision_query: str = ""):
    """A group with its meetings; 404 when it does not exist or the user is not part of it."""
    meetings = Meeting.objects.order_by("-date")
    if decision_query:
        meetings = meetings.filter(decisions__icontains=decision_query)
    group = (
        permissions.scope(user, Group.objects.select_related("network"), "group.view")
        .prefetch_related(Prefetch("meetings", queryset=meetings), "member_organisations")
        .filter(pk=pk)
        .first()
    )
    if group is None:
        raise Http404
    return group


def agreement_document_get_for_user(*, user, name: str) -> Agreement:
    """The agreement whose document is `name`, for someone who may see it; else 404."""
    agreement = Agreement.objects.filter(document=name).exclude(document="").first()
    if agreement is None or not permissions.can(user, "agreement.view", agreement):
        raise Http404
    return agreement
