import factory
from factory.django import DjangoModelFactory

from partners.tests.factories import NetworkFactory
from rechten.choices import RightStatus
from rechten.models import Right


class RightFactory(DjangoModelFactory):
    class Meta:
        model = Right
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    key = factory.Sequence(lambda n: f"recht-{n}")
    name = factory.Sequence(lambda n: f"Recht {n}")
    description = "Een recht in gewone woorden."
    condition = factory.LazyFunction(lambda: {"answer": "income", "in": ["low"]})
    why_worth_checking = "Je inkomen is laag."
    why_probably_not = "Je inkomen lijkt te hoog."
    ask_who = "het Sociaal Huis"
    status = RightStatus.PUBLISHED
