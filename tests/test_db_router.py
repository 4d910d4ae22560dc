"""The optional read-replica router: public catalogue reads only, never in a transaction."""

import pytest
from django.db import transaction

from aanbod.models import Offer
from doorverwijzing.models import Referral
from huisvanhetkind.db_router import PublicReadsToReplica
from partners.models import Network

router = PublicReadsToReplica()


def test_catalogue_and_network_reads_go_to_the_replica():
    assert router.db_for_read(Offer) == "replica"
    assert router.db_for_read(Network) == "replica"


def test_referral_reads_stay_on_the_primary():
    assert router.db_for_read(Referral) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary():
    with transaction.atomic():
        assert router.db_for_read(Offer) == "default"


def test_every_write_and_migration_goes_to_the_primary():
    assert router.db_for_write(Offer) == "default"
    assert router.allow_migrate("default", "aanbod") is True
    assert router.allow_migrate("replica", "aanbod") is False
