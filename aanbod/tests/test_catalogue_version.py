"""The catalogue version moves with every change, and once more after each transaction."""

import pytest
from django.db import transaction

from aanbod.catalogue_version import catalogue_changed, catalogue_version

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_change_moves_the_version():
    before = catalogue_version()
    catalogue_changed()
    first = catalogue_version()
    catalogue_changed()
    assert before != first != catalogue_version()


def test_a_transaction_moves_it_at_each_change_and_once_after_its_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        catalogue_changed()
        first = catalogue_version()
        catalogue_changed()
        catalogue_changed()
        during = catalogue_version()
    assert first != during  # the transaction itself reads the new rows at once
    assert len(callbacks) == 1  # one write after the commit, not one per offer
    assert catalogue_version() != during


def test_a_change_after_a_rolled_back_savepoint_still_moves_it_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                catalogue_changed()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        catalogue_changed()
        during = catalogue_version()
    assert len(callbacks) == 1
    assert catalogue_version() != during
