"""The coordinator's four offer lists are one statement written in SQL
(aanbod.selectors.coordinator_offer_attention): these tests hold it to the ORM's answer,
the scope of "offer.review" from the permission registry and the lists' rules from the
queryset methods and aanbod.ways_to_act, so each rule keeps its one home."""

import datetime as dt
import itertools

import pytest
from django.db.models import F
from django.utils import timezone, translation

from aanbod.choices import AccessType, OfferStatus
from aanbod.models import CONFIRM_EVERY_DAYS, Offer
from aanbod.selectors import (
    ATTENTION_LISTS,
    FUNDING_WARNING_DAYS,
    coordinator_offer_attention,
)
from aanbod.ways_to_act import without_way_to_act
from huisvanhetkind import permissions
from partners.tests.factories import OrganisationFactory, UserFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def attention_by_the_orm(user, today: dt.date, limit: int) -> dict[str, list[int]]:
    """The four lists as ids, from the registry's scope and the ORM's rules."""
    if not permissions.can(user, "offer.review"):
        return {name: [] for name in ATTENTION_LISTS}
    mine = permissions.scope(user, Offer, "offer.review")
    each = (
        mine.filter(status=OfferStatus.IN_REVIEW).order_by("updated_at"),
        mine.not_confirmed_since(today - dt.timedelta(days=CONFIRM_EVERY_DAYS)).order_by(
            F("last_verified").asc(nulls_first=True)
        ),
        mine.exclude(status=OfferStatus.ARCHIVED)
        .filter(
            funding_ends__gte=today,
            funding_ends__lte=today + dt.timedelta(days=FUNDING_WARNING_DAYS),
        )
        .order_by("funding_ends"),
        mine.published().filter(without_way_to_act()).order_by("title_nl", "id"),
    )
    return {
        name: list(offers.values_list("id", flat=True)[:limit])
        for name, offers in zip(ATTENTION_LISTS, each, strict=True)
    }


def ids(attention) -> dict[str, list[int]]:
    return {name: [line.pk for line in lines] for name, lines in attention.items()}


# What each list is ordered by: offers tied on it may come in either order.
ORDERED_BY = {
    "offers_to_review": lambda offer: offer.updated_at,
    "offers_stale": lambda offer: (offer.last_verified is not None, offer.last_verified),
    "offers_funding_ending": lambda offer: offer.funding_ends,
    "offers_without_way_to_act": lambda offer: (offer.title_nl, offer.id),
}


def in_order(lists: dict[str, list[int]]) -> dict[str, list]:
    """Each list as the values it is ordered by: equal for lists equal up to ties."""
    offers = Offer.objects.in_bulk(itertools.chain(*lists.values()))
    return {name: [ORDERED_BY[name](offers[pk]) for pk in pks] for name, pks in lists.items()}


@pytest.fixture
def offers_of_every_kind(cast):
    """Offers in both networks and in none, in every state the lists tell apart; dates and
    contact details all different, so each list has one order."""
    today = timezone.localdate()
    silent = OrganisationFactory(networks=[cast.network], phone="", email="", website="")
    speaking = OrganisationFactory(networks=[cast.network], phone="09 123 45 67")
    networks = ([cast.network], [cast.far_network], [cast.network, cast.far_network], [])
    statuses = (OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED, OfferStatus.ARCHIVED)
    verified = (None, 0, 100)  # days ago, plus the offer's number: either side of 182
    made = []
    for number, (where, status, days, organisation, contact) in enumerate(
        itertools.product(
            networks,
            statuses,
            verified,
            (silent, speaking),
            ({}, {"email": "a@example.org"}, {"how_to_join_nl": "Bel ons"}),
        )
    ):
        offer = OfferFactory(
            title=f"Aanbod {number:03}",
            networks=where,
            status=status,
            organisation=organisation,
            access_type=AccessType.REGISTRATION if number % 4 == 0 else AccessType.WALK_IN,
            last_verified=None if days is None else today - dt.timedelta(days=days + number),
            funding_ends=today + dt.timedelta(days=(number % 120) - 10),
            **contact,
        )
        made.append(offer)
    # Published, never confirmed: by the day of publishing, or not at all.
    Offer.objects.filter(pk__in=[o.pk for o in made[::3]]).update(
        published_at=timezone.now() - dt.timedelta(days=CONFIRM_EVERY_DAYS + 1)
    )
    Offer.objects.filter(pk__in=[o.pk for o in made[1::3]]).update(published_at=None)
    return made


@pytest.mark.parametrize("who", ["coordinator", "far_coordinator", "superuser", "owner"])
def test_the_statement_lists_what_the_orm_lists_for_each_reader(cast, offers_of_every_kind, who):
    user = UserFactory(is_superuser=True, is_staff=True) if who == "superuser" else cast[who]
    today = timezone.localdate()
    for limit in (5, 500):
        listed = ids(coordinator_offer_attention(user=user, today=today, limit=limit))
        expected = attention_by_the_orm(user, today, limit)
        assert in_order(listed) == in_order(expected)
        if limit == 500:
            assert {name: set(pks) for name, pks in listed.items()} == {
                name: set(pks) for name, pks in expected.items()
            }
    if who != "owner":
        assert all(len(pks) > 5 for pks in listed.values())


def test_another_networks_offers_are_never_listed(cast, offers_of_every_kind):
    far = set(permissions.scope(cast.far_coordinator, Offer, "offer.review").values_list("id"))
    mine = set(permissions.scope(cast.coordinator, Offer, "offer.review").values_list("id"))
    only_far = {pk for (pk,) in far - mine}
    assert only_far
    for user in (cast.coordinator, cast.viewer, cast.owner):
        listed = ids(coordinator_offer_attention(user=user, today=timezone.localdate(), limit=500))
        assert not only_far & set(itertools.chain(*listed.values()))


def test_an_inactive_or_anonymous_user_gets_empty_lists(cast, offers_of_every_kind):
    coordinator = cast.coordinator
    coordinator.is_active = False
    for user in (coordinator, cast.anonymous):
        attention = coordinator_offer_attention(user=user, today=timezone.localdate())
        assert attention == {name: [] for name in ATTENTION_LISTS}


def test_each_line_shows_the_title_in_the_readers_language_and_the_offers_columns(cast):
    offer = OfferFactory(
        title="Voorleesuur",
        title_fr="Heure du conte",
        networks=[cast.network],
        status=OfferStatus.IN_REVIEW,
        funding_source="Provincie",
        funding_ends=dt.date(2030, 1, 31),
        last_verified=dt.date(2020, 5, 1),
    )
    with translation.override("fr"):
        (line,) = coordinator_offer_attention(user=cast.coordinator, today=timezone.localdate())[
            "offers_to_review"
        ]
    assert (line.pk, line.title, line.title_nl, line.organisation_name) == (
        offer.pk,
        "Heure du conte",
        "Voorleesuur",
        offer.organisation.name,
    )
    assert (line.access_type, line.last_verified, line.funding_source, line.funding_ends) == (
        AccessType.WALK_IN,
        dt.date(2020, 5, 1),
        "Provincie",
        dt.date(2030, 1, 31),
    )
