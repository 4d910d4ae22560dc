"""The filters of Mijn aanbod (one status or all; a bad status is no error) and of the
coordinator's review list (network, partner, new or changed; only the reviewer's own)."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from aanbod.choices import OfferStatus
from aanbod.mine_filters import MineFilterSet, ReviewFilterSet
from aanbod.models import Offer
from aanbod.selectors import offers_in_review_for_user
from aanbod.tests.factories import OfferFactory
from partners.choices import Role
from partners.tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _filtered(query: str) -> tuple[str, set[str]]:
    filterset = MineFilterSet(QueryDict(query), queryset=Offer.objects.all())
    return filterset.chosen_status(), {offer.status for offer in filterset.qs}


def test_one_status_all_statuses_or_a_bad_one():
    OfferFactory(status=OfferStatus.DRAFT)
    OfferFactory(status=OfferStatus.PUBLISHED)

    assert _filtered("status=draft") == ("draft", {OfferStatus.DRAFT})
    assert _filtered("") == ("", {OfferStatus.DRAFT, OfferStatus.PUBLISHED})
    assert _filtered("status=gone") == ("", {OfferStatus.DRAFT, OfferStatus.PUBLISHED})


def test_the_catalogue_filters_are_one_filterset_that_never_filters_a_queryset_itself():
    from aanbod.filters import OfferFilterSet

    filterset = OfferFilterSet(
        QueryDict("age=0-3&age=bogus&page=-1"), queryset=Offer.objects.none()
    )
    query, filters, page = filterset.search_arguments()
    assert (query, filters.ages, page) == ("", ("0-3",), 1)
    with pytest.raises(NotImplementedError):
        filterset.qs  # noqa: B018  (the matching is our SQL: aanbod.search)


def _waiting(network, **fields) -> Offer:
    organisation = fields.pop("organisation", None) or OrganisationFactory(networks=[network])
    return OfferFactory(
        organisation=organisation,
        networks=[network],
        status=OfferStatus.IN_REVIEW,
        indexed=False,
        **fields,
    )


def _review(user, query: str = "") -> ReviewFilterSet:
    return ReviewFilterSet(
        QueryDict(query) or None, queryset=offers_in_review_for_user(user=user), user=user
    )


def test_a_coordinator_of_two_networks_reviews_one_network_at_a_time(cast):
    coordinator, network, second = cast["coordinator"], cast["network"], cast["far_network"]
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=second)
    here, there = _waiting(network), _waiting(second)

    assert set(_review(coordinator).qs) == {here, there}
    assert list(_review(coordinator, f"netwerk={second.slug}").qs) == [there]
    assert set(_review(coordinator).form.fields["netwerk"].queryset) == {network, second}


def test_a_coordinator_of_one_network_is_not_asked_for_a_network(cast):
    assert "netwerk" not in _review(cast["coordinator"]).form.fields


def test_the_partner_choices_are_the_partners_with_an_offer_waiting_in_own_networks(cast):
    network = cast["network"]
    waiting = _waiting(network, organisation=cast["organisation"])
    _waiting(network, organisation=cast["other_organisation"])
    _waiting(cast["far_network"])
    OfferFactory(organisation=OrganisationFactory(networks=[network]), networks=[network])

    filters = _review(cast["coordinator"], f"partner={cast['organisation'].slug}")

    choices = set(filters.form.fields["partner"].queryset)
    assert choices == {cast["organisation"], cast["other_organisation"]}
    assert list(filters.qs) == [waiting]


def test_another_networks_partner_is_a_form_error_not_a_look_into_that_network(cast):
    own = _waiting(cast["network"])
    far = _waiting(cast["far_network"])

    filters = _review(cast["coordinator"], f"partner={far.organisation.slug}")

    assert not filters.is_valid() and "partner" in filters.form.errors
    assert list(filters.qs) == [own]


def test_another_network_is_a_form_error_for_a_coordinator_of_several(cast):
    coordinator = cast["coordinator"]
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, network=cast["far_network"])
    _waiting(cast["network"])
    elsewhere = NetworkFactory()

    filters = _review(coordinator, f"netwerk={elsewhere.slug}")

    assert "netwerk" in filters.form.errors
    assert len(filters.qs) == 1


def test_new_offers_and_changes_to_published_ones_are_told_apart(cast):
    network = cast["network"]
    new = _waiting(network, published_at=None)
    changed = _waiting(network, published_at=timezone.now())

    assert list(_review(cast["coordinator"], "kind=new").qs) == [new]
    assert list(_review(cast["coordinator"], "kind=changed").qs) == [changed]
    assert "kind" in _review(cast["coordinator"], "kind=other").form.errors
