"""The filter of Mijn aanbod: one status or all; a bad status is no error."""

import pytest
from django.http import QueryDict

from aanbod.choices import OfferStatus
from aanbod.mine_filters import MineFilterSet
from aanbod.models import Offer
from aanbod.tests.factories import OfferFactory

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
