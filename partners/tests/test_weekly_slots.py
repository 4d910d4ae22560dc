"""Weekly times, opening hours and zitdagen are one kind of thing: a weekly slot that ends
after it starts (partners.models.WeeklySlot)."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from aanbod.models import RecurringSchedule
from aanbod.tests.factories import OfferFactory
from partners.models import OpeningPeriod, WeeklySlot, Zitdag
from partners.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db

NINE, TEN = dt.time(9, 0), dt.time(10, 0)


def _zitdag(starts, ends, **kwargs) -> Zitdag:
    location = LocationFactory()
    return Zitdag(
        location=location,
        organisation=location.organisation,
        weekday=1,
        starts=starts,
        ends=ends,
        **kwargs,
    )


def test_every_weekly_time_is_a_weekly_slot():
    for model in (RecurringSchedule, OpeningPeriod, Zitdag):
        assert issubclass(model, WeeklySlot)
        names = {field.name for field in model._meta.get_fields()}
        assert {"weekday", "starts", "ends"} <= names
        assert model._meta.ordering == ["weekday", "starts"]


@pytest.mark.parametrize("ends", [NINE, dt.time(8, 0)])
def test_the_database_refuses_a_zitdag_that_ends_before_it_starts(ends):
    zitdag = _zitdag(NINE, ends)
    with pytest.raises(IntegrityError), transaction.atomic():
        zitdag.save()


def test_the_database_refuses_opening_hours_and_weekly_times_that_end_before_they_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningPeriod.objects.create(location=LocationFactory(), weekday=0, starts=TEN, ends=NINE)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecurringSchedule.objects.create(offer=OfferFactory(), weekday=0, starts=TEN, ends=NINE)


def test_a_form_hears_why_a_zitdag_is_refused():
    zitdag = _zitdag(TEN, NINE)
    with pytest.raises(ValidationError) as refused:
        zitdag.full_clean()
    assert "ends" in refused.value.message_dict


def test_the_upgrade_mends_zitdagen_that_would_break_the_check():
    migration = import_module("partners.migrations.0007_zitdag_times_fixed")
    with connection.cursor() as cursor:  # as before 0008: rolled back with the test
        cursor.execute(
            "ALTER TABLE partners_zitdag DROP CONSTRAINT partners_zitdag_ends_after_starts"
        )
    swapped = _zitdag(TEN, NINE)
    same = _zitdag(NINE, NINE)
    late = _zitdag(dt.time(23, 30), dt.time(23, 30))
    fine = _zitdag(NINE, TEN)
    for zitdag in (swapped, same, late, fine):
        zitdag.save()
    migration.zitdag_times_fix(apps, None)
    times = {z.pk: (z.starts, z.ends) for z in Zitdag.objects.all()}
    assert times[swapped.pk] == (NINE, TEN)
    assert times[same.pk] == (NINE, TEN)
    assert times[late.pk] == (dt.time(22, 30), dt.time(23, 30))
    assert times[fine.pk] == (NINE, TEN)
