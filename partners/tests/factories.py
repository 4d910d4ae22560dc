import datetime as dt

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from partners import models
from partners.choices import Pillar, Role

factory.Faker._DEFAULT_LOCALE = "nl_BE"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persoon{n}@example.be")
    username = factory.Sequence(lambda n: f"persoon{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("een-lang-wachtwoord-42")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = models.Municipality

    nis_code = factory.Sequence(lambda n: f"{44000 + n}")
    name = factory.Faker("city")


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = models.Network

    name = factory.Sequence(lambda n: f"Huis van het Kind {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    phone = "09 123 45 67"
    email = factory.Sequence(lambda n: f"info{n}@huisvanhetkind.be")
    opening_hours = "maandag tot vrijdag 9.00–12.00"


class OrganisationTypeFactory(DjangoModelFactory):
    class Meta:
        model = models.OrganisationType
        django_get_or_create = ("name",)

    name = "CAW"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = models.Organisation
        skip_postgeneration_save = True

    name = factory.Faker("company")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    type = factory.SubFactory(OrganisationTypeFactory)
    pillars = factory.LazyFunction(lambda: [Pillar.PARENTING])
    contact_name = factory.Faker("name")

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = models.Location

    organisation = factory.SubFactory(OrganisationFactory)
    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Locatie {n}")
    slug = factory.Sequence(lambda n: f"locatie-{n}")
    street = factory.Faker("street_address")
    postcode = "9000"
    city = "Gent"


class OpeningPeriodFactory(DjangoModelFactory):
    class Meta:
        model = models.OpeningPeriod

    location = factory.SubFactory(LocationFactory)
    weekday = 0
    starts = dt.time(9, 0)
    ends = dt.time(12, 0)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = models.Agreement

    network = factory.SubFactory(NetworkFactory)
    subject = "Samenwerking opvoedingsondersteuning"
    start = dt.date(2025, 1, 1)
    end = dt.date(2027, 12, 31)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
    role = Role.VIEWER


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = models.Group
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    kind = "working"
    name = factory.Sequence(lambda n: f"Werkgroep {n}")

    @factory.post_generation
    def member_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.member_organisations.set(extracted)

    @factory.post_generation
    def member_users(self, create, extracted, **kwargs):
        if create and extracted:
            self.member_users.set(extracted)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = models.Meeting

    group = factory.SubFactory(GroupFactory)
    date = dt.date(2026, 10, 14)
    decisions = "Avondaanbod voor werkende ouders uitwerken\nFlyer vertalen naar het Arabisch"


def staff(*users):
    """Give each user a staff account, as an invitation to a staff role does
    (partners.invitations): the admin lets nobody else in. The shared cast's people have
    none until a test of the admin asks: `staff(cast.coordinator, cast.viewer)`."""
    for user in users:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return users[0] if len(users) == 1 else users
