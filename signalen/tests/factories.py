import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from partners.choices import Role
from partners.tests.factories import MembershipFactory, NetworkFactory, UserFactory
from signalen.choices import SignalKind, SignalSource
from signalen.models import Signal, Theme

factory.Faker._DEFAULT_LOCALE = "nl_BE"


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Thema {n}")


class SignalFactory(DjangoModelFactory):
    class Meta:
        model = Signal

    network = factory.SubFactory(NetworkFactory)
    source = SignalSource.STAFF
    kind = SignalKind.NEED
    text = "Geen avondaanbod voor werkende ouders."
    created_at = factory.LazyFunction(timezone.now)


def coordinator_of(network, **kwargs):
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, role=Role.COORDINATOR, network=network)
    return user
