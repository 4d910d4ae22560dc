"""Reads of the network for pages and users. Views never query models directly."""

import datetime as dt
import functools
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from huisvanhetkind import permissions

from .choices import AgreementStatus, Role
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
from .permissions import (
    agreement_viewing_network_ids,
    internally_viewed_network_ids,
    membership_managing_network_ids,
    organisation_viewing,
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


def networks_without_coordinator(queryset: QuerySet | None = None) -> QuerySet:
    """Networks where nobody active with an e-mail address is coordinator: the families'
    signals, the referrals nobody opened, the ending agreements and the flood alerts are
    for the coordinators (network_coordinator_emails), so there they reach nobody."""
    queryset = Network.objects.all() if queryset is None else queryset
    coordinators = Membership.objects.filter(
        network_id=OuterRef("pk"),
        role=Role.COORDINATOR,
        user__is_active=True,
    ).exclude(user__email="")
    return queryset.exclude(Exists(coordinators))


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
    agreements, open invitations, partners without contact, networks nobody reads, networks
    without a coordinator.

    Lines as dicts of what the page shows (no model instances): the page is the admin's
    most visited and the lists are read, not changed, here.

    One statement written in SQL (`_network_attention_sql`): each list's first 20 in its
    own order, joined with UNION ALL; the ORM spent ≈ 5 ms building and compiling four
    statements that take well under a millisecond. Each list's scope comes from its rule
    in partners.permissions as ids; the rule "the contact point has a reader" is that of
    _reader_memberships. Tests hold the statement to the ORM's answer for each list
    (partners/tests/test_network_attention.py)."""
    scopes = {
        "networks": internally_viewed_network_ids(user),
        "agreement_networks": agreement_viewing_network_ids(user),
        "invitation_networks": membership_managing_network_ids(user),
    }
    organisations = organisation_viewing(user)
    if organisations is None:
        scopes["organisation_networks"] = scopes["organisations"] = None
    else:
        scopes["organisation_networks"], scopes["organisations"] = organisations
    lists: dict[str, list] = {name: [] for name in _NETWORK_ATTENTION_LISTS}
    if all(ids is not None and not ids for ids in scopes.values()):
        return lists
    params = {
        **{name: sorted(ids) for name, ids in scopes.items() if ids is not None},
        "social_worker": Role.SOCIAL_WORKER.value,
        "coordinator": Role.COORDINATOR.value,
        "active": AgreementStatus.ACTIVE.value,
        "ending_from": today,
        "ending_until": today + dt.timedelta(days=START_PAGE_AGREEMENT_DAYS),
        "limit": START_PAGE_LIST_LENGTH,
    }
    every = frozenset(name for name, ids in scopes.items() if ids is None)
    with connection.cursor() as cursor:
        cursor.execute(_network_attention_sql(every), params)
        rows = cursor.fetchall()
    roles = dict(Role.choices)
    # UNION ALL promises no order between or within its parts: each row says its place.
    for shown_in, _position, pk, text, other, role, end, created_at, organiser, read in sorted(
        rows
    ):
        name = _NETWORK_ATTENTION_LISTS[shown_in]
        if name == "agreements_ending":
            line = {"pk": pk, "subject": text, "end": end, "network_name": other}
        elif name == "invitations_open":
            line = {
                "pk": pk,
                "role": role,
                "created_at": created_at,
                "email": text,
                "where": other,
                "role_label": roles.get(role, role),
            }
        elif name in ("partners_without_contact", "networks_without_coordinator"):
            line = {"pk": pk, "name": text}
        else:
            line = {"pk": pk, "name": text, "organiser_id": organiser, "has_reader": read}
        lists[name].append(line)
    return lists


# How many lines each list of the start page shows.
START_PAGE_LIST_LENGTH = 20
_NETWORK_ATTENTION_LISTS = (
    "networks_without_reader",
    "agreements_ending",
    "invitations_open",
    "partners_without_contact",
    "flyer_networks",
    "networks_without_coordinator",
)
# The rule "someone reads the contact point's questions" of _has_contact_point_reader, for
# a network `n` (held to it by partners/tests/test_network_attention.py).
_HAS_CONTACT_POINT_READER = (
    "EXISTS (SELECT 1 FROM partners_membership rm JOIN {users} ru ON ru.id = rm.user_id"
    " WHERE rm.role = %(social_worker)s AND ru.is_active AND rm.organisation_id = n.organiser_id)"
)
# The rule of networks_without_coordinator, for a network `n`.
_HAS_COORDINATOR = (
    "EXISTS (SELECT 1 FROM partners_membership cm JOIN {users} cu ON cu.id = cm.user_id"
    " WHERE cm.role = %(coordinator)s AND cu.is_active AND cu.email <> ''"
    " AND cm.network_id = n.id)"
)
# Each list: its scope (by the name of its ids, partners.permissions), its columns (pk, text,
# other, role, end, created_at, organiser_id, has_reader), its tables, its rule and its order.
_NETWORK_ATTENTION_PARTS = (
    (
        {"networks": "n.id = ANY(%(networks)s::bigint[])"},
        "n.id, n.name, NULL, NULL, NULL::date, NULL::timestamptz, n.organiser_id, FALSE",
        "partners_network n",
        f"NOT {_HAS_CONTACT_POINT_READER}",
        "n.name ASC",
    ),
    (
        {"agreement_networks": "a.network_id = ANY(%(agreement_networks)s::bigint[])"},
        'a.id, a.subject, n.name, NULL, a."end", NULL::timestamptz, NULL::bigint, NULL::boolean',
        "partners_agreement a JOIN partners_network n ON n.id = a.network_id",
        'a.status = %(active)s AND a."end" >= %(ending_from)s AND a."end" <= %(ending_until)s',
        'a."end" ASC',
    ),
    (
        {
            "invitation_networks": "(m.network_id = ANY(%(invitation_networks)s::bigint[])"
            " OR m.organisation_id IN (SELECT organisation_id FROM partners_organisation_networks"
            " WHERE network_id = ANY(%(invitation_networks)s::bigint[])))"
        },
        "m.id, u.email, COALESCE(mn.name, mo.name), m.role, NULL::date, m.created_at,"
        " NULL::bigint, NULL::boolean",
        "partners_membership m JOIN {users} u ON u.id = m.user_id"
        " LEFT JOIN partners_network mn ON mn.id = m.network_id"
        " LEFT JOIN partners_organisation mo ON mo.id = m.organisation_id",
        # partners.invitations.invitations_open: invited, never logged in.
        "m.invited_by_id IS NOT NULL AND u.last_login IS NULL",
        "m.created_at ASC",
    ),
    (
        {
            "organisation_networks": "(o.id = ANY(%(organisations)s::bigint[])"
            " OR o.id IN (SELECT organisation_id FROM partners_organisation_networks"
            " WHERE network_id = ANY(%(organisation_networks)s::bigint[])))",
            "organisations": "",
        },
        "o.id, o.name, NULL, NULL, NULL::date, NULL::timestamptz, NULL::bigint, NULL::boolean",
        "partners_organisation o",
        "o.contact_name = ''",
        "o.name ASC",
    ),
    (
        {"networks": "n.id = ANY(%(networks)s::bigint[])"},
        f"n.id, n.name, NULL, NULL, NULL::date, NULL::timestamptz, n.organiser_id,"
        f" {_HAS_CONTACT_POINT_READER}",
        "partners_network n",
        "TRUE",
        "n.name ASC",
    ),
    (
        {"networks": "n.id = ANY(%(networks)s::bigint[])"},
        "n.id, n.name, NULL, NULL, NULL::date, NULL::timestamptz, NULL::bigint, NULL::boolean",
        "partners_network n",
        f"NOT {_HAS_COORDINATOR}",
        "n.name ASC",
    ),
)


@functools.cache
def _network_attention_sql(every: frozenset[str]) -> str:
    """The statement, for a user who reaches every object of the scopes named in `every`."""
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    parts = []
    for index, (scopes, columns, tables, rule, order) in enumerate(_NETWORK_ATTENTION_PARTS):
        conditions = [where for name, where in scopes.items() if where and name not in every]
        conditions.append(rule)
        # Counted row by row: a RANGE frame would read all rows tied with the twentieth
        # before LIMIT stops the scan. Only this module's constants and a quoted table
        # name go into the text; values are parameters.
        parts.append(
            f"(SELECT {index}, ROW_NUMBER() OVER (ORDER BY {order}"  # noqa: S608
            f" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), {columns}"
            f" FROM {tables} WHERE {' AND '.join(conditions)}"
            f" ORDER BY {order} LIMIT %(limit)s)"
        )
    return " UNION ALL ".join(parts).replace("{users}", users)


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
