"""The network's lists of the coordinator's start page are one statement written in SQL
(partners.selectors.network_attention): these tests hold each list to the ORM's answer,
its scope from the permission registry and its rule from the selectors and querysets that
are its home (_has_contact_point_reader, invitations_open), so each rule keeps one home."""

import datetime as dt
import itertools

import pytest
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from huisvanhetkind import permissions
from partners import selectors
from partners.choices import AgreementStatus, Role
from partners.invitations import invitations_open
from partners.models import Agreement, Membership, Network, Organisation
from partners.selectors import (
    START_PAGE_AGREEMENT_DAYS,
    _has_contact_point_reader,
    network_attention,
    networks_without_contact_point_reader,
    networks_without_coordinator,
)

from .factories import (
    AgreementFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LISTS = (
    "networks_without_reader",
    "agreements_ending",
    "invitations_open",
    "partners_without_contact",
    "flyer_networks",
    "networks_without_coordinator",
)


def attention_by_the_orm(user, today: dt.date, limit: int) -> dict[str, list[int]]:
    """The five lists as ids, from the registry's scopes and the ORM's rules (the
    selector as it was before it was written in SQL)."""
    agreements = (
        permissions.scope(user, Agreement, "agreement.view")
        .filter(
            status=AgreementStatus.ACTIVE,
            end__gte=today,
            end__lte=today + dt.timedelta(days=START_PAGE_AGREEMENT_DAYS),
        )
        .order_by("end")
    )
    without_contact = permissions.scope(
        user, Organisation.objects.filter(contact_name=""), "organisation.view"
    ).order_by("name")
    invitations = invitations_open(actor=user).order_by("created_at")
    networks = permissions.scope(user, Network.objects.all(), "network.view_internal").order_by(
        "name"
    )
    unread = set(networks_without_contact_point_reader(networks).values_list("id", flat=True))
    uncoordinated = set(networks_without_coordinator(networks).values_list("id", flat=True))
    every_network = list(networks.values_list("id", flat=True))
    return {
        "networks_without_reader": [pk for pk in every_network if pk in unread][:limit],
        "agreements_ending": list(agreements.values_list("id", flat=True)[:limit]),
        "invitations_open": list(invitations.values_list("id", flat=True)[:limit]),
        "partners_without_contact": list(without_contact.values_list("id", flat=True)[:limit]),
        "flyer_networks": every_network[:limit],
        "networks_without_coordinator": [pk for pk in every_network if pk in uncoordinated][:limit],
    }


def ids(attention) -> dict[str, list[int]]:
    return {name: [line["pk"] for line in attention[name]] for name in LISTS}


# What each list is ordered by: lines tied on it may come in either order.
ORDERED_BY = {
    "networks_without_reader": (Network, lambda network: network.name),
    "agreements_ending": (Agreement, lambda agreement: agreement.end),
    "invitations_open": (Membership, lambda membership: membership.created_at),
    "partners_without_contact": (Organisation, lambda organisation: organisation.name),
    "flyer_networks": (Network, lambda network: network.name),
    "networks_without_coordinator": (Network, lambda network: network.name),
}


def in_order(lists: dict[str, list[int]]) -> dict[str, list]:
    """Each list as the values it is ordered by: equal for lists equal up to ties."""
    shown = {}
    for name, pks in lists.items():
        model, key = ORDERED_BY[name]
        rows = model.objects.in_bulk(pks)
        shown[name] = [key(rows[pk]) for pk in pks]
    return shown


@pytest.fixture
def network_of_every_kind(cast):
    """Networks, agreements, partners and invitations in the cast's network, the far one,
    both and none, in every state the lists tell apart."""
    today = timezone.localdate()
    coordinator, far = cast.coordinator, cast.far_coordinator
    # Networks the coordinator also coordinates and the viewer views, with every kind of
    # contact point: a reader, an inactive reader, someone who reads nothing, nobody.
    networks = [cast.network, cast.far_network]
    for number in range(24):
        organiser = OrganisationFactory(name=f"Organisator {number:02}")
        if number % 4 == 0:
            MembershipFactory(role=Role.SOCIAL_WORKER, organisation=organiser)
        elif number % 4 == 1:
            MembershipFactory(
                role=Role.SOCIAL_WORKER,
                organisation=organiser,
                user=UserFactory(is_active=False),
            )
        elif number % 4 == 2:
            MembershipFactory(role=Role.PARTNER_EDITOR, organisation=organiser)
        network = NetworkFactory(
            name=f"Netwerk {(number * 7) % 12:02}", organiser=None if number % 4 == 3 else organiser
        )
        organiser.networks.add(network)
        networks.append(network)
        holder = (coordinator, cast.viewer, far)[number % 3]
        role = Role.VIEWER if holder is cast.viewer else Role.COORDINATOR
        MembershipFactory(user=holder, role=role, network=network)
    statuses = (AgreementStatus.ACTIVE, AgreementStatus.DRAFT, AgreementStatus.ENDED)
    for number, (network, status) in enumerate(itertools.product(networks, statuses)):
        for days in (-3, 5 + number, 60 + number, START_PAGE_AGREEMENT_DAYS + 1):
            AgreementFactory(
                network=network,
                status=status,
                subject=f"Overeenkomst {number:03}",
                end=today + dt.timedelta(days=days),
            )
    places = ([cast.network], [cast.far_network], [cast.network, cast.far_network], [], networks)
    organisations = []
    for number, (where, contact) in enumerate(itertools.product(places, ("", "An", ""))):
        organisations.append(
            OrganisationFactory(
                name=f"Partner {(number * 11) % 15:02}", contact_name=contact, networks=where
            )
        )
    inviter = UserFactory()
    for place, invited, logged_in in itertools.product(
        [{"network": network} for network in networks[:4]]
        + [{"organisation": organisation} for organisation in organisations[::2]],
        (inviter, None),
        (None, timezone.now()),
    ):
        role = Role.VIEWER if "network" in place else Role.SOCIAL_WORKER
        MembershipFactory(
            user=UserFactory(last_login=logged_in),
            role=role,
            invited_by=invited,
            **place,
        )
    Membership.objects.update(created_at=timezone.now())  # ties, then apart:
    for number, membership in enumerate(Membership.objects.order_by("?")[:30]):
        Membership.objects.filter(pk=membership.pk).update(
            created_at=timezone.now() - dt.timedelta(hours=number)
        )
    return networks


@pytest.mark.parametrize(
    "who", ["coordinator", "far_coordinator", "viewer", "superuser", "owner", "volunteer"]
)
def test_the_statement_lists_what_the_orm_lists_for_each_reader(
    cast, network_of_every_kind, monkeypatch, who
):
    user = UserFactory(is_superuser=True, is_staff=True) if who == "superuser" else cast[who]
    today = timezone.localdate()
    for limit in (5, 500):
        monkeypatch.setattr(selectors, "START_PAGE_LIST_LENGTH", limit)
        listed = ids(network_attention(user=user, today=today))
        expected = attention_by_the_orm(user, today, limit)
        assert in_order(listed) == in_order(expected)
        if limit == 500:
            assert {name: set(pks) for name, pks in listed.items()} == {
                name: set(pks) for name, pks in expected.items()
            }
    if who in ("coordinator", "superuser"):
        # A coordinator's own networks all have a coordinator: that list is for the others.
        lengths = {n: len(p) for n, p in listed.items() if who == "superuser" or n != LISTS[-1]}
        assert all(length > 5 for length in lengths.values()), lengths


def test_each_line_shows_what_the_orm_shows(cast, network_of_every_kind):
    """The lines' columns, as the page reads them."""
    today = timezone.localdate()
    user = cast.coordinator
    attention = network_attention(user=user, today=today)
    agreements = Agreement.objects.filter(pk__in=ids(attention)["agreements_ending"])
    assert {line["pk"]: line for line in attention["agreements_ending"]} == {
        row["pk"]: row
        for row in agreements.values("pk", "subject", "end", network_name=F("network__name"))
    }
    invitations = Membership.objects.filter(pk__in=ids(attention)["invitations_open"])
    roles = dict(Role.choices)
    assert {line["pk"]: line for line in attention["invitations_open"]} == {
        row["pk"]: {**row, "role_label": roles[row["role"]]}
        for row in invitations.values(
            "pk",
            "role",
            "created_at",
            email=F("user__email"),
            where=Coalesce("network__name", "organisation__name"),
        )
    }
    networks = Network.objects.filter(pk__in=ids(attention)["flyer_networks"])
    assert {line["pk"]: line for line in attention["flyer_networks"]} == {
        row["pk"]: row
        for row in networks.annotate(has_reader=_has_contact_point_reader()).values(
            "pk", "name", "organiser_id", "has_reader"
        )
    }
    assert {(line["pk"], line["name"]) for line in attention["partners_without_contact"]} == set(
        Organisation.objects.filter(pk__in=ids(attention)["partners_without_contact"]).values_list(
            "pk", "name"
        )
    )
    assert [line["has_reader"] for line in attention["networks_without_reader"]] == [False] * len(
        attention["networks_without_reader"]
    )


def test_another_networks_lines_are_never_listed(cast, network_of_every_kind):
    today = timezone.localdate()
    far = ids(network_attention(user=cast.far_coordinator, today=today))
    for user in (cast.coordinator, cast.viewer, cast.owner):
        mine = ids(network_attention(user=user, today=today))
        expected = attention_by_the_orm(user, today, 500)
        for name in LISTS:
            assert not (set(far[name]) - set(expected[name])) & set(mine[name])


def test_an_inactive_or_anonymous_user_gets_empty_lists(cast, network_of_every_kind):
    coordinator = cast.coordinator
    coordinator.is_active = False
    for user in (coordinator, cast.anonymous, cast.volunteer):
        attention = network_attention(user=user, today=timezone.localdate())
        assert attention == {name: [] for name in LISTS}
