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
