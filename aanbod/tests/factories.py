import datetime as dt

import factory
from django.db.backends.postgresql.psycopg_any import NumericRange
from factory.django import DjangoModelFactory

from aanbod import models
from aanbod.choices import AccessType, LifeDomain, OfferStatus
from aanbod.search.index import reindex_offers
from partners.choices import Pillar
from partners.opening_hours import BRUSSELS
from partners.tests.factories import OrganisationFactory

factory.Faker._DEFAULT_LOCALE = "nl_BE"


class OfferFactory(DjangoModelFactory):
    """A published offer, indexed for search like the services leave it."""

    class Meta:
        model = models.Offer
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Aanbod {n}")
    slug = factory.Sequence(lambda n: f"aanbod-{n}")
    summary = "Een korte zin over dit aanbod."
    pillars = factory.LazyFunction(lambda: [Pillar.MEETING])
    life_domains = factory.LazyFunction(lambda: [LifeDomain.MEETING])
    access_type = AccessType.WALK_IN
    age_months = factory.LazyFunction(lambda: NumericRange(None, None))
    languages = factory.LazyFunction(lambda: ["nl"])
    status = OfferStatus.PUBLISHED

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create and extracted is not False:
            reindex_offers(models.Offer.objects.filter(id=self.id))


class RecurringScheduleFactory(DjangoModelFactory):
    class Meta:
        model = models.RecurringSchedule

    offer = factory.SubFactory(OfferFactory)
    weekday = 1
    starts = dt.time(9, 0)
    ends = dt.time(11, 0)


class OccurrenceFactory(DjangoModelFactory):
    class Meta:
        model = models.Occurrence

    offer = factory.SubFactory(OfferFactory)
    starts_at = dt.datetime(2026, 12, 2, 14, 0, tzinfo=BRUSSELS)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


class NeedWordFactory(DjangoModelFactory):
    class Meta:
        model = models.NeedWord
        django_get_or_create = ("language", "word")

    language = "en"
    word = "nappies"
    catalogue_terms = "luiers"


class SynonymFactory(DjangoModelFactory):
    class Meta:
        model = models.Synonym
        django_get_or_create = ("term", "expands_to")

    term = "pampers"
    expands_to = "luiers"
